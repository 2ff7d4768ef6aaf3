"""A conversation's state: the scenario it is about, and how a message's numbers change it.

Follow-ups reuse the conversation's scenario: "what about Adam?" swaps the optimizer, "and with
lr 0.1?" the learning rate, "what if the second feature went to a million?" one feature's range.
Every change goes through the Scenario (strictly, then its lenient `Scenario.build`), so an impossible
request (a range past ±10¹², a correlation of 2) is dropped with the field named and the rest kept.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from explainer.chat.reading.numbers import NamedRange, Quantities, first_number_after
from explainer.chat.wording import name, range_text
from explainer.scenario.builder import build
from explainer.scenario.conditioning import range_problems
from explainer.scenario.fields import FIELD, value_text
from explainer.scenario.spec import (
    MAX_FEATURES,
    Dataset,
    Feature,
    OptimizerSettings,
    Scenario,
    ScenarioError,
    default_scenario,
)
from explainer.scenario.vocabulary import METHODS, OPTIMIZER_CHOICES
from explainer.text import patterns
from explainer.text.formatting import count, escape_markdown, number

MAX_TABLE_VALUES = 100_000  # a pasted table up to this many numbers is fitted as it is
_ORDINALS = {
    "first": 0,
    "1st": 0,
    "second": 1,
    "2nd": 1,
    "third": 2,
    "3rd": 2,
    "fourth": 3,
    "4th": 3,
    "fifth": 4,
    "5th": 4,
    "last": -1,
}
_FEATURE_REFERENCE = patterns.compile(
    r"\b(?P<ordinal>first|1st|second|2nd|third|3rd|fourth|4th|fifth|5th|last"
    r"|big(?:ger|gest)?|larg(?:e|er|est)|wid(?:e|er|est)|small(?:er|est)?|narrow(?:er|est)?|both|all)"
    r"\s+(?:one|feature|input|column|variable|range)s?\b",
    patterns.IGNORECASE,
)
_ADD_FEATURE = patterns.compile(r"\b(?:add(?:ed|ing)?|another|extra|new|additional)\b", patterns.IGNORECASE)


@dataclass(frozen=True)
class Conversation:
    """What the chat remembers between messages."""

    scenario: Scenario = field(default_factory=default_scenario)
    own_numbers: bool = False  # the learner has given numbers (not the default example)
    last_topic: str | None = None
    last_question: str = ""
    asked: tuple[str, ...] = ()  # topics answered so far, oldest first
    last_confidence: float = 0.0


# --- scenario changes ----------------------------------------------------------------------------


def apply_message(
    conversation: Conversation, quantities: Quantities, text: str
) -> tuple[Scenario, bool, str, list[str]]:
    """(scenario, own_numbers, what changed in words, problems): the message's numbers applied."""
    changes: dict[str, Any] = {}
    described: list[str] = []
    problems: list[str] = []
    current = conversation.scenario
    own = conversation.own_numbers
    features = _features(current, quantities, text, described, problems)
    if features is not None:
        changes.update(features=features, data=None, true_weights=None)
        own = True
    data = _dataset(quantities)
    if data is not None:
        changes.update(data=data, features=(), true_weights=None)
        described.append(f"your {data.samples} data points")
        own = True
    if quantities.learning_rate is not None:
        changes["learning_rate"] = quantities.learning_rate
        described.append(f"η = {number(quantities.learning_rate)}")
    if quantities.optimizer is not None and quantities.optimizer != current.optimizer.name:
        settings = current.optimizer
        changes["optimizer"] = OptimizerSettings(
            quantities.optimizer, settings.momentum, settings.beta1, settings.beta2, settings.epsilon
        )  # type: ignore[arg-type]
        plain = "plain " if quantities.optimizer == "gd" else ""
        described.append(plain + OPTIMIZER_CHOICES[quantities.optimizer].noun)
    # the chat is a lenient way in (explainer.scenario.fields.OUT_OF_RANGE): a count beyond its bound is
    # clamped to it, and the answer's notes say so
    if quantities.steps is not None:
        changes["max_steps"] = _clamped("max_steps", quantities.steps, problems)
        described.append(f"at most {count(changes['max_steps'])} iterations")
        if quantities.steps_are_epochs:  # the engine's runs are full-batch: one step per pass over the data
            epochs, steps = quantities.steps, changes["max_steps"]
            said = f"“{count(epochs)} epoch”" if epochs == 1 else f"“{count(epochs)} epochs”"
            problems.append(
                f"{said} count{'s' if epochs == 1 else ''} as {count(steps)} full-batch gradient"
                f" step{'' if steps == 1 else 's'} here, one per pass over all the rows; an epoch of SGD or of"
                " mini-batches (SGDRegressor's, a network's) holds many smaller, noisier steps, one per sample or batch."
            )
    if quantities.samples is not None and changes.get("data", current.data) is None:
        feature_count = len(changes.get("features", current.features))
        changes["samples"] = _enough_samples(quantities.samples, feature_count, problems)
    if quantities.correlation is not None:
        changes["correlation"] = quantities.correlation
        described.append(f"correlation {number(quantities.correlation)}")
    if len(quantities.normalizations) == 1 and quantities.normalizations[0] != current.normalization:
        changes["normalization"] = quantities.normalizations[0]
        described.append(escape_markdown(METHODS[quantities.normalizations[0]].noun))  # what now runs
    if quantities.loss is not None:
        changes["loss"] = quantities.loss
    if not changes:
        return current, own, "", problems
    try:
        scenario = current.with_changes(**changes)
    except ScenarioError as error:
        if data is not None and features and data.samples < len(data.feature_names) + 2:
            # a table too small to fit on (8 rows for 8 features): its columns' ranges stand in, said plainly
            drawn = _ranges_for_a_small_table(conversation, changes, features, data, described, problems)
            if drawn is not None:
                return drawn
        if "features" in changes and _not_computable(changes, current, error):
            raise UnsolvableNumbersError(changes["features"], error) from None  # type: ignore[arg-type]
        # the one lenient builder: keep what validates, name what was dropped and why
        scenario, dropped = build(changes, current)
        if any(item.path.startswith("features") for item in dropped):  # a refused range: keep all the old ones
            kept = {key: value for key, value in changes.items() if key not in ("features", "data", "true_weights")}
            scenario, _ = build(kept, current)
            dropped = tuple(
                (f"{item.path}: {item.reason.split('; ')[0]}; the previous features are kept")
                if item.path.startswith("features")
                else str(item)
                for item in dropped
            )
        problems.extend(f"I could not use that: {item}." for item in dropped)
        if scenario == current:
            return current, conversation.own_numbers, "", problems
    return scenario, own, ", ".join(described), problems


