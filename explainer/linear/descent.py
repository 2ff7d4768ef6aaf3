"""Gradient descent on the regression's quadratic loss, in closed form.

In the Hessian's eigenbasis the error along direction i is multiplied by (1 - ηλ_i) every
step, so step k is known without taking the k - 1 before it. Work is done in log space, so a
run that needs 10⁸ steps, or one that overflows to 10³⁰⁰, costs microseconds and raises no
floating-point warning. `run_optimizer` dispatches to momentum and Adam (their own modules).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explainer.linear.adam import adam_descent
from explainer.linear.momentum import momentum_descent
from explainer.linear.quadratic import Quadratic
from explainer.linear.rates import best_rate_log, iterations_at_gap, iterations_at_log_rate, tiny_product
from explainer.linear.run import DIVERGENCE_LOSS_FACTOR, OVERFLOW_LOG10_LOSS, Run, recorded_steps
from explainer.scenario.spec import OptimizerSettings

_SEARCH_LIMIT = 10.0**18
_LOG_TINY = -745.0  # log of the smallest double: a factor of exactly 0 kills its direction in one step


def run_optimizer(
    quadratic: Quadratic,
    settings: OptimizerSettings,
    learning_rate: float,
    tolerance: float,
    step_cap: int,
    start: np.ndarray | None = None,
) -> Run:
    """Run the named optimizer from `start` (zeros: every weight and the bias at 0)."""
    initial = np.zeros(len(quadratic.optimum)) if start is None else np.asarray(start, dtype=float)
    if settings.name == "gd":
        return gradient_descent(quadratic, learning_rate, tolerance, step_cap, initial)
    if settings.name == "momentum":
        return momentum_descent(quadratic, learning_rate, settings.momentum, tolerance, step_cap, initial)
    return adam_descent(quadratic, learning_rate, settings, tolerance, step_cap, initial)


def log_abs_factors(learning_rates: np.ndarray, eigenvalues: np.ndarray) -> np.ndarray:
    """log|1 - ηλ_i| for every rate (rows) and direction (columns), accurate when ηλ ≈ 10⁻¹⁷."""
    products = np.multiply.outer(np.asarray(learning_rates, dtype=float), eigenvalues)
    with np.errstate(divide="ignore"):
        logs = np.where(products < 1, np.log1p(-np.minimum(products, 1)), np.log(np.abs(products - 1)))
    return np.maximum(logs, _LOG_TINY)


def logsumexp(values: np.ndarray, axis: int = -1) -> np.ndarray:
    """log Σ exp(values) along an axis, stable for ±inf and huge values (SciPy's is 20× slower on tiny arrays)."""
    values = np.asarray(values, dtype=float)
    top = np.max(values, axis=axis, keepdims=True)
    top = np.where(np.isfinite(top), top, 0.0)
    with np.errstate(divide="ignore"):
        return np.log(np.sum(np.exp(values - top), axis=axis)) + np.squeeze(top, axis=axis)


def _log_sum(log_weights: np.ndarray, slopes: np.ndarray, steps: np.ndarray) -> np.ndarray:
    """log Σ_i exp(log_weights_i + 2·k·slopes_i), row by row, for a step k per row."""
    exponents = log_weights + 2 * np.asarray(steps, dtype=float)[..., None] * slopes
    return logsumexp(exponents, axis=-1)


def first_step_at_or_below(
    log_weights: np.ndarray, slopes: np.ndarray, threshold: np.ndarray, limit: float
) -> np.ndarray:
    """Per row, the first integer k ≤ limit with _log_sum(k) ≤ threshold, or nan.

    _log_sum is convex in k (a log-sum-exp of affine functions), so its sub-level set is an
    interval: find the minimum by bisecting the sign of the slope, then bisect for the left edge.
    """
    rows = log_weights.shape[0]
    minimum_at = _argmin_convex(log_weights, slopes, np.full(rows, limit))
    reachable = _log_sum(log_weights, slopes, minimum_at) <= threshold
    low, high = np.full(rows, -1.0), minimum_at.copy()  # invariant: f(low) > threshold ≥ f(high)
    already = _log_sum(log_weights, slopes, np.zeros(rows)) <= threshold
    high = np.where(already, 0.0, high)
    low, high = _narrowed_where_falling(log_weights, slopes, threshold, low, high, ~already)
    for _ in range(64):
        middle = np.floor((low + high) / 2)
        active = high - low > 1
        if not active.any():
            break
        below = _log_sum(log_weights, slopes, np.maximum(middle, 0)) <= threshold
        high = np.where(active & below, middle, high)
        low = np.where(active & ~below, middle, low)
    return np.where(reachable, high, np.nan)


def _narrowed_where_falling(
    log_weights: np.ndarray,
    slopes: np.ndarray,
    threshold: np.ndarray,
    low: np.ndarray,
    high: np.ndarray,
    rows: np.ndarray,
) -> tuple[np.ndarray, np.ndarray]:
    """A narrower bracket (low, high] for `first_step_at_or_below` in the rows where no term rises.

    There the sum lies between its largest term and that term plus log(number of terms), so the answer lies
    between the first step at which every term is at or below the threshold less that log and the first step at
    which every term is at or below the threshold itself: a few bisection steps apart for a well-conditioned
    problem, where the bracket up to the step cap took about 60 (a third of explain()'s time). Each bound is
    checked against the sum itself; where rounding makes one wrong, the row keeps the wide bracket."""
    live = np.isfinite(log_weights)
    falling = rows & ~((slopes > 0) & live).any(axis=1)
    if not falling.any():
        return low, high
    margin = np.log(np.maximum(live.sum(axis=1), 1))

    def every_term_at_or_below(level: np.ndarray) -> np.ndarray:
        above = live & (log_weights > level[:, None])
        with np.errstate(divide="ignore", invalid="ignore", over="ignore"):
            steps = np.ceil((level[:, None] - log_weights) / (2 * slopes))
        steps = np.where(above, np.where(slopes < 0, steps, np.inf), 0.0)
        return steps.max(axis=1)

    narrow_low = every_term_at_or_below(threshold) - 1  # before it, some term alone is above the threshold
    narrow_high = every_term_at_or_below(threshold - margin)  # from it on, the whole sum is at or below
    usable = (
        falling & np.isfinite(narrow_high) & (narrow_high <= high) & (narrow_low >= low) & (narrow_low < narrow_high)
    )
    if not usable.any():
        return low, high
    checked_high = _log_sum(log_weights, slopes, np.where(usable, narrow_high, 0.0)) <= threshold
    checked_low = (narrow_low < 0) | (
        _log_sum(log_weights, slopes, np.where(usable, np.maximum(narrow_low, 0), 0.0)) > threshold
    )
    usable &= checked_high & checked_low
    return np.where(usable, narrow_low, low), np.where(usable, narrow_high, high)


def first_step_at_or_above(
    log_weights: np.ndarray, slopes: np.ndarray, threshold: np.ndarray, limit: float
) -> np.ndarray:
    """Per row, the first integer k ≤ limit with _log_sum(k) ≥ threshold, or nan.

    _log_sum is convex in k, so where it starts below the threshold the steps below it form an interval from 0:
    the answer is that interval's right edge. The bisection runs from 0 to the first step at which one rising
    term alone reaches the threshold (the sum is at least its largest term), not to the limit, and needs no
    search for the minimum: a few bisection steps where the search to 10¹⁸ took about 120.
    """
    rows = log_weights.shape[0]
    already = _log_sum(log_weights, slopes, np.zeros(rows)) >= threshold
    limits = np.full(rows, float(limit))
    bound = np.minimum(_first_term_reaching(log_weights, slopes, threshold), limits)
    bound_reaches = _log_sum(log_weights, slopes, bound) >= threshold
    high = np.where(bound_reaches, bound, limits)  # a bound rounded just short of the threshold: the limit
    reachable = bound_reaches | (_log_sum(log_weights, slopes, limits) >= threshold)
    low = np.zeros(rows)  # f(low) < threshold ≤ f(high) where reachable and not already
    for _ in range(64):
        middle = np.floor((low + high) / 2)
        active = high - low > 1
        if not active.any():
            break
        above = _log_sum(log_weights, slopes, middle) >= threshold
        high = np.where(active & above, middle, high)
        low = np.where(active & ~above, middle, low)
    result = np.where(already, 0.0, high)
    return np.where(reachable | already, result, np.nan)


def _first_term_reaching(log_weights: np.ndarray, slopes: np.ndarray, threshold: np.ndarray) -> np.ndarray:
    """Per row, the first integer k ≥ 0 at which some rising term log_weight + 2·k·slope reaches the threshold."""
    rising = (slopes > 0) & np.isfinite(log_weights)
    with np.errstate(divide="ignore", invalid="ignore", over="ignore"):  # a slope of 10⁻³¹⁰: no bound (inf)
        steps = np.ceil((threshold[:, None] - log_weights) / (2 * slopes))
    steps = np.where(rising, np.maximum(steps, 0.0), np.inf)
    return steps.min(axis=1)


def _argmin_convex(log_weights: np.ndarray, slopes: np.ndarray, limits: np.ndarray) -> np.ndarray:
    """Integer minimiser on [0, limit] of the convex _log_sum, by bisecting f(k+1) - f(k) ≥ 0."""
    live_slopes = np.where(np.isfinite(log_weights), slopes, 0.0)
    if (live_slopes <= 0).all():
        return limits.copy()  # never rising: the minimum is at the limit
    if (live_slopes >= 0).all():
        return np.zeros(limits.shape)
    low, high = np.full(limits.shape, -1.0), limits.copy()  # invariant: f rises after high
    for _ in range(64):
        middle = np.floor((low + high) / 2)
        active = high - low > 1
        if not active.any():
            break
        rising = _log_sum(log_weights, slopes, middle + 1) >= _log_sum(log_weights, slopes, middle)
        high = np.where(active & rising, middle, high)
        low = np.where(active & ~rising, middle, low)
    return np.maximum(high, 0)


@dataclass(frozen=True)
class _ClosedForm:
    """The ingredients of every closed-form question about one GD run."""

    log_error_weights: np.ndarray  # log c_i²
    log_gap_weights: np.ndarray  # log ½λ_i c_i²
    slopes: np.ndarray  # log|1 - ηλ_i|
    signs: np.ndarray  # sign of 1 - ηλ_i: negative means the step overshoots and zig-zags
    components: np.ndarray  # c = Vᵀ(θ_0 - θ*)
    log_minimum_loss: float
    log_start_error: float  # log ‖θ_0 - θ*‖²
    log_start_loss: float


def _closed_form(quadratic: Quadratic, learning_rates: np.ndarray, start: np.ndarray) -> _ClosedForm:
    components = quadratic.eigenvectors.T @ (start - quadratic.optimum)
    with np.errstate(divide="ignore"):
        log_error_weights = np.log(components**2)
        log_gap_weights = np.log(0.5 * quadratic.eigenvalues * components**2)
        log_minimum_loss = float(np.log(quadratic.minimum_loss)) if quadratic.minimum_loss > 0 else -np.inf
    slopes = log_abs_factors(learning_rates, quadratic.eigenvalues)
    signs = np.sign(1 - np.multiply.outer(learning_rates, quadratic.eigenvalues))
    log_start_loss = float(np.logaddexp(log_minimum_loss, logsumexp(log_gap_weights)))
    return _ClosedForm(
        log_error_weights,
        log_gap_weights,
        slopes,
        signs,
        components,
        log_minimum_loss,
        float(logsumexp(log_error_weights)),
        log_start_loss,
    )


def _with_minimum(form: _ClosedForm) -> tuple[np.ndarray, np.ndarray]:
    """Loss terms: the constant minimum loss (slope 0) beside the decaying or growing gaps."""
    rows = form.slopes.shape[0]
    weights = np.concatenate(
        [np.full((rows, 1), form.log_minimum_loss), np.broadcast_to(form.log_gap_weights, form.slopes.shape)], axis=1
    )
    slopes = np.concatenate([np.zeros((rows, 1)), form.slopes], axis=1)
    return weights, slopes


def closed_form_iterations(
    quadratic: Quadratic,
    learning_rates: np.ndarray,
    tolerance: float,
    step_cap: float,
    start: np.ndarray,
    divergence_steps: bool = True,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """For many learning rates at once: (iterations to tolerance, divergence step, diverges?).

    Iterations are nan where the tolerance is not reached within the cap or the run diverges.
    Without `divergence_steps` (a sweep that only plots iterations) the divergence steps are all nan;
    with it, they are searched for only in the rows that diverge (a learner's own stable step has none).
    """
    rates = np.atleast_1d(np.asarray(learning_rates, dtype=float))
    form = _closed_form(quadratic, rates, start)
    excited = np.isfinite(form.log_error_weights)
    diverges = ((form.slopes > 0) & excited).any(axis=1)
    error_weights = np.broadcast_to(form.log_error_weights, form.slopes.shape)
    if not np.isfinite(form.log_start_error):  # started at the optimum
        return np.zeros(len(rates)), np.full(len(rates), np.nan), np.zeros(len(rates), bool)
    target = np.full(len(rates), form.log_start_error + 2 * np.log(tolerance) + 1e-12)
    # Only the rates that do not diverge can converge; among them no error grows, so the search for each
    # row's lowest point (a bisection) is not needed.
    converged = np.full(len(rates), np.nan)
    calm = ~diverges
    if calm.any():
        converged[calm] = first_step_at_or_below(error_weights[calm], form.slopes[calm], target[calm], float(step_cap))
    diverged_at = np.full(len(rates), np.nan)
    if divergence_steps and diverges.any():  # searched only where a run diverges: each row's search is its own
        loss_weights, loss_slopes = _with_minimum(form)
        blow_up = np.full(int(diverges.sum()), form.log_start_loss + np.log(DIVERGENCE_LOSS_FACTOR))
        diverged_at[diverges] = first_step_at_or_above(
            loss_weights[diverges], loss_slopes[diverges], blow_up, _SEARCH_LIMIT
        )
    return np.where(diverges, np.nan, converged), diverged_at, diverges


def predicted_gd_iterations(quadratic: Quadratic, learning_rate: float, tolerance: float) -> tuple[int | None, float]:
    """Upper bound from the slowest contraction ρ = max_i |1 - ηλ_i|: ⌈ln(tol) / ln ρ⌉ (None if ρ ≥ 1).

    At the best step 2/(λmax + λmin), ρ = (κ - 1)/(κ + 1) exactly; computed from η·λ in doubles it
    rounds to 1 once κ passes about 10¹⁶, so there ln ρ = log1p(-2/(κ + 1)) is taken from κ instead:
    about (κ/2)·ln(1/ε), finite wherever κ is (8 × 10¹⁷ iterations for κ = 1.17 × 10¹⁷).
    """
    slope = float(log_abs_factors(np.array([learning_rate]), quadratic.eigenvalues).max())
    if learning_rate == quadratic.best_lr:
        slope = min(slope, best_rate_log(quadratic.condition_number))
    rate = float(np.exp(slope))
    products = learning_rate * quadratic.eigenvalues
    if slope == 0 and learning_rate > 0 and bool((products < 1).all()) and quadratic.smallest_curvature > 0:
        # ηλmin underflows (η = 10⁻³⁰⁰): the rate is 1 − ηλmin, past what a double can hold
        return iterations_at_gap(tiny_product(learning_rate, quadratic.smallest_curvature), tolerance), rate
    return iterations_at_log_rate(slope, tolerance), rate


def gradient_descent(
    quadratic: Quadratic, learning_rate: float, tolerance: float, step_cap: int, start: np.ndarray
) -> Run:
    """Plain GD with a constant step, exactly, at any number of steps."""
    converged, diverged_at, diverges = closed_form_iterations(
        quadratic, np.array([learning_rate]), tolerance, step_cap, start
    )
    predicted, rate = predicted_gd_iterations(quadratic, learning_rate, tolerance)
    form = _closed_form(quadratic, np.array([learning_rate]), start)
    if diverges[0]:
        loss_weights, loss_slopes = _with_minimum(form)
        overflow = first_step_at_or_above(
            loss_weights, loss_slopes, np.array([OVERFLOW_LOG10_LOSS * np.log(10)]), _SEARCH_LIMIT
        )
        horizon, reason = int(min(step_cap, np.nan_to_num(overflow[0], nan=step_cap))), "diverged"
    elif np.isfinite(converged[0]):
        horizon, reason = int(converged[0]), "converged"
    else:
        horizon, reason = step_cap, "step cap"
    steps = recorded_steps(horizon)
    log_loss, relative_error, parameters = _gd_states(quadratic, form, steps)
    return Run(
        optimizer="gd",
        learning_rate=learning_rate,
        tolerance=tolerance,
        step_cap=step_cap,
        converged_at=None if reason != "converged" else int(converged[0]),
        predicted_iterations=predicted,
        rate=rate,
        diverged=bool(diverges[0]),
        diverged_at=None if not np.isfinite(diverged_at[0]) else int(diverged_at[0]),
        stop_reason=reason,
        steps=steps,
        log10_loss=log_loss / np.log(10),
        relative_error=relative_error,
        parameters=parameters,
    )


def _gd_states(quadratic: Quadratic, form: _ClosedForm, steps: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Log loss, relative error and parameters at the given steps, from the closed form."""
    loss_weights, loss_slopes = _with_minimum(form)
    log_loss = _log_sum(loss_weights[0], loss_slopes[0], steps)
    log_error = _log_sum(form.log_error_weights, form.slopes[0], steps)
    if np.isfinite(form.log_start_error):
        relative_error = np.exp(np.minimum((log_error - form.log_start_error) / 2, 700.0))
    else:  # started at the optimum: nothing to shrink
        relative_error = np.zeros(len(steps))
    log_magnitude = np.minimum(steps[:, None] * form.slopes[0], 600.0)
    signs = np.where(steps[:, None] % 2 == 0, 1.0, form.signs[0])
    parameters = quadratic.optimum + (signs * np.exp(log_magnitude) * form.components) @ quadratic.eigenvectors.T
    return log_loss, relative_error, parameters
