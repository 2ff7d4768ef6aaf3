"""Contraction rates and the iteration counts they predict, exact at any condition number."""

from __future__ import annotations

import numpy as np


def best_rate_log(condition_number: float) -> float:
    """ln((κ - 1)/(κ + 1)), accurate for κ near 1 and for κ = 10³⁰⁰ alike (−inf at κ = 1)."""
    if not np.isfinite(condition_number):
        return 0.0
    if not condition_number > 1:
        return -np.inf
    with np.errstate(divide="ignore"):
        return float(np.log1p(-2.0 / (condition_number + 1.0)))


def iterations_at_log_rate(log_rate: float, tolerance: float) -> int | None:
    """⌈ln(tol) / ln ρ⌉ from ln ρ, at least one step; None when ρ ≥ 1 or the count passes a double's range."""
    if not log_rate < 0:
        return None
    with np.errstate(over="ignore", divide="ignore"):
        steps = np.log(tolerance) / log_rate
    if not np.isfinite(steps):
        return None
    return max(int(np.ceil(steps)), 1)
