"""`explainer explain`: JSON for machines, text for people, one line and exit 2 for mistakes."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from explainer.cli import main


def run_cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "explainer", *args], capture_output=True, text=True, timeout=120)


def test_json_has_both_runs_speedup_steps_and_scenario():
    result = run_cli("explain", "--feature", "a=0:1", "--feature", "b=1:1000", "--json")
    assert result.returncode == 0, result.stderr
    data = json.loads(result.stdout)
    assert 1e6 <= data["raw"]["condition_number"] < 1e7
    assert data["normalized"]["condition_number"] == pytest.approx(1, rel=0.1)
    assert data["raw"]["max_stable_lr"] == pytest.approx(3e-6, rel=0.1)
    assert data["raw"]["diverged"] is False and data["raw"]["simulated_iterations"] > 1e7
    assert data["speedup"] > 1e6
    assert data["scenario"]["normalization"] == "zscore"
    assert [f["name"] for f in data["scenario"]["features"]] == ["a", "b"]
    assert data["steps"][0]["title"] and "text" in data["steps"][0] and "latex" in data["steps"][0]


def test_lr_applies_to_both_runs(capsys):
    assert main(["explain", "--feature", "a=0:1", "--feature", "b=1:1000", "--lr", "0.01", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["raw"]["learning_rate"] == data["normalized"]["learning_rate"] == 0.01
    assert data["raw"]["diverged"] is True and data["normalized"]["diverged"] is False


def test_text_output_reads_like_an_explanation(capsys):
    assert main(["explain", "--feature", "size=0:2000", "--feature", "rooms=1:5", "--normalize", "minmax"]) == 0
    out = capsys.readouterr().out
    assert "κ =" in out and "Caveats" in out and "MinMaxScaler()" in out
    assert "**" not in out  # Markdown markers are stripped for the terminal


def test_csv_input_uses_the_other_columns_as_features(tmp_path, capsys):
    csv = tmp_path / "houses.csv"
    rows = ["size,rooms,price"] + [f"{100 + 37 * i % 1900},{1 + i % 5},{50 + 0.1 * i + (i % 5)}" for i in range(60)]
    csv.write_text("\n".join(rows))
    assert main(["explain", "--csv", str(csv), "--target", "price", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data["scenario"]["data"]["columns"]) == ["size", "rooms", "price"]
    assert data["scenario"]["data"]["target"] == "price"


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--feature", "a=5:1"], "features[0].high: must be greater than low"),
        (["--feature", "a=0:1", "--lr", "-1"], "--lr: must be a positive number"),
        (["--feature", "a=0:nan"], "features[0].high: must be a finite number"),
        (["--feature", "oops"], "--feature: expected NAME=LOW:HIGH"),
        (["--feature", "a=0:1", "--normalize", "magic"], "--normalize"),
        (["--csv", "/no/such/file.csv"], "--csv: no such file"),
        ([], "give at least one --feature"),
    ],
)
def test_mistakes_print_one_line_and_exit_2(arguments, message):
    result = run_cli("explain", *arguments)
    assert result.returncode == 2
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert result.stdout == ""


@pytest.mark.parametrize(
    ("content", "target", "message"),
    [
        (b"\x89PNG\r\n\x1a\n\x00\x00binary", "y", "not a CSV text file"),
        (b"x,y\n1,2\n2,abc\n3,4\n4,5\n", "y", "--csv.y: line 3: 'abc' is not a number"),
        (b"x,k,y\n1,7,2\n2,7,3\n3,7,5\n4,7,4\n", "y", "--csv.k: is constant"),
        (b"x,y\n1,2\n2,3\n3,5\n4,4\n", "price", "target: no column named 'price'"),
        (b"just one line", "y", "needs a header row"),
    ],
)
def test_bad_files_are_named(tmp_path, content, target, message):
    path = tmp_path / "data.csv"
    path.write_bytes(content)
    result = run_cli("explain", "--csv", str(path), "--target", target)
    assert result.returncode == 2 and message in result.stderr and "Traceback" not in result.stderr


def test_help_shows_an_example():
    result = run_cli("explain", "--help")
    assert result.returncode == 0 and "explainer explain --feature a=0:1 --feature b=1:1000" in result.stdout
