"""How numbers and user text are written into Markdown and LaTeX: readable and safe."""

from __future__ import annotations

import math
import re

_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|<>~$&:])")
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


def escape_markdown(text: str) -> str:
    """User text shown literally in Markdown: no emphasis, links, HTML, or $…$ maths."""
    cleaned = "".join(character if character.isprintable() else " " for character in str(text))
    return _MARKDOWN_SPECIAL.sub(r"\\\1", cleaned)


def escape_latex(text: str) -> str:
    """User text inside \\text{…}: every LaTeX special character neutralised."""
    cleaned = "".join(character if character.isprintable() else " " for character in str(text))
    return "".join(_LATEX_SPECIAL.get(character, character) for character in cleaned)


def latex_name(name: str) -> str:
    """A parameter name as a LaTeX subscript-safe label."""
    return r"\text{" + escape_latex(name) + "}"


def number(value: float | None, digits: int = 3) -> str:
    """1234567 → '1.23 × 10⁶'-style plain text: 3 significant digits, scientific when large or small."""
    if value is None:
        return "n/a"
    if math.isnan(value):
        return "n/a"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if value == 0:
        return "0"
    exponent = math.floor(math.log10(abs(value)))
    if -3 <= exponent < 5:
        if exponent >= digits - 1:
            return f"{value:,.0f}"
        text = f"{value:.{digits - 1 - exponent}f}"
        return text.rstrip("0").rstrip(".") if "." in text else text
    mantissa = value / 10**exponent
    if round(mantissa, digits - 1) in (10.0, -10.0):
        mantissa, exponent = mantissa / 10, exponent + 1
    text = f"{mantissa:.{digits - 1}f}".rstrip("0").rstrip(".")
    return f"{text} × 10^{exponent}"


def count(value: int | float | None) -> str:
    """Iteration counts: exact with thousands separators up to a billion, then scientific."""
    if value is None or (isinstance(value, float) and not math.isfinite(value)):
        return "n/a"
    if abs(value) < 1e9:
        return f"{int(value):,}"
    return number(float(value))


def latex_number(value: float | None, digits: int = 3) -> str:
    """The same number as LaTeX: 1.23 \\times 10^{6}."""
    text = number(value, digits)
    if "× 10^" in text:
        mantissa, exponent = text.split(" × 10^")
        return rf"{mantissa} \times 10^{{{exponent}}}"
    return text.replace("∞", r"\infty").replace(",", "{,}")


def latex_count(value: int | float | None) -> str:
    text = count(value)
    if "× 10^" in text:
        return latex_number(float(value or 0))
    return text.replace(",", "{,}").replace("n/a", r"\text{n/a}")
