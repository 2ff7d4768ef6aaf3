"""Replies about practice: which scaler, when not to scale, leakage, penalties, distances, other models.

The same rule as replies.py: each claim comes with a number computed for the conversation's
scenario (a tree refitted after scaling, ridge shrinkage per feature, each feature's share of
a distance), never a bare slogan.
"""

from __future__ import annotations

import numpy as np

from explainer.chat import measure
from explainer.chat.answers import (
    OPTIMIZER_LABELS,
    Context,
    FigureRef,
    Reply,
    describe,
    lead,
    method,
    name,
    number,
    outcome,
    percent,
    speedup_text,
)
from explainer.formatting import count
from explainer.normalize import METHOD_LABELS
from explainer.scenario import OptimizerSettings, Scenario, default_scenario

_METHOD_ROWS = ("none", "minmax", "minmax_centered", "zscore", "robust", "whiten")


def method_choice(context: Context) -> Reply:
    explanation = measure.explanation_for(context.scenario)
    conditions = measure.condition_by_method(explanation.analysis)
    long_tail = measure.skew(measure.skew_feature(context.scenario))
    text = lead(context) + "\n\nFor gradient descent what matters is the condition number κ after scaling:\n\n"
    text += "| method | κ |\n|---|---:|\n"
    text += "\n".join(f"| {METHOD_LABELS[key]} | {number(conditions[key])} |" for key in _METHOD_ROWS)
    text += (
        "\n\n- **Z-scoring** centres and equalizes the spread: the usual default for gradient descent. It does not"
        " need normally distributed data.\n"
        f"- **Min-max to [0, 1]** equalizes ranges but leaves every mean near 0.5, so some coupling with the bias"
        f" remains (κ {number(conditions['minmax'])} vs {number(conditions['zscore'])}); use it when a bounded range"
        " is wanted.\n"
        "- **Outliers** set min-max's range and inflate the standard deviation. With a long tail (say"
        f" {name(long_tail.name)} log-normal from {number(long_tail.low)} to {number(long_tail.high)}), min-max"
        f" scaling puts {percent(long_tail.bunched_linear)} of the values in the bottom 5% of [0, 1]. Robust scaling"
        " (median and interquartile range) is not moved by a few extreme values; for long tails a log transform"
        " first often helps more.\n"
        f"- **Whitening** also removes correlation (κ {number(conditions['whiten'])}), at the cost of mixing the"
        " features together."
    )
    return Reply(text, (FigureRef("ravine"),), context.scenario)


def batch_norm(context: Context) -> Reply:
    explanation = measure.explanation_for(context.scenario)
    raw, normalized = explanation.raw, explanation.normalized
    text = (
        "Two different things share the word.\n\n"
        "**Input normalization** is preprocessing: learn each feature's mean and standard deviation (or min and"
        " max) from the training data once, and transform every input with them before it reaches the model. For"
        f" a linear model that is the whole story — on {describe(context.scenario)}, it takes κ from"
        f" {number(raw.condition_number)} to {number(normalized.condition_number)} and the iterations from"
        f" {count(raw.best_lr_iterations)} to {count(normalized.best_lr_iterations)}, while each iteration costs the"
        " same.\n\n"
        "**Batch normalization** (Ioffe & Szegedy, 2015) is a layer inside a network. During training it"
        " standardizes each hidden unit's pre-activation with the current mini-batch's mean and variance, then"
        " applies a learned scale γ and shift β; at inference it uses running averages. It adds work to every"
        " step; the gain reported is fewer steps and tolerance of larger learning rates.\n\n"
        "What is established, and what is lore:\n"
        "- *Larger learning rates*: widely observed. For the first layer it is the mechanism shown here — a"
        " smaller largest curvature raises the stable step 2/λmax.\n"
        '- *"Reduces internal covariate shift"*: the original motivation, but Santurkar et al. (2018) found batch'
        " norm still helps with the shift deliberately added back, and credit a smoother loss landscape instead."
        " Why it works is not settled.\n"
        "- *Easier initialization, a regularizing effect* (from mini-batch noise): empirical observations, not"
        " guarantees.\n\n"
        "Batch norm does not make input scaling pointless: a batch-norm layer right after the input acts much"
        " like standardization with batch statistics, but only where it is placed."
    )
    return Reply(text, (FigureRef("loss"),), context.scenario)


