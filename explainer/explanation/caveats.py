"""The caveats that apply to this scenario, each backed by a number computed for it."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from explainer.linear.analysis import Analysis, centering, condition_after
from explainer.text.formatting import counted, escape_markdown, number

MEAN_OFFSET_FACTOR = 10.0  # scaled-but-not-centred κ this much above z-scored κ: the mean matters
CORRELATED_KAPPA = 3.0  # z-scored κ above this: correlation, not scale, is what is left


@dataclass(frozen=True)
class Caveat:
    key: str
    text: str


def caveats_for(analysis: Analysis) -> tuple[Caveat, ...]:
    features = analysis.data.features
    names = analysis.data.feature_names
    means = features.mean(axis=0)
    offset = centering(analysis)
    scaled_only, zscored = offset.scaled_only, offset.zscored
    method = analysis.scenario.normalization
    found = [
        Caveat(
            "cost_per_iteration",
            "An iteration costs the same raw or normalized; normalizing is a cheap one-off pass over the data."
            " The speed-up is the smaller number of iterations, not faster ones.",
        )
    ]
    if scaled_only > MEAN_OFFSET_FACTOR * zscored:
        found.append(
            Caveat(
                "mean_offset",
                "The mean matters, not only the range: dividing every feature by its spread alone"
                + (
                    f" raises κ from {number(offset.raw)} to {number(scaled_only)}"
                    if scaled_only > offset.raw
                    else f" still leaves κ = {number(scaled_only)}"
                )
                + f", because large means couple each weight to the bias. Centring as well brings κ to"
                f" {number(zscored)}.",
            )
        )
    if method == "minmax":
        centred = condition_after(analysis, (features - means) / (features.max(axis=0) - features.min(axis=0)))
        found.append(
            Caveat(
                "minmax_offset",
                f"Min-max scaling to [0, 1] leaves every mean near 0.5, so some coupling with the bias remains:"
                f" κ = {number(analysis.normalized.condition_number)}, against {number(centred)} with centred min-max.",
            )
        )
    if len(names) > 1 and zscored > CORRELATED_KAPPA and method != "whiten":
        correlations = np.corrcoef(features, rowvar=False)
        np.fill_diagonal(correlations, 0)
        first, second = np.unravel_index(np.argmax(np.abs(correlations)), correlations.shape)
        found.append(
            Caveat(
                "correlation",
                f"Scaling cannot fix correlation: **{escape_markdown(names[first])}** and **{escape_markdown(names[second])}**"
                f" have correlation {correlations[first, second]:.2f}, so even z-scored κ = {number(zscored)}: the ravine"
                f" runs along a diagonal. Whitening (decorrelating as well) brings κ to about 1: centred,"
                " uncorrelated columns of unit variance give the Hessian 2·I.",
            )
        )
    if analysis.scenario.optimizer.name == "adam":
        found.append(
            Caveat(
                "adam",
                "Adam rescales each parameter's step by its own gradient history, which undoes differences of scale"
                " but not correlation or a mean offset, and its constant step leaves it circling the minimum."
                " Normalizing the inputs still helps it.",
            )
        )
    raw, normalized = analysis.raw, analysis.normalized
    if raw.run.diverged and not normalized.run.diverged:
        found.append(
            Caveat(
                "divergence",
                f"At η = {number(raw.learning_rate)} the raw run diverges (its bound is {number(raw.quadratic.max_stable_lr)})"
                f" while the normalized one does not (bound {number(normalized.quadratic.max_stable_lr)}). Lowering η makes"
                f" the raw run converge, but slowly: {_slowly(raw.best_lr_iterations)} at its best step.",
            )
        )
    wide = [
        name
        for name, low, high in zip(names, features.min(axis=0), features.max(axis=0))
        if low > 0 and high / low > 100
    ]
    skewed = [name for name, column in zip(names, features.T) if abs(_skewness(column)) > 2]
    if set(wide) & set(skewed):
        listed = ", ".join(f"**{escape_markdown(name)}**" for name in sorted(set(wide) & set(skewed))[:3])
        found.append(
            Caveat(
                "skewed",
                f"{listed} span{'s' if len(set(wide) & set(skewed)) == 1 else ''} orders of magnitude with a long tail:"
                " a log transform before scaling spreads the values more evenly than any linear scaling can.",
            )
        )
    found.append(
        Caveat(
            "data_leakage",
            "Fit the scaler on the training data only, then apply it unchanged to validation and test data"
            " (a scikit-learn Pipeline does this for you).",
        )
    )
    found.append(
        Caveat(
            "tree_models",
            "Tree models (decision trees, random forests, gradient boosting) split on thresholds, so scaling a"
            " feature changes nothing for them; this explanation is about gradient-based training.",
        )
    )
    return tuple(found)


def _slowly(iterations: int | None) -> str:
    return counted(iterations, "iteration") if iterations is not None else "more iterations than a double can count"


def _skewness(column: np.ndarray) -> float:
    spread = column.std()
    return float(np.mean(((column - column.mean()) / spread) ** 3)) if spread > 0 else 0.0
