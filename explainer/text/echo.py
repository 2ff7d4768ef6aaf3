"""How a value a visitor sent is echoed in a message: control characters replaced, long values cut.

A 4,000-digit number is "a 4000-digit number", a string is quoted and cut at 40 characters,
so no message can be made to carry a page of digits, a terminal escape or a line break.
"""

from __future__ import annotations

import math
from typing import Any

MAX_SHOWN_CHARACTERS = 40  # an echoed value longer than this is cut in messages


def shown(value: Any) -> str:
    """A value as an error message echoes it: repr, control characters replaced, cut at 40 characters."""
    text = value if isinstance(value, str) else _short(value)
    text = "".join(character if character.isprintable() else "?" for character in text)
    text = text if len(text) <= MAX_SHOWN_CHARACTERS else text[: MAX_SHOWN_CHARACTERS - 1] + "…"
    return repr(text) if isinstance(value, str) else text


def printable(text: str) -> str:
    """`text` with every control character replaced by "?" (file paths and names echoed in messages)."""
    return "".join(character if character.isprintable() else "?" for character in text)


def key_text(key: Any) -> str:
    """A key as it appears in a key path: itself if printable and short, else quoted and cut like `shown`."""
    return key if isinstance(key, str) and key.isprintable() and 0 < len(key) <= MAX_SHOWN_CHARACTERS else shown(key)


def _short(value: Any) -> str:
    if isinstance(value, (list, tuple, dict)):
        return f"a {'table' if isinstance(value, dict) else 'list'} of {len(value)} items"
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return repr(value)[: 4 * MAX_SHOWN_CHARACTERS]
    if isinstance(value, int) and abs(value) >= 10**15:
        digits = int(abs(value).bit_length() * math.log10(2)) + 1
        return f"{'-' if value < 0 else ''}a {digits}-digit number" if digits > 20 else f"{float(value):.3e}"
    if isinstance(value, float):
        text = repr(value)
        return text[:-2] if text.endswith(".0") else text
    return str(value)
