"""Replies about speed: why normalizing changes the number of iterations, shown on the scenario's numbers.

Every figure comes from `explain()` (cached per scenario) or from measure.py; the prose only says
which number it is and why it matters. Where common lore is wrong or partial ("normalization
makes each step faster"), the reply says so and shows the number that settles it.
"""

from __future__ import annotations

import math
from collections.abc import Callable

import numpy as np

from explainer.analysis import centering
from explainer.chat import measure, practice
from explainer.chat.answers import (
    OPTIMIZER_LABELS,
    Context,
    FigureRef,
    Reply,
    duration,
    iterations,
    key_figures,
    lead,
    method,
    name,
    number,
    outcome,
    percent,
    speedup_text,
)
from explainer.formatting import count, power_of_ten
from explainer.scenario import DEFAULT_MAX_STEPS, OptimizerSettings


def _ratio_names(context: Context, values: np.ndarray) -> tuple[str, str, float]:
    """The names of the largest and smallest entries and their ratio."""
    names = measure.explanation_for(context.scenario).analysis.data.feature_names
    big, small = int(np.argmax(values)), int(np.argmin(values))
    return name(names[big]), name(names[small]), float(values[big] / max(values[small], 1e-300))


def why_normalize(context: Context) -> Reply:
    explanation = measure.explanation_for(context.scenario)
    analysis = explanation.analysis
    raw, normalized = explanation.raw, explanation.normalized
    spreads = analysis.data.features.std(axis=0)
    points = []
    if len(spreads) > 1:
        big, small, ratio = _ratio_names(context, spreads)
        points.append(
            f"**The gradient follows the feature's scale.** {big} varies {number(ratio)} times more than {small}, so"
            f" its weight's gradient is about that much larger and the loss curves about {number(ratio**2)} times more"
            " sharply along it (gradient ∝ scale c, curvature ∝ c²)."
        )
    else:
        offset = centering(analysis)
        points.append(
            "**With one feature, the mean does the damage.** Its weight and the bias are coupled through the"
            f" feature's mean: κ is {number(offset.raw)} raw, {number(offset.zscored)} once centred and scaled."
        )
    points.append(
        f"**A ravine, not a bowl.** The condition number κ = λmax/λmin = {number(raw.condition_number)}: the loss"
        f" contours are about {number(math.sqrt(raw.condition_number))} times longer than wide, and gradient"
        " descent, stepping straight downhill, zig-zags across the ravine instead of along it."
    )
    points.append(
        f"**The sharpest direction caps the learning rate** at 2/λmax = {number(raw.max_stable_lr)}; above it the"
        " run diverges. At so small a step the flat direction crawls: even at the best constant rate it takes"
        f" {count(raw.best_lr_iterations)} iterations."
    )
    points.append(
        f"**After {method(context.scenario)}**, κ = {number(normalized.condition_number)}, the cap rises to"
        f" {number(normalized.max_stable_lr)}, and {iterations(normalized.best_lr_iterations)}"
        f" {'is' if normalized.best_lr_iterations == 1 else 'are'} enough:"
        f" **{speedup_text(explanation)} fewer**. Each iteration costs the same; the win is the count."
    )
    text = lead(context) + "\n\n" + "\n".join(f"{i}. {p}" for i, p in enumerate(points, 1))
    caveats = {caveat.key: caveat.text for caveat in explanation.caveats}
    extra = [caveats[key] for key in ("mean_offset", "correlation") if key in caveats]
    if context.scenario.learning_rate != "auto" or context.scenario.optimizer.name != "gd":
        settings = f"{OPTIMIZER_LABELS[context.scenario.optimizer.name]} at η = {number(raw.learning_rate)}"
        sentence = f"At your settings ({settings}): raw {outcome(raw)}, normalized {outcome(normalized)}."
        if raw.diverged and context.scenario.optimizer.name == "gd":
            sentence += f" Your η is {number(raw.learning_rate / raw.max_stable_lr)} times the raw bound."
        extra.append(sentence)
    if extra:
        text += "\n\n" + "\n\n".join(extra)
    text += "\n\n" + key_figures(explanation)
    follow = ("What about Adam?",) if context.scenario.optimizer.name != "adam" else ()
    return Reply(text, (FigureRef("ravine"),), context.scenario, follow)


