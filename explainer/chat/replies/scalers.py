"""Replies about choosing and applying a scaler: which method, skewed features, correlation, when not to,
leakage, the target. Each compares the methods on the scenario's own data.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explainer.chat.measure import explanation_for
from explainer.chat.wording import (
    Context,
    FigureRef,
    Reply,
    describe,
    lead,
    name,
    names_a_network,
    number,
    percent,
    speedup_text,
)
from explainer.linear.analysis import Analysis, condition_after
from explainer.linear.data import make_data
from explainer.linear.descent import predicted_gd_iterations
from explainer.linear.normalize import fit_normalizer
from explainer.linear.quadratic import build_quadratic
from explainer.scenario.spec import NORMALIZATIONS, Feature, Scenario, default_scenario
from explainer.scenario.vocabulary import METHODS
from explainer.text.formatting import count, escape_markdown

_METHOD_ROWS = ("none", *(key for key in METHODS if key != "none"))  # raw first, then the menu's order


def condition_by_method(analysis: Analysis) -> dict[str, float]:
    """κ after each normalization the engine knows, on the same data."""
    data = analysis.data
    found = {}
    for key in NORMALIZATIONS:
        normalizer = fit_normalizer(key, data.features, data.feature_names)  # type: ignore[arg-type]
        found[key] = condition_after(analysis, normalizer.apply(data.features))
    return found


@dataclass(frozen=True)
class TargetScaling:
    factor: float
    condition_numbers: tuple[float, float]
    max_stable_lrs: tuple[float, float]
    iterations: tuple[int | None, int | None]
    start_losses: tuple[float, float]


def target_check(analysis: Analysis, factor: float = 1000.0) -> TargetScaling:
    """The raw problem with y as it is and with y × factor: curvature, stable step, iterations, loss."""
    data = analysis.data
    quadratics = [
        build_quadratic(data.features, data.target * scale, data.feature_names, analysis.scenario.loss)
        for scale in (1.0, factor)
    ]
    iterations = [
        predicted_gd_iterations(quadratic, quadratic.best_lr, analysis.scenario.tolerance)[0]
        for quadratic in quadratics
    ]
    start = np.zeros(len(quadratics[0].optimum))
    losses = [float(quadratic.loss(start)) for quadratic in quadratics]
    return TargetScaling(
        factor,
        (quadratics[0].condition_number, quadratics[1].condition_number),
        (quadratics[0].max_stable_lr, quadratics[1].max_stable_lr),
        (iterations[0], iterations[1]),
        (losses[0], losses[1]),
    )


@dataclass(frozen=True)
class Skew:
    """A feature spanning orders of magnitude, before and after a log: how bunched are its values?"""

    name: str
    low: float
    high: float
    bunched_linear: float  # share of values in the bottom 5% of the range after min-max scaling
    bunched_log: float  # the same after taking logs first
    largest_z_linear: float
    largest_z_log: float


def skew_feature(scenario: Scenario) -> Feature:
    """The scenario's widest positive feature as a long-tailed one, or a 1 … 10⁶ example."""
    candidates = [f for f in scenario.features if f.low > 0 and f.high / f.low >= 100]
    if candidates:
        widest = max(candidates, key=lambda f: f.high / f.low)
        return Feature(widest.name, widest.low, widest.high, "lognormal")
    return Feature("income", 1e3, 1e7, "lognormal")


def skew(feature: Feature, samples: int = 1000) -> Skew:
    values = make_data(Scenario(features=(feature,), samples=samples)).features[:, 0]
    logs = np.log(values)

    def bunched(column: np.ndarray) -> float:
        scaled = (column - column.min()) / np.ptp(column)
        return float(np.mean(scaled < 0.05))

    def largest_z(column: np.ndarray) -> float:
        return float(np.max(np.abs(column - column.mean())) / column.std())

    return Skew(
        feature.name, feature.low, feature.high, bunched(values), bunched(logs), largest_z(values), largest_z(logs)
    )


def method_choice(context: Context) -> Reply:
    explanation = explanation_for(context.scenario)
    conditions = condition_by_method(explanation.analysis)
    long_tail = skew(skew_feature(context.scenario))
    text = lead(context) + "\n\nFor gradient descent what matters is the condition number κ after scaling:\n\n"
    text += "| method | κ |\n|---|---:|\n"
    text += "\n".join(f"| {METHODS[key].phrase} | {number(conditions[key])} |" for key in _METHOD_ROWS)
    text += (
        "\n\n- **Z-scoring** centres and equalizes the spread: the usual default for gradient descent. It does not"
        " need normally distributed data.\n"
        f"- **Min-max to [0, 1]** equalizes ranges but leaves every mean near 0.5, so some coupling with the bias"
        f" remains (κ {number(conditions['minmax'])} vs {number(conditions['zscore'])}); to [−1, 1] the midrange"
        f" lands on 0 (κ {number(conditions['minmax_symmetric'])}). Use it when a bounded range is wanted.\n"
        "- **Outliers** set min-max's range and inflate the standard deviation. With a long tail (say"
        f" {name(long_tail.name)} log-normal from {number(long_tail.low)} to {number(long_tail.high)}), min-max"
        f" scaling puts {percent(long_tail.bunched_linear)} of the values in the bottom 5% of [0, 1]. Robust scaling"
        " (median and interquartile range) is not moved by a few extreme values; for long tails a log transform"
        " first often helps more.\n"
        f"- **Whitening** also removes correlation (κ {number(conditions['whiten'])}), at the cost of mixing the"
        " features together."
    )
    return Reply(text, (FigureRef("ravine"),), context.scenario)


