"""scenario → Explanation: the ordered steps, headline figures, caveats and code, as data.

Every number in the text is computed from the analysis; the prose around it only says
which number it is. Pages, the chat, the CLI and the reports all render this one value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np

from explainer.explanation.caveats import Caveat, caveats_for
from explainer.explanation.figures import (
    GradientFigure,
    LossFigure,
    RavineFigure,
    SweepFigure,
    gradient_figure,
    loss_figure,
    ravine_figure,
    sweep_figure,
)
from explainer.explanation.headline import Headline
from explainer.explanation.numbers import AnswerInNumbers, numbers_of
from explainer.explanation.pipeline import pipeline_code
from explainer.explanation.summary import cause_sentences
from explainer.formats.schema import scenario_to_dict
from explainer.linear.analysis import Analysis, Causes, Side, analyze, causes, original_units_fit
from explainer.linear.momentum import momentum_log_rate
from explainer.scenario.spec import Scenario
from explainer.scenario.vocabulary import METHODS, OPTIMIZER_CHOICES
from explainer.text.formatting import (
    contraction,
    counted,
    escape_markdown,
    fraction,
    latex_count,
    latex_number,
    number,
    wall_time,
)

if TYPE_CHECKING:
    from explainer.explanation.theory import DerivationStep

FIGURE_KEYS = ("ravine", "loss", "gradients", "sweep")


@dataclass(frozen=True)
class Step:
    key: str
    title: str
    markdown: str
    latex: str | None = None
    figure: str | None = None  # one of FIGURE_KEYS


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
    speedup_basis: str | None = None  # "simulated" (both runs finished), "predicted" (from rates) or None
    causes: Causes | None = field(default=None, repr=False)  # κ with spread, mean, correlation taken out
    summary: str = ""  # what normalizing does to κ and iterations, and what causes the ravine

    @property
    def cause(self) -> tuple[str, ...]:
        """What makes the raw ravine, largest first: some of "spread", "mean", "correlation" (empty: κ is small)."""
        return self.causes.dominant if self.causes is not None else ()

    @property
    def in_numbers(self) -> AnswerInNumbers:
        """The answer in numbers alone, as `answer_in_numbers(scenario)` gives it without the rest."""
        return AnswerInNumbers(
            self.scenario,
            self.raw,
            self.normalized,
            self.speedup,
            self.speedup_at_best_lr,
            self.speedup_basis,
            self.summary,
        )

    @property
    def speedup_text(self) -> str:
        """The speed-up as a short value: "2.01 × 10¹⁷ times", or why there is none ("raw diverged")."""
        return self.in_numbers.speedup_text

    @property
    def speedup_note(self) -> str:
        """Which ratio `speedup_text` is."""
        return self.in_numbers.speedup_note

    @property
    def derivation(self) -> tuple[DerivationStep, ...]:
        """The SymPy derivation with these numbers: worked out on request (the first one costs ~0.7 s of
        symbolic work, cached after), so pages that never show it do not wait for it."""
        from explainer.explanation.theory import derive  # SymPy loads only for a derivation

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
            "speedup_basis": self.speedup_basis,
            "cause": list(self.cause),
            "cause_factors": self.causes.factors if self.causes is not None else None,
            "summary": self.summary,
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
    found = causes(analysis)
    numbers = numbers_of(analysis, found)
    return Explanation(
        scenario=scenario,
        raw=numbers.raw,
        normalized=numbers.normalized,
        speedup=numbers.speedup,
        speedup_at_best_lr=numbers.speedup_at_best_lr,
        steps=_steps(analysis, found),
        caveats=caveats_for(analysis),
        code=pipeline_code(scenario.normalization),
        figures=Figures(
            ravine_figure(analysis), loss_figure(analysis), gradient_figure(analysis), sweep_figure(analysis)
        ),
        analysis=analysis,
        speedup_basis=numbers.speedup_basis,
        causes=found,
        summary=numbers.summary,
    )


def _name(analysis: Analysis, index: int) -> str:
    return f"**{escape_markdown(analysis.data.feature_names[index])}**"


def _steps(analysis: Analysis, found: Causes) -> tuple[Step, ...]:
    steps = [
        _features_step(analysis, found),
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


def _features_step(analysis: Analysis, found: Causes) -> Step:
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
    text = f"Your data: {counted(analysis.data.samples, 'sample')} of {counted(len(spreads), 'feature')}.\n\n"
    text += "\n".join(lines)
    text += "\n\n" + cause_sentences(analysis, found)
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
    headline = Headline.of(raw)
    gap = 2 / (kappa + 1) if np.isfinite(kappa) else 0.0
    text = (
        "With η capped by the sharpest direction, the flattest direction shrinks by only (1 − ηλmin) per step."
        f" Even at the best constant step, 2/(λmax + λmin) = {number(raw.quadratic.best_lr)}, the slowest error shrinks"
        f" by (κ − 1)/(κ + 1) = {contraction(1 - gap, gap)} per step, so reaching a tolerance of"
        f" {number(scenario.tolerance)} takes ln(1/ε)/ln((κ + 1)/(κ − 1)) steps, about (κ/2)·ln(1/ε) once κ is large:"
        f" {_bound_words(headline)}."
    )
    text += " " + _run_sentence(raw, scenario.optimizer.name)
    latex = (
        r"k = \frac{\ln(1/\varepsilon)}{\ln\frac{\kappa+1}{\kappa-1}} \approx \frac{\kappa}{2}\ln\frac{1}{\varepsilon}:\ "
        + (latex_count(raw.best_lr_iterations) if raw.best_lr_iterations is not None else r"\infty")
    )
    return Step("iterations", "The flat direction crawls", text, latex, "loss")


def _bound_words(headline: Headline) -> str:
    """The best-step bound in words, with what it means in time when it is huge."""
    if headline.best_lr_iterations is None:
        return "more iterations than a double can count"
    text = counted(headline.best_lr_iterations, "iteration")
    if headline.best_lr_iterations >= 1e11:
        text += f" (at a billion iterations a second, {wall_time(headline.best_lr_iterations)})"
    return text


def _normalized_step(analysis: Analysis) -> Step:
    normalized, raw = analysis.normalized, analysis.raw
    method = analysis.scenario.normalization
    text = (
        f"With {METHODS[method].phrase}, the Hessian's curvatures run from {number(normalized.quadratic.smallest_curvature)}"
        f" to {number(normalized.quadratic.largest_curvature)}: κ = {number(normalized.condition_number)} instead of"
        f" {number(raw.condition_number)}. The largest stable step grows from {number(raw.quadratic.max_stable_lr)} to"
        f" {number(normalized.quadratic.max_stable_lr)}, and at its best step gradient descent needs"
        f" {_bound_words(Headline.of(normalized))} instead of {_bound_words(Headline.of(raw))}"
    )
    if analysis.speedup_at_best_lr is not None:
        text += f": {number(analysis.speedup_at_best_lr)} times fewer."
    else:
        text += "."
    text += " " + _run_sentence(normalized, analysis.scenario.optimizer.name)
    if analysis.speedup is not None:
        basis = "simulated" if analysis.speedup_basis == "simulated" else "predicted"
        text += f" At your settings that is {number(analysis.speedup)} times fewer iterations ({basis} on both sides)."
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
            f" eases the ravine but does not remove it: raw, its slowest error still contracts only"
            f" {_momentum_rate_text(raw, beta)} per step; normalized, {_momentum_rate_text(normalized, beta)}."
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
    label = OPTIMIZER_CHOICES[optimizer].label
    prefix = f"{label} on the {side.label} features with η = {number(side.learning_rate)}"
    if run.converged_at is not None or run.diverged:
        return f"{prefix} {Headline.of(side).outcome}."
    return f"{prefix} {Headline.of(side).outcome}. When it stopped, the error was still {fraction(float(run.relative_error[-1]))} of its start."


def _momentum_rate_text(side: Side, beta: float) -> str:
    run = side.run
    if run.rate is None:
        return "at a rate that could not be computed"
    log_rate = momentum_log_rate(side.learning_rate, beta, side.quadratic.eigenvalues, run.rate)
    return contraction(run.rate, float(-np.expm1(log_rate)))
