"""Heavy-ball momentum on the quadratic, exactly: a linear recurrence run in vectorized chunks.

Per eigen-direction the error obeys e_k+1 = (1 + β - ηλ)e_k - βe_k-1, a 2×2 linear map, so
4 096 steps at a time cost a few array products; the run is capped at MOMENTUM_STEP_LIMIT.
"""

from __future__ import annotations

from decimal import Decimal

import numpy as np

from explainer.linear.quadratic import Quadratic
from explainer.linear.rates import iterations_at_gap, iterations_at_log_rate, tiny_product
from explainer.linear.run import DIVERGENCE_LOSS_FACTOR, OVERFLOW_LOG10_LOSS, Run, recorded_steps, run_from_errors

MOMENTUM_STEP_LIMIT = 2_000_000


def momentum_companions(learning_rate: float, momentum: float, eigenvalues: np.ndarray) -> np.ndarray:
    """Per direction, the 2×2 map (e_k, e_k-1) → (e_k+1, e_k) of e_k+1 = (1+β-ηλ)e_k - βe_k-1."""
    companions = np.zeros((len(eigenvalues), 2, 2))
    companions[:, 0, 0] = 1 + momentum - learning_rate * eigenvalues
    companions[:, 0, 1] = -momentum
    companions[:, 1, 0] = 1.0
    return companions


def momentum_rate(learning_rate: float, momentum: float, eigenvalues: np.ndarray) -> float:
    """Largest spectral radius of the companions: the asymptotic contraction per step."""
    return float(np.abs(np.linalg.eigvals(momentum_companions(learning_rate, momentum, eigenvalues))).max())


def momentum_log_rate(learning_rate: float, momentum: float, eigenvalues: np.ndarray, rate: float) -> float:
    """ln of the contraction rate, also when the rate rounds to 1 in a double (κ ≈ 10¹⁷).

    For a direction with a = ηλ small, the companion's larger root is 1 - δ with δ ≈ a/(1 - β + a)
    (one Newton step from z = 1 on z² - (1 + β - a)z + β): accurate exactly where eigvals is not.
    """
    products = learning_rate * eigenvalues
    stable = bool((products >= 0).all() and (products < 2 * (1 + momentum)).all())
    if stable and rate > 1 - 1e-9:
        smallest = float(products.min())
        return float(np.log1p(-smallest / (1 - momentum + smallest)))
    return float(np.log(rate)) if rate > 0 else -np.inf


def _matrix_powers(companions: np.ndarray, count: int) -> np.ndarray:
    """companions^j for j = 0..count-1 (count a power of two), by doubling: exact and vectorized."""
    powers = np.broadcast_to(np.eye(2), (1, *companions.shape)).copy()
    current = companions.copy()
    while powers.shape[0] < count:
        powers = np.concatenate([powers, powers @ current])
        current = current @ current
    return powers


def momentum_descent(
    quadratic: Quadratic, learning_rate: float, momentum: float, tolerance: float, step_cap: int, start: np.ndarray
) -> Run:
    """Heavy-ball momentum (PyTorch's SGD with momentum, dampening 0), starting at rest."""
    eigenvalues = quadratic.eigenvalues
    components = quadratic.eigenvectors.T @ (start - quadratic.optimum)
    rate = momentum_rate(learning_rate, momentum, eigenvalues)
    log_rate = momentum_log_rate(learning_rate, momentum, eigenvalues, rate)
    predicted = iterations_at_log_rate(log_rate, tolerance)
    if log_rate == 0 and learning_rate > 0 and quadratic.smallest_curvature > 0:  # ηλmin underflows
        products = tiny_product(learning_rate, quadratic.smallest_curvature)
        predicted = iterations_at_gap(products / (Decimal(1 - momentum) + products), tolerance)
    chunk = 4096
    with np.errstate(over="ignore", invalid="ignore"):  # a diverging map overflows within a chunk: that is the answer
        powers = _matrix_powers(momentum_companions(learning_rate, momentum, eigenvalues), chunk)
        leap = powers[-1] @ momentum_companions(learning_rate, momentum, eigenvalues)  # the map over a whole chunk
    state = np.stack([components, components], axis=1)  # at rest: e_-1 = e_0
    start_error = float(np.linalg.norm(components))
    start_loss = quadratic.minimum_loss + 0.5 * float(eigenvalues @ components**2)
    limit = min(step_cap, MOMENTUM_STEP_LIMIT)
    recorded: dict[int, np.ndarray] = {}
    wanted = set(recorded_steps(limit).tolist())
    converged_at = diverged_at = None
    offset = 0
    with np.errstate(over="ignore", invalid="ignore"):
        while offset <= limit:
            errors = np.einsum("jpk,pk->jp", powers[:, :, 0, :], state)  # e at steps offset..offset+chunk-1
            step_numbers = offset + np.arange(chunk)
            norms = np.linalg.norm(errors, axis=1)
            losses = quadratic.minimum_loss + 0.5 * (errors**2) @ eigenvalues
            for index in np.flatnonzero(np.isin(step_numbers, list(wanted))):
                recorded[int(step_numbers[index])] = errors[index]
            reached = np.flatnonzero((norms <= tolerance * start_error) & (step_numbers <= limit))
            blown = np.flatnonzero(~(losses < DIVERGENCE_LOSS_FACTOR * start_loss) & (step_numbers <= limit))
            if blown.size and diverged_at is None:
                diverged_at = int(step_numbers[blown[0]])
            if reached.size and (diverged_at is None):
                converged_at = int(step_numbers[reached[0]])
                break
            if diverged_at is not None and (
                not np.isfinite(losses).all() or np.log10(np.nanmax(losses)) > OVERFLOW_LOG10_LOSS
            ):
                break
            state = np.einsum("pij,pj->pi", leap, state)
            offset += chunk
    horizon = converged_at if converged_at is not None else min(limit, max(recorded))
    steps = np.array(sorted(step for step in recorded if step <= horizon), dtype=np.int64)
    errors = np.array([recorded[step] for step in steps])
    return run_from_errors(
        quadratic,
        "momentum",
        learning_rate,
        tolerance,
        step_cap,
        steps,
        errors,
        components,
        converged_at,
        predicted,
        rate,
        diverged_at,
        diverged=rate > 1 or diverged_at is not None,
    )
