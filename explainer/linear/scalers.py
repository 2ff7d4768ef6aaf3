"""Each normalization as the scikit-learn transformer a learner would use, plus the one scikit-learn lacks.

The scikit-learn side of normalize.py, kept apart so that importing the engine does not import
scikit-learn: this module loads the first time a normalizer is fitted.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin
from sklearn.decomposition import PCA
from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler

from explainer.scenario.spec import NormalizationName


class CenteredMinMaxScaler(OneToOneFeatureMixin, TransformerMixin, BaseEstimator):
    """(x - mean) / (max - min): the one common scaling scikit-learn has no class for."""

    def fit(self, features: np.ndarray, target: object = None) -> CenteredMinMaxScaler:
        features = np.asarray(features, dtype=float)
        self.mean_ = features.mean(axis=0)
        spread = features.max(axis=0) - features.min(axis=0)
        self.scale_ = np.where(spread > 0, spread, 1.0)
        self.n_features_in_ = features.shape[1]
        return self

    def transform(self, features: np.ndarray) -> np.ndarray:
        return (np.asarray(features, dtype=float) - self.mean_) / self.scale_


def make_transformer(method: NormalizationName) -> TransformerMixin | None:
    """The scikit-learn transformer a learner would put in their pipeline (None for no scaling)."""
    if method == "none":
        return None
    if method == "minmax":
        return MinMaxScaler()
    if method == "minmax_symmetric":
        return MinMaxScaler(feature_range=(-1, 1))
    if method == "minmax_centered":
        return CenteredMinMaxScaler()
    if method == "zscore":
        return StandardScaler()
    if method == "robust":
        return RobustScaler()
    if method == "whiten":
        # SVD of the data, not eigh of its covariance (scikit-learn's choice for few columns): spreads of
        # 10⁻³ beside 10⁵ square to a ratio past a double's precision, and the small variance becomes 0
        return PCA(whiten=True, svd_solver="full")
    raise ValueError(f"unknown normalization {method!r}")
