"""The numbers in a learner's message: feature ranges, learning rate, optimizer, feature count, …

A small parser of its own, not the text classifier: "0 to 1", "1-1000", "between 10 and 40",
"[0, 1]", "from 0–1 and some from 1 to 1000", "1e3", "1k", "2,000", "0.001..0.01", "-5 to 5",
"lr 0.01", "learning rate of 1e-3", "Adam", "3 features", "x = 10, 20, 30, 40". A hyphen between
two numbers joins a range ("1-1000"); a hyphen glued to a number after a word, a bracket or the
start is a minus sign ("-5 to 5", "from -10 to -1").
"""

from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field

MAX_TEXT = 2000  # characters read from one message; the rest is ignored, never parsed

_SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺", "0123456789-+")
_DASHES = str.maketrans({"‐": "-", "‑": "-", "−": "-", "﹣": "-", "－": "-", "‒": "–", "―": "—"})
_WORD_VALUES = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "fifteen": 15,
    "twenty": 20,
    "fifty": 50,
    "hundred": 100,
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
}
_SUFFIXES = {
    "k": 1e3,
    "K": 1e3,
    "thousand": 1e3,
    "M": 1e6,
    "mn": 1e6,
    "mil": 1e6,
    "million": 1e6,
    "millions": 1e6,
    "B": 1e9,
    "bn": 1e9,
    "billion": 1e9,
    "hundred": 1e2,
}
_MULTIPLIER_WORDS = ("hundred", "thousand", "million", "billion")

_DIGITS = r"(?:[1-9]\d{0,2}(?:,\d{3})+(?!\d)|\d+(?:\.\d+)?|(?<!\.)\.\d+)"
_NUMBER = re.compile(
    r"(?<![\w])(?<!\d\.)"  # not glued to a word, not the tail of "1.2.3"; "0.001..0.01" is two numbers
    r"(?P<sign>[-+])?"
    r"[$€£¥]?"
    rf"(?P<digits>{_DIGITS})"
    r"(?:\s?[eE](?P<exponent>[-+]?\d{1,3})(?!\w))?"
    r"(?:\s?(?:\^|\*\*)\s?(?P<power>[-+]?\d{1,3}))?"
    r"(?:\s?[x×*·]\s?10\s?(?:\^|\*\*)\s?(?P<scientific>[-+]?\d{1,3}))?"
    r"(?:(?P<letter>[kKMB])|\s?(?P<suffix>thousand|millions?|billion|hundred|mil|mn|bn))?"
    r"(?![a-zA-Z_]|\d)"
)
_WORD_NUMBER = re.compile(
    r"\b(?:(?P<lead>a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|a few)\s+)?"
    r"(?P<word>zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|fifty"
    r"|hundred|thousand|million|billion)\b",
    re.IGNORECASE,
)
_CONNECTOR = re.compile(
    r"^\s*(?:%|[a-z]{1,3}\b)?\s*"  # an optional short unit after the low end: "0 m to 2 m", "0% to 100%"
    r"(?:-|–|—|~|\.\.\.?|…|to|thru|through|till|until|up\s+to|upto|to\s+about|to\s+around|to\s+roughly)\s*$",
    re.IGNORECASE,
)
_UNIT_WORDS = {"m", "cm", "mm", "km", "kg", "g", "s", "ms", "yr", "yrs", "usd", "eur", "ft"}
_BETWEEN = re.compile(r"\bbetween\s*$", re.IGNORECASE)
_AND = re.compile(r"^\s*(?:%|[a-z]{1,3}\b)?\s*(?:and|&)\s*$", re.IGNORECASE)
_BRACKET = re.compile(
    rf"[\[(]\s*(?P<low>[-+]?{_DIGITS}(?:[eE][-+]?\d+)?[kKM]?)\s*[,;]\s*(?P<high>[-+]?{_DIGITS}(?:[eE][-+]?\d+)?[kKM]?)\s*[\])]"
)
_NOT_FEATURE_AFTER = re.compile(
    r"^\s*(?:%\s*)?(?:iterations?|iters?|epochs?|steps?|updates?|features?|variables?|samples?|rows?|columns?"
    r"|layers?|neurons?|units?|times|x\b|fold|percent|seconds?|minutes?|hours?|normali[sz]ation|scal(?:ing|er)"
    r"|standardi[sz]ation|range\s+scaling)\b",
    re.IGNORECASE,
)
_HYPERPARAMETER_BEFORE = re.compile(
    r"(?:\b(?:learning[\s_-]?rates?|lrs?|step[\s_-]?sizes?|alpha|eta|batch[\s_-]?sizes?|epochs?|iterations?"
    r"|momentum|beta[12]?|lambda|seeds?|k|n_neighbou?rs|neighbou?rs|correlations?|corr|r)\b|η|α|λ)"
    r"\W*(?:\w+\W+)?$",
    re.IGNORECASE,
)
_SCALED_TO_BEFORE = re.compile(
    r"\b(?:scal|normali[sz]|standardi[sz]|squash|squeez|map|rescal|transform|convert|bring|put|clip|bound)\w*"
    r"(?:\s+\w+){0,3}?\s+(?:to|into|within|between|in(?:\s+the)?(?:\s+range)?(?:\s+of)?)\s*$",
    re.IGNORECASE,
)