def weight_init(context: Context) -> Reply:
    explanation = measure.explanation_for(context.scenario)
    units = measure.saturation(explanation.analysis)
    text = lead(context) + "\n\n"
    text += (
        "Standard initializations (LeCun, Glorot/Xavier, He) give the weights a variance of about 1/fan-in"
        " *assuming each input has roughly unit variance*, so that every unit's pre-activation starts near unit"
        " scale.\n\n"
        f"Fed the raw features, a tanh layer initialized that way (LeCun, 256 units) gets pre-activations with a"
        f" standard deviation of {number(units.raw_spread)}: {percent(units.raw_saturated)} of them have |z| > 2,"
        f" where tanh is nearly flat, and the average slope tanh′(z) is {number(units.raw_slope)} — little gradient"
        f" gets through. Z-scored: standard deviation {number(units.normalized_spread)},"
        f" {percent(units.normalized_saturated)} saturated, average slope {number(units.normalized_slope)}.\n\n"
        "So normalizing the inputs is what makes the standard initializations valid for the first layer (shrinking"
        " each first-layer weight by its feature's scale instead would be normalizing in disguise). For the linear"
        " model on this site, gradient descent starts from all-zero weights; there the scale matters through the"
        " curvature, not the initialization."
    )
    return Reply(text, (), context.scenario)


def adaptive_optimizers(context: Context) -> Reply:
    chosen = context.scenario.optimizer.name if context.scenario.optimizer.name != "gd" else "adam"
    scenario = measure.with_optimizer(context.scenario, chosen)
    explanation = measure.explanation_for(scenario)
    raw, normalized = explanation.raw, explanation.normalized
    plain = measure.explanation_for(scenario.with_changes(learning_rate="auto", optimizer=OptimizerSettings()))
    label = OPTIMIZER_LABELS[chosen]
    text = lead(context, scenario) + "\n\n"
    if chosen == "adam":
        text += (
            "Adam divides each weight's step by a running average of that weight's own gradient size, so every"
            " weight moves about η per step whatever its feature's scale. That cancels differences in scale — but"
            " not correlation between features, nor a mean's coupling with the bias: those are not per-weight"
            " effects. RMSprop and Adagrad rescale per weight the same way.\n\n"
        )
    else:
        beta = scenario.optimizer.momentum
        text += (
            f"Momentum (β = {number(beta)}) adds a fraction of the previous step to each new one: across the ravine"
            " the zig-zags cancel, along it the steps add up, up to 1/(1 − β) times faster. It eases the ravine but"
            " does not remove it: the stable learning rate is still set by the sharpest direction.\n\n"
        )
    text += (
        f"On these features, {label} at η = {number(raw.learning_rate)}: raw {outcome(raw)}, normalized"
        f" {outcome(normalized)}. Plain gradient descent, each side at its own best rate:"
        f" {count(plain.raw.best_lr_iterations)} vs {count(plain.normalized.best_lr_iterations)} iterations."
    )
    if raw.simulated_iterations and normalized.simulated_iterations:
        gain = raw.simulated_iterations / max(normalized.simulated_iterations, 1)
        if gain < 3:
            text += (
                f" So {label} does absorb most of the scale difference here ({number(gain)} times fewer"
                " iterations after normalizing, against plain gradient descent's"
                f" {speedup_text(plain)}) — the lore is partly right."
            )
        else:
            text += f" Normalizing still makes {label} {number(gain)} times faster here."
    text += (
        " Its constant η is also a distance in parameter space, so it only means the same thing for every weight"
        " when the features are on comparable scales; and correlated features still need whitening."
    )
    return Reply(text, (FigureRef("loss"),), scenario)


def tree_models(context: Context) -> Reply:
    explanation = measure.explanation_for(context.scenario)
    check = measure.tree_check(explanation.analysis)
    text = (
        'No. A decision tree splits on thresholds ("is b < 412?"), and rescaling a feature by any increasing'
        " transformation moves the threshold with the data without changing which samples go left or right."
        " Random forests and gradient boosting (XGBoost, LightGBM, CatBoost) inherit this.\n\n"
        f"Checked on {describe(context.scenario)}: the same tree (depth 6) fitted on the raw features and again"
        f" after {method(context.scenario)} gives predictions that differ by at most"
        f" {number(check.largest_prediction_difference)} (the target spans {number(check.prediction_spread)}).\n\n"
        "Scaling matters where the raw values enter arithmetic: models trained by gradient descent (linear models,"
        " neural networks), distances (kNN, k-means, SVM) and penalties (ridge, lasso). None of that applies to a"
        " tree's splits."
    )
    return Reply(text, (), context.scenario)


