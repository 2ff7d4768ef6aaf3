"""Replies about speed: why normalizing changes the number of iterations, shown on the scenario's numbers.

Every figure comes from `explain()` (cached per scenario) or from measure.py; the prose only says
which number it is and why it matters. Where common lore is wrong or partial ("normalization
makes each step faster"), the reply says so and shows the number that settles it.
"""

from __future__ import annotations

import math

import numpy as np

from explainer.chat import timing
from explainer.chat.measure import explanation_for, state_at
from explainer.chat.wording import (
    Context,
    FigureRef,
    Reply,
    duration,
    halved_cost_note,
    iterations,
    key_figures,
    lead,
    method,
    name,
    number,
    outcome,
    owner,
    percent,
    speedup_text,
)
from explainer.linear.analysis import Analysis, centering
from explainer.scenario.spec import OptimizerSettings
from explainer.scenario.vocabulary import noun
from explainer.text.formatting import count


def _ratio_names(context: Context, values: np.ndarray) -> tuple[str, str, float]:
    """The names of the largest and smallest entries and their ratio."""
    names = explanation_for(context.scenario).analysis.data.feature_names
    big, small = int(np.argmax(values)), int(np.argmin(values))
    return name(names[big]), name(names[small]), float(values[big] / max(values[small], 1e-300))


RAVINE_KAPPA = 100.0  # below this κ the contours are at most 10 times longer than wide: a stretched bowl, no ravine


def why_normalize(context: Context) -> Reply:
    explanation = explanation_for(context.scenario)
    analysis = explanation.analysis
    raw, normalized = explanation.raw, explanation.normalized
    spreads = analysis.data.features.std(axis=0)
    points = []
    if len(spreads) > 1:
        names = analysis.data.feature_names
        big, small = int(np.argmax(spreads)), int(np.argmin(spreads))
        ratio = float(spreads[big] / max(spreads[small], 1e-300))
        points.append(
            f"**The gradient follows the feature's scale.** {owner(names[big])} standard deviation is"
            f" {number(ratio)} times {owner(names[small])}, so"
            f" its weight's gradient is about that much larger and the loss curves about {number(ratio**2)} times more"
            " sharply along it (gradient ∝ scale c, curvature ∝ c²)."
        )
    else:
        offset = centering(analysis)
        points.append(
            "**With one feature, its scale and its mean set the ravine.** Its weight's curvature grows with the"
            " feature's size, and its mean couples the weight to the bias: κ is"
            f" {number(offset.raw)} raw, {number(offset.scaled_only)} after dividing by its standard deviation alone,"
            f" {number(offset.zscored)} once centred as well."
        )
    ravine = raw.condition_number >= RAVINE_KAPPA
    points.append(
        (
            "**A ravine, not a bowl.**"
            if ravine
            else "**A mildly stretched bowl.**"  # κ = 15 is no ravine: the words follow the number
        )
        + f" The condition number κ = λmax/λmin = {number(raw.condition_number)}: the loss contours are about"
        f" {number(math.sqrt(raw.condition_number))} times longer than wide, and gradient descent, stepping straight"
        " downhill, zig-zags across " + ("the ravine instead of along it." if ravine else "it a little.")
    )
    points.append(
        f"**The sharpest direction caps the learning rate** at 2/λmax = {number(raw.max_stable_lr)}; above it the"
        " run diverges. "
        + (
            "At so small a step the flat direction crawls: even at the best constant rate it takes"
            if ravine
            else "At the best constant rate it takes"
        )
        + f" {count(raw.best_lr_iterations)} iterations."
    )
    points.append(
        f"**After {method(context.scenario)}**, κ = {number(normalized.condition_number)}, the cap"
        f" {'rises' if normalized.max_stable_lr >= raw.max_stable_lr else 'falls'} to"
        f" {number(normalized.max_stable_lr)}, and {iterations(normalized.best_lr_iterations)}"
        f" {'is' if normalized.best_lr_iterations == 1 else 'are'} enough:"
        f" **{speedup_text(explanation)} fewer**. Each iteration costs the same; the win is the count."
    )
    text = lead(context) + "\n\n" + "\n".join(f"{i}. {p}" for i, p in enumerate(points, 1))
    caveats = {caveat.key: caveat.text for caveat in explanation.caveats}
    extra = [caveats[key] for key in ("mean_offset", "correlation") if key in caveats]
    if context.scenario.learning_rate != "auto" or context.scenario.optimizer.name != "gd":
        settings = f"{noun(context.scenario.optimizer.name)} at η = {number(raw.learning_rate)}"
        given = context.quantities.learning_rate is not None
        where = f"At your settings ({settings})" if given else f"With {settings.replace(' at η', ' at its default η')}"
        sentence = f"{where}: raw {outcome(raw)}, normalized {outcome(normalized)}."
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
    explanation = explanation_for(fair)
    analysis = explanation.analysis
    raw, normalized = explanation.raw, explanation.normalized
    samples, features = analysis.data.samples, analysis.data.features.shape[1]
    per_step = 2 * samples * (features + 1)  # X̃θ and X̃ᵀr: one multiply-add per entry of the design matrix, twice
    text = lead(context, fair) + "\n\n"
    text += (
        "Per iteration, nothing gets faster. Each gradient step computes the predictions and X̃ᵀ(X̃θ − y) for all"
        f" {samples:,} samples, about {per_step:,} multiply-adds raw or normalized — floating-point arithmetic"
        f" costs the same for 0.5 as for 500. Normalizing once costs about {samples * features:,} operations, paid"
        " before training starts.\n\n"
        "What changes is the **number** of iterations: at its best constant learning rate gradient descent needs"
        " ln(1/ε)/ln((κ + 1)/(κ − 1)) of them, about (κ/2)·ln(1/ε) once κ is large.\n\n"
    )
    raw_work = (raw.best_lr_iterations or 0) * per_step
    normalized_work = (normalized.best_lr_iterations or 0) * per_step + samples * features
    text += key_figures(explanation, ("kappa", "best_iterations"))
    text += f"\n| multiply-adds to get there | {count(raw_work)} | {count(normalized_work)} (scaling included) |\n\n"
    steps = normalized.best_lr_iterations or 1
    step, error, _ = state_at(analysis.raw.run, steps)
    text += (
        f'So "normalizing speeds up learning" means fewer iterations to the same fit, not faster ones:'
        f" {speedup_text(explanation)} fewer here. Stop both after the {iterations(step)} the normalized"
        f" run needs, and the raw run's distance to the best fit is still {percent(error)} of where it started."
    )
    cost = timing.iteration_cost(analysis)
    raw_time = (raw.best_lr_iterations or 0) * cost.seconds_per_iteration
    normalized_time = (normalized.best_lr_iterations or 0) * cost.seconds_per_iteration + cost.seconds_to_normalize
    live = (
        f"One gradient step takes {duration(cost.seconds_per_iteration)} and normalizing"
        f" {duration(cost.seconds_to_normalize)}: the raw run would take {duration(raw_time)}, the normalized one"
        f" {duration(normalized_time)} (scaling included)."
    )
    return Reply(text, (FigureRef("loss"),), fair, measured_live=(live,))


