"""Every parser of visitor text works in time linear in the text (issue 16, part 1).

For each parser and each adversarial family (runs of any whitespace, nested calls, repeated fragments, long
tokens), doubling the input at most about doubles the time, and the largest input a visitor can send is
answered within a generous budget. Before RE2 and the algorithm fixes, "1" + 12,000 spaces + "2" took 12 s in
the chat and "ab(" × 100 + spaces + ")" × 100 took 51 s: a quadratic parser fails the ratio by a wide margin.

Plus a guard: no module that sees user text imports the backtracking `re`; patterns go through
explainer/text/patterns.py (RE2), so the rule holds for future patterns too.
"""

from __future__ import annotations

import ast
import contextlib
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from explainer.chat import MAX_TEXT, answer, parse_number, parse_quantities
from explainer.cli import terminal_text
from explainer.cli.scenarios import _wrapped
from explainer.formats import parse
from explainer.formats.link import scenario_from_params
from explainer.scenario.spec import default_scenario
from explainer.text.formatting import escape_latex, escape_markdown

ROOT = Path(__file__).resolve().parents[2]
WHITESPACE = {"space": " ", "tab": "\t", "newline": "\n", "nbsp": "\u00a0", "ideographic": "\u3000"}
GROWTH = 3.0  # doubling the input may cost at most this factor (linear is 2; quadratic is 4 and worse)
MEASURABLE = 0.02  # seconds: below this at the larger size, the ratio is noise and the work is clearly cheap
BUDGET = 2.0  # seconds for the largest allowed input, on a loaded 2-core machine

# Each family: a name and a function from a size (characters, about) to a text of about that size.
Family = Callable[[int], str]


