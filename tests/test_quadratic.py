"""The loss as a quadratic: Hessian, spectrum and minimum agree with direct computation."""

from __future__ import annotations

import numpy as np
import pytest

from explainer import Dataset, Scenario, ScenarioError
from explainer.linear.data import make_data
from explainer.linear.quadratic import build_quadratic
from tests import reference


def quadratic_of(scenario: Scenario, loss: str = "mse"):
    data = make_data(scenario)
    return data, build_quadratic(data.features, data.target, data.feature_names, loss)


def test_hessian_is_two_over_m_design_gram():
    data, quadratic = quadratic_of(Scenario.from_ranges({"a": (0, 1), "b": (1, 1000)}, samples=300))
    design = reference.design(data.features)
    np.testing.assert_allclose(quadratic.hessian, 2 / 300 * design.T @ design, rtol=1e-12)
    np.testing.assert_allclose(np.sort(quadratic.eigenvalues), np.linalg.eigvalsh(quadratic.hessian), rtol=1e-8)


def test_condition_number_matches_numpy():
    _, quadratic = quadratic_of(Scenario.from_ranges({"a": (0, 1), "b": (1, 1000)}))
    assert quadratic.condition_number == pytest.approx(np.linalg.cond(quadratic.hessian), rel=1e-6)


def test_sum_of_squares_curves_m_times_more():
    scenario = Scenario.from_ranges({"a": (0, 1)}, samples=50)
    _, mean = quadratic_of(scenario, "mse")
    _, total = quadratic_of(scenario, "sse")
    np.testing.assert_allclose(total.eigenvalues, 50 * mean.eigenvalues)
    assert total.max_stable_lr == pytest.approx(mean.max_stable_lr / 50)


def test_gradient_matches_finite_differences():
    data, quadratic = quadratic_of(Scenario.from_ranges({"a": (0, 1), "b": (-3, 7)}, samples=100))
    point = np.array([0.3, -0.2, 0.5])
    step = 1e-6
    numeric = [
        (quadratic.loss(point + step * unit) - quadratic.loss(point - step * unit)) / (2 * step) for unit in np.eye(3)
    ]
    np.testing.assert_allclose(quadratic.gradient(point), numeric, rtol=1e-6)
    np.testing.assert_allclose(
        quadratic.gradient(point), reference.gradient(reference.design(data.features), data.target, point)
    )


def test_minimum_is_the_least_squares_fit():
    data, quadratic = quadratic_of(Scenario.from_ranges({"a": (0, 1), "b": (1, 1000)}))
    fit, *_ = np.linalg.lstsq(reference.design(data.features), data.target, rcond=None)
    np.testing.assert_allclose(quadratic.optimum, fit)
    assert quadratic.minimum_loss == pytest.approx(reference.loss(reference.design(data.features), data.target, fit))


def test_large_mean_offset_is_resolved_without_losing_the_small_eigenvalue():
    """Equal ranges 10 000–10 001: κ ≈ (1 + μ² + σ²)² / σ² ≈ 1.2 × 10¹⁷, beyond eigh(H) in float64."""
    _, quadratic = quadratic_of(Scenario.from_ranges({"x": (10_000, 10_001)}, samples=2000))
    mean, variance = 10_000.5, 1 / 12
    assert quadratic.condition_number == pytest.approx((1 + mean**2 + variance) ** 2 / variance, rel=0.05)


def test_collinear_columns_are_refused():
    data = Dataset(("a", "b"), ((1.0, 2.0, 3.0, 4.0), (2.0, 4.0, 6.0, 8.0)), (1.0, 2.0, 3.0, 5.0))
    scenario = Scenario(data=data)
    with pytest.raises(ScenarioError, match="linearly dependent"):
        quadratic_of(scenario)