_LEARNING_RATE = re.compile(
    r"(?:\blearning[\s_-]?rates?|\blr\b|\bstep[\s_-]?sizes?|\beta\b|η|α|\balpha\b)"
    r"(?:\s*(?:\(\s*(?:lr|η|α|alpha|eta)\s*\))?\s*(?:of|=|:|is|was|to|at|set\s+to|equal\s+to|equals|around|about|~|≈|as|like|from|value|=\s*)){0,3}\s*$",
    re.IGNORECASE,
)
_LEARNING_RATE_AFTER = re.compile(
    r"^\s*(?:as\s+(?:the\s+)?)?(?:learning[\s_-]?rate|lr\b|step[\s_-]?size)", re.IGNORECASE
)
_LEARNING_RATE_CODE = (  # "w -= 0.05 * dw", "theta = theta - 0.01 * grad"
    re.compile(r"-=?\s*\(?\s*$"),
    re.compile(r"^\s*\*\s*\(?\s*(?:d[a-z_]\w*|grad\w*|gradients?|g|delta\w*)\b", re.IGNORECASE),
)
_TARGET_CONTEXT = re.compile(r"\b(?:predict\w*|targets?|labels?|outputs?|response|dependent)\b", re.IGNORECASE)
_FEATURE_CONTEXT = re.compile(r"\b(?:features?|inputs?|columns?|predictors?|variables?|x\d*)\b", re.IGNORECASE)
_REGULARIZATION_WORDS = re.compile(r"ridge|lasso|penalt|regulari[sz]|elastic|\bl[12]\b|weight decay", re.IGNORECASE)
_STEPS_AFTER = re.compile(
    r"^\s*(?:more\s+|gradient\s+)?(?:iterations?|iters?|epochs?|steps?|updates?)\b", re.IGNORECASE
)
_FEATURES_AFTER = re.compile(
    r"^\s*(?:(?:numeric(?:al)?|continuous|input|different|real[\s-]valued|independent|explanatory)\s+){0,2}"
    r"(?:features|variables|inputs|columns|predictors|dimensions|attributes|covariates|regressors)\b",
    re.IGNORECASE,
)
_CORRELATION_BEFORE = re.compile(
    r"(?:correlat\w*|\bcorr\b|\br\b|ρ)\s*(?:of|=|:|is|about|around|at|~|≈|near)?\s*$", re.IGNORECASE
)
_CORRELATION_AFTER = re.compile(r"^\s*(?:correlation|correlated)", re.IGNORECASE)
_SAMPLES_AFTER = re.compile(r"^\s*(?:samples?|rows?|data\s+points|examples?|observations?|records?)\b", re.IGNORECASE)