def speed_per_iteration(context: Context) -> Reply:
    fair = context.scenario.with_changes(learning_rate="auto", optimizer=OptimizerSettings())
    explanation = measure.explanation_for(fair)
    analysis = explanation.analysis
    raw, normalized = explanation.raw, explanation.normalized
    cost = measure.iteration_cost(analysis)
    samples, features = analysis.data.samples, analysis.data.features.shape[1]
    text = lead(context, fair) + "\n\n"
    text += (
        "Per iteration, nothing gets faster. Each gradient step computes the predictions and X̃ᵀ(X̃θ − y) for all"
        f" {samples:,} samples, about {cost.multiply_adds:,} multiply-adds raw or normalized — floating-point"
        " arithmetic costs the same for 0.5 as for 500 (measured here:"
        f" {duration(cost.seconds_per_iteration)} per step). Normalizing once costs about {samples * features:,}"
        f" operations ({duration(cost.seconds_to_normalize)}), paid before training starts.\n\n"
        "What changes is the **number** of iterations: at its best constant learning rate gradient descent needs"
        " about (κ/2)·ln(1/ε) of them.\n\n"
    )
    raw_time = (raw.best_lr_iterations or 0) * cost.seconds_per_iteration
    normalized_time = (normalized.best_lr_iterations or 0) * cost.seconds_per_iteration + cost.seconds_to_normalize
    text += key_figures(explanation, ("kappa", "best_iterations"))
    text += (
        f"\n| wall-clock at {duration(cost.seconds_per_iteration)} per iteration | {duration(raw_time)} |"
        f" {duration(normalized_time)} (scaling included) |\n\n"
    )
    steps = normalized.best_lr_iterations or 1
    step, error, _ = measure.state_at(analysis.raw.run, steps)
    text += (
        f'So "normalizing speeds up learning" means fewer iterations to the same fit, not faster ones:'
        f" {speedup_text(explanation)} fewer here. Stop both after the {iterations(step)} the normalized"
        f" run needs, and the raw run's distance to the best fit is still {percent(error)} of where it started."
    )
    return Reply(text, (FigureRef("loss"),), fair)


def ravine_contours(context: Context) -> Reply:
    explanation = measure.explanation_for(context.scenario)
    raw, normalized = explanation.analysis.raw.quadratic, explanation.analysis.normalized.quadratic
    raw_angle, normalized_angle = measure.gradient_angles(explanation.analysis)
    text = lead(context) + "\n\n"
    text += (
        "The loss of linear regression is a bowl whose curvature in each direction is an eigenvalue of the Hessian"
        " H = (2/m)X̃ᵀX̃ — set by how much the inputs vary along that direction. Here the sharpest direction curves"
        f" {number(raw.largest_curvature)} per unit², the flattest {number(raw.smallest_curvature)}: κ ="
        f" {number(raw.condition_number)}, so the contours are ellipses about {number(math.sqrt(raw.condition_number))}"
        " times longer than wide — a ravine.\n\n"
        "Gradient descent steps straight downhill, at right angles to the contours. In a ravine that points mostly"
        f" across it: the very first step points {raw_angle:.1f}° away from the direction of the minimum"
        f" (normalized: {normalized_angle:.1f}°). So the path bounces between the walls while creeping along the"
        " floor.\n\n"
        f"After {method(context.scenario)}, κ = {number(normalized.condition_number)}: the contours are nearly"
        " circles and downhill points at the minimum. Normalizing rounds the bowl along each feature's axis only;"
        " when features are correlated the ravine runs along a diagonal, which only whitening removes."
    )
    follow = ("What if the second feature went to a million?",) if len(context.scenario.features) >= 2 else ()
    return Reply(text, (FigureRef("ravine"),), context.scenario, follow)


