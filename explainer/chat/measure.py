"""The numbers an answer cites beyond `explain()`: each computed from the scenario's own data.

Everything here is a small function of a worked-out scenario (an `Analysis`), so the chat can
back a claim ("the mean matters", "trees don't care", "kNN distances are dominated by one
feature") with a figure for the learner's features rather than a slogan.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import numpy as np

from explainer.analysis import Analysis, condition_after, original_units_fit
from explainer.data import make_data
from explainer.descent import predicted_gd_iterations
from explainer.explain import Explanation
from explainer.memo import cached_explain
from explainer.normalize import fit_normalizer
from explainer.quadratic import build_quadratic
from explainer.run import Run
from explainer.scenario import NORMALIZATIONS, Dataset, Feature, OptimizerSettings, Scenario

POST_X = (10.0, 20.0, 30.0, 40.0)  # the blog post's experiment (Data Science Stack Exchange, 2018)
POST_Y = (1.01, 2.02, 2.88, 4.1)


def explanation_for(scenario: Scenario) -> Explanation:
    """`explain(scenario)` from the cache every page shares: a follow-up on the same numbers costs nothing."""
    return cached_explain(scenario)


def post_experiment(learning_rate: float = 0.01, steps: int = 50) -> Scenario:
    """x = 10, 20, 30, 40; y = 1.01, 2.02, 2.88, 4.1; η = 0.01; 50 iterations; (x − mean)/(max − min).

    The post's code divides by the number of columns (1), so its cost is the *sum* of squared errors.
    """
    return Scenario(
        data=Dataset(("x",), (POST_X,), POST_Y, "y"),
        loss="sse",
        learning_rate=learning_rate,
        max_steps=steps,
        normalization="minmax_centered",
        title="The blog post's four-point experiment",
    )


def is_post_data(scenario: Scenario) -> bool:
    """The learner typed the post's own four points."""
    data = scenario.data
    return data is not None and data.columns == (POST_X,) and data.target == POST_Y


def with_optimizer(scenario: Scenario, name: str) -> Scenario:
    settings = scenario.optimizer
    return scenario.with_changes(
        optimizer=OptimizerSettings(name, settings.momentum, settings.beta1, settings.beta2, settings.epsilon)  # type: ignore[arg-type]
    )


def condition_by_method(analysis: Analysis) -> dict[str, float]:
    """κ after each normalization the engine knows, on the same data."""
    data = analysis.data
    found = {}
    for method in NORMALIZATIONS:
        normalizer = fit_normalizer(method, data.features, data.feature_names)  # type: ignore[arg-type]
        found[method] = condition_after(analysis, normalizer.apply(data.features))
    return found


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


def state_at(run: Run, step: int) -> tuple[int, float, float]:
    """(step, relative error, loss) at the last recorded step ≤ `step`."""
    index = int(np.searchsorted(run.steps, step, side="right")) - 1
    index = max(index, 0)
    return int(run.steps[index]), float(run.relative_error[index]), float(10 ** min(run.log10_loss[index], 308.0))


@dataclass(frozen=True)
class SlowRaw:
    """The post's raw fit at a small, stable learning rate: the cost looks done long before the weights are."""

    learning_rate: float
    early_step: int
    early_cost: float
    best_cost: float
    late_step: int
    late_intercept: float
    best_intercept: float
    iterations_to_tolerance: int | None


def slow_raw_run(scenario: Scenario, learning_rate: float = 1e-4, early: int = 50, late: int = 5000) -> SlowRaw:
    slow = explanation_for(scenario.with_changes(learning_rate=learning_rate, max_steps=late))
    run = slow.analysis.raw.run
    early_step, _, early_cost = state_at(run, early)
    index = int(np.searchsorted(run.steps, late, side="right")) - 1
    quadratic = slow.analysis.raw.quadratic
    iterations, _ = predicted_gd_iterations(quadratic, learning_rate, scenario.tolerance)
    return SlowRaw(
        learning_rate,
        early_step,
        early_cost,
        quadratic.minimum_loss,
        int(run.steps[index]),
        float(run.parameters[index][-1]),
        float(quadratic.optimum[-1]),
        iterations,
    )


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


@dataclass(frozen=True)
class TreeCheck:
    largest_prediction_difference: float
    prediction_spread: float


def tree_check(analysis: Analysis) -> TreeCheck:
    """The same decision tree fitted on raw and on normalized features: how far apart are its predictions?"""
    from sklearn.tree import DecisionTreeRegressor

    features, target = analysis.data.features, analysis.data.target
    normalized = analysis.normalizer.apply(features)
    raw_tree = DecisionTreeRegressor(max_depth=6, random_state=0).fit(features, target)
    normalized_tree = DecisionTreeRegressor(max_depth=6, random_state=0).fit(normalized, target)
    difference = np.abs(raw_tree.predict(features) - normalized_tree.predict(normalized))
    return TreeCheck(float(difference.max()), float(np.ptp(target)))


@dataclass(frozen=True)
class RidgeShrinkage:
    """Ridge coefficient ÷ least-squares coefficient for each feature, raw and standardized."""

    names: tuple[str, ...]
    penalty: float
    raw: np.ndarray
    standardized: np.ndarray


