""" "My inputs are already between 0 and 1: do I still need to normalize?" (or "…and the results are still bad"):
answered first, with κ for the learner's own features as they are and z-scored.

Features that already share one range are conditioned far better than a 0–1 feature beside a 1–1,000 one; what is
left is the mean near 0.5 that couples each weight to the bias, which centring removes. So rescaling such inputs
gains little, and a poor result has other causes worth checking first. The section below says so with the numbers.
"""

from __future__ import annotations

from explainer.chat.measure import condition_number, explanation_for
from explainer.chat.wording import describe, number
from explainer.scenario.spec import Scenario, default_scenario
from explainer.text import patterns

_NEED_ASKED = patterns.compile(
    r"\b(?:do|does|should|must|would)\s+(?:i|we|you|it|they)\s+(?:still\s+|also\s+|even\s+)?(?:need\s+to\s+|have\s+to\s+)?"
    r"(?:normali[sz]|standardi[sz]|scal|rescal)\w*"
    r"|\b(?:need|necessary|required|point|worth|sense)\b[^.?!\n]{0,40}\b(?:normali[sz]|standardi[sz]|scal|rescal)\w*"
    r"|\b(?:normali[sz]|standardi[sz]|scal|rescal)\w*[^.?!\n]{0,40}\b(?:necessary|needed|required|worth\s+it)\b",
    patterns.IGNORECASE,
)
_RESULT_POOR = patterns.compile(
    r"\b(?:results?|accuracy|performance|predictions?|training|network|model)\b[^.?!\n]{0,30}"
    r"\b(?:is|are|was|were|stays?|remains?)\s+(?:still\s+|very\s+|really\s+|quite\s+)?(?:bad|poor|terrible|awful|low|not\s+good)\b"
    r"|\bhow\s+(?:can|do|could)\s+i\s+improve\b",
    patterns.IGNORECASE,
)
_ALREADY = patterns.compile(r"\balready\b", patterns.IGNORECASE)


def section(text: str, scenario: Scenario, own_numbers: bool) -> str | None:
    """The direct answer for features the learner gives, all within [0, 1], and a question on needing to scale them
    (or a poor result despite them); None otherwise."""
    if not own_numbers or scenario.data is not None or not scenario.features:
        return None
    if not all(feature.low >= 0.0 and feature.high <= 1.0 for feature in scenario.features):
        return None
    asked_need = _NEED_ASKED.search(text) is not None
    if not (asked_need or _RESULT_POOR.search(text)):
        return None
    analysis = explanation_for(scenario).analysis
    features = analysis.data.features
    if (features.std(axis=0) == 0).any():
        return None
    as_given = condition_number(features)
    z_scored = condition_number((features - features.mean(axis=0)) / features.std(axis=0))
    classic = explanation_for(default_scenario()).analysis.raw.quadratic.condition_number
    opening = "Mostly, no" if asked_need else "Rescaling will not be what fixes it"
    already = "already share" if _ALREADY.search(text) else "share"
    return "#### Inputs within [0, 1]\n\n" + (
        f"{opening}: inputs that {already} the range [0, 1] are conditioned far better than a 0–1 feature beside a"
        f" 1–1,000 one (κ {number(classic)}). On {describe(scenario)}: κ = {number(as_given)} as they are,"
        f" {number(z_scored)} z-scored, a gain that comes from centring (a mean near 0.5 couples each weight to the"
        " bias) rather than from the range. If the results are poor, look first at the target's scale (a bounded"
        " output unit cannot reach values outside its range), the learning rate and the number of epochs, and the"
        " model's capacity for the pattern."
    )
