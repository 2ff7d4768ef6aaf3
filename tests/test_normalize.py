"""Normalizers are scikit-learn's own, read as affine maps; mapped-back weights predict the same."""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.decomposition import PCA
from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler

from explainer import Scenario
from explainer.linear.data import make_data
from explainer.linear.normalize import fit_normalizer
from explainer.linear.scalers import CenteredMinMaxScaler, make_transformer
from explainer.scenario.spec import NORMALIZATIONS

FEATURES = make_data(
    Scenario.from_ranges({"a": (0, 1), "b": (1, 1000), "c": (-5, 5)}, correlation=0.3, seed=3)
).features
NAMES = ("a", "b", "c")


@pytest.mark.parametrize(
    ("method", "reference"),
    [
        ("zscore", StandardScaler()),
        ("minmax", MinMaxScaler()),
        ("robust", RobustScaler()),
        ("whiten", PCA(whiten=True)),
    ],
)
def test_affine_map_equals_scikit_learns_transform(method, reference):
    mapping = fit_normalizer(method, FEATURES, NAMES)
    np.testing.assert_allclose(mapping.apply(FEATURES), reference.fit_transform(FEATURES), rtol=1e-10, atol=1e-10)


def test_centred_min_max_is_mean_over_range():
    scaled = CenteredMinMaxScaler().fit_transform(FEATURES)
    expected = (FEATURES - FEATURES.mean(axis=0)) / (FEATURES.max(axis=0) - FEATURES.min(axis=0))
    np.testing.assert_allclose(scaled, expected)
    np.testing.assert_allclose(fit_normalizer("minmax_centered", FEATURES, NAMES).apply(FEATURES), expected)


@pytest.mark.parametrize("method", NORMALIZATIONS)
def test_weights_mapped_back_give_the_same_predictions(method):
    mapping = fit_normalizer(method, FEATURES, NAMES)
    rng = np.random.default_rng(0)
    weights, bias = rng.normal(size=mapping.matrix.shape[1]), 0.7
    original_weights, original_bias = mapping.weights_to_original(weights, bias)
    np.testing.assert_allclose(
        FEATURES @ original_weights + original_bias, mapping.apply(FEATURES) @ weights + bias, rtol=1e-9, atol=1e-9
    )


def test_whitening_decorrelates_to_unit_covariance():
    whitened = fit_normalizer("whiten", FEATURES, NAMES).apply(FEATURES)
    np.testing.assert_allclose(np.cov(whitened, rowvar=False), np.eye(3), atol=1e-9)


def test_no_normalization_is_the_identity():
    assert make_transformer("none") is None
    np.testing.assert_array_equal(fit_normalizer("none", FEATURES, NAMES).apply(FEATURES), FEATURES)
