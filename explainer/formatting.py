"""How numbers and user text are written into Markdown and LaTeX: readable and safe."""

from __future__ import annotations

import math
import re
from typing import Any

import numpy as np

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


_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def power_of_ten(exponent: int) -> str:
    """10 to a whole power as plain text a learner reads at once: 10⁶, 10⁻⁶."""
    return "10" + str(int(exponent)).translate(_SUPERSCRIPT)


def _scientific(value: float, digits: int) -> tuple[str, int | None]:
    """(mantissa text, exponent), or (plain text, None) when plain notation reads better."""
    exponent = math.floor(math.log10(abs(value)))
    if -3 <= exponent < 5:
        if exponent >= digits - 1:
            return f"{value:,.0f}", None
        text = f"{value:.{digits - 1 - exponent}f}"
        return (text.rstrip("0").rstrip(".") if "." in text else text), None
    mantissa = value / 10**exponent
    if round(mantissa, digits - 1) in (10.0, -10.0):
        mantissa, exponent = mantissa / 10, exponent + 1
    return f"{mantissa:.{digits - 1}f}".rstrip("0").rstrip("."), exponent


def _special(value: float | None) -> str | None:
    if value is None or math.isnan(value):
        return "n/a"
    if math.isinf(value):
        return "∞" if value > 0 else "-∞"
    if value == 0:
        return "0"
    return None


def number(value: float | None, digits: int = 3) -> str:
    """1234567 → '1.23 × 10⁶': 3 significant digits, scientific when large or small."""
    special = _special(value)
    if special is not None:
        return special
    text, exponent = _scientific(float(value), digits)
    return text if exponent is None else f"{text} × {power_of_ten(exponent)}"


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
    return number(float(value))


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
