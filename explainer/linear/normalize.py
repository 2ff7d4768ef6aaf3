"""The normalizers, as the affine maps they are, and the way back to original units.

Every method is x' = (x - shift) @ matrix. A model y = x' w' + b' on normalized inputs is the
model y = x (matrix @ w') + (b' - shift @ matrix @ w') on raw inputs, so the learner sees one
model whichever space it was trained in. The fitting is scikit-learn's own, so what the app
explains is exactly what `StandardScaler` & co. will do in the learner's code.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from explainer.scenario.choices import METHODS
from explainer.scenario.spec import NormalizationName

if TYPE_CHECKING:
    from sklearn.base import TransformerMixin

METHOD_LABELS: dict[str, str] = {key: choice.phrase for key, choice in METHODS.items()}  # explainer.scenario.choices


@dataclass(frozen=True)
class AffineMap:
    """x' = (x - shift) @ matrix, with the names of the new columns."""

    shift: np.ndarray
    matrix: np.ndarray
    output_names: tuple[str, ...]

    def apply(self, features: np.ndarray) -> np.ndarray:
        return (features - self.shift) @ self.matrix

    def weights_to_original(self, weights: np.ndarray, bias: float) -> tuple[np.ndarray, float]:
        """Weights learned on normalized inputs, expressed for raw inputs: same predictions."""
        original = self.matrix @ weights
        return original, float(bias - self.shift @ original)


def make_transformer(method: NormalizationName) -> TransformerMixin | None:
    """The scikit-learn transformer a learner would put in their pipeline (None for no scaling)."""
    from sklearn.decomposition import PCA  # scikit-learn loads when a normalizer is fitted, not on import
    from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler

    from explainer.linear.scalers import CenteredMinMaxScaler

    if method == "none":
        return None
    if method == "minmax":
        return MinMaxScaler()
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


def fit_normalizer(method: NormalizationName, features: np.ndarray, names: tuple[str, ...]) -> AffineMap:
    """Fit the method's scikit-learn transformer and read off its affine map."""
    from sklearn.decomposition import PCA
    from sklearn.preprocessing import MinMaxScaler, RobustScaler, StandardScaler

    from explainer.linear.scalers import CenteredMinMaxScaler

    count = features.shape[1]
    transformer = make_transformer(method)
    if transformer is None:
        return AffineMap(np.zeros(count), np.eye(count), names)
    transformer.fit(features)
    if isinstance(transformer, StandardScaler):
        return AffineMap(transformer.mean_, np.diag(1 / transformer.scale_), names)
    if isinstance(transformer, MinMaxScaler):
        return AffineMap(-transformer.min_ / transformer.scale_, np.diag(transformer.scale_), names)
    if isinstance(transformer, CenteredMinMaxScaler):
        return AffineMap(transformer.mean_, np.diag(1 / transformer.scale_), names)
    if isinstance(transformer, RobustScaler):
        return AffineMap(transformer.center_, np.diag(1 / transformer.scale_), names)
    assert isinstance(transformer, PCA)
    matrix = transformer.components_.T / np.sqrt(transformer.explained_variance_)
    component_names = tuple(f"component {index + 1}" for index in range(matrix.shape[1]))
    return AffineMap(transformer.mean_, matrix, component_names)
