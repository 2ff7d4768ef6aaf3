"""What a model comparison means, in a learner's words: the cap, the curvature, the distances, the trees."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from explainer.text.formatting import number

if TYPE_CHECKING:
    from explainer.models.fit import FitResult, ModelComparison


def score_text(value: float, score_name: str) -> str:
    """A test score as a table shows it: 93.1% for accuracy, 0.412 for R²; "no score" when the fit failed."""
    if not np.isfinite(value):
        return "no score"
    return f"{value:.1%}" if score_name == "accuracy" else number(value)


def _score_text(result: FitResult, name: str) -> str:
    """The score in a sentence, named: "93.1% accuracy", "R² 0.412"."""
    if not np.isfinite(result.score):
        return "no score (the fit failed)"
    shown = score_text(result.score, name)
    return f"{shown} {name}" if name == "accuracy" else f"{name} {shown}"


def _iterations_text(result: FitResult) -> str:
    if result.diverged:
        return "blew up numerically"
    if result.iterations is None:
        return "has no iterations"
    if result.hit_cap:
        return f"hit its cap of {result.iteration_cap:,} iterations without converging"
    return f"converged in {result.iterations:,} iterations"


def _did(result: FitResult, score_name: str) -> str:
    scored = f"scored {_score_text(result, score_name)}"
    return scored if result.iterations is None and not result.diverged else f"{_iterations_text(result)} and {scored}"


def model_notes(comparison: ModelComparison, train_rows: int, normalization_label: str) -> tuple[str, ...]:
    """Plain sentences: what happened raw and normalized, why, and what was bounded."""
    raw, normalized, model = comparison.raw, comparison.normalized, comparison.model
    notes = [
        f"Fitted on {comparison.source}: raw, the model {_did(raw, comparison.score_name)}; normalized"
        f" ({normalization_label}), it {_did(normalized, comparison.score_name)} on the same"
        f" {comparison.rows_tested:,} test rows."
    ]
    if raw.hit_cap and model.name != "svm_rbf":
        warning = next((w for w in raw.warnings if w.startswith("ConvergenceWarning")), "")
        text = (
            f"scikit-learn warned: “{warning.removeprefix('ConvergenceWarning: ')}”"
            if warning
            else "scikit-learn stopped at the cap"
        )
        notes.append(
            f"The raw fit stopped at max_iter = {raw.iteration_cap:,}: {text}. Its weights are not the optimum;"
            " the warning means the loss was still falling when the cap came."
        )
        if comparison.raised_cap_iterations is not None:
            needed = comparison.raised_cap_iterations
            reached = "converges after" if needed < (comparison.raised_cap or 0) else "still had not converged after"
            notes.append(
                f"With max_iter raised to {comparison.raised_cap:,}, the raw fit {reached} {needed:,} iterations"
                + (
                    f" — normalized needs {normalized.iterations:,}."
                    if normalized.iterations and not normalized.hit_cap
                    else "."
                )
            )
    if comparison.task == "regression" and np.isfinite(raw.score) and raw.score < -1 and not raw.diverged:
        notes.append(
            f"Raw, R² = {number(raw.score)}: far worse than predicting the mean. The fit stopped, but its weights had"
            " been thrown far off by steps that overshot along the large-scale features (the learning-rate bound"
            " of the ravine)."
        )
    if np.isfinite(raw.score) and np.isfinite(normalized.score) and normalized.score < raw.score - 0.01:
        if model.name in ("knn", "svm_rbf", "kmeans") or model.pca_components:
            notes.append(
                "Here normalizing made the score worse. For distances and PCA, scaling changes the model itself:"
                " when the features share one unit and the larger spread carries the signal (iris's four"
                " measurements are all in cm), equal scales give the noisier features an equal say."
            )
        else:
            notes.append(
                "Here the normalized fit scored lower. With a capped or stochastic fit, one split is not the last"
                " word: compare over several seeds, or with cross-validation, before concluding."
            )
    if raw.diverged:
        notes.append(
            "The raw fit overflowed: a step size that suits normalized inputs is far too large along the"
            " large-scale features, so the weights grow without bound (the learning-rate bound of the ravine)."
        )
    logistic = comparison.theory.logistic
    if logistic is not None:
        notes.append(
            f"The log-loss Hessian (1/m)·X̃ᵀ·diag(p(1−p))·X̃ has condition number {number(logistic.start_raw)} raw"
            f" against {number(logistic.start_normalized)} normalized at the start (w = 0), and"
            f" {number(logistic.solution_raw)} against {number(logistic.solution_normalized)} at the fitted weights"
            f" ({logistic.blocks}). The same ravine as linear regression's: iterations grow with κ."
        )
    distances = comparison.theory.distances
    if distances is not None:
        top = int(np.argmax(distances.raw))
        notes.append(
            f"Distances: raw, {distances.feature_names[top]} carries {distances.raw[top]:.1%} of the squared"
            f" distances between samples, so the neighbours are chosen almost by it alone; normalized, it"
            f" carries {distances.normalized[top]:.1%}."
        )
    activations = comparison.theory.activations
    if activations is not None:
        what = (
            "of tanh pre-activations are saturated (|z| > 2)"
            if activations.activation == "tanh"
            else ("of ReLU units are dead on every training sample")
        )
        notes.append(
            f"At initialization the first layer's pre-activations have standard deviation"
            f" {number(activations.preactivation_std_raw)} raw against {number(activations.preactivation_std_normalized)}"
            f" normalized; {activations.stuck_raw:.0%} {what} raw against {activations.stuck_normalized:.0%}."
        )
    if model.name == "tree":
        notes.append(
            f"Predictions identical raw and normalized on {comparison.identical_predictions:.0%} of the test rows:"
            " a split threshold moves with any increasing rescaling of its feature, so the trees are the same."
            " Scaling does not help a tree; it is harmless."
        )
    if comparison.task == "regression" and model.name in ("mlp", "sgd", "svm_rbf"):
        notes.append(
            "Only the inputs were scaled, not the target: a gradient-trained regressor on a target in the"
            " hundreds also learns faster with the target scaled (TransformedTargetRegressor with StandardScaler)."
        )
    if model.name == "kmeans":
        notes.append("k-means has no labels to learn from: its score is the adjusted Rand index against the classes.")
    if comparison.rows_fitted < train_rows:
        notes.append(
            f"To stay fast, each fit used {comparison.rows_fitted:,} of the {train_rows:,} training rows (a random"
            " subsample, the same for both fits)."
        )
    notes.append(
        f"Fit times are wall-clock measured here ({raw.seconds * 1000:.0f} ms raw, {normalized.seconds * 1000:.0f} ms"
        " normalized) on a shared machine: indicative, not a benchmark."
    )
    return tuple(notes)