def learning_rate(context: Context) -> Reply:
    explanation = measure.explanation_for(context.scenario)
    raw, normalized = explanation.raw, explanation.normalized
    text = lead(context) + "\n\n"
    text += (
        "A gradient step multiplies the error along each of the Hessian's directions by (1 − ηλ). Once η > 2/λmax"
        " the sharpest direction's factor drops below −1, every step overshoots further, and the run diverges. So"
        " the largest stable learning rate is set by the largest-scale direction:\n\n"
    )
    text += key_figures(explanation, ("max_lr", "best_lr", "best_iterations")) + "\n\n"
    text += (
        f"Normalizing allows a learning rate {number(normalized.max_stable_lr / raw.max_stable_lr)} times larger —"
        " not because steps get cheaper, but because the sharpest curvature drops."
    )
    chosen = context.scenario.learning_rate
    optimizer = context.scenario.optimizer.name
    if chosen != "auto" and optimizer == "gd":
        ratio = chosen / raw.max_stable_lr
        text += (
            f" Your η = {number(chosen)} is {number(ratio)} times the raw bound: raw {outcome(raw)},"
            f" normalized {outcome(normalized)}."
        )
    elif chosen != "auto":
        text += (
            f" These bounds are plain gradient descent's. Your runs use {OPTIMIZER_LABELS[optimizer]} at η ="
            f" {number(chosen)}: raw {outcome(raw)}, normalized {outcome(normalized)}"
            + (" (Adam rescales each weight's step, so its stable η is not 2/λmax)." if optimizer == "adam" else ".")
        )
    text += (
        "\n\nLowering η keeps the raw run stable, but the flat direction then shrinks by only (1 − ηλmin) per step."
        " A fair race gives each side its own best rate:"
        f" {count(raw.best_lr_iterations)} vs {count(normalized.best_lr_iterations)} iterations"
        f" ({speedup_text(explanation)})."
    )
    probe = 0.01 if chosen != 0.01 else 0.1
    return Reply(text, (FigureRef("sweep"),), context.scenario, (f"And with lr {number(probe)}?",))


def gradient_scale(context: Context) -> Reply:
    explanation = measure.explanation_for(context.scenario)
    figure = explanation.figures.gradients
    raw_weights, normalized_weights = figure.raw_gradient[:-1], figure.normalized_gradient[:-1]
    text = lead(context) + "\n\n"
    text += (
        "For linear regression the gradient for weight j is (2/m)·Σᵢ rᵢ·xᵢⱼ: each sample's error times *that"
        " feature's value*. Multiply a feature by c and its gradient is multiplied by c, while its curvature (how"
        " fast that gradient changes) is multiplied by c².\n\n"
    )
    if len(raw_weights) == 1:
        weight, bias = figure.raw_gradient
        text += (
            f"With one feature the comparison is its weight against the bias: at the start their gradients are"
            f" {number(float(weight))} and {number(float(bias))}, {number(float(weight / max(bias, 1e-300)))} times"
            " apart, because the feature's values (and its mean) multiply the weight's gradient and not the"
            f" bias's. After {method(context.scenario)}: {number(float(figure.normalized_gradient[0]))} and"
            f" {number(float(figure.normalized_gradient[1]))}.\n\n"
        )
    if len(raw_weights) > 1:
        big, small, ratio = _ratio_names(context, raw_weights)
        normalized_ratio = float(normalized_weights.max() / max(normalized_weights.min(), 1e-300))
        text += (
            f"At the start (all weights 0) the gradient for {big}'s weight is {number(raw_weights.max())}, for"
            f" {small}'s {number(raw_weights.min())}: {number(ratio)} times apart. One learning rate has to serve"
            f" both, so it must be small enough for the steep one (η < {number(explanation.raw.max_stable_lr)}) —"
            f" far too small for the other, whose weight crawls. After {method(context.scenario)} the two are"
            f" {number(normalized_ratio)} times apart.\n\n"
        )
    text += (
        '"Large features dominate" is half right: they dominate the *gradient*, not the fitted model — the best'
        " weights after normalizing, mapped back, are the same model. What normalizing fixes is the size of the"
        " steps, not the features' influence."
    )
    return Reply(text, (FigureRef("gradients"),), context.scenario)


def mean_std(context: Context) -> Reply:
    explanation = measure.explanation_for(context.scenario)
    analysis = explanation.analysis
    offset = centering(analysis)
    features = analysis.data.features
    shift = np.abs(features.mean(axis=0)) / features.std(axis=0)
    widest = int(np.argmax(shift))
    text = lead(context) + "\n\n"
    text += (
        "They are exactly what z-scoring uses, x′ = (x − mean) / standard deviation, and each does its own job:\n\n"
        "- **Dividing by the standard deviation** equalizes the curvature along each weight: a feature's curvature"
        " grows with its spread squared.\n"
        "- **Subtracting the mean** decouples each weight from the bias. The Hessian's entry linking a weight to"
        " the bias is 2 × that feature's mean: a large mean makes a diagonal ravine between the two, even when the"
        " spread is small.\n\n"
        f"Computed here: κ = {number(offset.raw)} raw, {number(offset.scaled_only)} after dividing by the standard"
        f" deviation only, {number(offset.zscored)} after centring as well."
    )
    if offset.scaled_only > 3 * offset.zscored:
        text += (
            f" The mean alone accounts for a factor of {number(offset.scaled_only / offset.zscored)} in κ — here"
            f" {name(analysis.data.feature_names[widest])}'s mean is {number(float(shift[widest]))} standard"
            " deviations from zero."
        )
    text += (
        '\n\nSo the claim that mean and standard deviation "have little to do with normalizing" is wrong: the'
        " standard deviation fixes the scale, and the mean fixes the coupling with the bias."
    )
    pair = (analysis.data.feature_names[widest], "bias")
    return Reply(text, (FigureRef("ravine", pair),), context.scenario)


