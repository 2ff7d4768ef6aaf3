""" "Why are the pixels rescaled to [−0.5, 0.5] and not to [0, 1]?": the intervals a post weighs, compared with κ.

Min-max scaling into an interval [a, b] sets two things gradient descent feels: where the values sit (an interval
centred on 0 leaves each input's mean near 0, so its weight no longer trades off against the bias) and how far they
spread (a feature's curvature is its variance, the bias's is 1, and κ is at least their ratio). The section below
scales the conversation's features into each interval the post names and gives κ for each, beside z-scoring, which
sets both at once.
"""

from __future__ import annotations

import numpy as np

from explainer.chat.measure import condition_number, explanation_for
from explainer.chat.wording import describe, number, signed
from explainer.scenario.spec import Scenario
from explainer.text import patterns

MAX_INTERVALS = 4
LARGEST_END = 10.0  # a target interval, not a feature's raw range ("[0, 255]" is pixels' values)
_NUMBER = r"[-+−]?(?:\d+(?:\.\d+)?|\.\d+)"
_INTERVAL = patterns.compile(rf"[\[(]\s*(?P<low>{_NUMBER})\s*[,;]\s*(?P<high>{_NUMBER})\s*[\])]")
# the post weighs one interval against another
_WEIGHED = patterns.compile(
    r"\b(?:instead\s+of|rather\s+than|or|vs\.?|versus|why\s+not|better|worse|which|compared?\s+(?:to|with)|and\s+not)\b",
    patterns.IGNORECASE,
)
_SCALED = patterns.compile(r"\b(?:scal|rescal|normali[sz]|map|squash|standardi[sz]|range)\w*", patterns.IGNORECASE)


def intervals(text: str) -> list[tuple[float, float]]:
    """The distinct target intervals a post writes in brackets ("[0,1]", "(-1, 1)"), in order."""
    found: list[tuple[float, float]] = []
    for match in _INTERVAL.finditer(text):
        low, high = (float(match[end].replace("−", "-")) for end in ("low", "high"))
        if low < high and max(abs(low), abs(high)) <= LARGEST_END and (low, high) not in found:
            found.append((low, high))
        if len(found) == MAX_INTERVALS:
            break
    return found


def section(text: str, scenario: Scenario) -> str | None:
    """κ with the conversation's features scaled into each interval the post weighs; None unless it weighs two."""
    named = intervals(text)
    if len(named) < 2 or not (_WEIGHED.search(text) and _SCALED.search(text)):
        return None
    features = explanation_for(scenario).analysis.data.features
    spans = features.max(axis=0) - features.min(axis=0)
    if np.any(spans == 0):
        return None
    unit = (features - features.min(axis=0)) / spans
    kappas = [(low, high, condition_number(low + (high - low) * unit)) for low, high in named]
    z_scored = condition_number((features - features.mean(axis=0)) / features.std(axis=0))
    listed = ", ".join(f"κ = {number(kappa)} in {_interval(low, high)}" for low, high, kappa in kappas)
    best = min(kappas, key=lambda item: item[2])
    centred = [_interval(low, high) for low, high, _ in kappas if abs(low + high) < 1e-12]
    centre_words = (
        f" {' and '.join(centred)} {'is' if len(centred) == 1 else 'are'} centred on 0, so each input's mean sits near 0"
        " and its weight no longer trades off against the bias."
        if centred
        else ""
    )
    return f"#### {' against '.join(_interval(low, high) for low, high, _ in kappas)}\n\n" + (
        f"For gradient descent, {_interval(best[0], best[1])} conditions the problem best here: on"
        f" {describe(scenario)}, {listed} (z-scoring: {number(z_scored)}). Two things differ between intervals: where"
        f" the values sit and how far they spread.{centre_words} And a feature's curvature is its variance while the"
        " bias's is 1, so κ is at least their ratio: a narrow interval such as [−0.5, 0.5] (variance 1/12 for evenly"
        " spread values) is held back by that, which z-scoring (variance 1) removes. Beyond speed, match the interval to"
        " what reads the values: tanh units are centred on 0, and a sigmoid output can only reach targets in [0, 1]."
    )


def _interval(low: float, high: float) -> str:
    return f"[{signed(low)}, {signed(high)}]"
