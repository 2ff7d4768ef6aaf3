""" "The means were 2, 4, 6, 8 and the standard deviations 10, 20, 30, 40; for new data 3, 6, 9, 12, do I compute
(3 − 2)/10 …?": yes, computed with the learner's own numbers and said first.

New rows are scaled with the statistics of the rows the model was fitted on, never with their own: one new row has
no spread, and statistics refitted on new data would move every input the model learned from. When a post states
those statistics and the new values, the section below does the arithmetic it asks about (z-scores from means and
standard deviations, or min-max from minimums and maximums) and says how to skip it: convert the fitted weights back
to raw units once.
"""

from __future__ import annotations

from explainer.chat.wording import name, number
from explainer.text import patterns

MAX_VALUES = 20  # values per stated list (a post's feature count is far smaller)
_NUMBER = r"[-+]?(?:\d+(?:\.\d+)?|\.\d+)"
_LIST = rf"(?P<values>{_NUMBER}(?:\s*(?:,|;|and|&)\s*{_NUMBER})*)"
_VERB = r"(?:were|are|was|is|=|:|of|be)"
_GAP = r"[^.?!\n]{0,80}?"  # the words between a statistic's name and its values, within one sentence
_MEANS = patterns.compile(rf"\b(?:means?|averages?|μ)\b{_GAP}\b{_VERB}\s*{_LIST}", patterns.IGNORECASE)
_SPREADS = patterns.compile(
    rf"\b(?:standard\s+deviations?|std(?:\s*devs?)?|sds?|σ|sigmas?)\b{_GAP}\b{_VERB}\s*{_LIST}", patterns.IGNORECASE
)
_MINIMUMS = patterns.compile(rf"\b(?:min(?:imum)?s?)\b{_GAP}\b{_VERB}\s*{_LIST}", patterns.IGNORECASE)
_MAXIMUMS = patterns.compile(rf"\b(?:max(?:imum)?s?)\b{_GAP}\b{_VERB}\s*{_LIST}", patterns.IGNORECASE)
_NEW = (
    r"\b(?:new|unseen|future|incoming)\s+(?:\w+\s+){0,2}?(?:data|values?|samples?|points?|observations?|rows?|inputs?"
    r"|instances?|examples?)\b"
)
_NEW_VALUES = patterns.compile(rf"{_NEW}{_GAP}(?:=|\b(?:are|is|has|have|of|be)\b)\s*{_LIST}", patterns.IGNORECASE)
_SCALED = patterns.compile(r"\b(?:standardi[sz]|normali[sz]|scal|z-?scor)\w*", patterns.IGNORECASE)
# the names just before the new values: "a, b, c, d = 3, 6, 9, 12"
_NAMES_BEFORE = patterns.compile(r"(?P<names>[A-Za-z_]\w{0,20}(?:\s*,\s*[A-Za-z_]\w{0,20})+)\s*=\s*$")
# "do I compute (3-2)/10 …?", "is that right?": a question to say yes to, not "how do I …?"
_YES_NO = patterns.compile(
    r"\b(?:do|should|must|can|shall|would)\s+(?:i|we|you)\s+(?:just\s+)?(?:compute|use|take|apply|plug|put|subtract|divide)"
    r"|\bis\s+(?:it|this|that)\s+(?:right|correct|ok(?:ay)?)\b",
    patterns.IGNORECASE,
)
_MIN_MAX = patterns.compile(r"\bmin[\s_-]?max\w*", patterns.IGNORECASE)
_SEPARATOR = patterns.compile(r"\s*(?:,|;|\band\b|&)\s*", patterns.IGNORECASE)


def section(text: str) -> str | None:
    """The new values scaled with the stated training statistics, when a post gives both; None otherwise."""
    if not _SCALED.search(text):
        return None
    new = _NEW_VALUES.search(text)
    if new is None:
        return None
    values = _values(new["values"])
    names = _names(text[max(0, new.start("values") - 120) : new.start("values")], len(values))
    means, spreads = _first_list(_MEANS, text), _first_list(_SPREADS, text)
    if means and spreads and len(means) == len(spreads) == len(values) and all(s > 0 for s in spreads):
        steps = [(value, mean, spread) for value, mean, spread in zip(values, means, spreads, strict=True)]
        worked = [f"({number(v)} − {number(m)})/{number(s)} = {number((v - m) / s)}" for v, m, s in steps]
        statistics, formula = "mean and standard deviation", "w_j = w′_j/s_j and b = b′ − Σ w′_j·m_j/s_j"
    else:
        plain = _MIN_MAX.sub(" ", text)  # "min-max scaled": a method's name, not a statistic's
        lows, highs = _first_list(_MINIMUMS, plain), _first_list(_MAXIMUMS, plain)
        if not (lows and highs and len(lows) == len(highs) == len(values)) or any(
            high <= low for low, high in zip(lows, highs, strict=True)
        ):
            return None
        steps = [(value, low, high - low) for value, low, high in zip(values, lows, highs, strict=True)]
        worked = [
            f"({number(v)} − {number(low)})/{number(width)} = {number((v - low) / width)}" for v, low, width in steps
        ]
        statistics, formula = (
            "minimum and maximum",
            "w_j = w′_j/(max_j − min_j) and b = b′ − Σ w′_j·min_j/(max_j − min_j)",
        )
    listed = "; ".join(f"{name(label)}: {step}" if label else step for label, step in zip(names, worked, strict=True))
    opening = "Yes: each" if _YES_NO.search(text) else "Each"
    return "#### New values, scaled with the training statistics\n\n" + (
        f"{opening} new value is scaled with its feature's {statistics} from the rows the model was fitted on,"
        f" never with statistics of the new data (one new row has none, and refitted ones would move every input"
        f" the model learned from). Yours: {listed}. Those go into the fitted equation. Or convert the fitted"
        f" weights back to raw units once, {formula}, and plug in raw values; if the target was standardized too,"
        " the prediction comes back as ȳ + s_y·ŷ′."
    )


def _values(listed: str) -> list[float]:
    return [float(value) for value in _SEPARATOR.split(listed.strip()) if value][:MAX_VALUES]


def _first_list(pattern: patterns.Pattern, text: str) -> list[float]:
    found = pattern.search(text)
    return _values(found["values"]) if found else []


def _names(before: str, count: int) -> list[str]:
    """The names written just before the values ("a, b, c, d = 3, 6, 9, 12"), or blanks."""
    found = _NAMES_BEFORE.search(before)
    names = _SEPARATOR.split(found["names"]) if found else []
    return names if len(names) == count else [""] * count
