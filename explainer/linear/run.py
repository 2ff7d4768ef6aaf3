"""One optimizer run as data: when it reached the tolerance or diverged, and what it looked like.

Shared by the closed-form gradient descent, exact momentum and stepped Adam, so every page,
chart and report reads runs the same way.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explainer.linear.quadratic import Quadratic

DIVERGENCE_LOSS_FACTOR = 1e6  # "diverged at step k": the loss is a million times its start
OVERFLOW_LOG10_LOSS = 300.0  # a learner's float64 loop would print inf shortly after this
CONSECUTIVE_STEPS_RECORDED = 400
SAMPLED_STEPS_RECORDED = 400


@dataclass(frozen=True)
class Run:
    """One optimizer run: when it reached the tolerance or diverged, and what it looked like."""

    optimizer: str
    learning_rate: float
    tolerance: float
    step_cap: int
    converged_at: int | None  # iterations to tolerance: first k with ‖θ_k - θ*‖ ≤ tol·‖θ_0 - θ*‖
    predicted_iterations: int | None  # from the contraction rate: ⌈ln(tol) / ln(rate)⌉
    rate: float | None  # per-step contraction of the slowest direction, max_i |1 - ηλ_i| for GD
    diverged: bool
    diverged_at: int | None  # first step with loss ≥ 10⁶ × the starting loss
    stop_reason: str  # "converged", "diverged", "step cap", "stalled"
    steps: np.ndarray  # recorded step numbers (every step at first, then spaced out)
    log10_loss: np.ndarray  # log10 of the loss at those steps (exact, even past float range)
    relative_error: np.ndarray  # ‖θ_k - θ*‖ / ‖θ_0 - θ*‖ at those steps
    parameters: np.ndarray  # θ_k at those steps, shape (len(steps), d+1); inf once overflowed

    @property
    def steps_run(self) -> int:
        return int(self.steps[-1])

    @property
    def final_log10_loss(self) -> float:
        return float(self.log10_loss[-1])


def recorded_steps(horizon: int) -> np.ndarray:
    """Every step at first (to show a zig-zag), then evenly spaced on a log axis up to the horizon."""
    horizon = max(int(horizon), 0)
    consecutive = np.arange(min(horizon, CONSECUTIVE_STEPS_RECORDED) + 1)
    spaced = np.geomspace(1, max(horizon, 1), SAMPLED_STEPS_RECORDED).round()
    return np.unique(np.concatenate([consecutive, spaced, [horizon]])).astype(np.int64)


def run_from_errors(
    quadratic: Quadratic,
    optimizer: str,
    learning_rate: float,
    tolerance: float,
    step_cap: int,
    steps: np.ndarray,
    eigen_errors: np.ndarray,
    start_components: np.ndarray,
    converged_at: int | None,
    predicted: int | None,
    rate: float | None,
    diverged_at: int | None,
    diverged: bool,
    stalled: bool = False,
) -> Run:
    """A Run from errors in the eigenbasis at recorded steps."""
    with np.errstate(over="ignore", invalid="ignore"):
        losses = quadratic.minimum_loss + 0.5 * (eigen_errors**2) @ quadratic.eigenvalues
        log10_loss = np.log10(np.where(np.isfinite(losses), losses, np.inf))
        start_error = np.linalg.norm(start_components)
        relative = np.linalg.norm(eigen_errors, axis=1) / start_error if start_error > 0 else np.zeros(len(steps))
        parameters = quadratic.optimum + eigen_errors @ quadratic.eigenvectors.T
    if converged_at is not None:
        reason = "converged"
    elif diverged:
        reason = "diverged"
    else:
        reason = "stalled" if stalled else "step cap"
    return Run(
        optimizer=optimizer,
        learning_rate=learning_rate,
        tolerance=tolerance,
        step_cap=step_cap,
        converged_at=converged_at,
        predicted_iterations=predicted,
        rate=rate,
        diverged=diverged,
        diverged_at=diverged_at,
        stop_reason=reason,
        steps=steps,
        log10_loss=log10_loss,
        relative_error=relative,
        parameters=parameters,
    )
