"""Reproducible data for a scenario: the learner's own table, or synthetic draws from its ranges."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explainer.scenario.spec import Feature, Scenario


@dataclass(frozen=True)
class TrainingData:
    """Design matrix (samples × features, without the bias column) and target."""

    features: np.ndarray
    target: np.ndarray
    feature_names: tuple[str, ...]
    target_name: str

    @property
    def samples(self) -> int:
        return int(self.features.shape[0])


def default_true_weights(features: tuple[Feature, ...]) -> tuple[float, ...]:
    """Each feature moves the target by 1 across its range, so every feature matters equally."""
    return tuple(1.0 / feature.spread for feature in features)


def make_data(scenario: Scenario) -> TrainingData:
    """The scenario's dataset, or one drawn from its ranges with a NumPy Generator seeded by `seed`.

    Correlated features use a Gaussian copula: correlated standard normals, each mapped to its
    feature's distribution, so ranges stay as described while the features move together.
    """
    if scenario.data is not None:
        table = scenario.data
        return TrainingData(
            features=np.array(table.columns, dtype=float).T.copy(),
            target=np.array(table.target, dtype=float),
            feature_names=table.feature_names,
            target_name=table.target_name,
        )
    generator = np.random.default_rng(scenario.seed)
    count = len(scenario.features)
    correlation_matrix = np.full((count, count), scenario.correlation) + (1 - scenario.correlation) * np.eye(count)
    normals = generator.standard_normal((scenario.samples, count)) @ np.linalg.cholesky(correlation_matrix).T
    columns = [_from_standard_normal(feature, normals[:, index]) for index, feature in enumerate(scenario.features)]
    features = np.column_stack(columns)
    weights = np.array(scenario.true_weights or default_true_weights(scenario.features))
    target = features @ weights + scenario.true_bias + scenario.noise * generator.standard_normal(scenario.samples)
    return TrainingData(features, target, scenario.feature_names, "y")


def _from_standard_normal(feature: Feature, normal: np.ndarray) -> np.ndarray:
    if feature.distribution == "uniform":
        from scipy.special import ndtr  # SciPy loads when data is drawn, not when the package is imported

        return feature.low + feature.spread * ndtr(normal)
    if feature.distribution == "normal":
        return (feature.low + feature.high) / 2 + feature.spread / 6 * normal
    log_low, log_high = np.log(feature.low), np.log(feature.high)
    return np.exp((log_low + log_high) / 2 + (log_high - log_low) / 6 * normal)
