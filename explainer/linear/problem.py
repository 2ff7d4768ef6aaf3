"""What a scenario's step size and optimizer never change: its data, both quadratics, the normalizer, and
plain gradient descent's iteration counts at each side's best step.

A learner who edits the learning rate, the optimizer or the step cap asks about the same bowl again, so
this part is built once per problem and shared (a bounded region of the memory budget); only the runs are
new. Between two learning-rate edits of the default scenario that is about a third of `explain()`.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.budget.memory import BoundedCache, cache_key, region
from explainer.linear.data import TrainingData, make_data
from explainer.linear.descent import predicted_gd_iterations
from explainer.linear.normalize import AffineMap, fit_normalizer
from explainer.linear.quadratic import Quadratic, build_quadratic
from explainer.scenario.spec import Scenario

# Fields the problem never reads: the step, how it is taken, how many, and the labels.
STEP_FIELDS = ("learning_rate", "optimizer", "max_steps", "title", "model")
PROBLEM_ENTRIES = 128  # problems and their sweeps

# also the figures that never read the step (explainer.explanation.figures.sweep_figure)
PROBLEMS: BoundedCache = region("problems", max_entries=PROBLEM_ENTRIES)


@dataclass(frozen=True)
class Problem:
    data: TrainingData
    normalizer: AffineMap
    raw: Quadratic
    normalized: Quadratic
    best_lr_iterations: tuple[int | None, int | None]  # raw, normalized: plain GD at its own best step


def problem_key(scenario: Scenario) -> str:
    """The key two scenarios share when they differ only in the step (`STEP_FIELDS`)."""
    return cache_key(scenario, ignoring=STEP_FIELDS)


def build_problem(scenario: Scenario) -> Problem:
    data = make_data(scenario)
    raw = build_quadratic(data.features, data.target, data.feature_names, scenario.loss)
    normalizer = fit_normalizer(scenario.normalization, data.features, data.feature_names)
    normalized = build_quadratic(normalizer.apply(data.features), data.target, normalizer.output_names, scenario.loss)
    counts = tuple(
        predicted_gd_iterations(quadratic, quadratic.best_lr, scenario.tolerance)[0] for quadratic in (raw, normalized)
    )
    return Problem(data, normalizer, raw, normalized, counts)  # type: ignore[arg-type]


def problem_for(scenario: Scenario) -> Problem:
    """`build_problem(scenario)`, shared by every scenario that differs from it only in the step."""
    return PROBLEMS.get_or_compute(problem_key(scenario), lambda: build_problem(scenario))