_OPTIMIZERS = (
    (re.compile(r"\b(?:adam\w*|nadam|amsgrad)\b", re.IGNORECASE), "adam"),
    (re.compile(r"\b(?:rms\s?prop|adagrad|adadelta|adafactor)\b", re.IGNORECASE), "adam"),
    (re.compile(r"\b(?:momentum|nesterov|heavy[\s-]ball)\b", re.IGNORECASE), "momentum"),
    (
        re.compile(
            r"\b(?:(?:vanilla|plain|batch|full[\s-]batch|mini[\s-]batch)\s+)?(?:sgd|gd|gradient[\s-]descent)\b",
            re.IGNORECASE,
        ),
        "gd",
    ),
)
_OPTIMIZER_PRIORITY = ("adam", "momentum", "gd")
_NORMALIZATIONS = (
    (
        re.compile(r"mean[\s-]normali[sz]|centr?er?ed\s+min[\s-]?max|\(x\s*-\s*mean\)\s*/\s*\(max", re.IGNORECASE),
        "minmax_centered",
    ),
    (re.compile(r"min[\s-]?max|minmaxscaler|min\s+max|\brescal(?:e|ing)\b", re.IGNORECASE), "minmax"),
    (
        re.compile(
            r"z[\s-]?scor|standardi[sz]|standardscaler|standard[\s-]scal|zero\s+mean\s+(?:and\s+)?unit", re.IGNORECASE
        ),
        "zscore",
    ),
    (re.compile(r"robust\s?scal|robustscaler|interquartile|\biqr\b", re.IGNORECASE), "robust"),
    (re.compile(r"whiten|\bzca\b|spher(?:e|ing)\b|decorrelat", re.IGNORECASE), "whiten"),
)
_LOSSES = (
    (re.compile(r"\bsse\b|sum\s+of\s+(?:the\s+)?squared?|summed\s+squared", re.IGNORECASE), "sse"),
    (re.compile(r"\bmse\b|mean\s+(?:of\s+(?:the\s+)?)?squared", re.IGNORECASE), "mse"),
)
_LIST = re.compile(
    r"(?P<name>\b(?:x|y|x1|inputs?|targets?|labels?|outputs?|features?)\b)\s*(?:=|:|is|are|values?)\s*[\[(]?\s*"
    r"(?P<values>[-+]?\d+(?:\.\d+)?(?:\s*[,;]\s*[-+]?\d+(?:\.\d+)?){2,})",
    re.IGNORECASE,
)
_NAME_BEFORE = re.compile(
    r"(?P<name>[A-Za-z_][\w']*(?:\s+[A-Za-z_][\w']*)?)[*_\"'`’]*\s*"
    r"(?:(?:in|measured\s+in)\s+(?!the\b|range\b|\[)[A-Za-z/$€£%²³]+\.?\s*)?"  # "mileage in km (0-300k)": the unit is not the name
    r"(?:(?:is|are|was|were|goes|go|went|ranges?|ranging|varies|vary|spans?|spanning|lies|lie|sits|takes|values?)\s+)*"
    r"(?:(?:from|between|in|within|of|over)\s+)?(?:the\s+range\s+(?:of\s+)?)?[:=(]?\s*$"
)
_NAME_STOPWORDS = frozenset(
    """
    a an the my our your its their one other others another some few feature features variable variables
    input inputs column columns value values range ranges ranging go goes going went is are was were be
    being been from between in of to with and or but while whereas has have had like e g eg ie i we you
    it they that this these those which first second third fourth last then also only all both each vary
    varies varying spans span spanning lies lie sits roughly about around approximately data dataset set
    when where if so say let lets for example instance x y numbers number scale scales scaled magnitude
    order at normalize normalise standardize standardise use get got into onto why whose who on within
    inside am not do does did them than what how rest remaining many most now still just as up down
    small large big huge tiny thing things stuff ones kind type something
    """.split()  # noqa: SIM905 - a word list reads better as text
)


@dataclass(frozen=True)
class NamedRange:
    """One feature range from the text, with the name written before it if there was one."""

    low: float
    high: float
    name: str | None = None
    start: int = 0  # character position in the cleaned text
    end: int = 0