def _ranges_for_a_small_table(
    conversation: Conversation,
    changes: dict[str, Any],
    features: tuple[Feature, ...],
    data: Dataset,
    described: list[str],
    problems: list[str],
) -> tuple[Scenario, bool, str, list[str]] | None:
    """The message's other changes with the table's column ranges as features, drawn from those ranges: a table with
    too few rows to fit on exactly still says what its features span. None when the ranges are refused too: the
    caller then names what was refused, as for any change."""
    try:
        scenario = conversation.scenario.with_changes(
            **{**changes, "features": features, "data": None, "true_weights": None}
        )
    except ScenarioError:
        return None
    rows, columns = data.samples, len(data.feature_names)
    problems.append(
        f"Your table has {rows:,} row{'s' if rows != 1 else ''} for {columns:,} feature column"
        f"{'s' if columns != 1 else ''}, too few to fit on exactly (at least {columns + 2:,}), so the figures draw"
        f" {scenario.samples:,} samples from each column's range instead."
    )
    described = [item for item in described if not item.endswith("data points")]
    return scenario, True, ", ".join(described), problems


def _clamped(path: str, value: int, problems: list[str]) -> int:
    """A whole number from the message, within its declared bound; a note when it had to be moved."""
    used, note = FIELD[path].clamped(int(value))
    if note:
        problems.append(f"I used {path} = {used:,}: {value_text(value)} {note.split('; ')[0]}.")
    return used


def _enough_samples(samples: int, feature_count: int, problems: list[str]) -> int:
    """At least two rows more than features (each weight and the bias need a row, one more for a spread): the
    core's own minimum for this many features, said in one note instead of a clamp and a refusal that disagree."""
    fewest = feature_count + 2
    if samples >= fewest:
        return _clamped("samples", samples, problems)  # only its declared upper bound can still move it
    problems.append(
        f"I used samples = {fewest:,}: {value_text(samples)} {'is' if samples == 1 else 'are'} too few to fit {feature_count:,}"
        f" feature{'s' if feature_count != 1 else ''} and a bias (at least {fewest:,})."
    )
    return fewest


def _not_computable(changes: dict[str, Any], current: Scenario, error: ScenarioError) -> bool:
    """Every refusal is that double precision cannot compute the new ranges (none is a plain bound)."""
    computable = set(
        range_problems(
            changes["features"],
            changes.get("correlation", current.correlation),
            changes.get("samples", current.samples),
        )
    )
    return bool(computable) and all(problem in computable for problem in error.problems)


