"""scenario → Explanation: the ordered steps, headline figures, caveats and code, as data.

Every number in the text is computed from the analysis; the prose around it only says
which number it is. Pages, the chat, the CLI and the reports all render this one value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from explainer.analysis import Analysis, Side, analyze, original_units_fit
from explainer.caveats import Caveat, caveats_for
from explainer.figures import (
    GradientFigure,
    LossFigure,
    RavineFigure,
    SweepFigure,
    gradient_figure,
    loss_figure,
    ravine_figure,
    sweep_figure,
)
from explainer.formatting import count, escape_markdown, latex_count, latex_number, number
from explainer.normalize import METHOD_LABELS
from explainer.pipeline import pipeline_code
from explainer.scenario import Scenario
from explainer.schema import scenario_to_dict
from explainer.theory import DerivationStep, derive

FIGURE_KEYS = ("ravine", "loss", "gradients", "sweep")


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    markdown: str
    latex: str | None = None
    figure: str | None = None  # one of FIGURE_KEYS


@dataclass(frozen=True)
class Headline:
    """The figures a learner compares, for one side (raw or normalized)."""

    label: str
    condition_number: float
    max_stable_lr: float
    best_lr: float
    learning_rate: float
    predicted_iterations: int | None
    simulated_iterations: int | None
    diverged: bool
    diverged_at: int | None
    stop_reason: str
    best_lr_iterations: int | None

    @classmethod
    def of(cls, side: Side) -> Headline:
        quadratic, run = side.quadratic, side.run
        return cls(
            side.label,
            quadratic.condition_number,
            quadratic.max_stable_lr,
            quadratic.best_lr,
            side.learning_rate,
            run.predicted_iterations,
            run.converged_at,
            run.diverged,
            run.diverged_at,
            run.stop_reason,
            side.best_lr_iterations,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "condition_number": self.condition_number,
            "max_stable_lr": self.max_stable_lr,
            "best_lr": self.best_lr,
            "learning_rate": self.learning_rate,
            "predicted_iterations": self.predicted_iterations,
            "simulated_iterations": self.simulated_iterations,
            "diverged": self.diverged,
            "diverged_at": self.diverged_at,
            "stop_reason": self.stop_reason,
            "best_lr_iterations": self.best_lr_iterations,
        }


@dataclass(frozen=True)
class Figures:
    ravine: RavineFigure
    loss: LossFigure
    gradients: GradientFigure
    sweep: SweepFigure


@dataclass(frozen=True)
class Explanation:
    scenario: Scenario
    raw: Headline
    normalized: Headline
    speedup: float | None  # raw ÷ normalized iterations at the chosen settings
    speedup_at_best_lr: float | None  # the fair race: plain GD, each at its own best step
    steps: tuple[Step, ...]
    caveats: tuple[Caveat, ...]
    code: str
    figures: Figures = field(repr=False)
    analysis: Analysis = field(repr=False)

    @property
    def derivation(self) -> tuple[DerivationStep, ...]:
        """The SymPy derivation with these numbers: worked out on request (the first one costs ~0.7 s of
        symbolic work, cached after), so pages that never show it do not wait for it."""
        return derive(self.analysis)

    def step(self, key: str) -> Step:
        return next(step for step in self.steps if step.key == key)

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (CLI --json, JSON reports)."""
        return {
            "raw": self.raw.to_dict(),
            "normalized": self.normalized.to_dict(),
            "speedup": self.speedup,
            "speedup_at_best_lr": self.speedup_at_best_lr,
            "steps": [
                {"key": s.key, "title": s.title, "text": s.markdown, "latex": s.latex, "figure": s.figure}
                for s in self.steps
            ],
            "caveats": [{"key": c.key, "text": c.text} for c in self.caveats],
            "code": self.code,
            "scenario": scenario_to_dict(self.scenario),
        }