def correlated_whitening(context: Context) -> Reply:
    base = context.scenario
    if base.data is not None or len(base.features) < 2:
        base = default_scenario().with_changes(
            optimizer=base.optimizer, learning_rate=base.learning_rate, normalization=base.normalization
        )
    illustrated = abs(base.correlation) < 0.3
    correlation = 0.9 if illustrated else base.correlation
    zscored = measure.explanation_for(base.with_changes(correlation=correlation, normalization="zscore"))
    whitened = measure.explanation_for(base.with_changes(correlation=correlation, normalization="whiten"))
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
    explanation = measure.explanation_for(context.scenario)
    same = explanation.step("same_model").markdown
    agreement = same.split("relative ")[-1].split(")")[0] if "relative " in same else "machine precision"
    similar = measure.explanation_for(Scenario.from_ranges({"a": (0.0, 1.0), "b": (0.0, 1.0)}))
    default = measure.explanation_for(Scenario.from_ranges({"a": (0.0, 1.0), "b": (1.0, 1000.0)}))
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
    explanation = measure.explanation_for(context.scenario)
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
        f"```python\n{explanation.code}```"
    )
    return Reply(text, (), context.scenario)


def interpret_weights(context: Context) -> Reply:
    explanation = measure.explanation_for(context.scenario)
    fitted = measure.weights(explanation.analysis)
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
    return Reply(text, (), scenario)


def regularization(context: Context) -> Reply:
    explanation = measure.explanation_for(context.scenario)
    shrink = measure.ridge_shrinkage(explanation.analysis)
    text = lead(context, model=False) + "\n\n"
    text += (
        "A penalty such as ridge's α·Σw² (or lasso's α·Σ|w|) charges every weight the same price per unit, but a"
        " weight's size depends on its feature's units. A feature measured in large numbers needs only a tiny"
        " weight, so it is barely penalized; a feature on a small scale needs a large weight and is shrunk hard."
        " Standardizing first puts every weight on the same footing.\n\n"
        f"Ridge with α = {number(shrink.penalty)} (on the summed squared error), as ridge coefficient ÷ unpenalized"
        " coefficient (1 = untouched):\n\n| feature | raw | standardized |\n|---|---:|---:|\n"
    )
    text += "\n".join(
        f"| {name(n)} | {number(float(r))} | {number(float(s))} |"
        for n, r, s in zip(shrink.names[:9], shrink.raw, shrink.standardized)
    )
    text += (
        "\n\nOn raw features the penalty falls on the small-scale features and spares the large ones; lasso's"
        " choice of which features to drop is skewed the same way. Some libraries (glmnet) standardize internally;"
        " scikit-learn's Ridge and Lasso do not."
    )
    return Reply(text, (), context.scenario)


def distance_models(context: Context) -> Reply:
    explanation = measure.explanation_for(context.scenario)
    raw_shares, scaled_shares = measure.distance_shares(explanation.analysis)
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
        " For these models scaling changes the answer itself, not just the speed — unlike least squares, where the"
        " fitted model is the same either way. Equal weight per feature is a modelling choice; z-scoring is the"
        " neutral default."
    )
    return Reply(text, (), context.scenario)


def target_scaling(context: Context) -> Reply:
    explanation = measure.explanation_for(context.scenario)
    check = measure.target_scaling(explanation.analysis)
    text = lead(context) + "\n\n"
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


def vanishing_exploding(context: Context) -> Reply:
    explanation = measure.explanation_for(context.scenario)
    units = measure.saturation(explanation.analysis)
    raw, normalized = explanation.raw, explanation.normalized
    text = lead(context) + "\n\n"
    text += (
        "Mostly a different problem. In a deep network the gradient reaching an early layer is a product of one"
        " factor per layer (weights × activation slopes); when those factors stay below or above 1, the product"
        " vanishes or explodes with depth. The remedies are about depth: initialization scaled to fan-in"
        " (Glorot, He), ReLU-type activations, normalization layers, residual connections, gradient clipping, and"
        " gated units (LSTM, GRU) in recurrent networks.\n\n"
        "The inputs enter at the first layer. With the raw features, a tanh layer initialized for unit-variance"
        f" inputs gets pre-activations with a standard deviation of {number(units.raw_spread)}:"
        f" {percent(units.raw_saturated)} are saturated and the average slope tanh′ is {number(units.raw_slope)}"
        f" (z-scored: {number(units.normalized_spread)}, {percent(units.normalized_saturated)},"
        f" {number(units.normalized_slope)}). That is a vanishing gradient caused by the inputs, and normalizing"
        " fixes it.\n\n"
        'In a linear model, "exploding" is divergence: above η = 2/λmax ='
        f" {number(raw.max_stable_lr)} the error grows by |1 − ηλmax| per step. Normalizing raises that bound to"
        f" {number(normalized.max_stable_lr)}."
    )
    return Reply(text, (FigureRef("sweep"),), context.scenario)


def skewed_log(context: Context) -> Reply:
    feature = measure.skew_feature(context.scenario)
    shape = measure.skew(feature)
    skewed = measure.explanation_for(Scenario(features=(feature,)))
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
