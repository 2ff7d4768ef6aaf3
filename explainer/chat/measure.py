"""The engine's worked-out explanation for a scenario, cached, and where a run stood at a given step."""

from __future__ import annotations

import numpy as np

from explainer.explanation.cache import cached_explain
from explainer.explanation.explain import Explanation
from explainer.linear.quadratic import build_quadratic
from explainer.linear.run import Run
from explainer.scenario.spec import Scenario


def explanation_for(scenario: Scenario) -> Explanation:
    """`explain(scenario)` from the cache every page shares: a follow-up on the same numbers costs nothing."""
    return cached_explain(scenario)


def state_at(run: Run, step: int) -> tuple[int, float, float]:
    """(step, relative error, loss) at the last recorded step ≤ `step`."""
    index = int(np.searchsorted(run.steps, step, side="right")) - 1
    index = max(index, 0)
    return int(run.steps[index]), float(run.relative_error[index]), float(10 ** min(run.log10_loss[index], 308.0))


def condition_number(features: np.ndarray) -> float:
    """κ of the mean squared error's Hessian (2/m)·X̃ᵀX̃, with the bias column: the engine's own quadratic (from the
    singular values, so a large offset keeps its digits); the target does not enter the Hessian."""
    names = tuple(f"x{index}" for index in range(features.shape[1]))
    return build_quadratic(features, np.zeros(len(features)), names, "mse").condition_number
