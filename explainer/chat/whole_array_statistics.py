"""`X.mean()` with no axis: one mean and one standard deviation for the whole array, computed and said.

A common bug in course code and its questions ("shouldn't we pass axis=0?"): called without an axis, NumPy's
`.mean()` and `.std()` reduce over every value, so every column is shifted and divided by the same two numbers.
That is a uniform change of units, which leaves the columns' scales as unequal as before. A pandas DataFrame's
`.mean()` and `.std()` are per column already, so the same line is right there: the section says which case the
code shows (or both, when it does not say), and shows it with condition numbers on the conversation's features.
It answers only when the question asks about it (axis=0, or per column in an asking sentence), not when a story
mentions each feature beside a formula.
"""

from __future__ import annotations

import numpy as np

from explainer.chat.measure import condition_number, explanation_for
from explainer.chat.understand import asked_sentences
from explainer.chat.wording import describe, number
from explainer.scenario.spec import Scenario
from explainer.text import patterns

_NO_AXIS = patterns.compile(r"\.\s*(?:mean|std)\s*\(\s*\)")  # `train_X.mean()`, `x.std()`: no axis given
_AXIS_ZERO = patterns.compile(r"\baxis\s*=\s*0\b")
_PER_COLUMN_ASKED = patterns.compile(
    r"\bper[\s-](?:column|feature|attribute|variable)s?\b"
    r"|\beach\s+(?:column|feature|attribute|variable)\b|\bseparately\b|\bcolumn[\s-]?wise\b",
    patterns.IGNORECASE,
)
_PANDAS = patterns.compile(
    r"\bpd\.|\bpandas\b|\bdataframe\b|\.iloc\b|\.loc\s*\[|\bread_csv\b|\bdf\b", patterns.IGNORECASE
)
_NUMPY = patterns.compile(r"\bnp\.|\bnumpy\b|\bndarray\b|\.values\b|\.to_numpy\s*\(", patterns.IGNORECASE)


def section(text: str, scenario: Scenario) -> str | None:
    """A short section for code that takes one mean for the whole array and asks about per-column statistics."""
    asked = _AXIS_ZERO.search(text) or any(
        "?" in sentence and _PER_COLUMN_ASKED.search(sentence) for sentence in asked_sentences(text)
    )
    if not (_NO_AXIS.search(text) and asked):
        return None
    analysis = explanation_for(scenario).analysis
    features = analysis.data.features
    if features.shape[1] < 2 or np.any(features.std(axis=0) == 0):
        return None
    whole = condition_number((features - features.mean()) / features.std())
    columns = condition_number((features - features.mean(axis=0)) / features.std(axis=0))
    figures = (
        f"On {describe(scenario)}: κ = {number(analysis.raw.quadratic.condition_number)} raw, {number(whole)} with one"
        f" mean and standard deviation for the whole array, {number(columns)} with each column's own (`axis=0`)."
    )
    whole_array = (
        "called with no axis, `.mean()` and `.std()` reduce over every value of the array and give one number"
        " each, so every column is shifted and divided alike: a change of units for all of them together, which"
        " leaves their scales as unequal as before."
    )
    per_column = (
        "a pandas DataFrame's `.mean()` and `.std()` already work column by column (axis=0 is pandas' default;"
        " its `.std()` divides by n − 1), so `(X - X.mean()) / X.std()` standardizes each column as it is."
    )
    pandas, numpy = bool(_PANDAS.search(text)), bool(_NUMPY.search(text))
    if pandas and not numpy:
        said = f"No change is needed for a DataFrame: {per_column} On a NumPy array it would not be: {whole_array}"
    elif numpy and not pandas:
        said = f"Yes. On a NumPy array, {whole_array}"
    else:
        said = f"It depends on what X is. On a NumPy array, {whole_array} But {per_column}"
    return (
        "#### One mean for the whole array\n\n"
        + said
        + " "
        + figures
        + " On an array, pass `axis=0`; either way compute the statistics on the training rows and reuse them for"
        " the test rows."
    )