def explain(scenario: Scenario) -> Explanation:
    """Work the scenario out and say why normalizing changes the number of iterations."""
    analysis = analyze(scenario)
    raw, normalized = Headline.of(analysis.raw), Headline.of(analysis.normalized)
    return Explanation(
        scenario=scenario,
        raw=raw,
        normalized=normalized,
        speedup=analysis.speedup,
        speedup_at_best_lr=analysis.speedup_at_best_lr,
        steps=_steps(analysis),
        caveats=caveats_for(analysis),
        code=pipeline_code(scenario.normalization),
        figures=Figures(
            ravine_figure(analysis), loss_figure(analysis), gradient_figure(analysis), sweep_figure(analysis)
        ),
        analysis=analysis,
    )


def _name(analysis: Analysis, index: int) -> str:
    return f"**{escape_markdown(analysis.data.feature_names[index])}**"


def _steps(analysis: Analysis) -> tuple[Step, ...]:
    steps = [
        _features_step(analysis),
        _gradient_step(analysis),
        _ravine_step(analysis),
        _rate_step(analysis),
        _crawl_step(analysis),
        _normalized_step(analysis),
        _cost_step(analysis),
    ]
    if analysis.scenario.optimizer.name != "gd":
        steps.append(_optimizer_step(analysis))
    steps.append(_same_model_step(analysis))
    return tuple(steps)


def _features_step(analysis: Analysis) -> Step:
    features = analysis.data.features
    lows, highs = features.min(axis=0), features.max(axis=0)
    means, spreads = features.mean(axis=0), features.std(axis=0)
    lines = [
        f"- {_name(analysis, i)}: from {number(lows[i])} to {number(highs[i])}, mean {number(means[i])},"
        f" standard deviation {number(spreads[i])}"
        for i in range(min(len(spreads), 8))
    ]
    if len(spreads) > 8:
        lines.append(f"- … and {len(spreads) - 8} more")
    text = (
        f"Your data: {analysis.data.samples:,} samples of {len(spreads)} feature{'s' if len(spreads) > 1 else ''}.\n\n"
    )
    text += "\n".join(lines)
    if len(spreads) > 1:
        big, small = int(np.argmax(spreads)), int(np.argmin(spreads))
        text += (
            f"\n\n{_name(analysis, big)} varies {number(spreads[big] / spreads[small])} times more than"
            f" {_name(analysis, small)}. That ratio, not the units, is what gradient descent feels."
        )
    return Step("features", "Your features", text)


def _gradient_step(analysis: Analysis) -> Step:
    gradient = np.abs(analysis.raw.quadratic.gradient(np.zeros(len(analysis.raw.quadratic.optimum))))[:-1]
    text = (
        f"The gradient for a weight is the {'average' if analysis.scenario.loss == 'mse' else 'sum'} of"
        " (prediction error × that weight's feature value), so it"
        " scales with the feature: multiply a feature by c and its gradient is multiplied by c, while its"
        " curvature (how fast that gradient changes) is multiplied by c²."
    )
    if len(gradient) > 1:
        big, small = int(np.argmax(gradient)), int(np.argmin(gradient))
        text += (
            f" At the start, the gradient for {_name(analysis, big)}'s weight is {number(gradient[big])};"
            f" for {_name(analysis, small)}'s it is {number(gradient[small])}, {number(gradient[big] / max(gradient[small], 1e-300))}"
            " times smaller. One learning rate has to serve both."
        )
    latex = (
        r"\frac{\partial L}{\partial w_j} = \frac{2}{m}\sum_i r_i\,x_{ij}"
        if analysis.scenario.loss == "mse"
        else r"\frac{\partial L}{\partial w_j} = 2\sum_i r_i\,x_{ij}"
    )
    return Step("gradient", "Gradients follow the feature's scale", text, latex, "gradients")


