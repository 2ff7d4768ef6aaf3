"""`X.mean()` with no axis: one mean and one standard deviation for the whole array, computed and said.

A common bug in course code and its questions ("shouldn't we pass axis=0?"): called without an axis, NumPy's
`.mean()` and `.std()` reduce over every value, so every column is shifted and divided by the same two numbers.
That is a uniform change of units, which leaves the columns' scales as unequal as before. The section below
answers the question directly and shows it with condition numbers on the conversation's features.
"""

from __future__ import annotations

import numpy as np

from explainer.chat.measure import explanation_for
from explainer.chat.wording import describe, number
from explainer.linear.quadratic import build_quadratic
from explainer.scenario.spec import Scenario
from explainer.text import patterns

_NO_AXIS = patterns.compile(r"\.\s*(?:mean|std)\s*\(\s*\)")  # `train_X.mean()`, `x.std()`: no axis given
_PER_COLUMN_ASKED = patterns.compile(
    r"\baxis\s*=\s*0\b|\bper[\s-](?:column|feature|attribute|variable)s?\b"
    r"|\beach\s+(?:column|feature|attribute|variable)\b|\bseparately\b|\bcolumn[\s-]?wise\b",
    patterns.IGNORECASE,
)


def condition_number(features: np.ndarray) -> float:
    """κ of the mean squared error's Hessian (2/m)·X̃ᵀX̃, with the bias column: the engine's own quadratic (from the
    singular values, so a large offset keeps its digits); the target does not enter the Hessian."""
    names = tuple(f"x{index}" for index in range(features.shape[1]))
    return build_quadratic(features, np.zeros(len(features)), names, "mse").condition_number


def section(text: str, scenario: Scenario) -> str | None:
    """A short section for code that takes one mean for the whole array and asks about per-column statistics."""
    if not (_NO_AXIS.search(text) and _PER_COLUMN_ASKED.search(text)):
        return None
    analysis = explanation_for(scenario).analysis
    features = analysis.data.features
    if features.shape[1] < 2 or np.any(features.std(axis=0) == 0):
        return None
    whole = condition_number((features - features.mean()) / features.std())
    columns = condition_number((features - features.mean(axis=0)) / features.std(axis=0))
    return "#### One mean for the whole array\n\n" + (
        "Yes. Called with no axis, `.mean()` and `.std()` reduce over every value of the array and give one number"
        " each, so every column is shifted and divided alike: a change of units for all of them together, which"
        f" leaves their scales as unequal as before. On {describe(scenario)}: κ ="
        f" {number(analysis.raw.quadratic.condition_number)} raw, {number(whole)} with one mean and standard"
        f" deviation for the whole array, {number(columns)} with each column's own (`axis=0`). Pass `axis=0`,"
        " compute the statistics on the training rows, and reuse them for the test rows."
    )
