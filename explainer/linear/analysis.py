"""A scenario worked out: data, normalizer, both quadratics, both optimizer runs.

Everything the explanation, the derivation's numbers and the figures need is computed here
once, so the chat, the pages, the CLI and the reports all describe the same numbers.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explainer.linear.data import TrainingData
from explainer.linear.descent import run_optimizer
from explainer.linear.normalize import AffineMap
from explainer.linear.problem import problem_for
from explainer.linear.quadratic import Quadratic
from explainer.linear.rates import ratio
from explainer.linear.run import Run
from explainer.scenario.spec import Scenario

ADAM_DEFAULT_LR = 1e-3


@dataclass(frozen=True)
class Side:
    """One of the two problems being compared: the raw features or the normalized ones."""

    label: str  # "raw" or "normalized"
    quadratic: Quadratic
    learning_rate: float
    run: Run
    best_lr_iterations: int | None  # plain GD at its own best step, the fair race

    @property
    def condition_number(self) -> float:
        return self.quadratic.condition_number

    @property
    def iterations(self) -> int | None:
        return self.run.converged_at


@dataclass(frozen=True)
class Analysis:
    scenario: Scenario
    data: TrainingData
    normalizer: AffineMap
    raw: Side
    normalized: Side

    @property
    def sides(self) -> tuple[Side, Side]:
        return self.raw, self.normalized

    @property
    def speedup_basis(self) -> str | None:
        """Which counts the speed-up divides: "simulated" when both runs reached the tolerance, else
        "predicted" (each run's count from its contraction rate) when neither diverged; None otherwise."""
        if self.raw.iterations is not None and self.normalized.iterations is not None:
            return "simulated"
        runs = (self.raw.run, self.normalized.run)
        if not any(run.diverged for run in runs) and all(run.predicted_iterations is not None for run in runs):
            return "predicted"
        return None

    @property
    def speedup(self) -> float | None:
        """Raw iterations ÷ normalized iterations at the chosen settings: simulated when both runs finished,
        else both predicted (a run cut off by the step cap still has a finite predicted count)."""
        basis = self.speedup_basis
        if basis is None:
            return None
        if basis == "simulated":
            raw, normalized = self.raw.iterations, self.normalized.iterations
        else:
            raw, normalized = self.raw.run.predicted_iterations, self.normalized.run.predicted_iterations
        return ratio(raw, normalized)

    @property
    def speedup_at_best_lr(self) -> float | None:
        """The fair race: plain GD, each side at its own best constant step."""
        raw, normalized = self.raw.best_lr_iterations, self.normalized.best_lr_iterations
        if raw is None or normalized is None:
            return None
        return ratio(raw, normalized)


def resolve_learning_rate(scenario: Scenario, quadratic: Quadratic) -> float:
    """The step a side uses: the scenario's number, or "auto" (GD's best step; Adam's default)."""
    if scenario.learning_rate != "auto":
        return float(scenario.learning_rate)
    if scenario.optimizer.name == "adam":
        return ADAM_DEFAULT_LR
    return quadratic.best_lr


def analyze(scenario: Scenario) -> Analysis:
    """Build both problems (shared with scenarios that differ only in the step) and run the scenario's
    optimizer on each from the same start (all zeros)."""
    problem = problem_for(scenario)
    sides = []
    for label, quadratic, best_iterations in (
        ("raw", problem.raw, problem.best_lr_iterations[0]),
        ("normalized", problem.normalized, problem.best_lr_iterations[1]),
    ):
        learning_rate = resolve_learning_rate(scenario, quadratic)
        run = run_optimizer(quadratic, scenario.optimizer, learning_rate, scenario.tolerance, scenario.max_steps)
        sides.append(Side(label, quadratic, learning_rate, run, best_iterations))
    return Analysis(scenario, problem.data, problem.normalizer, sides[0], sides[1])


def original_units_fit(analysis: Analysis) -> tuple[np.ndarray, float]:
    """The normalized side's best fit mapped back to raw units: the same model the raw side finds."""
    optimum = analysis.normalized.quadratic.optimum
    return analysis.normalizer.weights_to_original(optimum[:-1], float(optimum[-1]))


def condition_after(analysis: Analysis, features: np.ndarray) -> float:
    """κ of the same regression on transformed feature columns (same loss; κ does not depend on the target).

    Only the singular values are needed, so the tall design is reduced to its 21×21 R factor first
    (QR keeps them exactly): about 10× faster than the full SVD and least-squares fit `build_quadratic`
    does, which matters at 100,000 samples (1.6 s → 0.1 s per call on a busy two-core machine).
    """
    design = np.column_stack([features, np.ones(features.shape[0])])
    singular_values = np.linalg.svd(np.linalg.qr(design, mode="r"), compute_uv=False)
    with np.errstate(divide="ignore"):
        return float((singular_values[0] / singular_values[-1]) ** 2)


@dataclass(frozen=True)
class Centering:
    """κ raw, after dividing by the standard deviation only, and after z-scoring (centred as well):
    how much of the ravine is the features' spread and how much their means."""

    raw: float
    scaled_only: float
    zscored: float


def centering(analysis: Analysis) -> Centering:
    features = analysis.data.features
    spreads, means = features.std(axis=0), features.mean(axis=0)
    return Centering(
        analysis.raw.condition_number,
        condition_after(analysis, features / spreads),
        condition_after(analysis, (features - means) / spreads),
    )


CAUSE_FACTOR = 3.0  # a cause that divides κ by less than this is not worth naming
CAUSE_SHARE = 0.5  # on a log scale, a cause within this share of the largest is named beside it


@dataclass(frozen=True)
class Causes:
    """How much each property of the features inflates κ, measured by removing it:

    spread: κ of the centred features ÷ κ z-scored (what dividing by the spreads removes);
    mean: κ of the features divided by their spreads only ÷ κ z-scored (what centring removes);
    correlation: κ z-scored ÷ 1 (what decorrelating removes: whitened, centred columns with unit
    variance and no correlation give the Hessian 2·I, κ = 1 exactly, so it needs no refit).
    """

    raw: float
    centred_only: float
    scaled_only: float
    zscored: float

    @property
    def factors(self) -> dict[str, float]:
        return {
            "spread": self.centred_only / self.zscored,
            "mean": self.scaled_only / self.zscored,
            "correlation": self.zscored,
        }

    @property
    def dominant(self) -> tuple[str, ...]:
        """The causes that matter here, largest first: some of "spread", "mean", "correlation"; () if κ is small."""
        logs = {key: float(np.log10(max(value, 1.0))) for key, value in self.factors.items()}
        top = max(logs.values())
        if top < np.log10(CAUSE_FACTOR):
            return ()
        named = [key for key, value in logs.items() if value >= np.log10(CAUSE_FACTOR) and value >= CAUSE_SHARE * top]
        return tuple(sorted(named, key=lambda key: -logs[key]))


def causes(analysis: Analysis) -> Causes:
    """κ with the spreads, then the means taken out, to name what makes this ravine."""
    features = analysis.data.features
    spreads, means = features.std(axis=0), features.mean(axis=0)
    return Causes(
        analysis.raw.condition_number,
        condition_after(analysis, features - means),
        condition_after(analysis, features / spreads),
        condition_after(analysis, (features - means) / spreads),
    )
