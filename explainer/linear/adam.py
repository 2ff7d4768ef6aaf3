"""Adam on the quadratic, one update at a time (it is not linear), under a cap."""

from __future__ import annotations

import math

import numpy as np

from explainer.linear.quadratic import Quadratic
from explainer.linear.run import DIVERGENCE_LOSS_FACTOR, Run, recorded_steps, run_from_errors
from explainer.scenario.spec import OptimizerSettings

ADAM_STEP_LIMIT = 50_000


def adam_descent(
    quadratic: Quadratic,
    learning_rate: float,
    settings: OptimizerSettings,
    tolerance: float,
    step_cap: int,
    start: np.ndarray,
) -> Run:
    """Adam (Kingma & Ba, bias-corrected), one update at a time; stops when it stalls.

    Adam divides each parameter's step by the root mean square of its own gradient, so
    its steps are about η in every coordinate: a per-parameter rescaling, not a rotation.
    """
    hessian = quadratic.eigenvectors @ (quadratic.eigenvalues[:, None] * quadratic.eigenvectors.T)
    error = np.asarray(start, dtype=float) - quadratic.optimum
    start_error = math.sqrt(float(error @ error))
    gradient = hessian @ error
    start_loss = quadratic.minimum_loss + 0.5 * float(error @ gradient)
    first_moment = np.zeros_like(error)
    second_moment = np.zeros_like(error)
    limit = min(step_cap, ADAM_STEP_LIMIT)
    wanted = set(recorded_steps(limit).tolist())
    recorded = {0: error.copy()}
    converged_at = diverged_at = None
    best_error, best_at = start_error, 0
    stalled = False
    beta1, beta2, epsilon = settings.beta1, settings.beta2, settings.epsilon
    keep1, keep2 = 1 - beta1, 1 - beta2
    close_enough = tolerance * start_error
    too_high = DIVERGENCE_LOSS_FACTOR * start_loss
    # Up to 50,000 updates of a few numbers each, so each step makes as few NumPy calls as it can: the
    # gradient at the new point is computed once and gives both its loss and the next update.
    with np.errstate(over="ignore", invalid="ignore"):
        for step in range(1, limit + 1):
            first_moment = beta1 * first_moment + keep1 * gradient
            second_moment = beta2 * second_moment + keep2 * (gradient * gradient)
            corrected_first = first_moment / (1 - beta1**step)
            corrected_second = second_moment / (1 - beta2**step)
            error = error - learning_rate * corrected_first / (np.sqrt(corrected_second) + epsilon)
            distance = math.sqrt(float(error @ error))
            if step in wanted:
                recorded[step] = error.copy()
            if distance <= close_enough:
                converged_at = step
                break
            gradient = hessian @ error
            loss = quadratic.minimum_loss + 0.5 * float(error @ gradient)
            if not loss < too_high:
                diverged_at = step
                break
            if distance < 0.99 * best_error:
                best_error, best_at = distance, step
            elif step - best_at > 5_000:
                stalled = True
                break
    recorded[step] = error.copy()
    steps = np.array(sorted(recorded), dtype=np.int64)
    eigen_errors = np.array([recorded[s] for s in steps]) @ quadratic.eigenvectors
    start_components = quadratic.eigenvectors.T @ (np.asarray(start, dtype=float) - quadratic.optimum)
    return run_from_errors(
        quadratic,
        "adam",
        learning_rate,
        tolerance,
        step_cap,
        steps,
        eigen_errors,
        start_components,
        converged_at,
        None,
        None,
        diverged_at,
        diverged=diverged_at is not None,
        stalled=stalled,
    )