def _ravine_step(analysis: Analysis) -> Step:
    raw = analysis.raw.quadratic
    text = (
        "The loss of linear regression is a bowl whose curvature is the Hessian. Along its sharpest axis it curves"
        f" {number(raw.largest_curvature)} per unit², along its flattest {number(raw.smallest_curvature)}: the condition number"
        f" κ = {number(raw.condition_number)}. The contours are ellipses about {number(np.sqrt(raw.condition_number))}"
        " times longer than wide: a long, narrow ravine. Gradient descent steps straight downhill, which in a"
        " ravine points mostly across it, not along it, so the path zig-zags between the walls."
    )
    latex = (
        r"H = \tfrac{2}{m}\tilde X^\top\tilde X,\qquad \kappa = \frac{\lambda_{\max}}{\lambda_{\min}} = "
        + latex_number(raw.condition_number)
    )
    return Step("ravine", "A ravine, not a bowl", text, latex, "ravine")


def _rate_step(analysis: Analysis) -> Step:
    raw = analysis.raw
    text = (
        f"A step multiplies the error along each axis of the bowl by (1 − ηλ). Along the sharpest axis that factor"
        f" leaves [−1, 1] once η > 2/λmax = {number(raw.quadratic.max_stable_lr)}: beyond it the run diverges, each step"
        " overshooting further and the loss exploding."
    )
    if raw.run.diverged:
        where = f" at step {raw.run.diverged_at:,}" if raw.run.diverged_at is not None else ""
        text += (
            f" Your learning rate {number(raw.learning_rate)} is {number(raw.learning_rate / raw.quadratic.max_stable_lr)}"
            f" times that bound, so the raw run diverges: its loss passed a million times its start{where}."
        )
    else:
        text += f" The raw run uses η = {number(raw.learning_rate)}, within the bound."
    latex = r"\eta < \frac{2}{\lambda_{\max}} = " + latex_number(raw.quadratic.max_stable_lr)
    return Step("learning_rate", "The sharpest direction caps the learning rate", text, latex, "sweep")


def _crawl_step(analysis: Analysis) -> Step:
    raw, scenario = analysis.raw, analysis.scenario
    kappa = raw.quadratic.condition_number
    text = (
        "With η capped by the sharpest direction, the flattest direction shrinks by only (1 − ηλmin) per step."
        f" Even at the best constant step, 2/(λmax + λmin) = {number(raw.quadratic.best_lr)}, the slowest error shrinks"
        f" by (κ − 1)/(κ + 1) = {_rate_text((kappa - 1) / (kappa + 1))} per step, so reaching a tolerance of {number(scenario.tolerance)} takes"
        f" about (κ/2)·ln(1/ε) = {count(raw.best_lr_iterations)} iterations."
    )
    text += " " + _run_sentence(raw, scenario.optimizer.name)
    latex = r"k \approx \frac{\kappa}{2}\ln\frac{1}{\varepsilon} = " + latex_count(raw.best_lr_iterations)
    return Step("iterations", "The flat direction crawls", text, latex, "loss")


def _normalized_step(analysis: Analysis) -> Step:
    normalized, raw = analysis.normalized, analysis.raw
    method = analysis.scenario.normalization
    text = (
        f"With {METHOD_LABELS[method]}, the Hessian's curvatures run from {number(normalized.quadratic.smallest_curvature)}"
        f" to {number(normalized.quadratic.largest_curvature)}: κ = {number(normalized.condition_number)} instead of"
        f" {number(raw.condition_number)}. The largest stable step grows from {number(raw.quadratic.max_stable_lr)} to"
        f" {number(normalized.quadratic.max_stable_lr)}, and at its best step gradient descent needs"
        f" {count(normalized.best_lr_iterations)} iterations instead of {count(raw.best_lr_iterations)}"
    )
    if analysis.speedup_at_best_lr is not None:
        text += f": {number(analysis.speedup_at_best_lr)} times fewer."
    else:
        text += "."
    text += " " + _run_sentence(normalized, analysis.scenario.optimizer.name)
    if analysis.speedup is not None:
        text += f" At your settings that is {number(analysis.speedup)} times fewer iterations."
    latex = rf"\kappa_{{\text{{raw}}}} = {latex_number(raw.condition_number)}\ \longrightarrow\ \kappa_{{\text{{normalized}}}} = {latex_number(normalized.condition_number)}"
    return Step("normalized", "What normalizing changes", text, latex, "ravine")