def condition_number(context: Context) -> Reply:
    explanation = measure.explanation_for(context.scenario)
    raw, normalized = explanation.raw, explanation.normalized
    text = lead(context) + "\n\n"
    text += (
        "κ = λmax/λmin, the ratio of the Hessian's largest to smallest eigenvalue: how much more sharply the loss"
        " curves along its steepest direction than its flattest. For linear regression H = (2/m)X̃ᵀX̃, so κ is the"
        " square of numpy.linalg.cond(X̃) for the design matrix with its column of ones.\n\n"
        "Why it sets the speed: η must stay below 2/λmax, and at the best constant rate the slowest error shrinks by"
        " (κ − 1)/(κ + 1) per step, so reaching a tolerance ε takes about (κ/2)·ln(1/ε) iterations.\n\n"
    )
    text += key_figures(explanation, ("kappa", "max_lr", "best_iterations"))
    text += (
        f"\n\nNormalizing divides κ by {number(raw.condition_number / normalized.condition_number)}, and the"
        f" iteration count with it ({speedup_text(explanation)})."
    )
    return Reply(text, (FigureRef("sweep"),), context.scenario)


def cost_blowup(context: Context) -> Reply:
    scenario = context.scenario
    post = not context.own_numbers and scenario.learning_rate == "auto"
    if post:
        scenario = measure.post_experiment()
    elif measure.is_post_data(scenario) and context.quantities.loss is None:
        post = True  # the post's own four points: run its experiment, with its sum-of-squares cost
        rate = 0.01 if scenario.learning_rate == "auto" else scenario.learning_rate
        steps = scenario.max_steps if scenario.max_steps != DEFAULT_MAX_STEPS else 50
        scenario = measure.post_experiment(rate, steps)
    explanation = measure.explanation_for(scenario)
    raw, normalized = explanation.raw, explanation.normalized
    quadratic = explanation.analysis.raw.quadratic
    if post and raw.diverged:
        return _post_experiment(explanation)
    text = lead(context, scenario) + "\n\n"
    if raw.diverged:
        factor = abs(1 - raw.learning_rate * quadratic.largest_curvature)
        text += (
            f"At η = {number(raw.learning_rate)}, gradient descent on the raw features is"
            f" {number(raw.learning_rate / raw.max_stable_lr)} times above its stable bound 2/λmax ="
            f" {number(raw.max_stable_lr)}: each step multiplies the error along the sharpest direction by"
            f" {number(factor)}, and the loss passes a million times its start at step {count(raw.diverged_at)}."
            f" Normalized ({method(scenario)}), the bound is {number(normalized.max_stable_lr)}: the run"
            f" {outcome(normalized)}.\n\n"
        )
    elif scenario.learning_rate != "auto":
        text += (
            f"At your η = {number(raw.learning_rate)}, below the raw bound 2/λmax = {number(raw.max_stable_lr)},"
            f" gradient descent does not blow up: raw it {outcome(raw)}, normalized ({method(scenario)}) it"
            f" {outcome(normalized)}. If your cost still grows at this η, the update itself is off: check the"
            " gradient's sign and that the same η and data are used as here."
        )
        return Reply(text, (FigureRef("loss"),), scenario)
    else:
        text += (
            f"With these features the raw run is stable below η = 2/λmax = {number(raw.max_stable_lr)}; the cost"
            " explodes above it. Tutorial favourites like η = 0.01 are"
            f" {number(0.01 / raw.max_stable_lr)} times that bound here; normalized"
            f" ({method(scenario)}), the bound is {number(normalized.max_stable_lr)}.\n\n"
        )
    text += (
        f"Fixes: lower η below {number(raw.max_stable_lr)} (the raw run then needs {count(raw.best_lr_iterations)}"
        f" iterations even at its best rate), or normalize ({iterations(normalized.best_lr_iterations)})."
        " If the cost grows even at tiny η, check the gradient's sign and the update line."
    )
    return Reply(text, (FigureRef("loss"),), scenario)


