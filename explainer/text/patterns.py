"""Regular expressions for untrusted text, matched in time linear in the text (RE2, `google-re2`).

Python's `re` backtracks: `\\s*$` searched in "1" + 12,000 spaces + "2" tries every start and rescans the
run, so one chat message held the interpreter for seconds and stalled every session. RE2 cannot backtrack,
so every pattern that sees what a visitor typed, pasted, linked or uploaded is compiled here. The rule for
future patterns: import `compile` from this module, never `re` (tests/budget/test_linear_time.py checks).

The API mirrors `re` (compile, flags, search/match/fullmatch/finditer/findall/sub/split, named groups), with
Python's meaning of the class escapes kept, so a pattern reads the same text the same way:

- `\\d`, `\\s` (and `\\D`, `\\S` outside brackets) match Unicode digits and whitespace as in `re`, and `\\w`
  (`\\W`) word characters by Unicode block (see _NON_ASCII_WORD); RE2's own classes are ASCII-only.
  `[^\\W\\d_]` (a letter) is understood too.
- Not available, by design: backreferences and lookaround (they are what makes matching non-linear).
  Patterns are rewritten without them, or the check moves into plain code beside the match.
- `\\b` is RE2's ASCII word boundary; `$` without MULTILINE matches only at the very end (Python's also
  matches before a final newline); `\\Z` is spelled `\\z`.
- A group named `match` stands for the whole match: what lies around it is context that was checked (the
  way a lookbehind or lookahead would), not part of the match, and the next search starts where `match`
  ends, so a consumed terminator can still begin the next match.
- A match in which a group named `refused` took part is dropped and the search goes on one character after
  its start: what a negative lookahead said (`ridge(?P<refused>[\\s-]?line)?` is "ridge" but not "ridgeline").
  Keep such groups short: each refusal rescans at most one match's length. `compile(…, refuse=check)` does
  the same for a check written in code.
- `search(text, pos, endpos)` looks at `text[pos:endpos]` (plus one character before `pos`, for `\\b`),
  so a scan that moves `pos` along a long text stays linear; the RE2 module itself re-encodes the whole
  text on every call.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import re2
from re2 import _re2

IGNORECASE = 2  # the same values as re's flags
MULTILINE = 8
DOTALL = 16
_FLAG_LETTERS = ((IGNORECASE, "i"), (MULTILINE, "m"), (DOTALL, "s"))
MAX_MEMORY = 16 << 20  # bytes per compiled pattern (RE2's default is 8 MiB); beyond it RE2 falls back to a slower,
# still linear, engine rather than failing

error = re2.error

# Python's `\s` (str.isspace) and `\d` (Unicode decimal digits), as RE2 class bodies.
_SPACE = r"\t\n\x0b\x0c\r\x1c-\x1f \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}"
_DIGIT = r"\p{Nd}"
# Python's `\w` by Unicode blocks rather than RE2's \pL\pN: the exact classes make a counted repeat such as
# `\w{0,30}` a program of ~50,000 instructions whose DFA runs out of memory, and RE2 then falls back to a
# slow engine. Letters and digits of every script's block count; the punctuation, symbol, combining-mark and
# emoji blocks (U+2000–U+2BFF, U+3000–U+303F, U+0300–U+036F, U+1F000–) do not; so do ª ² ³ µ ¹ º ¼–¾ and
# Latin-1's letters, not × or ÷.
_NON_ASCII_WORD = (
    r"\x{aa}\x{b2}\x{b3}\x{b5}\x{b9}\x{ba}\x{bc}-\x{be}\x{c0}-\x{d6}\x{d8}-\x{f6}\x{f8}-\x{2ff}\x{370}-\x{1fff}"
    r"\x{2c00}-\x{2dff}\x{3040}-\x{d7ff}\x{f900}-\x{fdff}\x{fe70}-\x{fefe}\x{10000}-\x{1efff}\x{20000}-\x{3ffff}"
)
_WORD = "0-9A-Za-z_" + _NON_ASCII_WORD
_LETTER = "A-Za-z" + _NON_ASCII_WORD  # [^\W\d_]: word characters that are neither digits nor "_"
_OUTSIDE = {"s": f"[{_SPACE}]", "S": f"[^{_SPACE}]", "d": _DIGIT, "D": r"\P{Nd}", "w": f"[{_WORD}]", "W": f"[^{_WORD}]"}
_INSIDE = {"s": _SPACE, "d": _DIGIT, "w": _WORD}


def translate(pattern: str) -> str:
    """A Python pattern in RE2 syntax with Python's Unicode classes; raises `error` for what RE2 cannot do."""
    out: list[str] = []
    index, inside, class_start = 0, False, 0
    while index < len(pattern):
        character = pattern[index]
        if not inside and pattern.startswith(r"[^\W\d_]", index):
            out.append(f"[{_LETTER}]")
            index += len(r"[^\W\d_]")
            continue
        if character == "\\" and index + 1 < len(pattern):
            escaped = pattern[index + 1]
            if not inside and escaped in _OUTSIDE:
                out.append(_OUTSIDE[escaped])
            elif inside and escaped in _INSIDE:
                out.append(_INSIDE[escaped])
            elif inside and escaped in "SDW":
                raise error(f"\\{escaped} inside brackets has no RE2 spelling here: {pattern!r}")
            elif escaped == "Z":
                out.append(r"\z")
            elif escaped in "uU":  # \u2009, \U0001F600 → \x{2009}
                digits = 4 if escaped == "u" else 8
                out.append(f"\\x{{{pattern[index + 2 : index + 2 + digits]}}}")
                index += digits
            elif escaped.isdigit() and escaped != "0":
                raise error(f"backreferences are not linear-time: {pattern!r}")
            else:
                out.append(pattern[index : index + 2])
            index += 2
            continue
        if inside:
            if character == "]" and pattern[class_start:index].rstrip("^") != "":
                inside = False
        elif character == "[":
            inside = True
            class_start = index + 1
        elif pattern.startswith(("(?=", "(?!", "(?<=", "(?<!", "(?P="), index):
            raise error(f"lookaround and backreferences are not linear-time: {pattern!r}")
        out.append(character)
        index += 1
    return "".join(out)


