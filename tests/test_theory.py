"""The SymPy derivation: what it proves, that it matches the numbers, and that it is done once."""

from __future__ import annotations

import numpy as np
import pytest
import sympy as sp

from explainer import Feature, Scenario, default_scenario
from explainer.explanation.theory import SYMBOLS, c, derive, kappa, mu, r, sigma, symbolic_derivation, x
from explainer.linear.analysis import analyze
from explainer.linear.data import make_data
from explainer.linear.quadratic import build_quadratic


@pytest.mark.parametrize("loss", ["mse", "sse"])
def test_scaling_a_feature_by_c_scales_gradient_by_c_and_curvature_by_c_squared(loss):
    symbolic = symbolic_derivation(loss)
    assert symbolic.gradient_scaling == c
    assert symbolic.hessian_same_scaling == c**2
    assert symbolic.hessian_cross_scaling == c
    assert symbolic.hessian_bias_scaling == c


def test_scaling_holds_numerically_too():
    data = make_data(Scenario.from_ranges({"a": (0, 1), "b": (1, 1000)}, samples=100))
    quadratic = build_quadratic(data.features, data.target, ("a", "b"), "mse")
    scale = 37.0
    scaled_features = data.features * np.array([1.0, scale])
    scaled = build_quadratic(scaled_features, data.target, ("a", "b"), "mse")
    point = np.array([0.4, 0.002, -0.1])
    same_model = point / np.array([1.0, scale, 1.0])  # w_b / c keeps every prediction
    np.testing.assert_allclose(scaled.gradient(same_model)[1], scale * quadratic.gradient(point)[1], rtol=1e-10)
    np.testing.assert_allclose(scaled.hessian[1, 1], scale**2 * quadratic.hessian[1, 1], rtol=1e-10)
    np.testing.assert_allclose(scaled.hessian[0, 1], scale * quadratic.hessian[0, 1], rtol=1e-10)


def test_symbolic_gradient_evaluates_to_the_data_gradient():
    """Substitute four samples into ∂L/∂w_j = (2/m)Σ r_i x_ij and compare with NumPy."""
    m, j = SYMBOLS["m"], SYMBOLS["j"]
    rng = np.random.default_rng(1)
    residuals, column = rng.normal(size=4), rng.normal(size=4)
    expression = symbolic_derivation("mse").gradient_weight_in_residuals.subs({m: 4, j: 1}).doit()
    values = {r[i + 1]: residuals[i] for i in range(4)} | {x[i + 1, 1]: column[i] for i in range(4)}
    assert float(expression.subs(values)) == pytest.approx(2 / 4 * residuals @ column)


def test_mean_offset_identity_matches_the_eigenvalues():
    identity = symbolic_derivation("mse").offset_condition_identity
    for mean, spread in [(500.0, 288.0), (10_000.5, 0.2887), (0.0, 3.0)]:
        eigenvalues = np.linalg.eigvalsh(2 * np.array([[mean**2 + spread**2, mean], [mean, 1.0]]))
        ratio = eigenvalues[1] / eigenvalues[0]
        assert float(identity.subs({mu: mean, sigma: spread})) == pytest.approx(ratio + 1 / ratio + 2, rel=1e-6)


def test_best_step_and_rate():
    symbolic = symbolic_derivation("mse")
    lam_max, lam_min = sp.symbols("lambda_max lambda_min", positive=True)
    assert sp.simplify(symbolic.best_step - 2 / (lam_max + lam_min)) == 0
    assert sp.simplify(symbolic.best_rate - (kappa - 1) / (kappa + 1)) == 0
    assert str(symbolic.stable_interval) == "Interval.open(0, 2/lambda)"


def test_the_symbolic_work_is_done_once(monkeypatch):
    derive(analyze(default_scenario()))  # warm
    calls = []
    original = sp.diff
    monkeypatch.setattr(sp, "diff", lambda *args, **kwargs: calls.append(args) or original(*args, **kwargs))
    derive(analyze(Scenario.from_ranges({"size": (0, 2000), "rooms": (1, 5)})))
    assert calls == []


def test_numbers_are_substituted_and_names_escaped():
    scenario = Scenario(features=(Feature("price_$", 0, 1), Feature("rooms{x}", 1, 1000)))
    steps = {step.key: step for step in derive(analyze(scenario))}
    latex = steps["gradient"].numeric_latex
    assert r"\text{price\_\$}" in latex and r"\text{rooms\{x\}}" in latex
    quadratic = analyze(scenario).raw.quadratic
    from explainer.text.formatting import latex_number

    assert latex_number(quadratic.max_stable_lr) in steps["stability"].numeric_latex
    assert [step.key for step in steps.values()] == [
        "loss",
        "gradient",
        "scaling",
        "hessian",
        "mean_offset",
        "stability",
        "best_step",
        "iterations",
        "cost",
    ]
