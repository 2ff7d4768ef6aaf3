"""Synthetic data is reproducible from the seed and matches the described ranges and correlation."""

from __future__ import annotations

import numpy as np

from explainer import Dataset, Feature, Scenario
from explainer.linear.data import default_true_weights, make_data


def test_same_seed_same_data_other_seed_other_data():
    scenario = Scenario.from_ranges({"a": (0, 1), "b": (1, 1000)}, seed=7)
    np.testing.assert_array_equal(make_data(scenario).features, make_data(scenario).features)
    assert not np.array_equal(make_data(scenario).features, make_data(scenario.with_changes(seed=8)).features)


def test_uniform_features_stay_inside_their_range():
    features = make_data(Scenario.from_ranges({"a": (0, 1), "b": (1, 1000)}, samples=5000)).features
    assert features[:, 0].min() >= 0 and features[:, 0].max() <= 1
    assert features[:, 1].min() >= 1 and features[:, 1].max() <= 1000
    assert abs(features[:, 1].mean() - 500.5) < 15


def test_requested_correlation_is_what_the_data_has():
    scenario = Scenario(
        features=(Feature("a", 0, 1, "normal"), Feature("b", 0, 1, "normal")), correlation=0.9, samples=20_000
    )
    correlation = np.corrcoef(make_data(scenario).features, rowvar=False)[0, 1]
    assert abs(correlation - 0.9) < 0.01


def test_lognormal_spans_orders_of_magnitude():
    features = make_data(Scenario(features=(Feature("income", 1, 10_000, "lognormal"),), samples=5000)).features
    assert np.median(features) < features.mean()  # right-skewed
    assert 30 < np.median(features) < 300  # geometric middle of 1..10 000 is 100


def test_default_weights_move_the_target_by_one_across_each_range():
    features = (Feature("a", 0, 1), Feature("b", 1, 1001))
    assert default_true_weights(features) == (1.0, 0.001)


def test_an_explicit_dataset_is_used_as_given():
    data = Dataset(("x",), ((10.0, 20.0, 30.0, 40.0),), (1.01, 2.02, 2.88, 4.1))
    made = make_data(Scenario(data=data))
    np.testing.assert_array_equal(made.features[:, 0], [10, 20, 30, 40])
    np.testing.assert_array_equal(made.target, [1.01, 2.02, 2.88, 4.1])
