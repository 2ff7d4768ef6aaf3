"""Text into values, for every way in that receives text (links, Explore's boxes, the CLI).

These only read: "1e-3" → 0.001, "auto" → "auto", "a=0:1" → Feature. Whether a value is allowed
is the Scenario's decision (`Scenario.build`), never repeated here. Each parser raises
ScenarioError naming the field, with the text echoed at most 40 characters long.
"""

from __future__ import annotations

import math
from itertools import combinations

from explainer.scenario.spec import DISTRIBUTIONS, Feature, Scenario, ScenarioError
from explainer.text import patterns
from explainer.text.echo import shown

MAX_NUMBER_TEXT = 400  # characters: longer "numbers" are refused before float() parses them


def number(text: str, path: str) -> float:
    """A finite number from text ("1e-3", " 2.5 ", "-7")."""
    cleaned = str(text).strip()
    try:
        value = float(cleaned) if len(cleaned) <= MAX_NUMBER_TEXT else math.nan
    except ValueError:
        value = math.nan
    if not math.isfinite(value):
        raise ScenarioError.single(path, f"expected a finite number (got {shown(str(text))})")
    return value


def whole_number(text: str, path: str) -> int:
    """A whole number from text ("1000", "1e3")."""
    try:
        value = number(text, path)
    except ScenarioError:
        value = 0.5
    if not value.is_integer():
        raise ScenarioError.single(path, f"expected a whole number (got {shown(str(text))})")
    return int(value)


def learning_rate(text: str, path: str = "learning_rate") -> float | str:
    """ "auto" (or empty) → "auto"; otherwise a number (its bounds are the Scenario's to check)."""
    cleaned = str(text).strip().lower()
    if cleaned in ("", "auto"):
        return "auto"
    try:
        return number(cleaned, path)
    except ScenarioError:
        raise ScenarioError.single(path, f'expected a positive number or "auto" (got {shown(str(text))})') from None


_FEATURE = patterns.compile(r"^(?P<name>[^=]+)=(?P<low>[^:]+):(?P<high>[^:]+)(?::(?P<dist>\w+))?$")


def feature_spec(text: str, path: str) -> Feature:
    """NAME=LOW:HIGH[:DISTRIBUTION] → Feature (unchecked: Scenario validates names and bounds)."""
    match = _FEATURE.match(str(text).strip())
    if not match:
        raise ScenarioError.single(path, f"expected NAME=LOW:HIGH[:DISTRIBUTION] (got {shown(str(text))})")
    distribution = match["dist"] or "uniform"
    if distribution not in DISTRIBUTIONS:
        raise ScenarioError.single(
            path, f"distribution must be one of {', '.join(DISTRIBUTIONS)} (got {shown(distribution)})"
        )
    for key in ("low", "high"):
        if len(match[key]) > MAX_NUMBER_TEXT:
            raise ScenarioError.single(f"{path}.{key}", f"expected a number (got {len(match[key]):,} characters)")
    try:  # inf and nan are read, so the Scenario names the feature's bound that refuses them
        low, high = (float(match[key]) for key in ("low", "high"))
    except ValueError:
        raise ScenarioError.single(path, f"LOW and HIGH must be numbers (got {shown(str(text))})") from None
    return Feature(match["name"].strip(), low, high, distribution)  # type: ignore[arg-type]


def parameter_pairs(scenario: Scenario) -> list[tuple[str, str]]:
    """Every pair of parameters (weights and the bias) the ravine can show, in order."""
    return list(combinations((*scenario.feature_names, "bias"), 2))


def pair_text(pair: tuple[str, str]) -> str:
    return f"{pair[0]},{pair[1]}"


def pair(text: str, scenario: Scenario) -> tuple[tuple[str, str] | None, str | None]:
    """`a,b` → ("a", "b"); names may contain commas, so every split is tried. Returns (pair, warning)."""
    pairs = parameter_pairs(scenario)
    if not text:
        return None, None
    longest = max(len(name) for name in (*scenario.feature_names, "bias"))
    # no pair is longer than two names and a comma: a longer text is not tried at every comma (the square of its length)
    for index in [i for i, character in enumerate(text) if character == ","] if len(text) <= 2 * longest + 1 else []:
        candidate = (text[:index], text[index + 1 :])
        if candidate in pairs:
            return candidate, None
        if candidate[::-1] in pairs:
            return candidate[::-1], None
    names = ", ".join((*scenario.feature_names, "bias"))
    return None, f"pair: ignored {shown(text)}, expected two of {names} separated by a comma"