def bounce_text(largest: float, smallest: float) -> str:
    """Why the path flips from wall to wall: the factor (1 − ηλ) is negative across the ravine at any useful η."""
    best = 2 / (largest + smallest)  # the best constant rate: the slowest directions shrink equally fast
    shrink = (largest - smallest) / (largest + smallest)  # (κ − 1)/(κ + 1)
    left = 2 * smallest / (largest + smallest)  # 1 − shrink, written apart so κ in the millions does not print "1"
    return (
        "Why it bounces: a step multiplies the error along each direction by (1 − ηλ). Above η = 1/λmax, where the"
        " fastest rates lie, ηλmax > 1 across the ravine, so there the factor is negative and the error changes"
        " sign every step: the path jumps to the opposite wall. Even at the best constant rate, η = 2/(λmax + λmin) ="
        f" {number(best)}"
        + (
            " (just under the divergence bound 2/λmax, so close at this κ that they print alike)"
            if shrink > 0.99
            else ""
        )
        + ", the factor is −r across the ravine and +r along it, with r = (κ − 1)/(κ + 1) ="
        + (f" 1 − {number(left)}" if shrink > 0.999 else f" {number(shrink)}")
        + ": the bounce and the creep die out equally slowly."
    )


def ravine_contours(context: Context) -> Reply:
    explanation = explanation_for(context.scenario)
    raw, normalized = explanation.analysis.raw.quadratic, explanation.analysis.normalized.quadratic
    raw_angle, normalized_angle = gradient_angles(explanation.analysis)
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
        " floor.\n\n" + bounce_text(raw.largest_curvature, raw.smallest_curvature) + "\n\n"
        f"After {method(context.scenario)}, κ = {number(normalized.condition_number)}: the contours are nearly"
        " circles and downhill points at the minimum. Normalizing rounds the bowl along each feature's axis only;"
        " when features are correlated the ravine runs along a diagonal, which only whitening removes."
    )
    follow = ("What if the second feature went to a million?",) if len(context.scenario.features) >= 2 else ()
    return Reply(text, (FigureRef("ravine"),), context.scenario, follow)


