"""The README's agent examples run as shown: each `curl` block, pointed at the test server, prints the
numbers of the output block under it."""

from __future__ import annotations

import itertools
import re
import shutil
import subprocess

import pytest

from tests.test_readme import FENCE, section

SECTION = "Use it from a program or an AI tutor"
README_APP = "http://localhost:8501"  # where the README's first command serves the app
# The numbers a reader checks: decimals, thousands and powers of ten, not the 0 and 1 of "0 to 1".
NUMBER = re.compile(r"\d[\d,]*\.?\d*(?: × 10[⁻⁰¹²³⁴⁵⁶⁷⁸⁹]+)?")


def examples() -> list[tuple[str, str]]:
    """(commands, output shown) for each bash block that the README follows with a text block."""
    blocks = FENCE.findall(section(SECTION))
    return [
        (code, shown)
        for (language, code), (next_language, shown) in itertools.pairwise(blocks)
        if language == "bash" and next_language == "text"
    ]


def shown_numbers(output: str) -> list[str]:
    return [found for found in NUMBER.findall(output) if any(mark in found for mark in ".,×")]


def test_the_readme_section_shows_two_curl_examples_with_their_output():
    found = examples()
    assert len(found) == 2 and all("curl" in code and README_APP in code for code, _ in found)
    assert all(shown_numbers(shown) for _, shown in found)


@pytest.mark.parametrize(("code", "shown"), examples(), ids=["explore-kappa", "chat-answer"])
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
    for value in shown_numbers(shown):
        assert value in result.stdout, f"the README shows {value}, the app printed:\n{result.stdout}"