def _cost_step(analysis: Analysis) -> Step:
    samples, features = analysis.data.samples, analysis.data.features.shape[1]
    text = (
        "Normalizing does not make an iteration cheaper: each one still computes the same predictions and the same"
        f" gradient, about {2 * samples * (features + 1):,} multiply-adds here, raw or normalized. Scaling the data once"
        f" costs about {samples * features:,} operations. The saving is entirely in the number of iterations."
    )
    return Step("cost", "Same cost per iteration, far fewer iterations", text)


def _optimizer_step(analysis: Analysis) -> Step:
    name = analysis.scenario.optimizer.name
    raw, normalized = analysis.raw, analysis.normalized
    if name == "momentum":
        beta = analysis.scenario.optimizer.momentum
        text = (
            f"Momentum (β = {number(beta)}) keeps a running sum of past steps: across the ravine the zig-zags cancel,"
            " along it the small steps add up, so it moves up to 1/(1 − β) times faster along the flat direction. It"
            f" eases the ravine but does not remove it: raw, its slowest error still contracts only {_rate_text(raw.run.rate)}"
            f" per step; normalized, {_rate_text(normalized.run.rate)}."
        )
    else:
        text = (
            "Adam divides each parameter's step by the running size of its own gradient, so every weight moves about η"
            " per step whatever its feature's scale. That removes differences in scale, not correlation or the"
            " mean offset's coupling with the bias, and with a constant η it ends up circling the minimum at about"
            " η's distance. " + _run_sentence(raw, name) + " Normalized: " + _run_sentence(normalized, name)
        )
    return Step("optimizer", "What your optimizer does about it", text)


def _same_model_step(analysis: Analysis) -> Step:
    weights, bias = original_units_fit(analysis)
    raw_optimum = analysis.raw.quadratic.optimum
    difference = float(
        np.max(np.abs(np.append(weights, bias) - raw_optimum)) / max(np.max(np.abs(raw_optimum)), 1e-300)
    )
    text = (
        "Normalizing changes the route, not the destination: the best weights learned on normalized features, mapped"
        " back to the original units, are the raw problem's best weights (they agree to a relative"
        f" {number(difference)}). Predictions are the same; only the number of steps to get there differs."
    )
    return Step("same_model", "The same model either way", text)


def _run_sentence(side: Side, optimizer: str) -> str:
    run = side.run
    label = {"gd": "Gradient descent", "momentum": "Momentum", "adam": "Adam"}[optimizer]
    prefix = f"{label} on the {side.label} features with η = {number(side.learning_rate)}"
    if run.converged_at is not None:
        return f"{prefix} reached the tolerance in {count(run.converged_at)} iterations."
    if run.diverged:
        where = (
            f" (loss past a million times its start at step {run.diverged_at:,})" if run.diverged_at is not None else ""
        )
        return f"{prefix} diverged{where}."
    if run.stop_reason == "stalled":
        return f"{prefix} stalled {number(run.relative_error[-1])} of the way from the minimum after {count(run.steps_run)} steps."
    return (
        f"{prefix} had not reached the tolerance after {count(run.steps_run)} steps (the cap); the error was still"
        f" {number(run.relative_error[-1])} of its start."
    )


def _rate_text(value: float | None) -> str:
    if value is None:
        return "n/a"
    if value >= 0.999:
        return f"{value:.9f}".rstrip("0")
    return f"{value:.3f}"