class Match(re2._Match):
    """A match whose start/end/span also take a group's name, as `re.Match` does."""

    __slots__ = ()

    def _index(self, group: int | str) -> int:
        return self._regexp.groupindex[group] if isinstance(group, str) else group

    def start(self, group: int | str = 0) -> int:
        return super().start(self._index(group))

    def end(self, group: int | str = 0) -> int:
        return super().end(self._index(group))

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return super().span(self._index(group))


class Pattern(re2._Regexp):
    """A compiled RE2 pattern with `re`'s API; `pattern` is the Python spelling it was compiled from."""

    def __init__(self, pattern: str, flags: int = 0, refuse: Callable[[Match], bool] | None = None) -> None:
        letters = "".join(letter for flag, letter in _FLAG_LETTERS if flags & flag)
        options = re2.Options()
        options.max_mem = MAX_MEMORY
        super().__init__((f"(?{letters})" if letters else "") + translate(pattern), options)
        self.source, self.flags, self.refuse = pattern, flags, refuse
        self._group_count, self._group_index = super().groups, super().groupindex  # re2 recomputes them per call

    @property
    def groups(self) -> int:
        return self._group_count

    @property
    def groupindex(self) -> dict[str, int]:
        return self._group_index

    def _match(self, anchor: Any, text: str, pos: int | None = None, endpos: int | None = None) -> Iterator[Match]:
        """Each match from `pos`, as re2's own loop, but reading only text[pos - 1:endpos] and honouring `match`."""
        pos = 0 if pos is None else max(0, min(pos, len(text)))
        endpos = len(text) if endpos is None else max(pos, min(endpos, len(text)))
        before = 1 if pos > 0 else 0  # one character of context, so \b and ^ see what precedes pos
        shift = pos - before
        window = text[shift:endpos]
        encoded = window.encode("utf-8")
        ascii_only = len(encoded) == len(window)
        byte_pos, char_pos = len(window[:before].encode("utf-8")), before
        kept = self.groupindex.get("match", 0)
        refused = self.groupindex.get("refused")
        while True:
            spans = self._regexp.Match(anchor, encoded, byte_pos, len(encoded))
            if spans[0] == (-1, -1):
                return
            if ascii_only:
                chars = {offset: offset for span in spans for offset in span}
            else:  # byte offsets to characters, counting only from where this search started: linear overall
                chars, last_byte, last_char = {-1: -1}, byte_pos, char_pos
                for offset in sorted({offset for span in spans for offset in span if offset >= 0}):
                    last_char += _re2.BytesToCharLen(encoded, last_byte, offset)
                    chars[offset], last_byte = last_char, offset
            if refused is not None and spans[refused] != (-1, -1):  # try again one character further on
                start = spans[0][0]
                byte_pos = start + (1 if ascii_only else _re2.CharLenToBytes(encoded, start, 1))
                char_pos = chars[start] + 1
                continue
            decoded = [span if span == (-1, -1) else (chars[span[0]] + shift, chars[span[1]] + shift) for span in spans]
            decoded[0] = decoded[kept]
            found = Match(self, text, pos, endpos, decoded)
            if self.refuse is not None and self.refuse(found):  # as for `refused`: one character further on
                start = spans[0][0]
                byte_pos = start + (1 if ascii_only else _re2.CharLenToBytes(encoded, start, 1))
                char_pos = chars[start] + 1
                continue
            yield found
            resume = spans[kept][1]
            if resume <= byte_pos:  # an empty match where the search started: step one character on
                if byte_pos >= len(encoded):
                    return
                resume = byte_pos + (1 if ascii_only else _re2.CharLenToBytes(encoded, byte_pos, 1))
                char_pos += 1
            else:
                char_pos = chars[resume]
            byte_pos = resume

    @property
    def pattern(self) -> str:
        return self.source


