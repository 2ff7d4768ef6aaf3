"""Wall-clock measured live on this machine: one gradient step and one pass of normalizing.

Kept apart from the reply prose on purpose: a timing differs from run to run, so answers cite it
only in a note marked "measured live on this server", never in the text that must be reproducible.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

import numpy as np

from explainer.linear.analysis import Analysis


@dataclass(frozen=True)
class IterationCost:
    """Measured wall-clock of one full-batch gradient and of normalizing the data once."""

    seconds_per_iteration: float
    seconds_to_normalize: float
    multiply_adds: int


def iteration_cost(analysis: Analysis, repeats: int = 30) -> IterationCost:
    """Time the work of one gradient step, X̃ᵀ(X̃θ − y), as a learner's NumPy loop would do it."""
    design, target = analysis.raw.quadratic.design, analysis.raw.quadratic.target
    parameters = np.zeros(design.shape[1])
    features = analysis.data.features
    gradient_times, scaling_times = [], []
    for _ in range(repeats):
        start = time.perf_counter()
        design.T @ (design @ parameters - target)
        gradient_times.append(time.perf_counter() - start)
        start = time.perf_counter()
        (features - features.mean(axis=0)) / features.std(axis=0)
        scaling_times.append(time.perf_counter() - start)
    return IterationCost(
        float(np.median(gradient_times)),
        float(np.median(scaling_times)),
        2 * design.shape[0] * design.shape[1],
    )
