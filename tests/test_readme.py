"""The README stays true: two quick-start commands, and its CLI and Python examples run as shown."""

from __future__ import annotations

import os
import shlex
import subprocess
import sys

import pytest

from explainer.cli import main
from tests.conftest import ROOT
from tests.support.readme import FENCE, README, section


def test_quick_start_has_exactly_two_commands():
    blocks = [code.strip() for _, code in FENCE.findall(section("Quick start"))]
    assert len(blocks) == 2 and all("\n" not in block for block in blocks)
    start_app, run_tests = blocks
    assert "pip install" in start_app and "streamlit_app.py" in start_app
    assert "deploy.serve" in start_app or "streamlit run" in start_app
    assert (ROOT / run_tests.split()[0]).exists() or "pytest" in run_tests
    assert (ROOT / ".ci" / "run").read_text().find(run_tests.removeprefix("./")) != -1, ".ci/run must call it"


def cli_examples() -> list[list[str]]:
    commands = []
    for language, code in FENCE.findall(README):
        if language != "bash":
            continue
        for line in code.splitlines():
            if line.startswith("explainer explain") and "--csv" not in line:
                commands.append(shlex.split(line)[1:])
    return commands


@pytest.mark.parametrize("arguments", cli_examples(), ids=" ".join)
def test_readme_cli_examples_run(arguments, capsys):
    assert main(arguments) == 0
    assert capsys.readouterr().out


@pytest.mark.slow  # each Python block in a fresh interpreter
def test_readme_python_examples_run(tmp_path):
    blocks = [code for language, code in FENCE.findall(README) if language == "python"]
    assert blocks
    for code in blocks:
        result = subprocess.run(
            [sys.executable, "-c", code],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=300,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        assert result.returncode == 0, result.stderr
