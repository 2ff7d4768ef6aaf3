"""The one common scaling scikit-learn has no class for, as a scikit-learn transformer.

Kept apart from normalize.py so that importing the engine does not import scikit-learn: this
module loads the first time a normalizer is fitted.
"""

from __future__ import annotations

import numpy as np
from sklearn.base import BaseEstimator, OneToOneFeatureMixin, TransformerMixin


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
