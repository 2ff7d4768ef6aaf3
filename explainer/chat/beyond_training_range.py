"""Test values past the training range: "the test maximum would come out more than 1, no?", answered first.

Min-max scaling learns the training minimum and maximum; a later value beyond them maps outside [0, 1]. Learners
ask whether that is a bug. It is not, and the section below says so first, with the mapping computed on the
conversation's widest feature, then what to do when a model does need bounded inputs.
"""

from __future__ import annotations

from explainer.chat.wording import name, number
from explainer.scenario.spec import Scenario
from explainer.text import patterns

# "the test maximum would come out more than 1", "values greater than 1 or below 0 in the test set", "beyond the
# scaling range of the train data": asked of values after a fitted scaler
_BEYOND_ASKED = patterns.compile(
    r"\b(?:more|greater|larger|bigger|higher)\s+than\s+1\b|\babove\s+1\b|\bbelow\s+0\b|\bless\s+than\s+0\b"
    r"|\boutside\s+(?:of\s+)?(?:the\s+)?(?:\[?\s*0\s*,\s*1\s*\]?|range|training\s+range|scaling\s+range)"
    r"|\bbeyond\s+(?:the\s+)?(?:\w+\s+){0,2}range\b|\bexceed\w*\s+(?:the\s+)?(?:training\s+|train\s+)?(?:max|min|range)",
    patterns.IGNORECASE,
)
_FITTED_ON_TRAINING = patterns.compile(
    r"\bmin[\s-]?max\w*|\bMinMaxScaler\b|\b(?:test|new|unseen|future|validation)\s+(?:set|data|values?|samples?|rows?)\b"
    r"|\bx_test\b|\btransform\s*\(",
    patterns.IGNORECASE,
)


def section(text: str, scenario: Scenario) -> str | None:
    """The direct answer for a message asking whether scaled test values may leave [0, 1]; None otherwise."""
    if not (_BEYOND_ASKED.search(text) and _FITTED_ON_TRAINING.search(text)) or not scenario.features:
        return None
    feature = max(scenario.features, key=lambda item: item.high - item.low)
    span = feature.high - feature.low
    past = feature.high + 0.2 * span  # a test value a fifth of the range past the training maximum
    scaled = (past - feature.low) / span
    return "#### Past the training range\n\n" + (
        "Values past the training range are expected, not a bug: min-max scaling maps with the training minimum"
        " and maximum,"
        " x′ = (x − min_train)/(max_train − min_train), so a later value above the training maximum lands above 1"
        f" and one below the minimum below 0. For {name(feature.name)}, trained on {number(feature.low)} to"
        f" {number(feature.high)}, a test value of {number(past)} maps to {number(scaled)}. Keep those values as"
        " they are for linear models and networks; refitting the scaler on the test data would move every other"
        " value too. Clip to [0, 1] only where a model needs bounded inputs, or use z-scoring or robust scaling,"
        " which set no bounds to leave."
    )
