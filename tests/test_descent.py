"""Closed-form gradient descent, exact momentum and Adam against plain loops; theory against simulation."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, reject, settings
from hypothesis import strategies as st

from explainer import Feature, OptimizerSettings, Scenario
from explainer.linear.adam import adam_descent
from explainer.linear.data import make_data
from explainer.linear.descent import (
    _log_sum,
    closed_form_iterations,
    first_step_at_or_above,
    first_step_at_or_below,
    gradient_descent,
    predicted_gd_iterations,
)
from explainer.linear.momentum import momentum_descent
from explainer.linear.normalize import fit_normalizer
from explainer.linear.quadratic import build_quadratic
from explainer.scenario.spec import ScenarioError
from tests import reference


def problem(scenario: Scenario, normalization: str = "none"):
    data = make_data(scenario)
    mapping = fit_normalizer(normalization, data.features, data.feature_names)
    features = mapping.apply(data.features)
    quadratic = build_quadratic(features, data.target, mapping.output_names, scenario.loss)
    return reference.design(features), data.target, quadratic


SMALL = Scenario.from_ranges({"a": (0, 1), "b": (1, 100)}, samples=200)


def test_closed_form_matches_the_plain_loop_step_for_step():
    design, target, quadratic = problem(SMALL)
    rate = 0.9 * quadratic.max_stable_lr
    run = gradient_descent(quadratic, rate, 1e-6, 300, np.zeros(3))
    loop = reference.gradient_descent_loop(design, target, rate, 300)
    np.testing.assert_allclose(run.parameters, loop[run.steps], rtol=1e-7, atol=1e-10)
    losses = [reference.loss(design, target, loop[k]) for k in run.steps]
    np.testing.assert_allclose(10**run.log10_loss, losses, rtol=1e-7)


def test_iterations_to_tolerance_are_exact():
    design, target, quadratic = problem(SMALL, "zscore")
    rate = quadratic.best_lr
    run = gradient_descent(quadratic, rate, 1e-6, 10_000, np.zeros(3))
    loop = reference.gradient_descent_loop(design, target, rate, run.converged_at)
    distance = np.linalg.norm(loop - quadratic.optimum, axis=1) / np.linalg.norm(quadratic.optimum)
    assert distance[run.converged_at] <= 1e-6 < distance[run.converged_at - 1]


def test_divergence_is_reported_at_the_step_the_loss_explodes():
    design, target, quadratic = problem(SMALL)
    rate = 1.2 * quadratic.max_stable_lr
    run = gradient_descent(quadratic, rate, 1e-6, 10**9, np.zeros(3))
    assert run.diverged and run.stop_reason == "diverged" and run.converged_at is None
    loop = reference.gradient_descent_loop(design, target, rate, run.diverged_at)
    start = reference.loss(design, target, loop[0])
    assert reference.loss(design, target, loop[-1]) >= 1e6 * start * (1 - 1e-9)
    assert reference.loss(design, target, loop[-2]) < 1e6 * start


def test_a_sweep_across_the_bound_finds_each_rates_divergence_step_as_if_alone():
    """Rates on both sides of 2/λmax in one call: the stable ones converge and have no divergence step,
    and each diverging one blows up at the step it would alone (the search runs on those rows only)."""
    _, _, quadratic = problem(SMALL)
    rates = quadratic.max_stable_lr * np.array([0.5, 0.99, 1.01, 1.2, 3.0])
    converged, diverged_at, diverges = closed_form_iterations(quadratic, rates, 1e-6, 10**6, np.zeros(3))
    assert diverges.tolist() == [False, False, True, True, True]
    assert np.isfinite(converged[:2]).all() and np.isnan(diverged_at[:2]).all()
    alone = [closed_form_iterations(quadratic, rates[[index]], 1e-6, 10**6, np.zeros(3))[1][0] for index in (2, 3, 4)]
    assert diverged_at[2:].tolist() == alone
    assert diverged_at[2] > diverged_at[3] > diverged_at[4] >= 1  # further past the bound, sooner


@settings(max_examples=200, deadline=None)
@given(
    st.lists(st.tuples(st.floats(-30, 30), st.floats(-2, 0.5)), min_size=1, max_size=6),
    st.floats(-20, 60),
)
def test_the_first_step_above_a_threshold_is_the_one_a_step_by_step_scan_finds(terms, threshold):
    """The search bisects only up to where one rising term alone reaches the threshold (no search for the
    minimum); a scan of every step from 0 must agree, including "never" within the limit and "already at 0"."""
    log_weights = np.array([[weight for weight, _ in terms]])
    slopes = np.array([[slope for _, slope in terms]])
    limit = 3_000
    found = first_step_at_or_above(log_weights, slopes, np.array([threshold]), limit)[0]
    steps = np.arange(limit + 1, dtype=float)
    sums = np.logaddexp.reduce(log_weights[0] + 2 * steps[:, None] * slopes[0], axis=1)
    reached = np.flatnonzero(sums >= threshold)
    assert (np.isnan(found) and reached.size == 0) or found == reached[0]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.tuples(st.floats(-30, 30), st.floats(-2, 0.0)), min_size=1, max_size=6),
    st.floats(-20, 30),
)
def test_the_first_step_below_a_threshold_is_the_one_a_step_by_step_scan_finds(terms, threshold):
    """Where no term rises the search starts from a bracket set by the largest term (a few steps wide, not the
    whole cap); a scan of every step from 0 must agree, including "never" within the limit and "already at 0"."""
    log_weights = np.array([[weight for weight, _ in terms]])
    slopes = np.array([[slope for _, slope in terms]])
    limit = 3_000
    found = first_step_at_or_below(log_weights, slopes, np.array([threshold]), limit)[0]
    # the same sum the search evaluates (log(1 + e^-38) is 0 in it, not 3e-17): the search is on trial, not rounding
    sums = _log_sum(log_weights, slopes, np.arange(limit + 1, dtype=float))
    reached = np.flatnonzero(sums <= threshold)
    assert (np.isnan(found) and reached.size == 0) or found == reached[0]


def test_overflowing_run_raises_no_warning_and_stops_at_float_range():
    _, _, quadratic = problem(SMALL)
    run = gradient_descent(quadratic, 10 * quadratic.max_stable_lr, 1e-6, 10**9, np.zeros(3))
    assert run.diverged and 300 <= run.final_log10_loss < 310


def test_ten_million_condition_number_costs_no_loop():
    scenario = Scenario.from_ranges({"a": (0, 1), "b": (1, 3000)}, samples=500)
    _, _, quadratic = problem(scenario)
    assert quadratic.condition_number > 1e7
    run = gradient_descent(quadratic, quadratic.best_lr, 1e-6, 10**12, np.zeros(3))
    assert run.converged_at > 5e7 and run.converged_at <= run.predicted_iterations


def test_momentum_matches_its_plain_loop():
    design, target, quadratic = problem(SMALL, "zscore")
    rate = 0.3
    run = momentum_descent(quadratic, rate, 0.9, 1e-9, 500, np.zeros(3))
    loop = reference.momentum_loop(design, target, rate, 0.9, int(run.steps[-1]))
    np.testing.assert_allclose(run.parameters, loop[run.steps], rtol=1e-7, atol=1e-9)


def test_momentum_beats_gradient_descent_on_a_ravine():
    _, _, quadratic = problem(SMALL)
    plain = gradient_descent(quadratic, quadratic.best_lr, 1e-6, 10**9, np.zeros(3))
    heavy = momentum_descent(quadratic, quadratic.best_lr, 0.9, 1e-6, 10**9, np.zeros(3))
    assert heavy.converged_at is not None and heavy.converged_at < plain.converged_at / 5


def test_adam_matches_its_plain_loop():
    design, target, quadratic = problem(SMALL)
    run = adam_descent(quadratic, 0.01, OptimizerSettings("adam"), 1e-9, 300, np.zeros(3))
    loop = reference.adam_loop(design, target, 0.01, 300)
    np.testing.assert_allclose(run.parameters, loop[run.steps], rtol=1e-6, atol=1e-8)


@st.composite
def scenarios(draw) -> Scenario:
    count = draw(st.integers(1, 4))
    features = []
    for index in range(count):
        low = draw(st.floats(-1e3, 1e3))
        span = 10 ** draw(st.floats(-2, 4))
        distribution = draw(st.sampled_from(["uniform", "normal"]))
        features.append(Feature(f"x{index}", low, low + span, distribution))
    return Scenario(
        features=tuple(features),
        samples=draw(st.integers(count + 10, 300)),
        correlation=draw(st.floats(0, 0.8)) if count > 1 else 0.0,
        seed=draw(st.integers(0, 1000)),
        noise=draw(st.floats(0.01, 1)),
    )


@settings(max_examples=60)
@given(scenarios(), st.sampled_from(["none", "zscore", "minmax"]))
def test_five_percent_above_the_bound_diverges_and_below_converges(scenario, normalization):
    _, _, quadratic = problem(scenario, normalization)
    above = gradient_descent(quadratic, 1.05 * quadratic.max_stable_lr, 1e-6, 10**15, np.zeros(len(quadratic.optimum)))
    below = gradient_descent(quadratic, 0.95 * quadratic.max_stable_lr, 1e-6, 10**15, np.zeros(len(quadratic.optimum)))
    assert above.diverged and above.diverged_at is not None
    assert not below.diverged
    assert below.converged_at is not None or below.predicted_iterations > 10**15


@settings(max_examples=60)
@given(scenarios(), st.floats(0.01, 0.999))
def test_simulated_iterations_never_exceed_the_predicted_bound(scenario, fraction):
    _, _, quadratic = problem(scenario, "zscore")
    rate = fraction * quadratic.max_stable_lr
    run = gradient_descent(quadratic, rate, 1e-6, 10**15, np.zeros(len(quadratic.optimum)))
    predicted, _ = predicted_gd_iterations(quadratic, rate, 1e-6)
    assert run.converged_at is not None and run.converged_at <= predicted


@settings(max_examples=40)
@given(st.lists(st.tuples(st.floats(-1e4, 1e4), st.floats(-3, 4)), min_size=1, max_size=5), st.integers(0, 10_000))
def test_zscored_independent_features_give_condition_number_near_one(bounds, seed):
    features = tuple(Feature(f"x{i}", low, low + 10**exponent) for i, (low, exponent) in enumerate(bounds))
    try:
        scenario = Scenario(features=features, samples=4000, seed=seed)
    except ScenarioError as error:  # scales too far apart for a raw fit in double precision: refused by design
        assert "double precision" in str(error)
        reject()
    _, _, quadratic = problem(scenario, "zscore")
    # sample correlations of independent features are about ±1/√m, so κ ≤ (1 + ρ)/(1 − ρ) with ρ ≈ 4·d/√m
    allowance = 4 * len(features) / np.sqrt(4000)
    assert quadratic.condition_number <= (1 + allowance) / (1 - allowance)


def test_best_rate_needs_about_half_kappa_log_one_over_epsilon():
    _, _, quadratic = problem(Scenario.from_ranges({"a": (0, 1), "b": (1, 1000)}))
    predicted, rate = predicted_gd_iterations(quadratic, quadratic.best_lr, 1e-6)
    kappa = quadratic.condition_number
    assert rate == pytest.approx((kappa - 1) / (kappa + 1), rel=1e-12)
    assert predicted == pytest.approx(kappa / 2 * np.log(1e6), rel=1e-3)
