"""Replies about neural networks and optimizers: batch norm, initialization, vanishing gradients, Adam.

The figures come from the scenario's own data: a tanh layer fed the raw and the z-scored
features (how many units saturate), and the optimizer runs from `explain()`.
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
    number,
    outcome,
    percent,
    speedup_text,
)
from explainer.linear.analysis import Analysis
from explainer.scenario.spec import OptimizerSettings, Scenario
from explainer.scenario.vocabulary import noun
from explainer.text.formatting import count


def with_optimizer(scenario: Scenario, optimizer: str) -> Scenario:
    settings = scenario.optimizer
    return scenario.with_changes(
        optimizer=OptimizerSettings(optimizer, settings.momentum, settings.beta1, settings.beta2, settings.epsilon)  # type: ignore[arg-type]
    )


@dataclass(frozen=True)
class Saturation:
    """A tanh (or sigmoid) layer with LeCun-initialized weights (variance 1/d) fed raw vs z-scored inputs."""

    raw_spread: float
    normalized_spread: float
    raw_saturated: float  # share of pre-activations beyond `threshold`, where the slope is under 7% of its peak
    normalized_saturated: float
    raw_slope: float  # average slope, tanh'(z) or σ'(z) as a share of its peak: how much gradient gets through
    normalized_slope: float
    threshold: float = 2.0  # |z| beyond which the unit counts as saturated: 2 for tanh, 4 for the sigmoid


# Where each curve is nearly flat: tanh′(2) and σ′(4) are both about 7% of their peak slopes (1 and 1/4)
SATURATION_THRESHOLD = {"tanh": 2.0, "sigmoid": 4.0}


def saturation(analysis: Analysis, units: int = 256, activation: str = "tanh") -> Saturation:
    """How much of a first layer of `activation` ("tanh" or "sigmoid") raw inputs push into its flat tails."""
    threshold = SATURATION_THRESHOLD.get(activation, 2.0)
    features = analysis.data.features
    count = features.shape[1]
    weights = np.random.default_rng(0).standard_normal((count, units)) / np.sqrt(count)
    standardized = (features - features.mean(axis=0)) / features.std(axis=0)
    results = []
    for inputs in (features, standardized):
        pre_activations = inputs @ weights
        results.append(
            (
                float(pre_activations.std()),
                float(np.mean(np.abs(pre_activations) > threshold)),
                float(np.mean(relative_slope(pre_activations, activation))),
            )
        )
    (raw_spread, raw_saturated, raw_slope), (spread, saturated, slope) = results
    return Saturation(raw_spread, spread, raw_saturated, saturated, raw_slope, slope, threshold)


@dataclass(frozen=True)
class DeadUnits:
    """A ReLU layer with LeCun-initialized weights fed raw vs z-scored inputs: nothing saturates, but a unit whose
    pre-activation is ≤ 0 on every row passes no gradient at all (dead from the start)."""

    raw_spread: float
    normalized_spread: float
    raw_dead: float  # share of units ≤ 0 on every row
    normalized_dead: float


DEAD_UNITS_DRAWN = 4096  # enough units that the dead share barely moves with the random draw (±1 point)


def dead_units(analysis: Analysis, units: int = DEAD_UNITS_DRAWN) -> DeadUnits:
    """How many ReLU units of a first layer raw inputs leave dead: an uncentred feature gives a unit one sign."""
    features = analysis.data.features
    count = features.shape[1]
    weights = np.random.default_rng(0).standard_normal((count, units)) / np.sqrt(count)
    standardized = (features - features.mean(axis=0)) / features.std(axis=0)
    spreads, dead = [], []
    for inputs in (features, standardized):
        pre_activations = inputs @ weights
        spreads.append(float(pre_activations.std()))
        dead.append(float(np.mean(np.all(pre_activations <= 0, axis=0))))
    return DeadUnits(spreads[0], spreads[1], dead[0], dead[1])


def first_layer_text(analysis: Analysis, activation: str | None) -> str:
    """What raw inputs do to a first layer of the learner's activation (tanh when none is named): saturation for
    tanh and the sigmoid, dead units and oversized activations for ReLU, which does not saturate."""
    if activation == "relu":
        units = dead_units(analysis)
        return (
            "The inputs enter at the first layer. ReLU has no flat tail for large inputs, but raw features still"
            " break that layer: initialized for unit-variance inputs, its pre-activations have a standard deviation"
            f" of {number(units.raw_spread)}, so its activations (and the gradients of its weights, each proportional"
            " to its input) start that many times larger than the initialization assumes, and"
            f" {percent(units.raw_dead)} of its units (in {DEAD_UNITS_DRAWN:,} drawn) are ≤ 0 on every row: dead,"
            " passing no gradient at all, because an uncentred feature gives a unit the same sign on every row"
            " (z-scored: a standard deviation of"
            f" {number(units.normalized_spread)}, {percent(units.normalized_dead)} dead). Normalizing fixes both."
        )
    kind = activation if activation in SATURATION_THRESHOLD else "tanh"
    units = saturation(analysis, activation=kind)
    slope = "tanh′" if kind == "tanh" else "σ′ (as a share of its peak, 1/4)"
    return (
        f"The inputs enter at the first layer. With the raw features, a {kind} layer initialized for unit-variance"
        f" inputs gets pre-activations with a standard deviation of {number(units.raw_spread)}:"
        f" {percent(units.raw_saturated)} are saturated (|z| > {number(units.threshold)}) and the average slope"
        f" {slope} is {number(units.raw_slope)} (z-scored: a standard deviation of {number(units.normalized_spread)},"
        f" {percent(units.normalized_saturated)} saturated, average slope {number(units.normalized_slope)})."
        + (
            " That is a vanishing gradient caused by the inputs, and normalizing fixes it."
            if units.raw_slope < units.normalized_slope
            else " Here the raw inputs do not saturate the layer more than z-scored ones would."
        )
    )


def relative_slope(z: np.ndarray, activation: str) -> np.ndarray:
    """The activation's slope at z as a share of its peak (tanh′ peaks at 1, σ′ at 1/4)."""
    if activation == "sigmoid":
        logistic = 0.5 * (1 + np.tanh(z / 2))  # σ(z) without overflow
        return 4 * logistic * (1 - logistic)
    return 1 - np.tanh(z) ** 2


