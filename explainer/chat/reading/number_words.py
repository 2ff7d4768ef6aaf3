"""Numbers as people type them: digits, "2,000", "1e3", "10^6", "1k", "30-120k", "one million", "0,25".

The lexer under every other reader of a message's numbers: it cleans the text (one Unicode form, dashes,
superscripts, no control characters, capped at MAX_TEXT), turns decimal commas and dot-grouped thousands
into the usual form without moving a character, and finds each number with its position, so a range or a
learning rate is read from the numbers and the words around them. Kept apart so that the rules for how a
number is written live in one place, and the range and code readers never parse digits on their own.
"""

from __future__ import annotations

import bisect
import itertools
import math
import unicodedata
from typing import NamedTuple

from explainer.text import patterns

# Characters read from one message (long pasted code fits); the rest is ignored, never parsed. The one cap on a
# chat message: the chat box's max_chars (browser and agent API), what the history keeps, what the parser reads.
MAX_TEXT = 20_000

_UNUSUAL = patterns.compile(r"[^\x20-\x7e\n\t]")
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
# RE2 has no lookaround: the context a lookbehind or lookahead would check is matched around a group
# named `match` (see explainer/text/patterns.py), which is what a finditer reports.
_SUFFIX_AT_END = patterns.compile(r"\d(?P<match>\s?(?:[kKMB]|thousand|millions?|billion|mil|mn|bn))$")
_MULTIPLIER_WORDS = ("hundred", "thousand", "million", "billion")
# Digit groups; "1,2345" reads as 1 because what follows a number may not be a digit (checked by each user).
_DIGITS = r"(?:[1-9]\d{0,2}(?:,\d{3})+|\d+(?:\.\d+)?|\.\d+)"
_NUMBER = patterns.compile(
    r"(?:^|[^\w.]|(?:^|\D)\.)"  # not glued to a word, not the tail of "1.2.3"; "0.001..0.01" is two numbers
    r"(?P<match>"
    r"(?P<sign>[-+])?"
    r"[$€£¥]?"
    rf"(?P<digits>{_DIGITS})"
    r"(?:\s?[eE](?P<exponent>[-+]?\d{1,3}))?"  # an exponent glued to a word ("1e3k") is refused in _numbers
    r"(?:\s?(?:\^|\*\*)\s?(?P<power>[-+]?\d{1,3}))?"
    r"(?:\s?[x×*·]\s?10\s?(?:\^|\*\*)\s?(?P<scientific>[-+]?\d{1,3}))?"
    r"(?:(?P<letter>[kKMB])|\s?(?P<suffix>thousand|millions?|billion|hundred|mil|mn|bn))?"
    r")"
    r"(?:[^a-zA-Z_\d]|$)",
    refuse=lambda match: _refused_number(match.string, match),
)
_WORD_NUMBER = patterns.compile(
    r"\b(?:(?P<lead>a|an|one|two|three|four|five|six|seven|eight|nine|ten|twenty|fifty|a few)\s+)?"
    r"(?P<word>zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|fifty"
    r"|hundred|thousand|million|billion)\b",
    patterns.IGNORECASE,
)
_COMMA_NUMBER = patterns.compile(r"(?:^|[^\d.,])(?P<match>(?P<whole>\d+),(?P<fraction>\d+))(?:$|[^\d,.]|\.(?:$|\D))")
_DOT_NUMBER = patterns.compile(r"(?:^|[^\d.,])(?P<match>[1-9]\d{0,2}(?:\.\d{3})+)(?:$|[^\d.,]|\.(?:$|\D))")
_COMMA_CONNECTOR = patterns.compile(r"\s*(?:-|–|—|~|to|\.\.)\s*")


class _Number(NamedTuple):  # a tuple, not a dataclass: thousands of them are made for a long message
    value: float
    start: int
    end: int
    signed: bool  # written with a leading sign
    text: str


def clean_text(text: str, limit: int = MAX_TEXT) -> str:
    """The message as the parser and classifier read it: capped, one Unicode form, no control characters."""
    text = str(text)[: limit * 2]
    text = patterns.sub(r"(\d)([⁰¹²³⁴⁵⁶⁷⁸⁹⁻⁺]+)", lambda m: m[1] + "^" + m[2].translate(_SUPERSCRIPTS), text)
    text = unicodedata.normalize("NFKC", text).translate(_DASHES)
    text = _UNUSUAL.sub(_printable, text)  # only characters outside printable ASCII are looked at one by one
    return text[:limit]


def _printable(match: patterns.Match) -> str:
    character = match[0]
    if unicodedata.category(character) in ("Cf", "Cs", "Co"):
        return ""
    return character if character.isprintable() else " "


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


