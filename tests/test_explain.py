"""explain(): the issue's headline numbers, words a beginner can follow, caveats that fit the case."""

from __future__ import annotations

import json
import warnings

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer import Dataset, Feature, OptimizerSettings, Scenario, default_scenario, explain
from explainer.explanation.numbers import answer_in_numbers
from explainer.linear.data import make_data
from explainer.text.formatting import count, number


@pytest.fixture(scope="module")
def blog_post():
    return explain(default_scenario())


def test_features_on_0_1_and_1_1000_make_a_ravine(blog_post):
    assert 1e6 <= blog_post.raw.condition_number < 1e7
    assert blog_post.normalized.condition_number == pytest.approx(1, rel=0.1)
    assert blog_post.raw.max_stable_lr == pytest.approx(3e-6, rel=0.1)


def test_the_explanation_says_so_in_words_with_the_computed_numbers(blog_post):
    text = " ".join(step.markdown for step in blog_post.steps)
    for figure in (blog_post.raw.condition_number, blog_post.raw.max_stable_lr, blog_post.normalized.condition_number):
        assert number(figure) in text
    assert count(blog_post.raw.best_lr_iterations) in text
    for idea in ("ravine", "zig-zag", "diverges", "does not make an iteration cheaper", "predictions are the same"):
        assert idea in text.lower() or idea in text
    assert [step.figure for step in blog_post.steps if step.figure] == [
        "gradients",
        "ravine",
        "sweep",
        "loss",
        "ravine",
    ]


def test_speedup_is_raw_over_normalized_iterations(blog_post):
    assert blog_post.speedup == blog_post.raw.simulated_iterations / blog_post.normalized.simulated_iterations
    assert blog_post.speedup_at_best_lr == blog_post.raw.best_lr_iterations / blog_post.normalized.best_lr_iterations
    assert blog_post.speedup > 1e6


def test_json_form_has_the_interface_keys(blog_post):
    data = json.loads(json.dumps(blog_post.to_dict()))
    for side in ("raw", "normalized"):
        assert set(data[side]) >= {
            "condition_number",
            "max_stable_lr",
            "best_lr",
            "predicted_iterations",
            "simulated_iterations",
            "diverged",
        }
    assert {"speedup", "steps", "scenario"} <= set(data)
    assert all(set(step) >= {"title", "text", "latex"} for step in data["steps"])


def caveat_keys(scenario: Scenario) -> set[str]:
    return {caveat.key for caveat in explain(scenario).caveats}


def test_caveats_fit_the_scenario(blog_post):
    assert {c.key for c in blog_post.caveats} >= {"cost_per_iteration", "mean_offset", "tree_models", "data_leakage"}
    assert "correlation" not in {c.key for c in blog_post.caveats}
    offset = Scenario.from_ranges({"a": (10_000, 10_001), "b": (20_000, 20_001)})
    assert "mean_offset" in caveat_keys(offset)
    correlated = Scenario.from_ranges({"a": (0, 1), "b": (0, 10)}, correlation=0.95)
    assert "correlation" in caveat_keys(correlated)
    assert "correlation" not in caveat_keys(correlated.with_changes(normalization="whiten"))
    assert "minmax_offset" in caveat_keys(default_scenario().with_changes(normalization="minmax"))
    assert "adam" in caveat_keys(default_scenario().with_changes(optimizer=OptimizerSettings("adam")))
    assert "divergence" in caveat_keys(default_scenario().with_changes(learning_rate=0.01))


def test_whitening_fixes_what_zscoring_cannot():
    correlated = Scenario.from_ranges({"a": (0, 1), "b": (0, 10)}, correlation=0.95)
    zscored, whitened = explain(correlated), explain(correlated.with_changes(normalization="whiten"))
    assert zscored.normalized.condition_number > 20
    # PCA whitens with the n-1 sample variance, the loss averages over n: κ = n / (n - 1)
    samples = correlated.samples
    assert whitened.normalized.condition_number == pytest.approx(samples / (samples - 1), rel=1e-9)


