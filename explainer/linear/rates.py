"""Contraction rates and the iteration counts they predict, exact at any condition number.

Counts are Python integers, so one past a double's range (η = 10⁻³⁰⁰ needs about 10³⁰⁰ steps)
is still a finite number; the arithmetic that would overflow a float is done in Decimal.
"""

from __future__ import annotations

import math
from decimal import ROUND_CEILING, Decimal

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
    """⌈ln(tol) / ln ρ⌉ from ln ρ, at least one step; None when ρ ≥ 1."""
    if not log_rate < 0:
        return None
    if math.isinf(log_rate):
        return 1
    return _ceiling(Decimal(math.log(tolerance)) / Decimal(log_rate))


def iterations_at_gap(gap: Decimal, tolerance: float) -> int | None:
    """⌈ln(1/tol) / δ⌉ for a rate 1 − δ with δ too small for a double to hold 1 − δ (−ln(1 − δ) = δ there)."""
    if not gap > 0:
        return None
    return _ceiling(Decimal(-math.log(tolerance)) / gap)


def tiny_product(first: float, second: float) -> Decimal:
    """first × second without underflow: 10⁻³⁰⁰ × 10⁻³⁰ is 10⁻³³⁰, not 0."""
    return Decimal(first) * Decimal(second)


def ratio(numerator: int | float, denominator: int | float) -> float | None:
    """numerator ÷ denominator as a float, or None when it passes a double's range."""
    value = Decimal(numerator) / Decimal(max(denominator, 1))
    return float(value) if value < Decimal("1.7e308") else None


def _ceiling(steps: Decimal) -> int:
    return max(int(steps.to_integral_value(rounding=ROUND_CEILING)), 1)
