"""The documented agent examples run as shown: each `curl` block of the README's section and each Python
block of docs/agents.md, pointed at the test server, prints what the output block under it shows."""

from __future__ import annotations

import itertools
import os
import re
import shutil
import subprocess
import sys

import pytest

from tests.conftest import ROOT
from tests.support.readme import FENCE, section

SECTION = "Use it from a program or an AI tutor"
DOCS = (ROOT / "docs" / "agents.md").read_text(encoding="utf-8")
README_APP = "http://localhost:8501"  # where the README's first command serves the app
# The numbers a reader checks: decimals, thousands and powers of ten, not the 0 and 1 of "0 to 1".
NUMBER = re.compile(r"\d[\d,]*\.?\d*(?: × 10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?")


def examples(text: str, language: str) -> list[tuple[str, str]]:
    """(code, output shown) for each `language` block that the text follows with a `text` block."""
    blocks = FENCE.findall(text)
    return [
        (code, shown)
        for (kind, code), (next_kind, shown) in itertools.pairwise(blocks)
        if kind == language and next_kind == "text"
    ]


def shown_numbers(output: str) -> list[str]:
    return [found for found in NUMBER.findall(output) if any(mark in found for mark in ".,×")]


def assert_prints_what_is_shown(printed: str, shown: str) -> None:
    """Every number shown is printed, and every shown line without digits is printed as it is."""
    for value in shown_numbers(shown):
        assert value in printed, f"the docs show {value}, the example printed:\n{printed}"
    for line in shown.splitlines():
        if line.strip() and not re.search(r"\d|…", line):
            assert line in printed.splitlines(), f"the docs show {line!r}, the example printed:\n{printed}"


def test_the_readme_section_shows_two_curl_examples_with_their_output():
    found = examples(section(SECTION), "bash")
    assert len(found) == 2 and all("curl" in code and README_APP in code for code, _ in found)
    assert all(shown_numbers(shown) for _, shown in found)


@pytest.mark.parametrize(("code", "shown"), examples(section(SECTION), "bash"), ids=["explore-kappa", "chat-answer"])
def test_a_readme_curl_example_prints_the_numbers_it_shows(agent_server, code, shown):
    assert shutil.which("curl") and shutil.which("jq"), (
        "the README's examples need curl and jq (scripts/test installs them)"
    )
    result = subprocess.run(
        ["bash", "-c", "set -euo pipefail\n" + code.replace(README_APP, agent_server)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert_prints_what_is_shown(result.stdout, shown)


@pytest.mark.parametrize(("code", "shown"), examples(DOCS, "python"), ids=["chat-follow-up", "mcp-sdk"])
def test_a_docs_python_example_prints_what_it_shows(agent_server, code, shown, tmp_path):
    result = subprocess.run(
        [sys.executable, "-c", code.replace(README_APP, agent_server)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    assert result.returncode == 0, result.stderr
    assert_prints_what_is_shown(result.stdout, shown)
