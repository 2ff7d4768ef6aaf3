"""The engine's worked-out explanation for a scenario, cached, and where a run stood at a given step."""

from __future__ import annotations

from functools import lru_cache

import numpy as np

from explainer.explain import Explanation, explain
from explainer.run import Run
from explainer.scenario import Scenario

EXPLANATIONS_CACHED = 64


@lru_cache(maxsize=EXPLANATIONS_CACHED)
def explanation_for(scenario: Scenario) -> Explanation:
    """`explain(scenario)`, cached per scenario: a follow-up on the same numbers costs nothing."""
    return explain(scenario)


def state_at(run: Run, step: int) -> tuple[int, float, float]:
    """(step, relative error, loss) at the last recorded step ≤ `step`."""
    index = int(np.searchsorted(run.steps, step, side="right")) - 1
    index = max(index, 0)
    return int(run.steps[index]), float(run.relative_error[index]), float(10 ** min(run.log10_loss[index], 308.0))