def correlated_whitening(context: Context) -> Reply:
    base = context.scenario
    if base.data is not None or len(base.features) < 2:
        base = default_scenario().with_changes(
            optimizer=base.optimizer, learning_rate=base.learning_rate, normalization=base.normalization
        )
    illustrated = abs(base.correlation) < 0.3
    correlation = 0.9 if illustrated else base.correlation
    zscored = explanation_for(base.with_changes(correlation=correlation, normalization="zscore"))
    whitened = explanation_for(base.with_changes(correlation=correlation, normalization="whiten"))
    text = lead(context, zscored.scenario) + "\n\n"
    text += (
        "Z-scoring fixes each feature's scale, which equalizes the curvature along each weight's own axis — but not"
        " along diagonals. When features move together, the loss has a ravine along a diagonal: the data pins down"
        " w₁ + w₂ well and w₁ − w₂ poorly.\n\n"
    )
    setting = f"With the features correlated at {number(correlation)}" + (" (for illustration)" if illustrated else "")
    text += (
        f"{setting}, z-scoring leaves κ = {number(zscored.normalized.condition_number)}:"
        f" {count(zscored.normalized.best_lr_iterations)} iterations at the best rate. Whitening (PCA with"
        " whiten=True: rotate onto the principal axes, then scale each to unit variance) makes the inputs"
        f" uncorrelated with unit variance: κ = {number(whitened.normalized.condition_number)},"
        f" {count(whitened.normalized.best_lr_iterations)} iterations.\n\n"
        "Whitening mixes the features (each new input is a combination of the old ones; the weights can be mapped"
        " back), and it needs the covariance matrix, estimated on the training data. With strongly correlated"
        " inputs, ridge regularization or dropping a near-duplicate are alternatives."
    )
    return Reply(text, (FigureRef("ravine"),), zscored.scenario)


def not_needed(context: Context) -> Reply:
    explanation = explanation_for(context.scenario)
    same = explanation.step("same_model").markdown
    agreement = same.split("relative ")[-1].split(")")[0] if "relative " in same else "machine precision"
    similar = explanation_for(Scenario.from_ranges({"a": (0.0, 1.0), "b": (0.0, 1.0)}))
    default = explanation_for(Scenario.from_ranges({"a": (0.0, 1.0), "b": (1.0, 1000.0)}))
    gain = (similar.raw.best_lr_iterations or 0) / max(similar.normalized.best_lr_iterations or 1, 1)
    text = (
        "Scaling is unnecessary, or harmless, when:\n\n"
        "- **The model ignores scale**: decision trees, random forests, gradient boosting.\n"
        "- **Least squares is solved in closed form** (the normal equation, statsmodels OLS, scikit-learn's"
        " LinearRegression): the fitted model is the same either way — normalizing changes the route, not the"
        f" destination (on {describe(context.scenario)} the two fits agree to a relative {agreement}). Only the"
        " coefficients' units change.\n"
        "- **Features already share a scale** (the same unit and a similar range, or one-hot 0/1 columns):"
        " there is no difference of scale to fix. Standardizing one-hot columns is harmless for an unpenalized"
        " model but changes how a penalty treats them.\n\n"
        '"Similar ranges" is not quite "no benefit" for gradient descent: two features both on 0 to 1 still'
        f" have means near 0.5, which couple to the bias. κ = {number(similar.raw.condition_number)} raw vs"
        f" {number(similar.normalized.condition_number)} z-scored — {count(similar.raw.best_lr_iterations)} vs"
        f" {count(similar.normalized.best_lr_iterations)} iterations. Still {number(gain)} times fewer, so worth"
        f" having for gradient descent, but nothing like the {speedup_text(default)} of 0–1 beside 1–1000."
    )
    return Reply(text, (FigureRef("loss"),), similar.scenario)


def data_leakage(context: Context) -> Reply:
    explanation = explanation_for(context.scenario)
    text = (
        "Split first, fit the scaler on the training rows only, then apply those same statistics, unchanged, to"
        " validation, test and future data.\n\n"
        "The mean, standard deviation, minimum and maximum are *learned* from data. Computed on all rows, they"
        " carry information about the test set into training, so the test score is slightly optimistic. And at"
        ' prediction time there is no "test-set mean": one new sample must be scaled with the numbers the model'
        " was trained with.\n\n"
        "- In cross-validation, put the scaler in a Pipeline so each fold refits it on its own training part.\n"
        "- Save the fitted scaler with the model (a Pipeline does both).\n"
        "- New values can fall outside the training range (min-max gives values below 0 or above 1): that is"
        " expected, not an error.\n\n"
        + _split_then_scale_code(getattr(context.entities, "stack", None), explanation.code)
    )
    return Reply(text, (), context.scenario)