def learning_rate(context: Context) -> Reply:
    explanation = explanation_for(context.scenario)
    raw, normalized = explanation.raw, explanation.normalized
    text = lead(context) + "\n\n"
    text += (
        "A gradient step multiplies the error along each of the Hessian's directions by (1 − ηλ). Once η > 2/λmax"
        " the sharpest direction's factor drops below −1, every step overshoots further, and the run diverges. So"
        " the largest stable learning rate is set by the largest-scale direction:\n\n"
    )
    text += key_figures(explanation, ("max_lr", "best_lr", "best_iterations")) + "\n\n"
    ratio = normalized.max_stable_lr / raw.max_stable_lr
    text += (
        f"Normalizing allows a learning rate {number(ratio)} times larger — not because steps get cheaper, but"
        " because the sharpest curvature drops."
        if ratio >= 1
        else f"Here normalizing lowers the largest stable learning rate, {number(1 / ratio)} times: these raw features"
        " are small, so scaling them up steepens the sharpest direction. What makes gradient descent faster is the"
        " lower κ (the flattest direction then needs far fewer steps), not a larger step."
    )
    text += halved_cost_note(context, raw.max_stable_lr, normalized.max_stable_lr)
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
            f" These bounds are plain gradient descent's. Your runs use {noun(optimizer)} at η ="
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
    explanation = explanation_for(context.scenario)
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
        "Large features dominate the *gradient*, not the fitted model: the best"
        " weights after normalizing, mapped back, are the same model. What normalizing fixes is the size of the"
        " steps, not the features' influence."
    )
    return Reply(text, (FigureRef("gradients"),), context.scenario)


def mean_std(context: Context) -> Reply:
    explanation = explanation_for(context.scenario)
    analysis = explanation.analysis
    offset = centering(analysis)
    features = analysis.data.features
    shift = np.abs(features.mean(axis=0)) / features.std(axis=0)
    widest = int(np.argmax(shift))
    text = lead(context) + "\n\n"
    text += (
        "The mean and the standard deviation are exactly what z-scoring uses, x′ = (x − mean) / standard"
        " deviation, and each does its own job:\n\n"
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
            f" {_means_far_from_zero(analysis.data.feature_names, shift)}."
        )
    if offset.scaled_only >= offset.raw:  # the spread needs no fixing here: the numbers say so, not the template
        text += (
            f"\n\nHere the range needs no fixing: dividing by the standard deviation alone does not lower κ"
            f" ({number(offset.raw)} → {number(offset.scaled_only)}), and centring is what brings it to"
            f" {number(offset.zscored)}. In general both matter: the standard deviation fixes the scale, and the mean"
            " the coupling with the bias."
        )
    else:
        text += (
            "\n\nSo both matter: the standard deviation fixes the scale, and the mean fixes the coupling with the bias."
        )
    pair = (analysis.data.feature_names[widest], "bias")
    return Reply(text, (FigureRef("ravine", pair),), context.scenario)


def _means_far_from_zero(names: tuple[str, ...], shift: np.ndarray) -> str:
    """Which features' means lie how many standard deviations from zero: the farthest, or every one within a tenth of
    it (0–1 and 1–1,000 both sit 1.73 standard deviations out, so naming one alone would mislead)."""
    widest = int(np.argmax(shift))
    close = [index for index in range(len(shift)) if shift[index] >= 0.9 * shift[widest]]
    far = number(float(shift[widest]))
    if len(close) == 1:
        return f"{owner(names[widest])} mean is {far} standard deviations from zero"
    if len(close) == len(shift):
        return f"every feature's mean is about {far} standard deviations from zero"
    listed = ", ".join(name(names[index]) for index in close[:-1]) + " and " + name(names[close[-1]])
    return f"the means of {listed} are each about {far} standard deviations from zero"


def condition_number(context: Context) -> Reply:
    explanation = explanation_for(context.scenario)
    raw, normalized = explanation.raw, explanation.normalized
    text = lead(context) + "\n\n"
    text += (
        "κ = λmax/λmin, the ratio of the Hessian's largest to smallest eigenvalue: how much more sharply the loss"
        " curves along its steepest direction than its flattest. For linear regression H = (2/m)X̃ᵀX̃, so κ is the"
        " square of numpy.linalg.cond(X̃) for the design matrix with its column of ones.\n\n"
        "Why it sets the speed: η must stay below 2/λmax, and at the best constant rate the slowest error shrinks by"
        " (κ − 1)/(κ + 1) per step, so reaching a tolerance ε takes ln(1/ε)/ln((κ + 1)/(κ − 1)) iterations, about"
        " (κ/2)·ln(1/ε) once κ is large.\n\n"
    )
    text += key_figures(explanation, ("kappa", "max_lr", "best_iterations"))
    text += (
        f"\n\nNormalizing divides κ by {number(raw.condition_number / normalized.condition_number)}, and the"
        f" iteration count with it ({speedup_text(explanation)})."
    )
    return Reply(text, (FigureRef("sweep"),), context.scenario)


def gradient_angles(analysis: Analysis) -> tuple[float, float]:
    """Degrees between the first downhill step and the straight line to the minimum: raw, normalized."""
    angles = []
    for side in analysis.sides:
        quadratic = side.quadratic
        start = np.zeros(len(quadratic.optimum))
        downhill, target = -quadratic.gradient(start), quadratic.optimum - start
        cosine = downhill @ target / max(np.linalg.norm(downhill) * np.linalg.norm(target), 1e-300)
        angles.append(math.degrees(math.acos(float(np.clip(cosine, -1.0, 1.0)))))
    return angles[0], angles[1]
