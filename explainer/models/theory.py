"""The theory where it reaches beyond linear regression, computed on the data each model sees.

- Logistic regression: the Hessian of the mean log-loss, (1/m)·X̃ᵀ·diag(p(1−p))·X̃ (+ the L2
  penalty scikit-learn adds, 1/(C·m) on the weights), at the start (w = 0) and at the solution.
  Its condition number plays the part κ plays for linear regression: the ravine.
- Distance models (kNN, RBF SVM, k-means): E‖x − x′‖² = 2·Σⱼ var(xⱼ), so feature j's share of
  the squared distances is var(xⱼ) / Σ var.
- A small MLP: first-layer pre-activations z = x·W + b at scikit-learn's Glorot-uniform start.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

TANH_SATURATION = 2.0  # |z| > 2: tanh'(z) < 0.071, the unit passes on less than a fourteenth of its gradient


@dataclass(frozen=True)
class LogisticCurvature:
    """κ of the log-loss Hessian at w = 0 and at the fitted weights, raw and normalized."""

    start_raw: float
    start_normalized: float
    solution_raw: float
    solution_normalized: float
    blocks: str  # which Hessian: "binary" or "each class's block (the largest κ of K)"


@dataclass(frozen=True)
class DistanceShares:
    """Each feature's share of the mean squared distance between two samples."""

    feature_names: tuple[str, ...]
    raw: tuple[float, ...]
    normalized: tuple[float, ...]


@dataclass(frozen=True)
class InitialActivations:
    """First-layer pre-activations at initialization: their spread and how many units are stuck."""

    activation: str
    preactivation_std_raw: float
    preactivation_std_normalized: float
    stuck_raw: float  # tanh: share of pre-activations with |z| > 2; relu: share of units ≤ 0 on every sample
    stuck_normalized: float


@dataclass(frozen=True)
class ModelTheory:
    """What theory says for the chosen model; fields that do not apply are None."""

    logistic: LogisticCurvature | None = None
    distances: DistanceShares | None = None
    activations: InitialActivations | None = None


def with_bias(features: np.ndarray) -> np.ndarray:
    """X̃: a column of ones (the bias) before the features."""
    return np.column_stack([np.ones(len(features)), features])


def logistic_hessian(features: np.ndarray, probabilities: np.ndarray, inverse_c_times_m: float = 0.0) -> np.ndarray:
    """(1/m)·X̃ᵀ·diag(p(1−p))·X̃, plus the L2 term 1/(C·m) on every weight but the bias."""
    design = with_bias(features)
    curvature = probabilities * (1 - probabilities)
    hessian = (design.T * curvature) @ design / len(features)
    penalty = np.full(design.shape[1], inverse_c_times_m)
    penalty[0] = 0.0
    return hessian + np.diag(penalty)


def condition_number(hessian: np.ndarray) -> float:
    """λmax / λmin of a symmetric matrix (inf when it is singular)."""
    eigenvalues = np.linalg.eigvalsh(hessian)
    smallest, largest = float(eigenvalues[0]), float(eigenvalues[-1])
    return largest / smallest if smallest > 0 else float("inf")


def logistic_condition(features: np.ndarray, probabilities: np.ndarray, c: float) -> float:
    """The largest κ over the classes' Hessian blocks (one block for a binary problem)."""
    penalty = 1.0 / (c * len(features))
    if probabilities.shape[1] == 2:
        return condition_number(logistic_hessian(features, probabilities[:, 1], penalty))
    return max(condition_number(logistic_hessian(features, column, penalty)) for column in probabilities.T)


def logistic_curvature(
    raw_features: np.ndarray,
    normalized_features: np.ndarray,
    raw_probabilities: np.ndarray,
    normalized_probabilities: np.ndarray,
    c: float = 1.0,
) -> LogisticCurvature:
    """κ at w = 0 (every class equally likely) and at the solutions the two fits reached."""
    classes = raw_probabilities.shape[1]
    start = np.full_like(raw_probabilities, 1.0 / classes)
    return LogisticCurvature(
        start_raw=logistic_condition(raw_features, start, c),
        start_normalized=logistic_condition(normalized_features, start[: len(normalized_features)], c),
        solution_raw=logistic_condition(raw_features, raw_probabilities, c),
        solution_normalized=logistic_condition(normalized_features, normalized_probabilities, c),
        blocks="binary" if classes == 2 else f"each class's block of the {classes}-class Hessian, the largest κ",
    )


def distance_shares(
    feature_names: tuple[str, ...], raw_features: np.ndarray, normalized_features: np.ndarray
) -> DistanceShares:
    """var(xⱼ) / Σ var: feature j's share of E‖x − x′‖² = 2·Σ var, raw and normalized."""

    def shares(features: np.ndarray) -> tuple[float, ...]:
        variances = features.var(axis=0)
        return tuple(float(v) for v in variances / variances.sum())

    names = (
        feature_names
        if raw_features.shape[1] == len(feature_names)
        else tuple(f"component {index + 1}" for index in range(raw_features.shape[1]))
    )
    return DistanceShares(names, shares(raw_features), shares(normalized_features))


def initial_activations(
    raw_features: np.ndarray, normalized_features: np.ndarray, hidden_units: int, activation: str, seed: int
) -> InitialActivations:
    """Pre-activations at a Glorot-uniform start, bound √(6 / (fan_in + fan_out)), as scikit-learn's MLP draws."""
    fan_in = raw_features.shape[1]
    bound = np.sqrt(6.0 / (fan_in + hidden_units))
    generator = np.random.default_rng(seed)
    weights = generator.uniform(-bound, bound, (fan_in, hidden_units))
    biases = generator.uniform(-bound, bound, hidden_units)

    def measure(features: np.ndarray) -> tuple[float, float]:
        pre = features @ weights + biases
        if activation == "tanh":
            stuck = float(np.mean(np.abs(pre) > TANH_SATURATION))
        else:
            stuck = float(np.mean(np.all(pre <= 0, axis=0)))
        return float(pre.std()), stuck

    raw_std, raw_stuck = measure(raw_features)
    normalized_std, normalized_stuck = measure(normalized_features)
    return InitialActivations(activation, raw_std, normalized_std, raw_stuck, normalized_stuck)