def compile(pattern: str, flags: int = 0, refuse: Callable[[Match], bool] | None = None) -> Pattern:
    """`refuse(match)` true drops a match and searches on from one character after where it began: a check
    in code for what a lookbehind or lookahead said, keeping the engine's order of preference."""
    return Pattern(pattern, flags, refuse)


_CACHE: dict[tuple[str, int], Pattern] = {}
_CACHE_SIZE = 256


def _cached(pattern: str, flags: int) -> Pattern:
    """Module-level helpers compile once per (pattern, flags), in a bounded cache as `re` does."""
    key = (pattern, flags)
    compiled = _CACHE.get(key)
    if compiled is None:
        if len(_CACHE) >= _CACHE_SIZE:
            _CACHE.clear()
        compiled = _CACHE[key] = Pattern(pattern, flags)
    return compiled


def search(pattern: str, text: str, flags: int = 0) -> Match | None:
    return _cached(pattern, flags).search(text)


def match(pattern: str, text: str, flags: int = 0) -> Match | None:
    return _cached(pattern, flags).match(text)


def fullmatch(pattern: str, text: str, flags: int = 0) -> Match | None:
    return _cached(pattern, flags).fullmatch(text)


def finditer(pattern: str, text: str, flags: int = 0) -> Iterator[Match]:
    return _cached(pattern, flags).finditer(text)


def findall(pattern: str, text: str, flags: int = 0) -> list[Any]:
    return _cached(pattern, flags).findall(text)


def split(pattern: str, text: str, maxsplit: int = 0, flags: int = 0) -> list[str]:
    return _cached(pattern, flags).split(text, maxsplit)


def sub(pattern: str, repl: str | Callable[[Match], str], text: str, count: int = 0, flags: int = 0) -> str:
    return _cached(pattern, flags).sub(repl, text, count)


def escape(text: str) -> str:
    """`text` as a literal in a pattern (RE2's QuoteMeta)."""
    return re2.escape(text)