@dataclass(frozen=True)
class Quantities:
    """Everything numeric (or nearly) that a message says about the learner's problem."""

    ranges: tuple[NamedRange, ...] = ()
    learning_rate: float | None = None
    optimizer: str | None = None  # the engine's name: "gd", "momentum" or "adam"
    optimizer_text: str | None = None  # as written: "RMSprop", "SGD with momentum", …
    feature_count: int | None = None
    steps: int | None = None
    samples: int | None = None
    correlation: float | None = None
    normalizations: tuple[str, ...] = ()  # methods named, in the engine's names
    loss: str | None = None
    data_x: tuple[float, ...] | None = None
    data_y: tuple[float, ...] | None = None
    problems: tuple[str, ...] = field(default=())

    @property
    def range_pairs(self) -> list[list[float]]:
        return [[item.low, item.high] for item in self.ranges]

    @property
    def has_numbers(self) -> bool:
        return bool(
            self.ranges
            or self.learning_rate is not None
            or self.feature_count is not None
            or self.steps is not None
            or self.correlation is not None
            or self.data_x
        )


@dataclass(frozen=True)
class _Number:
    value: float
    start: int
    end: int
    signed: bool  # written with a leading sign
    text: str


def clean_text(text: str, limit: int = MAX_TEXT) -> str:
    """The message as the parser and classifier read it: capped, one Unicode form, no control characters."""
    text = str(text)[: limit * 2]
    text = re.sub(r"(\d)([⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+)", lambda m: m[1] + "^" + m[2].translate(_SUPERSCRIPTS), text)
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    text = "".join(
        character if character.isprintable() or character in "\n\t" else " "
        for character in text
        if unicodedata.category(character) not in ("Cf", "Cs", "Co")
    )
    return text[:limit]


def parse_number(text: str) -> float | None:
    """One number as people type it: "1e3", "1k", "2,000", "10^6", "1 million", "-0.5"; None otherwise."""
    cleaned = clean_text(text).strip()
    numbers = _numbers(cleaned)
    if len(numbers) == 1 and numbers[0].start == 0 and numbers[0].end == len(cleaned):
        return numbers[0].value
    return None


def first_number_after(text: str, position: int) -> float | None:
    """The first number written at or after `position` in the cleaned text ("…went to a million" → 1e6)."""
    return next((number.value for number in _numbers(text) if number.start >= position), None)


def parse_quantities(text: str) -> Quantities:
    """Read ranges, learning rate, optimizer, feature count, steps, correlation and methods from a message."""
    cleaned = clean_text(text)
    numbers = _numbers(cleaned)
    problems: list[str] = []
    ranges, used = _ranges(cleaned, numbers)
    learning_rate, lr_used = _learning_rate(cleaned, numbers, problems)
    used |= lr_used
    steps = _count_after(cleaned, numbers, _STEPS_AFTER, used)
    samples = _count_after(cleaned, numbers, _SAMPLES_AFTER, used)
    feature_count = _count_after(cleaned, numbers, _FEATURES_AFTER, used, allow_words=True)
    data_x, data_y = _data_lists(cleaned)
    optimizer, optimizer_text = _optimizer(cleaned)
    return Quantities(
        ranges=tuple(ranges),
        learning_rate=learning_rate,
        optimizer=optimizer,
        optimizer_text=optimizer_text,
        feature_count=feature_count,
        steps=steps,
        samples=samples,
        correlation=_correlation(cleaned, numbers, problems),
        normalizations=tuple(dict.fromkeys(name for pattern, name in _NORMALIZATIONS if pattern.search(cleaned))),
        loss=next((name for pattern, name in _LOSSES if pattern.search(cleaned)), None),
        data_x=data_x,
        data_y=data_y,
        problems=tuple(problems),
    )


# --- numbers ---------------------------------------------------------------------------------


def _numbers(text: str) -> list[_Number]:
    found: list[_Number] = []
    for match in _NUMBER.finditer(text):
        value = _digits_value(match)
        if value is None:
            continue
        found.append(_Number(value, match.start(), match.end(), match["sign"] is not None, match[0]))
    taken = [(number.start, number.end) for number in found]
    for match in _WORD_NUMBER.finditer(text):
        if any(start < match.end() and match.start() < end for start, end in taken):
            continue
        value = _word_value(match)
        if value is not None:
            found.append(_Number(value, match.start(), match.end(), False, match[0]))
    found.sort(key=lambda number: number.start)
    return _resolve_hyphens(text, found)


