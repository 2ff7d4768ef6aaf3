"""`import explainer`, `explainer --help` and `explainer validate` load no heavy library.

An instructor validating files in a loop or in CI pays a command's start-up every time; scikit-learn,
SciPy, SymPy, Altair and pandas load only where a command computes or draws (issue 17, issue 19).
How fast they start is measured by benchmarks/cli_startup.py; this checks what they load.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
HEAVY = {"sklearn", "scipy", "sympy", "altair", "pandas", "vl_convert", "streamlit"}

# Runs `code` in a fresh interpreter, then prints the top-level packages it loaded as JSON on the last line.
_PROBE = """
import json, runpy, sys
{code}
print(json.dumps(sorted({{name.split('.')[0] for name in sys.modules}})))
"""
_RUN_CLI = """
sys.argv = ["explainer", *{argv!r}]
try:
    runpy.run_module("explainer", run_name="__main__")
except SystemExit as exit:
    assert exit.code in (0, None), exit.code
"""


def loaded_packages(code: str) -> set[str]:
    result = subprocess.run(
        [sys.executable, "-c", _PROBE.format(code=code)], cwd=ROOT, capture_output=True, text=True, check=True
    )
    return set(json.loads(result.stdout.splitlines()[-1]))


def test_import_explainer_loads_no_heavy_library():
    loaded = loaded_packages("import explainer")
    assert "explainer" in loaded
    assert loaded & HEAVY == set()


def test_public_names_for_files_and_scenarios_load_no_heavy_library():
    loaded = loaded_packages("from explainer import Scenario, explain, load_lesson, scenario_to_params, validate_file")
    assert loaded & HEAVY == set()


@pytest.mark.parametrize(
    "argv",
    [
        ["--help"],
        ["explain", "--help"],
        ["validate", "explainer/lessons/gallery/house-size-bedrooms.toml"],
        ["validate", "gallery:post-experiment", "--json"],  # a lesson whose data is a CSV file beside it
    ],
    ids=" ".join,
)
def test_help_and_validate_load_no_heavy_library(argv):
    loaded = loaded_packages(_RUN_CLI.format(argv=argv))
    assert "explainer" in loaded
    assert loaded & HEAVY == set()


def test_explaining_does_load_the_engine():
    """The probe can see a heavy import: running an explanation loads scikit-learn's scalers."""
    loaded = loaded_packages(
        "from explainer import Scenario, explain\n"
        "explain(Scenario.from_ranges({'a': (0, 1), 'b': (1, 1000)}, samples=50))"
    )
    assert "sklearn" in loaded
