"""How numbers and user text are written into Markdown and LaTeX: readable and safe."""

from __future__ import annotations

import math
from decimal import Decimal
from typing import Any

import numpy as np

from explainer.text import patterns

# Every character Markdown, HTML or $…$ maths gives a meaning, each escaped with a backslash. A translation
# table does it in one linear pass, several times faster than a regular expression on the short texts a page
# escapes on every rerun (chart sentences, feature names).
MARKDOWN_SPECIAL = "\\`*_{}[]()#+-.!|<>~$&:"
_BACKSLASHED = str.maketrans({character: "\\" + character for character in MARKDOWN_SPECIAL})
_LATEX_SPECIAL = {
    "\\": r"\textbackslash{}",
    "{": r"\{",
    "}": r"\}",
    "$": r"\$",
    "&": r"\&",
    "#": r"\#",
    "^": r"\^{}",
    "_": r"\_",
    "%": r"\%",
    "~": r"\~{}",
}


# Streamlit's Markdown turns bare addresses into links after escapes are read ("https\\://x" still links),
# so a word joiner (invisible, zero width) goes where a linkifier looks: after "://", "www" and "@".
WORD_JOINER = "\u2060"
_AUTOLINK_START = patterns.compile(r"(?i)(://|\bwww\.|@)")


def defuse_autolinks(text: str) -> str:
    """Text that reads the same but that no linkifier turns into a link, an address or an e-mail."""
    if "://" not in text and "@" not in text and "www." not in text.lower():
        return text  # nothing a linkifier looks for (the common case), without running the pattern
    return _AUTOLINK_START.sub(lambda found: found[0][0] + WORD_JOINER + found[0][1:], text)


def escape_markdown(text: str) -> str:
    """User text shown literally in Markdown: no emphasis, links (bare addresses included), HTML, or $…$ maths."""
    return defuse_autolinks(_printable(str(text))).translate(_BACKSLASHED)


def _printable(text: str) -> str:
    """Control characters (newlines included) as spaces: one line, nothing a terminal or parser acts on."""
    if text.isprintable():
        return text
    return "".join(character if character.isprintable() else " " for character in text)


def escape_latex(text: str) -> str:
    """User text inside \\text{…}: every LaTeX special character neutralised."""
    cleaned = _printable(str(text))
    return "".join(_LATEX_SPECIAL.get(character, character) for character in cleaned)


def latex_name(name: str) -> str:
    """A parameter name as a LaTeX subscript-safe label."""
    return r"\text{" + escape_latex(name) + "}"


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_FROM_SUPERSCRIPT = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")


def apostrophe(name: str) -> str:
    """The possessive ending for a name: "age's", but "rooms'" (a plural's "s's" reads as a slip)."""
    return "'" if name.endswith("s") else "'s"


def power_of_ten(exponent: int) -> str:
    """10 to a whole power as plain text a learner reads at once: 10⁶, 10⁻⁶."""
    return "10" + str(int(exponent)).translate(_SUPERSCRIPT)


def _scientific(value: float, digits: int) -> tuple[str, int | None]:
    """(mantissa text, exponent), or (plain text, None) when plain notation reads better.

    The exponent comes from Python's own rounding to `digits` significant digits ("e" format),
    so subnormals (5e-324), values that round up to the next power (9.999 → 10) and the
    largest doubles all come out right without dividing by 10**exponent.
    """
    magnitude = math.floor(math.log10(abs(value)))  # log10 is exact enough even for subnormals
    if -3 <= magnitude < 5:
        exponent = magnitude
        if exponent >= digits - 1:
            return f"{value:,.0f}", None
        text = f"{value:.{digits - 1 - exponent}f}"
        return (text.rstrip("0").rstrip(".") if "." in text else text), None
    mantissa_text, exponent_text = f"{value:.{digits - 1}e}".split("e")
    exponent = int(exponent_text)
    mantissa = mantissa_text.rstrip("0").rstrip(".") if "." in mantissa_text else mantissa_text
    return mantissa, exponent


def _special(value: float | None) -> str | None:
    if value is None or math.isnan(value):
        return "n/a"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if value == 0:
        return "0"
    return None


def number(value: float | None, digits: int = 3) -> str:
    """1234567 → '1.23 × 10⁶': 3 significant digits, scientific when large or small.

    Integers past a double's range (an iteration count of 10³⁰⁰) are written from their digits."""
    if isinstance(value, (int, Decimal)) and not isinstance(value, bool) and abs(value) >= 10**300:
        mantissa, exponent = f"{Decimal(value):.{digits - 1}e}".split("e")
        return f"{mantissa.rstrip('0').rstrip('.') if '.' in mantissa else mantissa} × {power_of_ten(int(exponent))}"
    special = _special(value)
    if special is not None:
        return special
    text, exponent = _scientific(float(value), digits)
    return text if exponent is None else f"{text} × {power_of_ten(exponent)}"