def batch_norm(context: Context) -> Reply:
    explanation = explanation_for(context.scenario)
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
    explanation = explanation_for(context.scenario)
    units = saturation(explanation.analysis)
    text = lead(context) + "\n\n"
    text += (
        "Standard initializations (LeCun, Glorot/Xavier, He) give the weights a variance of about 1/fan-in"
        " *assuming each input has roughly unit variance*, so that every unit's pre-activation starts near unit"
        " scale.\n\n"
    )
    if getattr(context.entities, "activation", None) == "relu":  # ReLU does not saturate: dead units instead
        dead = dead_units(explanation.analysis)
        text += first_layer_text(explanation.analysis, "relu") + "\n\n"
        worse = dead.raw_dead > dead.normalized_dead or dead.raw_spread > 2 * dead.normalized_spread
    else:
        worse = units.raw_slope < units.normalized_slope
        text += (
            f"Fed the raw features, a tanh layer initialized that way (LeCun, 256 units) gets pre-activations with a"
            f" standard deviation of {number(units.raw_spread)}: {percent(units.raw_saturated)} of them have |z| > 2,"
            f" where tanh is nearly flat, and the average slope tanh′(z) is {number(units.raw_slope)}"
            + (" — little gradient gets through" if units.raw_slope < units.normalized_slope else "")
            + f". Z-scored: standard deviation {number(units.normalized_spread)},"
            f" {percent(units.normalized_saturated)} saturated, average slope {number(units.normalized_slope)}.\n\n"
        )
    if worse:
        text += (
            "So normalizing the inputs is what makes the standard initializations valid for the first layer"
            " (shrinking each first-layer weight by its feature's scale instead would be normalizing in disguise)."
        )
    else:
        text += (
            "Here the raw inputs are already small enough: they upset the first layer no more than z-scored"
            " ones, so for this layer's start normalizing gains little; it still helps gradient descent through the"
            " curvature (centring and equal scales)."
        )
    text += (
        " In a linear model (the κ and iteration counts in these answers), gradient descent can start from all-zero"
        " weights; there the scale matters through the curvature, not the initialization."
    )
    return Reply(text, (), context.scenario)


def adaptive_optimizers(context: Context) -> Reply:
    chosen = context.scenario.optimizer.name if context.scenario.optimizer.name != "gd" else "adam"
    scenario = with_optimizer(context.scenario, chosen)
    explanation = explanation_for(scenario)
    raw, normalized = explanation.raw, explanation.normalized
    plain = explanation_for(scenario.with_changes(learning_rate="auto", optimizer=OptimizerSettings()))
    label = noun(chosen)
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
                f" {speedup_text(plain)}): the common claim that it makes scaling unnecessary is partly right."
            )
        else:
            text += f" Normalizing still makes {label} {number(gain)} times faster here."
    text += (
        f" {label}'s constant η is also a distance in parameter space, so it only means the same thing for every weight"
        " when the features are on comparable scales; and correlated features still need whitening."
    )
    return Reply(text, (FigureRef("loss"),), scenario)


def vanishing_exploding(context: Context) -> Reply:
    explanation = explanation_for(context.scenario)
    activation = getattr(context.entities, "activation", None)
    raw, normalized = explanation.raw, explanation.normalized
    text = lead(context) + "\n\n"
    text += (
        "Vanishing and exploding gradients are mostly a matter of depth, not of the inputs' scale. In a deep network"
        " the gradient reaching an early layer is a product of one"
        " factor per layer (weights × activation slopes); when those factors stay below or above 1, the product"
        " vanishes or explodes with depth. The remedies are about depth: initialization scaled to fan-in"
        " (Glorot, He), ReLU-type activations, normalization layers, residual connections, gradient clipping, and"
        " gated units (LSTM, GRU) in recurrent networks.\n\n"
        + first_layer_text(explanation.analysis, activation)
        + "\n\n"
        'In a linear model, "exploding" is divergence: above η = 2/λmax ='
        f" {number(raw.max_stable_lr)} the error grows by |1 − ηλmax| per step. Normalizing raises that bound to"
        f" {number(normalized.max_stable_lr)}."
    )
    return Reply(text, (FigureRef("sweep"),), context.scenario)
