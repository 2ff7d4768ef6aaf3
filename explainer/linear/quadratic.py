"""The loss of linear regression as the quadratic it is: Hessian, eigenvalues, minimum.

For parameters θ = (w_1..w_d, b) and the design X̃ = [X, 1], the mean squared error is
L(θ) = L* + ½ (θ - θ*)ᵀ H (θ - θ*) with H = (2/m) X̃ᵀX̃ (for the summed error, H = 2 X̃ᵀX̃).
Eigenvalues come from the singular values of X̃, not from H itself: squaring first would lose
half the digits, and a mean offset of 10 000 pushes κ past 10¹⁶.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explainer.scenario.spec import LossName, ScenarioError


@dataclass(frozen=True)
class Quadratic:
    """Everything gradient descent on this loss depends on."""

    parameter_names: tuple[str, ...]
    design: np.ndarray  # X̃: features with a trailing column of ones
    target: np.ndarray
    loss_scale: float  # 1/m for MSE, 1 for SSE
    eigenvalues: np.ndarray  # of the Hessian, descending
    eigenvectors: np.ndarray  # columns
    optimum: np.ndarray
    minimum_loss: float

    @property
    def hessian(self) -> np.ndarray:
        return 2 * self.loss_scale * self.design.T @ self.design

    @property
    def largest_curvature(self) -> float:
        return float(self.eigenvalues[0])

    @property
    def smallest_curvature(self) -> float:
        return float(self.eigenvalues[-1])

    @property
    def condition_number(self) -> float:
        """κ = λmax / λmin: how much more sharply the loss curves in one direction than another."""
        return self.largest_curvature / self.smallest_curvature

    @property
    def max_stable_lr(self) -> float:
        """Largest constant step for which gradient descent does not diverge: 2 / λmax."""
        return 2 / self.largest_curvature

    @property
    def best_lr(self) -> float:
        """Gradient descent's best constant step, 2 / (λmax + λmin): both extremes shrink equally."""
        return 2 / (self.largest_curvature + self.smallest_curvature)

    def loss(self, parameters: np.ndarray) -> np.ndarray:
        """Loss at parameters of shape (..., d+1), computed from the data as a learner would."""
        residuals = np.asarray(parameters) @ self.design.T - self.target
        return self.loss_scale * np.sum(residuals**2, axis=-1)

    def gradient(self, parameters: np.ndarray) -> np.ndarray:
        """∂L/∂θ = 2·scale·X̃ᵀ(X̃θ - y): component j is proportional to feature j's values."""
        residuals = self.design @ parameters - self.target
        return 2 * self.loss_scale * self.design.T @ residuals


def build_quadratic(features: np.ndarray, target: np.ndarray, names: tuple[str, ...], loss: LossName) -> Quadratic:
    """Hessian spectrum and least-squares minimum of the regression on these columns."""
    samples = features.shape[0]
    design = np.column_stack([features, np.ones(samples)])
    loss_scale = 1.0 / samples if loss == "mse" else 1.0
    _, singular_values, right_vectors = np.linalg.svd(design, full_matrices=False)
    rank_floor = singular_values[0] * max(design.shape) * np.finfo(float).eps
    if singular_values[-1] <= rank_floor:
        raise ScenarioError.single(
            "data",
            "the feature columns (with the bias) are linearly dependent, so the best fit is not unique;"
            " drop a duplicated or constant column",
        )
    optimum, *_ = np.linalg.lstsq(design, target, rcond=None)
    residuals = design @ optimum - target
    return Quadratic(
        parameter_names=(*names, "bias"),
        design=design,
        target=target,
        loss_scale=loss_scale,
        eigenvalues=2 * loss_scale * singular_values**2,
        eigenvectors=right_vectors.T,
        optimum=optimum,
        minimum_loss=float(loss_scale * residuals @ residuals),
    )
