"""Whether feature ranges can be computed at all in double precision, before any data is drawn.

Drawn data X̃ = [X, 1] has X̃ᵀX̃ / m ≈ G = [[Σ + μμᵀ, μ], [μᵀ, 1]], with μ and Σ the features'
means and covariance. G = MᵀM for the square M = [[Lᵀ, 0], [μᵀ, 1]] (L Lᵀ = Σ), so the singular
values of M, computed without squaring, predict κ(X̃). The engine refuses a design whose
σmin ≤ σmax · max(m, d + 1) · ε (numerically rank deficient); ranges that come within a safety
factor of that are refused here instead, naming the feature (or the correlation) to change.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Sequence

import numpy as np

# Drawn rows scatter around the population: keep the predicted κ this far inside the engine's rank floor.
# Few rows scatter more (with m ≈ d + 2 a draw can be nearly singular by chance, which only the engine sees).
SAFETY = 2.0
SMALL_SAMPLE_SAFETY = 1000.0  # divided by m: ×202 at 5 rows, ×3 at 1000


def _moments(low: float, high: float, distribution: str) -> tuple[float, float]:
    """Mean and standard deviation of a feature drawn as `data.make_data` draws it."""
    if distribution == "normal":
        return (low + high) / 2, (high - low) / 6
    if distribution == "lognormal":
        log_low, log_high = math.log(low), math.log(high)
        mu, sigma = (log_low + log_high) / 2, (log_high - log_low) / 6
        try:
            mean = math.exp(mu + sigma**2 / 2)
            return mean, mean * math.sqrt(math.expm1(sigma**2))
        except OverflowError:  # a lognormal spanning hundreds of decades
            return math.inf, math.inf
    return (low + high) / 2, (high - low) / math.sqrt(12)


def predicted_condition(means: Sequence[float], deviations: Sequence[float], correlation: float) -> float:
    """κ(M) ≈ κ(X̃) for features with these means, standard deviations and equal pairwise correlation."""
    count = len(means)
    correlations = np.full((count, count), correlation) + (1 - correlation) * np.eye(count)
    lower = np.diag(deviations) @ np.linalg.cholesky(correlations)
    square = np.zeros((count + 1, count + 1))
    square[:count, :count] = lower.T
    square[count, :count] = means
    square[count, count] = 1.0
    singular = np.linalg.svd(square, compute_uv=False)
    with np.errstate(over="ignore", divide="ignore"):  # a subnormal spread: κ is infinite, not a warning
        return float(singular[0] / singular[-1]) if singular[-1] > 0 else math.inf


def condition_limit(samples: int, count: int) -> float:
    """The largest κ(X̃) accepted: the engine's rank floor 1 / (max(m, d + 1) · ε), divided by a safety factor."""
    safety = SAFETY + SMALL_SAMPLE_SAFETY / samples
    return 1.0 / (max(samples, count + 1) * float(np.finfo(float).eps) * safety)


def range_problems(features: Sequence, correlation: float, samples: int) -> Iterable[tuple[str, str]]:
    """(path, reason) when the ranges would make a numerically singular design; nothing otherwise."""
    moments = [_moments(f.low, f.high, f.distribution) for f in features]
    means, deviations = [m for m, _ in moments], [s for _, s in moments]
    for index, (mean, deviation) in enumerate(moments):
        if not (math.isfinite(mean) and math.isfinite(deviation) and deviation > 0):
            feature = features[index]
            advice = (
                "raise low (a lognormal spans low..high in log space)"
                if feature.distribution == "lognormal"
                else "widen it"
            )
            yield (
                f"features[{index}]",
                f"the range {feature.low:g}..{feature.high:g} cannot be drawn in double precision; {advice}",
            )
            return
    limit = condition_limit(samples, len(features))
    if predicted_condition(means, deviations, correlation) <= limit:
        return
    for index, (mean, deviation) in enumerate(moments):  # one feature alone, beside the bias column
        if predicted_condition([mean], [deviation], 0.0) > limit:
            feature = features[index]
            span = f"the range {feature.low:.10g}..{feature.high:.10g}"
            if deviation < 1:
                reason = (
                    f"{span} is too narrow for its distance from zero to compute in double precision (beside the"
                    f" bias column's 1s): widen it to at least about {_needed_spread(mean, limit):.2g}"
                )
            else:
                reason = (
                    f"{span} is too large beside the bias column's constant 1s for the raw fit to be computed in"
                    f" double precision with {samples:,} samples: keep its values within about ±{limit / 2:.1g}"
                    " (or use fewer samples)"
                )
            yield f"features[{index}]", reason
            return
    if correlation != 0 and predicted_condition(means, deviations, 0.0) <= limit:
        yield (
            "correlation",
            f"{correlation:g} makes the features so nearly identical that the fit is not computable in double"
            " precision: move it away from ±1",
        )
        return
    smallest = min(range(len(features)), key=lambda i: deviations[i] / max(1.0, abs(means[i])))
    largest = max(range(len(features)), key=lambda i: math.hypot(deviations[i], means[i]))
    yield (
        f"features[{smallest}]",
        f"its scale ({deviations[smallest]:.2g}) is too small beside feature {largest + 1}"
        f" (about {math.hypot(deviations[largest], means[largest]):.2g}) for the raw fit to be computed in double"
        " precision: bring the features' scales closer together",
    )


def _needed_spread(mean: float, limit: float) -> float:
    """The spread at which one uniform feature at this mean reaches the accepted κ (κ ≈ (1 + μ²) / sd)."""
    return math.sqrt(12) * (1 + mean**2) / limit