def test_a_rate_above_the_bound_reports_divergence():
    result = explain(default_scenario().with_changes(learning_rate=1e-3))
    assert result.raw.diverged and result.raw.diverged_at is not None and not result.normalized.diverged
    assert result.speedup is None
    assert f"step {result.raw.diverged_at:,}" in result.step("learning_rate").markdown


@pytest.mark.parametrize("optimizer", ["momentum", "adam"])
def test_other_optimizers_are_explained(optimizer):
    result = explain(default_scenario().with_changes(optimizer=OptimizerSettings(optimizer)))
    assert result.step("optimizer").markdown
    assert result.normalized.simulated_iterations is not None


def test_a_perfect_start_needs_no_iterations():
    data = Dataset(("x",), ((1.0, 2.0, 3.0, 4.0),), (0.0, 0.0, 0.0, 0.0))
    result = explain(Scenario(data=data))
    assert result.raw.simulated_iterations == 0 and result.normalized.simulated_iterations == 0


def test_user_text_is_escaped_in_markdown():
    result = explain(Scenario(features=(Feature("<b>x</b>", 0, 1), Feature("[link](http://e.vil)", 1, 100))))
    text = result.step("features").markdown
    assert "<b>" not in text and "](" not in text


@pytest.mark.parametrize("method", ["zscore", "minmax", "minmax_centered", "robust", "whiten"])
def test_the_suggested_scikit_learn_code_runs(method):
    from sklearn.exceptions import ConvergenceWarning

    data = make_data(default_scenario())
    namespace = {"X": data.features, "y": data.target}
    code = explain(default_scenario().with_changes(normalization=method)).code
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ConvergenceWarning)
        exec(compile(code, f"<pipeline {method}>", "exec"), namespace)  # our own generated code, never user text
    assert namespace["model"].score(data.features, data.target) > 0.9  # noise 0.1 caps R² near 0.94
    assert np.isfinite(namespace["model"].predict(data.features[:3])).all()


def test_the_derivation_is_only_worked_out_when_asked_for(monkeypatch):
    """Explore and the chat never show it, so explain() must not pay for SymPy."""
    from explainer.explanation import theory

    calls = []
    monkeypatch.setattr(theory, "derive", lambda analysis: calls.append(analysis) or ())
    result = explain(default_scenario().with_changes(seed=123))
    result.to_dict()
    assert calls == []
    assert result.derivation == () and len(calls) == 1


@settings(max_examples=15, deadline=None)
@given(
    low=st.floats(-1e3, 1e3),
    spread=st.floats(1e-2, 1e4),
    optimizer=st.sampled_from(["gd", "momentum", "adam"]),
    normalization=st.sampled_from(["zscore", "minmax", "none", "whiten"]),
)
def test_the_answer_in_numbers_alone_is_the_whole_explanations_to_the_last_digit(low, spread, optimizer, normalization):
    """A share link's first paint shows `answer_in_numbers`; the full page, `explain(...).in_numbers`: never two
    different numbers for one link."""
    scenario = Scenario(
        features=(Feature("a", 0.0, 1.0), Feature("b", low, low + spread)),
        optimizer=OptimizerSettings(name=optimizer),
        normalization=normalization,
    )
    alone = answer_in_numbers(scenario)
    assert alone == explain(scenario).in_numbers
    assert alone.speedup_text and alone.raw.condition_number > 0


def test_a_caveat_says_when_dividing_by_the_spread_alone_makes_the_ravine_worse():
    """0.4-0.6 has a mean of 2.9 standard deviations: divided by its spread alone it couples harder to the bias."""
    from explainer.linear.analysis import centering

    explanation = explain(Scenario.from_ranges({"a": (0, 1), "b": (0.4, 0.6)}))
    offset = centering(explanation.analysis)
    assert offset.scaled_only > offset.raw
    (text,) = [caveat.text for caveat in explanation.caveats if "spread alone" in caveat.text]
    assert f"raises κ from {number(offset.raw)} to {number(offset.scaled_only)}" in text
    assert "still leaves" not in text
    from explainer.explanation.summary import cause_sentences
    from explainer.linear.analysis import causes

    said = cause_sentences(explanation.analysis, causes(explanation.analysis))
    assert f"Scaling alone raises κ from {number(offset.raw)} to {number(offset.scaled_only)}" in said
