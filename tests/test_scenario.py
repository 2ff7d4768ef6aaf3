"""A scenario is validated on construction: every problem names its field and reason."""

from __future__ import annotations

import math

import pytest

from explainer import Dataset, Feature, OptimizerSettings, Scenario, ScenarioError, default_scenario
from explainer.scenario.spec import MAX_FEATURES


def problems_of(**settings) -> dict[str, str]:
    with pytest.raises(ScenarioError) as caught:
        Scenario(**settings)
    return dict(caught.value.problems)


def test_default_is_the_blog_posts_claim():
    scenario = default_scenario()
    assert [(f.name, f.low, f.high) for f in scenario.features] == [("a", 0.0, 1.0), ("b", 1.0, 1000.0)]
    assert scenario.normalization == "zscore" and scenario.learning_rate == "auto" and scenario.loss == "mse"


def test_low_not_below_high_names_the_field():
    problems = problems_of(features=(Feature("a", 0, 1), Feature("b", 5, 5)))
    assert problems == {"features[1].high": "must be greater than low (got high=5, low=5)"}


@pytest.mark.parametrize("bad", [math.nan, math.inf, -math.inf, 1e308])
def test_non_finite_or_huge_bounds_are_rejected(bad):
    problems = problems_of(features=(Feature("a", 0, bad),))
    assert list(problems) == ["features[0].high"]


def test_every_problem_is_reported_at_once():
    problems = problems_of(
        features=(Feature("a", 1, 0), Feature("a", 0, 1, "cauchy")),
        learning_rate=-1.0,
        tolerance=2.0,
        optimizer=OptimizerSettings("sgd"),
    )
    assert set(problems) >= {
        "features[0].high",
        "features[1].name",
        "features[1].distribution",
        "learning_rate",
        "tolerance",
        "optimizer.name",
    }
    assert "duplicate feature name 'a'" in problems["features[1].name"]


def test_too_many_features_is_refused_without_looking_at_each():
    features = tuple(Feature(f"x{i}", 0, 1) for i in range(10_000))
    assert problems_of(features=features) == {"features": f"at most {MAX_FEATURES} features (got 10000)"}


def test_lognormal_needs_positive_values():
    assert "low" in problems_of(features=(Feature("income", 0, 100, "lognormal"),))["features[0].low"]


def test_correlation_must_give_a_valid_correlation_matrix():
    three = (Feature("a", 0, 1), Feature("b", 0, 1), Feature("c", 0, 1))
    assert "correlation" in problems_of(features=three, correlation=-0.6)
    assert "correlation" in problems_of(features=three, correlation=1.0)
    Scenario(features=three, correlation=-0.4)


def test_dataset_rejects_constant_columns_and_short_tables():
    constant = Dataset(("x",), ((1.0, 1.0, 1.0, 1.0),), (1.0, 2.0, 3.0, 4.0))
    assert "constant" in problems_of(data=constant)["data.x"]
    short = Dataset(("x",), ((1.0, 2.0),), (1.0, 2.0))
    assert "rows" in problems_of(data=short)["data.target"]


def test_with_changes_validates_too():
    with pytest.raises(ScenarioError, match="max_steps"):
        default_scenario().with_changes(max_steps=0)


def test_error_message_is_one_line_per_problem():
    error = ScenarioError([("features[1].high", "must be greater than low"), ("learning_rate", "bad")])
    assert str(error) == "features[1].high: must be greater than low; learning_rate: bad"
    assert error.prefixed("lesson.toml").problems[0][0] == "lesson.toml.features[1].high"