class UnsolvableNumbersError(Exception):
    """The message's feature ranges are refused by the core: not computable raw in double precision."""

    def __init__(self, features: tuple[Feature, ...], error: ScenarioError) -> None:
        super().__init__(str(error))
        self.features = features
        self.error = error


def _features(
    current: Scenario, quantities: Quantities, text: str, described: list[str], problems: list[str]
) -> tuple[Feature, ...] | None:
    """The features after this message, or None if it does not change them."""
    existing = current.features if current.data is None else ()
    reference = _FEATURE_REFERENCE.search(text)
    drawn = _normal_draws(quantities)
    ranges = list(quantities.ranges) + drawn
    beyond = reference is not None and _ORDINALS.get(reference["ordinal"].lower(), -1) >= len(existing)
    if ranges and existing and len(ranges) == 1 and (_ADD_FEATURE.search(text) or beyond):
        problems.extend(_floors_assumed(ranges))
        added = _named(ranges, {f.name for f in existing}, start=len(existing))
        features = (*existing, *added)[:MAX_FEATURES]
        described.append(f"a new feature {name(features[-1].name)} from {range_text(ranges[0].low, ranges[0].high)}")
        return features
    if reference and existing and len(ranges) < 2:  # with two or more ranges the message sets the features anew
        return _modify(existing, reference, quantities, text, described)  # ("log the big one" means one of them)
    if not ranges:
        if quantities.feature_count and existing and quantities.feature_count != len(existing):
            if existing == default_scenario().features:  # a count alone: the example's ranges, said as such
                problems.append(
                    "You gave a number of features but no ranges, so these repeat the classic example's"
                    f" {range_text(existing[0].low, existing[0].high)} and {range_text(existing[1].low, existing[1].high)};"
                    ' give your own (e.g. "0 to 1 and 5 to 50") to see them.'
                )
            return _resized(existing, quantities.feature_count, described, problems)
        return None
    if len(ranges) > MAX_FEATURES:
        problems.append(f"You gave {len(ranges)} ranges; I used the first {MAX_FEATURES}.")
        ranges = ranges[:MAX_FEATURES]
    problems.extend(_floors_assumed(ranges))
    features = _named(ranges, set())
    if drawn:  # normal(μ, σ, n) draws come last: spanned as μ ± 3σ, drawn from a normal distribution
        first_drawn = len(features) - len(drawn)
        features = tuple(
            Feature(f.name, f.low, f.high, "normal") if index >= first_drawn else f for index, f in enumerate(features)
        )
    wanted = quantities.feature_count
    if wanted and wanted > len(features):
        given = len(features)
        features = _resized(features, wanted, [], problems)
        problems.append(
            f"You gave {given} range{'' if given == 1 else 's'} for {wanted:,} features, so the other"
            f" {len(features) - given} repeat {'it' if given == 1 else 'them in turn'}."
        )
    described.append(", ".join(f"{name(f.name)} from {range_text(f.low, f.high)}" for f in features[:4]))
    return features


def _floors_assumed(ranges: list[NamedRange]) -> list[str]:
    """ "The other bands go up to 10,000" became 0 to 10,000: the learner is told, and how to say otherwise."""
    return [
        f"I read “up to {number(item.high)}” as {range_text(0, item.high)}; say the lowest value if it is not 0."
        for item in ranges
        if item.source == "ceiling"
    ]


def _named(ranges: list[NamedRange], taken: set[str], start: int = 0) -> tuple[Feature, ...]:
    features = []
    used = set(taken)
    for index, item in enumerate(ranges, start=start + 1):
        label = item.name if item.name and item.name not in used else f"x{index}"
        while label in used:
            label += "′"
        used.add(label)
        features.append(Feature(label, item.low, item.high))
    return tuple(features)


def _resized(
    features: tuple[Feature, ...], wanted: int, described: list[str], problems: list[str]
) -> tuple[Feature, ...]:
    if wanted > MAX_FEATURES:
        problems.append(f"You mentioned {wanted:,} features; I illustrate with at most {MAX_FEATURES}.")
        wanted = MAX_FEATURES
    names = {f.name for f in features}
    grown = list(features[:wanted])
    index = len(grown)
    while len(grown) < wanted:
        source = features[index % len(features)]
        label = f"x{index + 1}"
        while label in names:
            label += "′"
        names.add(label)
        grown.append(Feature(label, source.low, source.high, source.distribution))
        index += 1
    if described is not None:
        described.append(f"{wanted} features")
    return tuple(grown)