def _digits_value(match: re.Match[str]) -> float | None:
    try:
        digits = match["digits"].replace(",", "")
        exponent = int(match["exponent"] or 0) + int(match["scientific"] or 0)
        value = float(f"{digits}e{exponent}")  # one correctly rounded parse: "5e-06" reads back as 5e-06
        if match["power"]:
            power = int(match["power"])
            value = float(f"1e{power}") if digits == "10" and not exponent else value**power
    except (OverflowError, ValueError, ZeroDivisionError):
        return None
    suffix = match["letter"] or match["suffix"]
    if suffix:
        value *= _SUFFIXES[suffix]
    if match["sign"] == "-":
        value = -value
    return value if math.isfinite(value) else None


def _word_value(match: re.Match[str]) -> float | None:
    word, lead = match["word"].lower(), (match["lead"] or "").lower()
    value = float(_WORD_VALUES[word])
    if lead and word in _MULTIPLIER_WORDS:
        if lead == "a few":
            return None
        value *= 1.0 if lead in ("a", "an") else float(_WORD_VALUES.get(lead, 1))
    elif lead:
        return None  # "two three" is not a number
    return value


def _resolve_hyphens(text: str, numbers: list[_Number]) -> list[_Number]:
    """A "-" glued to a number with only spaces after the number before it joins a range ("1 -1000")."""
    resolved: list[_Number] = []
    for number in numbers:
        glued = number.signed and number.text.startswith("-") and resolved
        if glued and text[resolved[-1].end : number.start].strip() == "":
            number = _Number(-number.value, number.start + 1, number.end, False, number.text[1:])
        resolved.append(number)
    return resolved


# --- ranges ----------------------------------------------------------------------------------


def _ranges(text: str, numbers: list[_Number]) -> tuple[list[NamedRange], set[int]]:
    spans: list[tuple[int, int, float, float]] = []
    for match in _BRACKET.finditer(text):
        low, high = parse_number(match["low"]), parse_number(match["high"])
        if low is not None and high is not None:
            spans.append((match.start(), match.end(), low, high))
    used: set[int] = set()
    index = 0
    while index < len(numbers) - 1:
        first, second = numbers[index], numbers[index + 1]
        if any(start <= first.start < end for start, end, _, _ in spans):
            used.add(index)
            index += 1
            continue
        between = text[first.end : second.start]
        joined = _CONNECTOR.match(between) and _unit_ok(between)
        betweened = _BETWEEN.search(text[max(0, first.start - 12) : first.start]) and _AND.match(between)
        if joined or betweened:
            spans.append((first.start, second.end, first.value, second.value))
            used.update((index, index + 1))
            index += 2
            continue
        index += 1
    ranges = []
    for start, end, low, high in sorted(spans):
        if low == high or not _is_feature_range(text, start, end):
            continue
        low, high = min(low, high), max(low, high)
        ranges.append(NamedRange(low, high, _name_before(text, start), start, end))
    return _unique_names(ranges), used


def _unit_ok(between: str) -> bool:
    words = re.findall(r"[a-z]+", between.lower())
    connectors = {"to", "thru", "through", "till", "until", "up", "upto", "about", "around", "roughly"}
    return all(word in connectors or word in _UNIT_WORDS for word in words)


def _is_feature_range(text: str, start: int, end: int) -> bool:
    before, after = text[max(0, start - 40) : start], text[end : end + 30]
    if _NOT_FEATURE_AFTER.match(after) or _HYPERPARAMETER_BEFORE.search(before):
        return False
    sentence = re.split(r"[.!?;\n]\s", text[:start])[-1]
    if _TARGET_CONTEXT.search(sentence) and not _FEATURE_CONTEXT.search(sentence):
        return False  # "my network predicts kWh with values between 0 and 50,000": the target's range
    return not _SCALED_TO_BEFORE.search(before)