def ridge_shrinkage(analysis: Analysis) -> RidgeShrinkage:
    """min Σr² + α‖w‖² (bias not penalized), α = number of samples, on raw and on z-scored features."""
    features, target = analysis.data.features, analysis.data.target
    penalty = float(features.shape[0])

    def ratios(columns: np.ndarray) -> np.ndarray:
        centred = columns - columns.mean(axis=0)
        response = target - target.mean()
        gram = centred.T @ centred
        least_squares = np.linalg.solve(gram, centred.T @ response)
        ridge = np.linalg.solve(gram + penalty * np.eye(len(gram)), centred.T @ response)
        return ridge / np.where(least_squares != 0, least_squares, 1.0)

    standardized = (features - features.mean(axis=0)) / features.std(axis=0)
    return RidgeShrinkage(analysis.data.feature_names, penalty, ratios(features), ratios(standardized))


def distance_shares(analysis: Analysis) -> tuple[np.ndarray, np.ndarray]:
    """Each feature's share of the average squared distance between two samples: raw, z-scored."""
    variances = analysis.data.features.var(axis=0)
    return variances / variances.sum(), np.full(len(variances), 1.0 / len(variances))


@dataclass(frozen=True)
class Saturation:
    """A tanh layer with LeCun-initialized weights (variance 1/d) fed raw vs z-scored inputs."""

    raw_spread: float
    normalized_spread: float
    raw_saturated: float  # share of pre-activations with |z| > 2
    normalized_saturated: float
    raw_slope: float  # average tanh'(z): how much gradient gets through
    normalized_slope: float


def saturation(analysis: Analysis, units: int = 256) -> Saturation:
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
                float(np.mean(np.abs(pre_activations) > 2)),
                float(np.mean(1 - np.tanh(pre_activations) ** 2)),
            )
        )
    (raw_spread, raw_saturated, raw_slope), (spread, saturated, slope) = results
    return Saturation(raw_spread, spread, raw_saturated, saturated, raw_slope, slope)


@dataclass(frozen=True)
class TargetScaling:
    factor: float
    condition_numbers: tuple[float, float]
    max_stable_lrs: tuple[float, float]
    iterations: tuple[int | None, int | None]
    start_losses: tuple[float, float]


def target_scaling(analysis: Analysis, factor: float = 1000.0) -> TargetScaling:
    """The raw problem with y as it is and with y × factor: curvature, stable step, iterations, loss."""
    data = analysis.data
    quadratics = [
        build_quadratic(data.features, data.target * scale, data.feature_names, analysis.scenario.loss)
        for scale in (1.0, factor)
    ]
    iterations = [
        predicted_gd_iterations(quadratic, quadratic.best_lr, analysis.scenario.tolerance)[0]
        for quadratic in quadratics
    ]
    start = np.zeros(len(quadratics[0].optimum))
    losses = [float(quadratic.loss(start)) for quadratic in quadratics]
    return TargetScaling(
        factor,
        (quadratics[0].condition_number, quadratics[1].condition_number),
        (quadratics[0].max_stable_lr, quadratics[1].max_stable_lr),
        (iterations[0], iterations[1]),
        (losses[0], losses[1]),
    )


@dataclass(frozen=True)
class Skew:
    """A feature spanning orders of magnitude, before and after a log: how bunched are its values?"""

    name: str
    low: float
    high: float
    bunched_linear: float  # share of values in the bottom 5% of the range after min-max scaling
    bunched_log: float  # the same after taking logs first
    largest_z_linear: float
    largest_z_log: float


def skew_feature(scenario: Scenario) -> Feature:
    """The scenario's widest positive feature as a long-tailed one, or a 1 … 10⁶ example."""
    candidates = [f for f in scenario.features if f.low > 0 and f.high / f.low >= 100]
    if candidates:
        widest = max(candidates, key=lambda f: f.high / f.low)
        return Feature(widest.name, widest.low, widest.high, "lognormal")
    return Feature("income", 1e3, 1e7, "lognormal")


def skew(feature: Feature, samples: int = 1000) -> Skew:
    values = make_data(Scenario(features=(feature,), samples=samples)).features[:, 0]
    logs = np.log(values)

    def bunched(column: np.ndarray) -> float:
        scaled = (column - column.min()) / np.ptp(column)
        return float(np.mean(scaled < 0.05))

    def largest_z(column: np.ndarray) -> float:
        return float(np.max(np.abs(column - column.mean())) / column.std())

    return Skew(
        feature.name, feature.low, feature.high, bunched(values), bunched(logs), largest_z(values), largest_z(logs)
    )


@dataclass(frozen=True)
class Weights:
    names: tuple[str, ...]
    normalized: np.ndarray  # weights and bias learned on normalized features
    original: np.ndarray  # the same model in the original units (bias last)
    raw_optimum: np.ndarray


def weights(analysis: Analysis) -> Weights:
    mapped, bias = original_units_fit(analysis)
    return Weights(
        analysis.raw.quadratic.parameter_names,
        analysis.normalized.quadratic.optimum,
        np.append(mapped, bias),
        analysis.raw.quadratic.optimum,
    )
