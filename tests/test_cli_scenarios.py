"""`explainer validate`, `run` and `link`, and the README examples that use them."""

from __future__ import annotations

import json
import os
import re
import shlex
from pathlib import Path
from urllib.parse import parse_qs, urlsplit

import pytest

from explainer import explain, load_gallery, scenario_from_params, share_url
from explainer.cli import main
from explainer.text.formatting import number
from tests.conftest import ROOT

BASE = "http://localhost:8501"
VALID = """\
title = "Houses"
normalization = "minmax"
features = [{ name = "size", low = 0, high = 2000 }, { name = "rooms", low = 1, high = 5 }]
"""
BROKEN = """\
learning_rate = -1
features = [{ name = "size", low = 10, high = 5 }, { name = "rooms", low = 1, high = "five" }]
"""


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def link_params(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


@pytest.fixture
def files(tmp_path):
    (tmp_path / "houses.toml").write_text(VALID, encoding="utf-8")
    (tmp_path / "broken.toml").write_text(BROKEN, encoding="utf-8")
    return tmp_path


# --- validate ----------------------------------------------------------------------------------


def test_validate_passes_valid_files(capsys, files):
    code, out, err = run(capsys, "validate", str(files / "houses.toml"), "gallery:why-normalize")
    assert code == 0
    assert out.splitlines() == [
        f"ok: {files / 'houses.toml'} (scenario)",
        "ok: gallery:why-normalize (lesson, 5 steps)",
    ]
    assert err == ""


def test_validate_lists_every_problem_of_every_invalid_file_and_exits_1(capsys, files):
    code, out, err = run(
        capsys, "validate", str(files / "broken.toml"), str(files / "houses.toml"), str(files / "missing.toml")
    )
    assert code == 1
    lines = out.splitlines()
    assert f"ok: {files / 'houses.toml'} (scenario)" in lines
    for start in (
        "broken.toml: learning_rate: must be a positive number",
        "broken.toml: features[0].high: must be greater than low",
        "broken.toml: features[1].high: must be a number",
        "missing.toml: no such file",
    ):
        assert any(line.startswith(start) for line in lines), (start, lines)
    assert err == "2 of 3 files invalid, 4 problems\n"


def test_validate_json(capsys, files):
    code, out, _ = run(capsys, "validate", "--json", str(files / "broken.toml"), "gallery:four-points")
    assert code == 1
    data = json.loads(out)
    assert data["valid"] is False
    broken, four = data["files"]
    assert {"path": "features[0].high", "reason": "must be greater than low (got high=5, low=10)"} in broken["problems"]
    assert four == {"file": "gallery:four-points", "valid": True, "kind": "scenario", "steps": 1, "problems": []}


def test_every_gallery_file_validates_from_the_command_line(capsys):
    from explainer.lessons.gallery import gallery_ids

    code, out, _ = run(capsys, "validate", *(f"gallery:{name}" for name in gallery_ids()))
    assert code == 0
    assert len(out.splitlines()) == len(gallery_ids())


# --- run ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("suffix", ["html", "md", "json"])
def test_run_writes_each_report_format_with_progress_on_stderr(capsys, tmp_path, suffix):
    out_path = tmp_path / f"report.{suffix}"
    code, out, err = run(capsys, "run", "gallery:four-points", "--out", str(out_path))
    assert code == 0 and out == ""
    assert "[1/1] explaining: The post's four-point regression" in err
    assert f"wrote {out_path}" in err
    assert out_path.stat().st_size > 1000
    if suffix == "md":
        assert len(list(tmp_path.glob("report-*.png"))) == 4
    if suffix == "json":
        data = json.loads(out_path.read_text(encoding="utf-8"))
        expected = explain(load_gallery("four-points").scenario)
        assert data["steps"][0]["explanation"]["raw"]["max_stable_lr"] == expected.raw.max_stable_lr


def test_run_without_out_prints_the_explanation(capsys):
    code, out, err = run(capsys, "run", "gallery:post-experiment", "--step", "2", "--quiet")
    assert code == 0 and err == ""
    assert out.startswith("== Step 2 of 4: A smaller learning rate: 0.0001 ==")
    assert "Try asking in the chat:" in out
    assert "{raw." not in out


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["run", "gallery:four-points", "--out", "r.pdf"], "--out: cannot tell the report format from 'r.pdf'"),
        (["run", "gallery:nope"], "gallery:nope: no such gallery item (available: why-normalize"),
        (["run", "nowhere.toml"], "nowhere.toml: no such file"),
        (["run", "gallery:why-normalize", "--step", "9"], "--step 9: gallery:why-normalize has 5 steps"),
        (["run", "gallery:four-points", "--step", "2"], "--step 2: gallery:four-points is a single scenario"),
        (["run", "gallery:four-points", "--step", "zero"], "--step: expected a step number from 1"),
        (["link", "gallery:four-points", "--base-url", "localhost:8501"], "--base-url: expected an http:// or https"),
        (["link", "gallery:four-points"], "the following arguments are required: --base-url"),
    ],
)
def test_usage_errors_are_one_line_and_exit_2(capsys, argv, message):
    code, out, err = run(capsys, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and err.startswith("error: ")
    assert message in err


def test_run_on_an_invalid_file_names_every_problem_in_one_line(capsys, files):
    code, _, err = run(capsys, "run", str(files / "broken.toml"), "--out", str(files / "r.html"))
    assert code == 2 and err.count("\n") == 1
    assert "broken.toml: learning_rate:" in err and "broken.toml: features[1].high:" in err
    assert not (files / "r.html").exists()


# --- link --------------------------------------------------------------------------------------


def test_link_opens_a_scenario_on_explore_and_round_trips(capsys, files):
    code, out, _ = run(capsys, "link", str(files / "houses.toml"), "--base-url", BASE + "/")
    assert code == 0
    url = out.strip()
    assert url.startswith(f"{BASE}/?page=Explore&")
    state = scenario_from_params(link_params(url))
    assert state.warnings == ()
    from explainer import load_scenario

    assert state.scenario == load_scenario(files / "houses.toml")
    assert share_url(BASE, "Explore", state.scenario) == url  # file → link → app state → link again


def test_link_opens_a_lesson_step_on_the_scenarios_page(capsys):
    code, out, err = run(capsys, "link", "gallery:why-normalize", "--step", "3", "--base-url", BASE)
    assert code == 0 and err == ""
    url = out.strip()
    params = link_params(url)
    assert (urlsplit(url).path, params["page"]) == ("/", ["Scenarios"])
    assert (params["lesson"], params["step"]) == (["why-normalize"], ["3"])
    step = load_gallery("why-normalize").step(3)
    assert scenario_from_params(params).scenario == step.scenario
    code, out, _ = run(capsys, "link", "gallery:why-normalize", "--base-url", BASE, "--json")
    assert json.loads(out)["page"] == "Scenarios" and link_params(json.loads(out)["url"])["step"] == ["1"]


def test_link_to_an_own_lesson_says_the_narrative_stays_with_the_file(capsys, tmp_path):
    path = tmp_path / "mine.toml"
    path.write_text(
        'title = "Mine"\n[[steps]]\ntitle = "One"\n[steps.scenario]\nfeatures = [{ name = "a", low = 0, high = 1 }]\n',
        encoding="utf-8",
    )
    code, out, err = run(capsys, "link", str(path), "--base-url", BASE)
    assert code == 0
    assert link_params(out.strip())["lesson"] == ["mine"]
    assert err.startswith("note: 'mine' is not a built-in lesson")


# --- the README --------------------------------------------------------------------------------


def readme_section(heading: str) -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    start = text.index(heading)
    end = text.find("\n## ", start + len(heading))
    return text[start : end if end > 0 else len(text)]


def test_readme_commands_run(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    block = re.search(r"```bash\n(.*?)```", readme_section("## Scenarios, lessons and reports"), re.S)[1]
    commands = [shlex.split(line) for line in block.splitlines() if line.strip()]
    assert {command[1] for command in commands} == {"validate", "run", "link", "notebook"}
    for command in commands:
        assert command[0] == "explainer"
        code, out, _ = run(capsys, *command[1:])
        assert code == 0, command
        if command[1] == "link":
            assert link_params(out.strip())["step"] == ["3"]
    assert Path("four-points.html").exists() and Path("whitening.md").exists() and Path("post.json").exists()
    assert Path("four-points.ipynb").stat().st_size > 1000


def test_readme_python_example_runs(capsys, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    section = readme_section("### Scripting scenarios and lessons")
    code = re.search(r"```python\n(.*?)```", section, re.S)[1]
    exec(compile(code, "README.md", "exec"), {})
    printed = capsys.readouterr().out.splitlines()
    assert printed[0] == "[]"
    raw_kappa, normalized_kappa = (float(value) for value in printed[1].split())
    assert number(raw_kappa).startswith("1.4") and raw_kappa > 1e7  # the README's "≈ 1.4 × 10⁷"
    assert normalized_kappa < 1.1
    assert printed[2].startswith("http://localhost:8501/?page=Explore&") and "norm=whiten" in printed[2]
    assert Path("houses.html").stat().st_size > 100_000
    assert len(list(Path().glob("lesson-step*.png"))) == 8


# --- files the OS will not read: one line naming the file, never a traceback or a hang --------


def _one_line_naming(err: str, name: str) -> None:
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == 1 and name in lines[0] and "Traceback" not in err, err


@pytest.mark.parametrize("command", ["validate", "run", "link"])
def test_proc_self_mem_is_one_line_not_a_traceback(capsys, command):
    code, out, err = run(capsys, command, "/proc/self/mem", *(["--base-url", BASE] if command == "link" else []))
    assert code in (1, 2)
    _one_line_naming(out if command == "validate" else err, "/proc/self/mem")  # validate: the file's line
    assert "cannot be read" in out + err


def test_a_device_a_fifo_and_a_folder_are_refused_without_reading_them(capsys, tmp_path):
    fifo = tmp_path / "lesson.toml"
    os.mkfifo(fifo)  # opening it for reading would wait for a writer forever
    for path, reason in ((fifo, "is not a regular file"), ("/dev/zero", "is not a regular file"), (tmp_path, "folder")):
        code, _, err = run(capsys, "run", str(path))
        assert code == 2
        _one_line_naming(err, str(path))
        assert reason in err


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads a file whatever its permissions")
def test_an_unreadable_file_is_one_line(capsys, tmp_path):
    path = tmp_path / "secret.toml"
    path.write_text(VALID)
    path.chmod(0)
    code, _, err = run(capsys, "run", str(path))
    assert code == 2
    _one_line_naming(err, str(path))
    assert "Permission denied" in err


def test_a_csv_the_os_will_not_read_is_one_line(capsys, tmp_path):
    (tmp_path / "l.toml").write_text('data = { csv = "pipe.csv", target = "y" }\n')
    os.mkfifo(tmp_path / "pipe.csv")
    code, out, err = run(capsys, "validate", str(tmp_path / "l.toml"))
    assert code == 1 and "data.csv: is not a regular file" in out and "Traceback" not in out + err
    code, out, err = run(capsys, "explain", "--csv", "/proc/self/mem")
    assert code == 2
    _one_line_naming(err, "/proc/self/mem")