def _whitespace_families() -> dict[str, Family]:
    families: dict[str, Family] = {}
    for label, space in WHITESPACE.items():
        families[f"digit-{label}-digit"] = lambda n, s=space: "1" + s * n + "2"
        families[f"min-{label}-x"] = lambda n, s=space: "min" + s * n + "x"
        families[f"words-{label}"] = lambda n, s=space: ("from" + s * 9 + "0" + s * 9 + "to" + s) * (n // 30)
    return families


FAMILIES: dict[str, Family] = {
    **_whitespace_families(),
    "nested-calls": lambda n: "ab(" * (n // 60) + "1" + " " * (n // 2) + ")" * (n // 60),
    "nested-random-calls": lambda n: "np.random.uniform(" * (n // 19) + "0, 1" + ")" * (n // 19),
    "nested-brackets": lambda n: "[" * (n // 2) + "1" + "]" * (n // 2),
    "dtype-lines": lambda n: "dtype: 1\n" * (n // 9),
    "min-max-printouts": lambda n: ("min\nage 1\ndtype: int64\nmax\nage 5\n") * (n // 38),
    "ranges": lambda n: "0 to 1 and " * (n // 11),
    "grouped-thousands": lambda n: "1,234" * (n // 5),
    "dotted-numbers": lambda n: "1.2" * (n // 3),
    "exponents": lambda n: "1e3k " * (n // 5),
    "ellipses": lambda n: "0...1 " * (n // 6),
    "code-lists": lambda n: "x = [1, 2" * (n // 9),
    "table-rows": lambda n: "| a | b |\n| 1 | 2 |\n" * (n // 20),
    "built-tables": lambda n: "x, y\n1,2\n3,4\ny = 2*x + 1\n" * (n // 24),  # many tables, a formula each
    "bare-rows": lambda n: "inputs and the response:\n" + "1,2,3\n" * (n // 6),
    "min-max-words": lambda n: "min 0 max " * (n // 10),
    "long-digits": lambda n: "9" * n,
    "long-word": lambda n: "a" * n,
    "long-exponent": lambda n: "1e" + "9" * n,
    "dashes": lambda n: "-" * n,
    "commas": lambda n: "," * n,
    "equals": lambda n: "a=" * (n // 2),
}


def _seconds(work: Callable[[str], object], text: str, repeats: int = 3) -> float:
    best = float("inf")
    for _ in range(repeats):
        start = time.thread_time()  # this thread's CPU time: other programs on a busy machine don't count
        work(text)
        best = min(best, time.thread_time() - start)
    return best


def _assert_linear(work: Callable[[str], object], family: Family, largest: int) -> None:
    small, large = family(largest // 2), family(largest)
    work(small)  # warm: compiled patterns, imports, caches of the first call
    large_seconds = _seconds(work, large)
    assert large_seconds < BUDGET, f"{len(large):,} characters took {large_seconds:.2f} s"
    if large_seconds < MEASURABLE:
        return
    small_seconds = _seconds(work, small)
    ratio = large_seconds / small_seconds
    for _ in range(2):  # a busy machine can slow one side: measure again before calling it quadratic
        if ratio < GROWTH:
            break
        small_seconds, large_seconds = _seconds(work, small, repeats=5), _seconds(work, large, repeats=5)
        ratio = min(ratio, large_seconds / small_seconds)
    if ratio >= GROWTH:  # one step (a cache size, an allocator threshold) does not repeat; a quadratic cost does
        ratio = min(ratio, _seconds(work, family(2 * largest), repeats=5) / large_seconds)
    assert ratio < GROWTH, (
        f"doubling {len(small):,} characters cost ×{ratio:.1f} ({small_seconds:.3f} → {large_seconds:.3f} s)"
    )


def _cli_read(text: str) -> None:
    terminal_text(text)
    _wrapped(text)


def _link_read(text: str) -> None:
    """A share link's fields as the boundary reads them (errors are the expected outcome for most)."""
    scenario_from_params({"f": [text], "lr": text, "pair": text, "title": text})


PARSERS: dict[str, tuple[Callable[[str], object], int]] = {
    # (parser, the largest text a visitor can hand it)
    "chat-answer": (lambda text: answer(text), MAX_TEXT),
    "chat-numbers": (lambda text: parse_quantities(text), MAX_TEXT),
    "chat-number": (lambda text: parse_number(text), MAX_TEXT),
    "link": (_link_read, MAX_TEXT),
    "feature-spec": (lambda text: _refused_or_read(parse.feature_spec, text), MAX_TEXT),
    "pair": (lambda text: parse.pair(text, default_scenario()), MAX_TEXT),
    "formatting": (lambda text: (escape_markdown(text), escape_latex(text)), MAX_TEXT),
    "cli-text": (_cli_read, MAX_TEXT),
}


def _refused_or_read(reader: Callable[[str, str], object], text: str) -> None:
    with contextlib.suppress(parse.ScenarioError):  # most adversarial texts are refused: the time is what counts
        reader(text, "field")


@pytest.mark.parametrize("family", sorted(FAMILIES))
@pytest.mark.parametrize("parser", sorted(PARSERS))
def test_doubling_the_input_at_most_about_doubles_the_time(parser: str, family: str) -> None:
    work, largest = PARSERS[parser]
    _assert_linear(work, FAMILIES[family], largest)


@pytest.mark.parametrize(
    "message",
    [
        "1" + " " * 12_000 + "2",
        "min" + " " * 12_000 + "x",
        "dtype: 1\n" * 2_222,
        "ab(" * 100 + "1" + " " * 6_000 + ")" * 100,
    ],
    ids=["digit-spaces-digit", "min-spaces-x", "dtype-lines", "nested-calls"],
)
def test_the_messages_that_froze_the_server_are_answered_within_budget(message: str) -> None:
    answer("warm up")
    assert _seconds(lambda text: answer(text), message, repeats=1) < BUDGET


# --- guard: the backtracking engine stays out of what sees user text --------------------------------

# The one module that may talk to RE2 directly: everything else goes through its `re`-like API.
RE2_WRAPPER = "explainer/text/patterns.py"


def _imports_stdlib_re(path: Path) -> bool:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import) and any(
            alias.name == "re" or alias.name.startswith("re.") for alias in node.names
        ):
            return True
        if isinstance(node, ast.ImportFrom) and node.level == 0 and node.module in ("re", "sre_compile", "sre_parse"):
            return True
        dynamic = isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.func.id == "__import__"
        if dynamic and node.args and isinstance(node.args[0], ast.Constant) and node.args[0].value == "re":
            return True
    return False


def _app_modules() -> list[Path]:
    paths = [ROOT / "streamlit_app.py"]
    for folder in ("explainer", "ui", "pages"):
        paths.extend(sorted((ROOT / folder).rglob("*.py")))
    return paths


def test_no_module_that_sees_user_text_imports_the_backtracking_re() -> None:
    offenders = [str(path.relative_to(ROOT)) for path in _app_modules() if _imports_stdlib_re(path)]
    assert not offenders, f"use explainer.text.patterns (RE2) instead of re in: {', '.join(offenders)}"


def test_only_the_wrapper_imports_re2_directly() -> None:
    """Its translation keeps Python's meaning of \\s and \\d; a bare re2 pattern would be ASCII-only."""
    direct = [
        str(path.relative_to(ROOT))
        for path in _app_modules()
        if "\nimport re2" in "\n" + path.read_text(encoding="utf-8") and str(path.relative_to(ROOT)) != RE2_WRAPPER
    ]
    assert direct == []


def test_the_guard_sees_an_import_of_re(tmp_path: Path) -> None:
    module = tmp_path / "example.py"
    for source in ("import re\n", "from re import compile\n", "import re as regex\n", "x = __import__('re')\n"):
        module.write_text(source, encoding="utf-8")
        assert _imports_stdlib_re(module), source
    module.write_text("from explainer import patterns\nimport re2\n", encoding="utf-8")
    assert not _imports_stdlib_re(module)