def _listed(values: tuple[float, ...]) -> str:
    return ", ".join(number(value) for value in values)


def _post_experiment(explanation) -> Reply:
    raw, normalized = explanation.raw, explanation.normalized
    analysis = explanation.analysis
    quadratic = analysis.raw.quadratic
    factor = abs(1 - raw.learning_rate * quadratic.largest_curvature)
    raw_steps, _, _ = measure.state_at(analysis.raw.run, explanation.scenario.max_steps)
    raw_log10 = float(analysis.raw.run.log10_loss[-1])
    normalized_steps, _, normalized_cost = measure.state_at(analysis.normalized.run, explanation.scenario.max_steps)
    start_log10 = float(analysis.raw.run.log10_loss[0])
    overflow_step = math.ceil((308 - start_log10) / (2 * math.log10(factor))) if factor > 1 else None
    slow = measure.slow_raw_run(explanation.scenario)
    text = (
        "This is gradient descent running above its stable learning rate, and usually not a bug. The blog post's"
        f" experiment shows it exactly: x = {_listed(measure.POST_X)}; y = {_listed(measure.POST_Y)};"
        f" η = {number(raw.learning_rate)}; {count(explanation.scenario.max_steps)} iterations. Its code divides by"
        " the number of columns (1), so its cost is the *sum* of squared errors.\n\n"
        f"- **Raw x**: the largest stable rate is 2/λmax = {number(raw.max_stable_lr)}, so η ="
        f" {number(raw.learning_rate)} is"
        f" {number(raw.learning_rate / raw.max_stable_lr)} times too large. Each step multiplies the error along"
        f" the sharpest direction by {number(factor)}: the cost passes a million times its start at step"
        f" {count(raw.diverged_at)} and reaches about {power_of_ten(round(raw_log10))} after {count(raw_steps)} iterations"
        + (f" (float64 overflows to inf, then NaN, around step {overflow_step})" if overflow_step else "")
        + ".\n"
        f"- **Scaled**, (x − mean)/(max − min): the bound is {number(normalized.max_stable_lr)},"
        f" {number(normalized.max_stable_lr / normalized.learning_rate)} times the η used, so η ="
        f" {number(normalized.learning_rate)} is stable but timid: after {count(normalized_steps)} iterations the"
        f" cost is {number(normalized_cost)}, against a best possible {number(analysis.normalized.quadratic.minimum_loss)}"
        f" — it has not converged either (its best rate is {number(normalized.best_lr)}).\n"
        f"- **Lower η and raw converges, slowly.** At η = {number(slow.learning_rate)} the raw cost after"
        f" {slow.early_step} steps is already {number(slow.early_cost)} (it looks done), yet after"
        f" {count(slow.late_step)} steps the intercept is {number(slow.late_intercept)} against a best value of"
        f" {number(slow.best_intercept)}: watch the parameters, not only the cost. A fair race, each at its own"
        f" best rate: {count(raw.best_lr_iterations)} iterations raw vs {count(normalized.best_lr_iterations)}"
        " scaled.\n\n"
        "When your cost explodes: compare η with 2/λmax (or lower it tenfold until the cost falls), normalize the"
        " features, and if it still grows at a tiny η, check the gradient's sign."
    )
    return Reply(text, (FigureRef("loss"),), explanation.scenario)


REPLIES: dict[str, Callable[[Context], Reply]] = {
    "why_normalize": why_normalize,
    "speed_per_iteration": speed_per_iteration,
    "ravine_contours": ravine_contours,
    "learning_rate": learning_rate,
    "gradient_scale": gradient_scale,
    "mean_std": mean_std,
    "condition_number": condition_number,
    "cost_blowup": cost_blowup,
    "method_choice": practice.method_choice,
    "batch_norm": practice.batch_norm,
    "weight_init": practice.weight_init,
    "adaptive_optimizers": practice.adaptive_optimizers,
    "tree_models": practice.tree_models,
    "correlated_whitening": practice.correlated_whitening,
    "not_needed": practice.not_needed,
    "data_leakage": practice.data_leakage,
    "interpret_weights": practice.interpret_weights,
    "regularization": practice.regularization,
    "distance_models": practice.distance_models,
    "target_scaling": practice.target_scaling,
    "vanishing_exploding": practice.vanishing_exploding,
    "skewed_log": practice.skewed_log,
}