_SCALE_VERB_BEFORE = patterns.compile(r"\b(?:scal\w*|multipl\w*|rescal\w*)\s+(?:\w+\s+)?$", patterns.IGNORECASE)
_BY_FACTOR_AFTER = patterns.compile(
    r"^\s*by\s+(?:(?:some|a|an)\s+(?:number|factor|constant)\s*,?\s*(?:say|e\.g\.,?|like|of)?\s*)?"
    r"(?P<factor>\d+(?:\.\d+)?)\b",
    patterns.IGNORECASE,
)


def _scaled_by(text: str, reference: patterns.Match) -> float | None:
    """The factor in "scale all features by 100" (a multiplication, not a new upper end); None when not said."""
    if not _SCALE_VERB_BEFORE.search(text[max(0, reference.start() - 30) : reference.start()]):
        return None
    after = _BY_FACTOR_AFTER.search(text[reference.end() : reference.end() + 60])
    factor = float(after["factor"]) if after else None
    return factor if factor is not None and 0 < factor <= 1e6 and factor != 1 else None


def _modify(
    features: tuple[Feature, ...], reference: patterns.Match, quantities: Quantities, text: str, described: list[str]
) -> tuple[Feature, ...] | None:
    """ "the second feature went to a million", "what if both were 0 to 1": change the features named."""
    word = reference["ordinal"].lower()
    spreads = [f.spread for f in features]
    if word in ("both", "all"):
        targets = list(range(len(features)))
    elif word.startswith(("big", "larg", "wid")):
        targets = [spreads.index(max(spreads))]
    elif word.startswith(("small", "narrow")):
        targets = [spreads.index(min(spreads))]
    else:
        position = _ORDINALS[word]
        if position >= len(features):
            return None
        targets = [position % len(features)]
    factor = _scaled_by(text, reference)
    if factor is not None:  # "if I scale all features by some number, say 100": each one multiplied, both ends
        scaled = list(features)
        for index in targets:
            feature = features[index]
            scaled[index] = Feature(feature.name, feature.low * factor, feature.high * factor, feature.distribution)
        described.append(
            f"{'every feature' if len(targets) > 1 else name(features[targets[0]].name)} × {number(factor)}"
        )
        return tuple(scaled)
    after = [item for item in quantities.ranges if item.start >= reference.start()]
    changed = list(features)
    if after and after[0].source != "ceiling":
        new = after[0]
        for index in targets:
            changed[index] = Feature(features[index].name, new.low, new.high, features[index].distribution)
    else:  # "what if the bigger one only went up to 10": a new end, the other kept
        value = after[0].high if after else first_number_after(text, reference.end())
        if value is None:
            return None
        for index in targets:
            feature = features[index]
            if value > feature.low:
                changed[index] = Feature(feature.name, feature.low, value, feature.distribution)
            elif value < feature.high:
                changed[index] = Feature(feature.name, value, feature.high, feature.distribution)
    if tuple(changed) == features:
        return None
    described.extend(
        f"{name(changed[i].name)} from {range_text(changed[i].low, changed[i].high)}" for i in dict.fromkeys(targets)
    )
    return tuple(changed)


def _normal_draws(quantities: Quantities) -> list[NamedRange]:
    """`np.random.normal(50, 10, n)` as the range μ ± 3σ (the engine's "normal" feature spans exactly that)."""
    draws = getattr(quantities, "distributions", ()) or ()
    return [
        NamedRange(draw.mean - 3 * draw.std, draw.mean + 3 * draw.std, draw.name)
        for draw in draws
        if draw.kind == "normal" and draw.std > 0
    ]


def _dataset(quantities: Quantities) -> Dataset | None:
    """The learner's own small table (feature lists and a target list) to fit exactly, or None."""
    table = getattr(quantities, "table", None)
    if table is not None and table.target is not None and table.columns:
        rows = len(table.target)
        if rows < 3 or any(len(column) != rows for column in table.columns):
            return None
        if rows * (len(table.columns) + 1) > MAX_TABLE_VALUES or len(table.columns) > MAX_FEATURES:
            return None
        names: list[str] = []
        for index, given in enumerate(table.names, start=1):
            label = given or f"x{index}"
            while label in names:
                label += "′"
            names.append(label)
        return Dataset(tuple(names), tuple(table.columns), tuple(table.target), table.target_name or "y")
    if quantities.data_x and quantities.data_y and len(quantities.data_x) >= 3:
        return Dataset(("x",), (quantities.data_x,), quantities.data_y, "y")
    return None