R_SPLIT_THEN_SCALE = """In R, caret and recipes learn the statistics from the rows you give them and apply them unchanged:

```r
library(caret)
scaling <- preProcess(train, method = c("center", "scale"))  # means and sds of the training rows
train_scaled <- predict(scaling, train)
test_scaled <- predict(scaling, test)  # the same numbers; train(..., preProcess = ...) does this inside each fold

library(recipes)
prepared <- prep(recipe(y ~ ., data = train) |> step_normalize(all_numeric_predictors()), training = train)
test_scaled <- bake(prepared, new_data = test)
```"""


def _split_then_scale_code(stack: str | None, python: str) -> str:
    """The code to copy in the learner's own language: R's caret and recipes, the steps in words for another stack
    (brain.js, ML.NET, MATLAB …), and scikit-learn's Pipeline otherwise."""
    if stack == "R":
        return R_SPLIT_THEN_SCALE
    if stack:
        return (
            f"In {escape_markdown(stack)}, or any library without a scaler object: compute each column's mean and"
            " standard deviation (or minimum and maximum) on the training rows only, store those numbers with the"
            " model, and scale training, test and every new row with the stored numbers, never with statistics of"
            " the rows being scaled."
        )
    return f"```python\n{python}```"


def target_scaling(context: Context) -> Reply:
    explanation = explanation_for(context.scenario)
    check = target_check(explanation.analysis)
    text = lead(context) + "\n\n"
    if names_a_network(context.entities):
        text += (
            "**For a neural network the target's scale does matter.** An output unit with a bounded activation"
            " (sigmoid: 0 to 1, tanh: −1 to 1) cannot reach targets outside its range, and the usual initializations"
            " assume targets near unit scale, so large or tiny targets stall training. Scale y into the output's"
            " range (or use a linear output unit), and invert the scaling on the predictions.\n\n"
        )
    text += (
        "For a linear model trained by gradient descent, scaling y does not change the difficulty: the Hessian"
        f" (2/m)X̃ᵀX̃ does not contain y. The raw problem with y as it is, and with y × {number(check.factor)}:\n\n"
        f"| | y | y × {number(check.factor)} |\n|---|---:|---:|\n"
        f"| condition number κ | {number(check.condition_numbers[0])} | {number(check.condition_numbers[1])} |\n"
        f"| largest stable learning rate | {number(check.max_stable_lrs[0])} | {number(check.max_stable_lrs[1])} |\n"
        f"| iterations to the same relative tolerance | {count(check.iterations[0])} | {count(check.iterations[1])} |\n"
        f"| loss at the start | {number(check.start_losses[0])} | {number(check.start_losses[1])} |\n\n"
        "Only the loss values and the weights scale.\n\n"
        "It does matter when:\n"
        "- a neural network's output layer, initialization or activation assumes targets near unit scale;\n"
        "- several targets on different scales are summed in one loss;\n"
        "- huge values meet float32 arithmetic or gradient clipping;\n"
        "- a penalty's strength is chosen relative to the size of the errors.\n\n"
        "If you scale y, invert the transform on the predictions (scikit-learn's TransformedTargetRegressor does"
        " both)."
    )
    return Reply(text, (), context.scenario)


def skewed_log(context: Context) -> Reply:
    feature = skew_feature(context.scenario)
    shape = skew(feature)
    skewed = explanation_for(Scenario(features=(feature,)))
    text = (
        f"Linear scaling (min-max, z-score) keeps a feature's shape. Take {name(shape.name)} from"
        f" {number(shape.low)} to {number(shape.high)} with a long tail (log-normal: most values small): min-max scaling puts"
        f" {percent(shape.bunched_linear)} of the values into the bottom 5% of [0, 1], and the largest value sits"
        f" {number(shape.largest_z_linear)} standard deviations from the mean. After taking logs:"
        f" {percent(shape.bunched_log)} and {number(shape.largest_z_log)}.\n\n"
        "For gradient descent's *speed*, z-scoring is already enough: it fixes the curvature whatever the shape"
        f" (κ {number(skewed.raw.condition_number)} raw → {number(skewed.normalized.condition_number)} z-scored)."
        " The log is about the *model*: it spreads out the bulk of the values, stops a few extreme points from"
        " dominating a squared-error fit, and often makes multiplicative relationships (incomes, prices, counts)"
        " closer to linear.\n\n"
        "- Use log1p for features with zeros, or scikit-learn's PowerTransformer (Box-Cox for positive data,"
        " Yeo-Johnson for any sign), then standardize.\n"
        "- A log changes the model (y ≈ w·log x + b) and how its weights read; fit any transform on the training"
        " data only."
    )
    return Reply(text, (), skewed.scenario)