def decimal_commas(text: str) -> str:
    """ "0,25-0,75", "-12,5 to 48,0", "0,001", "2,5k" → decimal points; "1,200" and "[0,5]" stay as they are.

    The text keeps its length, so positions found in it still point into the cleaned message.
    """
    tokens = list(_COMMA_NUMBER.finditer(text))
    decimal: set[int] = set()
    for index, token in enumerate(tokens):
        whole, fraction = token["whole"], token["fraction"]
        bracketed = patterns.search(r"[\[(]\s*$", text[max(0, token.start() - 3) : token.start()]) and patterns.match(
            r"\s*[\])]", text[token.end() : token.end() + 3]
        )
        if bracketed:
            continue  # "[0,5]" is the range 0 to 5
        if whole.startswith("0") or (
            len(fraction) <= 2 and patterns.match(r"[kKM]\b", text[token.end() : token.end() + 2])
        ):
            decimal.add(index)
        following = tokens[index + 1] if index + 1 < len(tokens) else None
        joined = following and _COMMA_CONNECTOR.fullmatch(text[token.end() : following.start()])
        if joined and _decimal_like(token) and _decimal_like(following):  # type: ignore[arg-type]
            decimal.update((index, index + 1))
    thousands = _dot_thousands(text)
    if not decimal and not thousands:
        return text
    characters = list(text)
    for index in decimal:
        characters[tokens[index].start("fraction") - 1] = "."
    for position in thousands:
        characters[position] = ","
    return "".join(characters)


def _dot_thousands(text: str) -> list[int]:
    """ "1.000.000" and "20.000 - 90.000": dots that group thousands, written as commas instead."""
    tokens = list(_DOT_NUMBER.finditer(text))
    grouped: list[patterns.Match] = [token for token in tokens if token[0].count(".") > 1]
    for token, following in itertools.pairwise(tokens):
        joined = _COMMA_CONNECTOR.fullmatch(text[token.end() : following.start()])
        if joined and token[0].endswith(".000") and following[0].endswith(".000"):
            grouped.extend((token, following))
    return [
        token.start() + offset for token in grouped for offset, character in enumerate(token[0]) if character == "."
    ]


def _decimal_like(token: patterns.Match) -> bool:
    return token["whole"].startswith("0") or len(token["fraction"]) != 3


def _numbers(text: str) -> list[_Number]:
    found: list[_Number] = []
    for match in _NUMBER.finditer(text):
        start = match.start()
        if start and (text[start - 1] == "^" or text[max(0, start - 2) : start] == "**"):
            continue  # the exponent of "x^2" or "|ψ|**2", not a number of its own
        written = match[0]
        value = float(written) if written.isdigit() else _digits_value(match)  # plain integers: the common case
        if value is None:
            continue
        found.append(_Number(value, start, match.end(), match["sign"] is not None, written))
    starts, ends = [number.start for number in found], [number.end for number in found]
    digit_count = len(found)
    for match in _WORD_NUMBER.finditer(text):
        index = bisect.bisect_left(starts, match.end())  # numbers starting before this word ends
        if index and ends[index - 1] > match.start():
            continue
        value = _word_value(match)
        if value is not None:
            found.append(_Number(value, match.start(), match.end(), False, match[0]))
    if len(found) > digit_count:
        found.sort(key=lambda number: number.start)
    return _resolve_hyphens(text, found)


def _refused_number(text: str, match: patterns.Match) -> bool:
    """What _NUMBER's lookarounds said: "..5" is an ellipsis and 5, not 0.5; "1e3k" or "2e5x10^3" (an exponent
    glued to a word) is no number."""
    start = match.start()
    if start and text[start] == "." and text[start - 1] == ".":
        return True
    exponent_end = match.end("exponent")
    return match["exponent"] is not None and _word_character(text[exponent_end : exponent_end + 1])


def _word_character(character: str) -> bool:
    return character.isalnum() or character == "_"


def _digits_value(match: patterns.Match) -> float | None:
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


def _word_value(match: patterns.Match) -> float | None:
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
    """A "-" glued to a number with only spaces (or a % or ° sign) after the number before it joins a range
    ("1 -1000", "0%-100%", "0°-360°")."""
    resolved: list[_Number] = []
    for number in numbers:
        glued = number.signed and number.text.startswith("-") and resolved
        if glued and text[resolved[-1].end : number.start].strip() in ("", "%", "°"):  # "0°-360°"
            number = _Number(-number.value, number.start + 1, number.end, False, number.text[1:])
        resolved.append(number)
    return resolved
