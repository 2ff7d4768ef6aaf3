"""The normalizers, as the affine maps they are, and the way back to original units.

Every method is x' = (x - shift) @ matrix. A model y = x' w' + b' on normalized inputs is the
model y = x (matrix @ w') + (b' - shift @ matrix @ w') on raw inputs, so the learner sees one
model whichever space it was trained in. The fitting is scikit-learn's own, so what the app
explains is exactly what `StandardScaler` & co. will do in the learner's code.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explainer.scenario.spec import NormalizationName


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


def fit_normalizer(method: NormalizationName, features: np.ndarray, names: tuple[str, ...]) -> AffineMap:
    """Fit the method's scikit-learn transformer and read off its affine map."""
    from explainer.linear.scalers import make_transformer  # scikit-learn loads here, not when the engine is imported

    count = features.shape[1]
    transformer = make_transformer(method)
    if transformer is None:
        return AffineMap(np.zeros(count), np.eye(count), names)
    transformer.fit(features)
    if method in ("zscore", "minmax_centered"):
        return AffineMap(transformer.mean_, np.diag(1 / transformer.scale_), names)
    if method in ("minmax", "minmax_symmetric"):  # x·scale + min, whatever the feature range
        return AffineMap(-transformer.min_ / transformer.scale_, np.diag(transformer.scale_), names)
    if method == "robust":
        return AffineMap(transformer.center_, np.diag(1 / transformer.scale_), names)
    assert method == "whiten"
    matrix = transformer.components_.T / np.sqrt(transformer.explained_variance_)
    component_names = tuple(f"component {index + 1}" for index in range(matrix.shape[1]))
    return AffineMap(transformer.mean_, matrix, component_names)