def plain(value: float | int | None) -> str:
    """The value as a program reads it (a metric's help, a caption): "5040000.0", "805032226519123968"."""
    if value is None:
        return "null"
    if isinstance(value, (int, np.integer)) and not isinstance(value, bool):
        return str(int(value))
    value = float(value)
    if math.isnan(value):
        return "nan"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    return repr(value)


def number_from_log10(log10_value: float, digits: int = 3) -> str:
    """A value given by its log10 (a diverged loss), written plainly even past the range of a double."""
    if not math.isfinite(log10_value):
        return "∞" if log10_value > 0 else "0"
    if log10_value > 300:
        exponent = math.floor(log10_value)
        return f"{10 ** (log10_value - exponent):.{digits}g} × {power_of_ten(exponent)}"
    return number(10**log10_value, digits)


def count(value: int | float | None) -> str:
    """Iteration counts: exact with thousands separators up to a billion, then scientific."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    if abs(value) < 1e9:
        return f"{int(value):,}"
    return number(value if isinstance(value, int) else float(value))


def counted(value: int | float, noun: str, plural: str | None = None) -> str:
    """A count with its noun, singular only for exactly one: "1 iteration", "4 iterations", "8.05 × 10¹⁷ steps"."""
    return f"{count(value)} {noun if value == 1 else (plural or noun + 's')}"


def contraction(rate: float, gap: float | None = None) -> str:
    """A per-step factor near 1 written by its distance from 1, so it never reads as "1.":
    1 − 1.7 × 10⁻¹⁷, 0.999 → "0.999", 0.5 → "0.5". `gap` (1 − rate) when known more precisely than
    the rate itself (κ = 10¹⁷ gives a rate that rounds to 1 in a double)."""
    gap = 1.0 - rate if gap is None else gap
    if gap == 0:
        return "exactly 1"
    if abs(gap) < 1e-4:
        return f"1 − {number(gap, 2)}" if gap > 0 else f"1 + {number(-gap, 2)}"
    return number(rate, max(3, 2 - math.floor(math.log10(abs(gap)))))


def fraction(value: float) -> str:
    """A share of a start value: "45.2%", "about 100%" (just under or over it), or "3.2 × 10⁻⁴" when tiny."""
    if not math.isfinite(value):
        return "more than 10³⁰⁸ times" if value > 0 else "an undefined share"
    if value == 0:
        return "0%"
    if value < 0.01:
        return number(value, 2)
    if abs(value - 1) < 5e-4 and value != 1:
        return "about 100%"
    if value >= 100:
        return f"{number(value)} times"
    return f"{number(value * 100)}%"


_DURATIONS = (("year", 365.25 * 86400), ("day", 86400.0), ("hour", 3600.0), ("minute", 60.0))


def wall_time(iterations: int | float, per_second: float = 1e9) -> str:
    """How long that many iterations take at a billion a second, in words: "about 26 years"."""
    seconds = Decimal(iterations) / Decimal(per_second)
    if seconds < 1:
        return "under a second"
    unit, length = next(((unit, length) for unit, length in _DURATIONS if seconds >= Decimal(length)), ("second", 1.0))
    amount = seconds / Decimal(length)
    text = number(int(amount) if amount >= 10**300 else float(amount), 2)
    return f"about {text} {unit if text == '1' else unit + 's'}"


def latex_number(value: float | None, digits: int = 3) -> str:
    """The same number as LaTeX: 1.23 \\times 10^{6}."""
    special = _special(value)
    if special is not None:
        return special.replace("∞", r"\infty").replace("n/a", r"\text{n/a}")
    text, exponent = _scientific(float(value), digits)
    if exponent is None:
        return text.replace(",", "{,}")
    return rf"{text} \times 10^{{{exponent}}}"


def latex_count(value: int | float | None) -> str:
    if isinstance(value, int) and abs(value) >= 10**300:
        mantissa, exponent = number(value).split(" × ")
        return rf"{mantissa} \times 10^{{{exponent.translate(_FROM_SUPERSCRIPT)[2:]}}}"
    if value is not None and math.isfinite(value) and abs(value) >= 1e9:
        return latex_number(float(value))
    return count(value).replace(",", "{,}").replace("n/a", r"\text{n/a}")


def json_ready(value: Any) -> Any:
    """NumPy values as plain JSON; infinities and NaN (which JSON lacks) as null."""
    if isinstance(value, np.ndarray):
        return json_ready(value.tolist())
    if isinstance(value, np.generic):
        return json_ready(value.item())
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(key): json_ready(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [json_ready(item) for item in value]
    return value
