"""A learning-rate edit reuses its scenario's problem (data, quadratics, best-step counts) and sweep, and
gets exactly the numbers a fresh build would give."""

from __future__ import annotations

import numpy as np
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from explainer.explanation.figures import _sweep_figure, sweep_figure
from explainer.linear import analysis as analysis_module
from explainer.linear.analysis import analyze
from explainer.linear.problem import build_problem, problem_for, problem_key
from explainer.scenario.spec import OptimizerSettings, default_scenario

BASE = default_scenario()


def test_scenarios_that_differ_only_in_the_step_share_one_problem():
    edited = BASE.with_changes(learning_rate=2e-4, optimizer=OptimizerSettings(name="momentum"), max_steps=5000)
    assert problem_key(edited) == problem_key(BASE)
    assert problem_for(edited) is problem_for(BASE)
    # the sweep reads the step cap, but not the step or the optimizer
    assert sweep_figure(analyze(BASE.with_changes(learning_rate=2e-4))) is sweep_figure(
        analyze(BASE.with_changes(learning_rate=3e-4, optimizer=OptimizerSettings(name="momentum")))
    )


def test_anything_the_problem_reads_makes_another_problem():
    for changes in ({"seed": 7}, {"normalization": "minmax"}, {"tolerance": 1e-3}, {"loss": "sse"}, {"samples": 500}):
        assert problem_key(BASE.with_changes(**changes)) != problem_key(BASE), changes


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    rate=st.floats(1e-7, 5e-3),
    optimizer=st.sampled_from(["gd", "momentum", "adam"]),
    max_steps=st.sampled_from([200, 5000, 10**9]),
)
def test_a_shared_problem_gives_the_numbers_of_a_fresh_build(monkeypatch, rate, optimizer, max_steps):
    scenario = BASE.with_changes(learning_rate=rate, optimizer=OptimizerSettings(name=optimizer), max_steps=max_steps)
    shared = analyze(scenario)
    with monkeypatch.context() as patch:
        patch.setattr(analysis_module, "problem_for", build_problem)
        fresh = analyze(scenario)
    for ours, theirs in zip(shared.sides, fresh.sides):
        assert ours.quadratic is not theirs.quadratic  # really built twice
        assert ours.condition_number == theirs.condition_number
        assert ours.best_lr_iterations == theirs.best_lr_iterations
        assert ours.run.converged_at == theirs.run.converged_at and ours.run.diverged == theirs.run.diverged
        np.testing.assert_array_equal(ours.run.relative_error, theirs.run.relative_error)
    sweep, fresh_sweep = sweep_figure(shared), _sweep_figure(fresh)
    for ours, theirs in zip(sweep.sides, fresh_sweep.sides):
        np.testing.assert_array_equal(ours.iterations, theirs.iterations)
        np.testing.assert_array_equal(ours.rates, theirs.rates)
