"""What makes this scenario's ravine, named from measurements, and the one-paragraph summary.

The cause is not guessed from the ranges: κ is recomputed with the spreads, the means and the
correlation taken out in turn (`analysis.causes`), and the sentence names what removed the most.
"""

from __future__ import annotations

import numpy as np

from explainer.linear.analysis import Analysis, Causes
from explainer.scenario.vocabulary import METHODS
from explainer.text.formatting import apostrophe, counted, escape_markdown, number

CAUSE_PHRASES = {
    "spread": "the ratio of the features' spreads",
    "mean": "a mean offset (means far from 0 compared with the spreads)",
    "correlation": "correlation between the features",
}


def _name(analysis: Analysis, index: int) -> str:
    return f"**{escape_markdown(analysis.data.feature_names[index])}**"


def cause_phrase(causes: Causes) -> str:
    """ "a mean offset (…)", "several causes together: the ratio of … and …", or that there is little to remove."""
    named = causes.dominant
    if not named:
        return f"nothing large: κ = {number(causes.raw)} is already close to 1"
    if len(named) == 1:
        return CAUSE_PHRASES[named[0]]
    return "several causes together: " + " and ".join(CAUSE_PHRASES[key] for key in named)


def cause_sentences(analysis: Analysis, causes: Causes) -> str:
    """Step 1's account of the cause, each part backed by the κ measured without it."""
    features = analysis.data.features
    means, spreads = features.mean(axis=0), features.std(axis=0)
    parts = []
    several = len(causes.dominant) > 1
    for key in causes.dominant or ("none",):
        if key == "spread":
            if len(spreads) > 1:
                big, small = int(np.argmax(spreads)), int(np.argmin(spreads))
                lead = (
                    f"{_name(analysis, big)} varies {number(spreads[big] / spreads[small])} times more than"
                    f" {_name(analysis, small)}"
                )
            else:
                lead = f"{_name(analysis, 0)}'s standard deviation, {number(spreads[0])}, is far from the 1 that multiplies the bias"
            parts.append(
                ("The spreads: " if several else "")
                + f"{lead}: that ratio of spreads, not the units, is what gradient descent feels. Dividing each feature"
                f" by its spread (with the means taken out) brings κ down {number(causes.factors['spread'])} times."
            )
        elif key == "mean":
            offsets = np.abs(means) / np.where(spreads > 0, spreads, 1.0)
            worst = int(np.argmax(offsets))
            parts.append(
                ("The mean: " if several else "The mean is the cause here: ")
                + f"{_name(analysis, worst)}{apostrophe(analysis.data.feature_names[worst])} mean, {number(means[worst])}, is"
                f" {number(offsets[worst])} times its spread ({number(spreads[worst])}), so its weight and the bias move"
                + " together. Scaling alone "
                + (
                    f"raises κ from {number(causes.raw)} to {number(causes.scaled_only)}"
                    if causes.scaled_only > causes.raw
                    else f"still leaves κ = {number(causes.scaled_only)}"
                )
                + f"; centring as well brings it to {number(causes.zscored)}."
            )
        elif key == "correlation":
            correlations = np.corrcoef(features, rowvar=False)
            np.fill_diagonal(correlations, 0)
            first, second = np.unravel_index(np.argmax(np.abs(correlations)), correlations.shape)
            parts.append(
                ("Correlation: " if several else "Correlation is the cause here: ")
                + f"{_name(analysis, int(first))} and {_name(analysis, int(second))} have"
                f" correlation {number(float(correlations[first, second]))}, so even z-scored κ ="
                f" {number(causes.zscored)}; decorrelating (whitening) brings it to 1."
            )
        else:
            parts.append(
                f"These features are already well scaled: κ = {number(causes.raw)}, so there is little ravine to remove."
            )
    if several:
        parts.insert(0, "Several things make the ravine here, largest first.")
    return " ".join(parts)


def summary(analysis: Analysis, causes: Causes) -> str:
    """Two sentences: what normalizing does to κ and the iteration count, and what caused the ravine."""
    raw, normalized = analysis.raw, analysis.normalized
    method = analysis.scenario.normalization
    if method == "none":
        text = f"Without normalization κ stays at {number(raw.condition_number)}"
    else:
        text = (
            f"Normalizing ({METHODS[method].noun}) takes κ from {number(raw.condition_number)}"
            f" to {number(normalized.condition_number)}"
        )
    if raw.best_lr_iterations is not None and normalized.best_lr_iterations is not None and method != "none":
        text += (
            f", so the worst-case count for plain gradient descent at its best step, about (κ/2)·ln(1/ε), falls from"
            f" {counted(raw.best_lr_iterations, 'iteration')} to {counted(normalized.best_lr_iterations, 'iteration')}"
        )
    text += f". What makes the raw ravine here is {cause_phrase(causes)}."
    return text
