"""Replies about other models: trees, distance-based models, penalized regression, reading the weights.

Each claim is checked on the scenario's data: the same tree refitted after scaling, each feature's
share of a distance, ridge shrinkage per feature, the weights mapped back to original units.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explainer.chat.measure import explanation_for
from explainer.chat.wording import (
    Context,
    Reply,
    describe,
    lead,
    method,
    name,
    number,
    percent,
)
from explainer.linear.analysis import Analysis, original_units_fit
from explainer.text.formatting import count


@dataclass(frozen=True)
class TreeCheck:
    largest_prediction_difference: float
    prediction_spread: float


def tree_check(analysis: Analysis) -> TreeCheck:
    """The same decision tree fitted on raw and on normalized features: how far apart are its predictions?"""
    from sklearn.tree import DecisionTreeRegressor

    features, target = analysis.data.features, analysis.data.target
    normalized = analysis.normalizer.apply(features)
    raw_tree = DecisionTreeRegressor(max_depth=6, random_state=0).fit(features, target)
    normalized_tree = DecisionTreeRegressor(max_depth=6, random_state=0).fit(normalized, target)
    difference = np.abs(raw_tree.predict(features) - normalized_tree.predict(normalized))
    return TreeCheck(float(difference.max()), float(np.ptp(target)))


@dataclass(frozen=True)
class Shrinkage:
    """A penalized coefficient ÷ the least-squares coefficient for each feature, raw and standardized."""

    model: str  # "ridge" or "lasso"
    names: tuple[str, ...]
    penalty: float
    raw: np.ndarray
    standardized: np.ndarray
    converged: bool = True  # lasso's coordinate descent finished within its passes on both sides


UNEVEN_SHRINKAGE = 0.01  # raw ratios closer than this: the penalty's uneven pull does not show in the table
LASSO_PASSES = 10_000  # coordinate-descent passes over the d×d Gram matrix: at most 20² each, whatever the rows


def shrinkage(analysis: Analysis, penalty: float | None = None, model: str = "ridge") -> Shrinkage:
    """Each weight's shrinkage on raw and on z-scored features, bias not penalized. Ridge: min Σr² + α‖w‖², as
    scikit-learn's Ridge, α the learner's or the number of samples (a standardized feature's weight then about
    halves). Lasso: scikit-learn's Lasso, min Σr²/(2m) + α‖w‖₁, at the learner's α, on the Gram matrix so that its
    cost does not grow with the rows."""
    features, target = analysis.data.features, analysis.data.target
    penalty = float(features.shape[0]) if penalty is None else penalty

    def penalized(centred: np.ndarray, response: np.ndarray, gram: np.ndarray) -> tuple[np.ndarray, bool]:
        """The penalized coefficients, and whether the solver finished (ridge's closed form always does)."""
        if model == "ridge":
            return np.linalg.solve(gram + penalty * np.eye(len(gram)), centred.T @ response), True
        import warnings

        from sklearn.exceptions import ConvergenceWarning
        from sklearn.linear_model import Lasso

        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", ConvergenceWarning)
            fitted = Lasso(alpha=penalty, fit_intercept=False, precompute=gram, max_iter=LASSO_PASSES)
            fitted.fit(centred, response)
        return fitted.coef_, not any(issubclass(warning.category, ConvergenceWarning) for warning in caught)

    def ratios(columns: np.ndarray) -> tuple[np.ndarray, bool]:
        centred = columns - columns.mean(axis=0)
        response = target - target.mean()
        gram = centred.T @ centred
        least_squares = np.linalg.solve(gram, centred.T @ response)
        coefficients, finished = penalized(centred, response, gram)
        return coefficients / np.where(least_squares != 0, least_squares, 1.0), finished

    standardized = (features - features.mean(axis=0)) / features.std(axis=0)
    (raw, raw_finished), (scaled, scaled_finished) = ratios(features), ratios(standardized)
    return Shrinkage(model, analysis.data.feature_names, penalty, raw, scaled, raw_finished and scaled_finished)


def distance_shares(analysis: Analysis) -> tuple[np.ndarray, np.ndarray]:
    """Each feature's share of the average squared distance between two samples: raw, z-scored."""
    variances = analysis.data.features.var(axis=0)
    return variances / variances.sum(), np.full(len(variances), 1.0 / len(variances))


@dataclass(frozen=True)
class Weights:
    names: tuple[str, ...]
    normalized: np.ndarray  # weights and bias learned on normalized features
    original: np.ndarray  # the same model in the original units (bias last)
    raw_optimum: np.ndarray


def weights(analysis: Analysis) -> Weights:
    mapped, bias = original_units_fit(analysis)
    return Weights(
        analysis.raw.quadratic.parameter_names,
        analysis.normalized.quadratic.optimum,
        np.append(mapped, bias),
        analysis.raw.quadratic.optimum,
    )


def tree_models(context: Context) -> Reply:
    explanation = explanation_for(context.scenario)
    check = tree_check(explanation.analysis)
    text = (
        'Trees do not need it. A decision tree splits on thresholds ("is b < 412?"), and rescaling a feature by any'
        " increasing transformation moves the threshold with the data without changing which samples go left or right."
        " Random forests and gradient boosting (XGBoost, LightGBM, CatBoost) inherit this.\n\n"
        f"Checked on {describe(context.scenario)}: the same tree (depth 6) fitted on the raw features and again"
        f" after {method(context.scenario)} gives "
        + (
            "identical predictions"
            if check.largest_prediction_difference == 0
            else f"predictions that differ by at most {number(check.largest_prediction_difference)}"
        )
        + f" (on a target drawn for the check, whose predictions span {number(check.prediction_spread)}).\n\n"
        "That holds in exact arithmetic. XGBoost and LightGBM store features as 32-bit floats and can bin them"
        " (their histogram methods), so a shift such as X − 8 rounds nearby values differently and may merge or"
        " split ties: small differences in predictions then come from rounding, not from scale.\n\n"
        "Scaling matters where the raw values enter arithmetic: models trained by gradient descent (linear models,"
        " neural networks), distances (kNN, k-means, SVM) and penalties (ridge, lasso). None of that applies to a"
        " tree's splits."
    )
    return Reply(text, (), context.scenario)


def interpret_weights(context: Context) -> Reply:
    explanation = explanation_for(context.scenario)
    fitted = weights(explanation.analysis)
    scenario = context.scenario
    text = lead(context, model=False) + "\n\n"
    text += (
        f"The model is the same; only the units of its weights change. Trained after {method(scenario)}, a weight"
        ' means "change in y per normalized unit of that feature" (per standard deviation for z-scores). Going'
        " back, for x′ = (x − shift)/scale: w = w′/scale and b = b′ − Σ w·shift.\n\n"
    )
    mixed = scenario.normalization == "whiten"
    header = (
        "| parameter | in original units | raw problem's own best fit |"
        if mixed
        else ("| parameter | learned on normalized | in original units | raw problem's own best fit |")
    )
    lines = [header, "|---|" + "---:|" * (2 if mixed else 3)]
    for index, parameter in enumerate(fitted.names[:9]):
        cells = [number(fitted.original[index]), number(fitted.raw_optimum[index])]
        if not mixed:
            cells.insert(0, number(fitted.normalized[index]))
        lines.append(f"| {name(parameter)} | " + " | ".join(cells) + " |")
    scale = max(float(np.max(np.abs(fitted.raw_optimum))), 1e-300)
    agreement = float(np.max(np.abs(fitted.original - fitted.raw_optimum))) / scale
    text += "\n".join(lines)
    text += (
        f"\n\nThe last two columns agree (to a relative {number(agreement)}): same predictions, same model."
        ' Standardized weights compare "one standard deviation of each feature" — a reasonable but not neutral'
        " basis for importance: correlated features share credit, and a standard deviation depends on your sample."
    )
    if getattr(context.entities, "model", None) in ("lasso", "ridge") or context.quantities.penalty is not None:
        text += (
            "\n\nWith a penalty it is only half the story. The table is unpenalized least squares, where scaling"
            " changes nothing but units. A ridge or lasso fitted on standardized features, mapped back the same way,"
            " gives that fit's predictions exactly, but it is *not* the ridge or lasso fitted on the raw features:"
            " the penalty weighed the weights in standardized units, so it shrank (or dropped) other ones."
        )
    return Reply(text, (), scenario)


def regularization(context: Context) -> Reply:
    explanation = explanation_for(context.scenario)
    given, kind = context.quantities.penalty, context.quantities.penalty_kind
    lasso = given is not None and kind == "lasso"
    shrink = shrinkage(
        explanation.analysis, given if kind in ("ridge", "lasso") else None, "lasso" if lasso else "ridge"
    )
    samples = f"α = {number(shrink.penalty)}, the number of samples"
    if given is None:
        whose = f"Ridge with {samples} (name yours, e.g. alpha=10, to see it)"
    elif kind == "weight_decay":
        whose = f"Ridge with {samples} (your weight decay of {number(given)} acts on a network's mean loss, not on this sum)"
    else:
        whose = f"{'Lasso' if lasso else 'Ridge'} with your α = {number(shrink.penalty)}"
    scale = (
        "α weighs half the mean squared error, as in scikit-learn's Lasso"
        if lasso
        else "α weighs the summed squared error, as in scikit-learn's Ridge"
    )
    unfinished = (
        f" (coordinate descent had not converged within {count(LASSO_PASSES)} passes; these are where it stopped)"
        if not shrink.converged
        else ""
    )
    text = lead(context, model=False) + "\n\n"
    text += (
        "A penalty such as ridge's α·Σw² (or lasso's α·Σ|w|) charges every weight the same price per unit, but a"
        " weight's size depends on its feature's units. A feature measured in large numbers needs only a tiny"
        " weight, so it is barely penalized; a feature on a small scale needs a large weight and is shrunk hard."
        " Standardizing first puts every weight on the same footing.\n\n"
        f"{whose}; {scale}{unfinished}. Each weight as {shrink.model} coefficient ÷ unpenalized coefficient"
        f" (1 = untouched{', 0 = dropped' if lasso else ''}):\n\n| feature | raw | standardized |\n|---|---:|---:|\n"
    )
    text += "\n".join(
        f"| {name(n)} | {number(float(r))} | {number(float(s))} |"
        for n, r, s in zip(shrink.names[:9], shrink.raw, shrink.standardized)
    )
    raw_spread = float(np.ptp(shrink.raw)) if len(shrink.raw) else 0.0
    if raw_spread < UNEVEN_SHRINKAGE and float(np.min(shrink.raw)) > 0.5:  # a weak α: the table cannot show the pull
        text += (
            f"\n\nAt this α the penalty barely moves any weight (the raw ratios differ by {number(raw_spread)}), so"
            " the uneven pull does not show yet: at a larger α"
        )
    elif raw_spread < UNEVEN_SHRINKAGE:  # so strong that every raw weight is all but gone
        text += (
            "\n\nAt this α the penalty takes almost all of every raw weight, so the uneven pull does not show: at a"
            " smaller α"
        )
    else:
        text += "\n\nOn raw features"
    text += (
        " the penalty falls on the small-scale features and spares the large ones; lasso's choice of which features"
        " to drop is skewed the same way. Some libraries (glmnet) standardize internally; scikit-learn's Ridge and"
        " Lasso do not."
    )
    return Reply(text, (), context.scenario)


def distance_models(context: Context) -> Reply:
    explanation = explanation_for(context.scenario)
    raw_shares, scaled_shares = distance_shares(explanation.analysis)
    names = explanation.analysis.data.feature_names
    text = lead(context, model=False) + "\n\n"
    text += (
        "k-nearest neighbours, k-means, RBF-kernel SVMs and PCA all add up squared differences (or variances)"
        " across features. A feature's share of the average squared distance between two samples is its share of"
        " the total variance:\n\n| feature | raw | z-scored |\n|---|---:|---:|\n"
    )
    text += "\n".join(
        f"| {name(n)} | {percent(float(r))} | {percent(float(s))} |"
        for n, r, s in zip(names[:9], raw_shares, scaled_shares)
    )
    if len(names) > 1:
        text += (
            f"\n\nUnscaled, neighbours and clusters are decided by {name(names[int(np.argmax(raw_shares))])} almost"
            " alone."
        )
    text += (
        "\n\nFor these models scaling changes the answer itself, not just the speed — unlike least squares, where the"
        " fitted model is the same either way. Equal weight per feature is a modelling choice; z-scoring is the"
        " neutral default."
    )
    return Reply(text, (), context.scenario)