def _name_before(text: str, start: int) -> str | None:
    """ "age from 0 to 100", "income: 20k-200k", "rooms (1-5)" → the name; None when no noun stands there."""
    match = _NAME_BEFORE.search(text[max(0, start - 80) : start])
    if not match:
        return None
    words = match["name"].split()
    while words and _not_a_name(words[0]):
        words.pop(0)
    while words and _not_a_name(words[-1]):
        words.pop()
    if not words or any(_not_a_name(word) for word in words):
        return None
    return " ".join(words)[:40]


def _not_a_name(word: str) -> bool:
    lowered = word.lower()
    return (
        lowered in _NAME_STOPWORDS
        or (lowered.endswith(("ing", "ize", "ise")) and len(lowered) > 5)  # verbs, not "size" or "ring"
        or (lowered.endswith(("ed", "ly")) and len(lowered) > 4)
        or len(word) > 30
    )


def _unique_names(ranges: list[NamedRange]) -> list[NamedRange]:
    seen: set[str] = set()
    unique = []
    for item in ranges:
        name = item.name
        if name is not None and name.lower() in seen:
            name = None
        if name is not None:
            seen.add(name.lower())
        unique.append(NamedRange(item.low, item.high, name, item.start, item.end))
    return unique


# --- the other quantities --------------------------------------------------------------------


def _learning_rate(text: str, numbers: list[_Number], problems: list[str]) -> tuple[float | None, set[int]]:
    regularized = bool(_REGULARIZATION_WORDS.search(text))
    for index, number in enumerate(numbers):
        before = text[max(0, number.start - 45) : number.start]
        after = text[number.end : number.end + 30]
        match = _LEARNING_RATE.search(before)
        if match and regularized and re.search(r"alpha|α", match[0], re.IGNORECASE):
            continue
        in_code = _LEARNING_RATE_CODE[0].search(before[-6:]) and _LEARNING_RATE_CODE[1].match(after)
        if match or in_code or _LEARNING_RATE_AFTER.match(after):
            if number.value <= 0:
                problems.append(f"learning rate: expected a positive number (got {number.text.strip()})")
                return None, {index}
            if number.value > 1e12:
                problems.append(f"learning rate: at most 10^12 (got {number.text.strip()})")
                return None, {index}
            return number.value, {index}
    return None, set()


def _count_after(
    text: str, numbers: list[_Number], pattern: re.Pattern[str], used: set[int], allow_words: bool = True
) -> int | None:
    for index, number in enumerate(numbers):
        if index in used or not number.value.is_integer() or number.value < 1:
            continue
        if not allow_words and not number.text[:1].isdigit():
            continue
        if pattern.match(text[number.end : number.end + 40]):
            return int(min(number.value, 10**15))
    return None


def _correlation(text: str, numbers: list[_Number], problems: list[str]) -> float | None:
    for number in numbers:
        before = text[max(0, number.start - 25) : number.start]
        after = text[number.end : number.end + 15]
        if _CORRELATION_BEFORE.search(before) or _CORRELATION_AFTER.match(after):
            if -1 < number.value < 1:
                return number.value
            problems.append(f"correlation: expected a number between -1 and 1 (got {number.text.strip()})")
            return None
    return None


def _optimizer(text: str) -> tuple[str | None, str | None]:
    found: dict[str, str] = {}
    for pattern, name in _OPTIMIZERS:
        match = pattern.search(text)
        if match and name not in found:
            found[name] = match[0]
    for name in _OPTIMIZER_PRIORITY:
        if name in found:
            return name, found[name]
    return None, None


def _data_lists(text: str) -> tuple[tuple[float, ...] | None, tuple[float, ...] | None]:
    lists: dict[str, tuple[float, ...]] = {}
    for match in _LIST.finditer(text):
        role = "y" if match["name"].lower().startswith(("y", "target", "label", "output")) else "x"
        values = tuple(float(part) for part in re.split(r"\s*[,;]\s*", match["values"]))
        lists.setdefault(role, values)
    x, y = lists.get("x"), lists.get("y")
    if x is None or y is None or len(x) != len(y):
        return None, None
    return x, y
