"""Scenario and lesson files: what loads, and what a broken file reports (every problem, with its key path)."""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainer import Feature, OptimizerSettings, Scenario
from explainer.lessons.files import (
    MAX_LESSON_STEPS,
    ScenarioFileError,
    load,
    load_lesson,
    load_scenario,
    parse,
    scenario_to_toml,
    validate_file,
)
from explainer.lessons.lesson import Lesson
from explainer.scenario.spec import NORMALIZATIONS
from tests.conftest import ROOT

HOUSES = """\
title = "Houses"
normalization = "minmax"
learning_rate = 0.001
max_steps = 5000
optimizer = { name = "momentum", momentum = 0.8 }
seed = 3

[[features]]
name = "size"
low = 0
high = 2000

[[features]]
name = "rooms"
low = 1
high = 5
distribution = "normal"
"""


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def errors(path: Path) -> list[str]:
    with pytest.raises(ScenarioFileError) as caught:
        load_lesson(path)
    return caught.value.lines()


def test_scenario_file_sets_every_key_it_names(tmp_path):
    scenario = load(write(tmp_path, "houses.toml", HOUSES))
    assert isinstance(scenario, Scenario)
    assert scenario.features == (Feature("size", 0, 2000), Feature("rooms", 1, 5, "normal"))
    assert scenario.normalization == "minmax"
    assert scenario.learning_rate == 0.001
    assert scenario.max_steps == 5000
    assert scenario.optimizer == OptimizerSettings("momentum", momentum=0.8)
    assert scenario.seed == 3
    assert scenario.title == "Houses"
    assert validate_file(tmp_path / "houses.toml") == []


def test_broken_file_lists_every_problem_with_file_and_key_path(tmp_path):
    path = write(
        tmp_path,
        "broken.toml",
        """\
learning_rate = -1
normalization = "zscored"
learnin_rate = 0.1
optimizer = { name = "adam", beta1 = 2 }

[[features]]
name = "a"
low = 10
high = 5

[[features]]
low = 0
high = "big"
""",
    )
    lines = errors(path)
    expected = [
        "broken.toml: learning_rate: ",
        "broken.toml: normalization: must be one of",
        "broken.toml: learnin_rate: unknown key",
        "broken.toml: optimizer.beta1: ",
        "broken.toml: features[0].high: must be greater than low",
        "broken.toml: features[1].name: is required",
        "broken.toml: features[1].high: must be a number",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in lines), (start, lines)
    assert any(line.endswith("did you mean learning_rate?") for line in lines)
    assert validate_file(path) == lines
    with pytest.raises(ScenarioFileError) as caught:
        load_lesson(path)
    assert str(caught.value).count("broken.toml:") == len(lines)  # one line for the CLI, every problem in it


def test_toml_syntax_error_names_the_file_and_line(tmp_path):
    lines = errors(write(tmp_path, "typo.toml", 'title = "x"\nlearning_rate 0.1\n'))
    assert len(lines) == 1
    assert lines[0].startswith("typo.toml: is not valid TOML")
    assert "line 2" in lines[0]


def test_non_utf8_and_missing_files_are_one_clear_line(tmp_path):
    path = tmp_path / "latin.toml"
    path.write_bytes('title = "café"\n'.encode("latin-1"))
    assert errors(path) == ["latin.toml: is not UTF-8 text (is it a TOML file?)"]
    assert errors(tmp_path / "nowhere.toml") == [f"nowhere.toml: no such file: {tmp_path / 'nowhere.toml'}"]


LESSON = """\
title = "Scales"
description = "From raw to z-scored."

[[steps]]
title = "Raw scales"
narrative = "κ is {raw.condition_number}."
questions = ["Why normalize?"]

[steps.scenario]
features = [{ name = "a", low = 0, high = 1 }, { name = "b", low = 1, high = 1000 }]
normalization = "minmax"

[[steps]]
title = "Z-score instead"
[steps.changes]
normalization = "zscore"
learning_rate = 0.01
"""


def test_lesson_steps_change_the_previous_scenario(tmp_path):
    lesson = load(write(tmp_path, "scales.toml", LESSON))
    assert isinstance(lesson, Lesson)
    assert lesson.kind == "lesson"
    assert lesson.id == "scales"
    first, second = lesson.steps
    assert first.questions == ("Why normalize?",)
    assert second.scenario.features == first.scenario.features
    assert (first.scenario.normalization, second.scenario.normalization) == ("minmax", "zscore")
    assert second.scenario.learning_rate == 0.01
    assert (first.scenario.title, second.scenario.title) == ("Raw scales", "Z-score instead")
    assert lesson.step(2) is second
    with pytest.raises(IndexError):
        lesson.step(3)


def test_broken_lesson_lists_problems_of_every_step(tmp_path):
    text = (
        LESSON.replace('normalization = "zscore"', 'normalization = "zscore"\nmax_steps = 0')
        .replace("{raw.condition_number}", "{raw.conditon_number}")
        .replace('title = "Z-score instead"', "")
        + """
[[steps]]
title = "Both"
scenario = { features = [{ name = "a", low = 0, high = 1 }] }
changes = { seed = 1 }

[[steps]]
title = "Neither"
narrative = 5
colour = "red"
"""
    )
    lines = errors(write(tmp_path, "lesson.toml", text))
    expected = [
        "lesson.toml: steps[0].narrative: unknown figure {raw.conditon_number}",
        "lesson.toml: steps[1].title: is required",
        "lesson.toml: steps[1].changes.max_steps: must be a whole number from 1",
        "lesson.toml: steps[2]: give either scenario",
        "lesson.toml: steps[3].colour: unknown key in a step",
        "lesson.toml: steps[3].narrative: must be text",
        "lesson.toml: steps[3]: needs a scenario table",
    ]
    for start in expected:
        assert any(line.startswith(start) for line in lines), (start, lines)


def test_step_figures_are_checked_by_name(tmp_path):
    text = LESSON.replace(
        'questions = ["Why normalize?"]', 'questions = ["Why normalize?"]\nfigures = ["sweep", "ravines"]'
    )
    assert errors(write(tmp_path, "f.toml", text)) == [
        "f.toml: steps[0].figures[1]: unknown figure 'ravines' (expected one of: ravine, loss, gradients, sweep)"
    ]
    lesson = load_lesson(write(tmp_path, "ok.toml", text.replace('"ravines"', '"loss"')))
    assert [step.figures for step in lesson.steps] == [("sweep", "loss"), ("ravine", "loss")]


def test_first_step_cannot_be_a_change(tmp_path):
    text = 'title = "x"\n[[steps]]\ntitle = "one"\nchanges = { seed = 1 }\n'
    assert errors(write(tmp_path, "x.toml", text)) == [
        "x.toml: steps[0].changes: the first step has no previous step to change: give a full scenario"
    ]


def test_load_scenario_refuses_a_lesson(tmp_path):
    with pytest.raises(ScenarioFileError, match="lesson of 2 steps"):
        load_scenario(write(tmp_path, "scales.toml", LESSON))


CSV_SCENARIO = """\
title = "From a CSV"
data = { csv = "houses.csv", target = "price" }
normalization = "zscore"
"""
HOUSES_CSV = "size,rooms,price\n1000,2,200\n1500,3,260\n2000,3,330\n800,1,150\n"


def test_csv_next_to_the_file_is_read_with_its_target(tmp_path):
    write(tmp_path, "houses.csv", HOUSES_CSV)
    scenario = load_scenario(write(tmp_path, "houses.toml", CSV_SCENARIO))
    assert scenario.data is not None
    assert scenario.data.feature_names == ("size", "rooms")
    assert scenario.data.target_name == "price"
    assert scenario.data.target == (200.0, 260.0, 330.0, 150.0)
    # the same data written inline gives the same scenario
    inline = parse(scenario_to_toml(scenario), "inline.toml").scenario
    assert inline == scenario


def test_csv_in_a_subfolder_is_allowed(tmp_path):
    (tmp_path / "data").mkdir()
    write(tmp_path / "data", "houses.csv", HOUSES_CSV)
    text = CSV_SCENARIO.replace('"houses.csv"', '"data/houses.csv"')
    assert load_scenario(write(tmp_path, "houses.toml", text)).data is not None


@pytest.mark.parametrize("reference", ["../houses.csv", "/etc/passwd", "sub/../../houses.csv"])
def test_csv_path_may_not_leave_the_files_folder(tmp_path, reference):
    folder = tmp_path / "course"
    folder.mkdir()
    write(tmp_path, "houses.csv", HOUSES_CSV)
    path = write(folder, "houses.toml", CSV_SCENARIO.replace('"houses.csv"', f'"{reference}"'))
    assert errors(path) == [
        f"houses.toml: data.csv: must be a file in this file's folder or below it (got {reference!r})"
    ]


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="needs symlinks")
def test_csv_symlink_out_of_the_folder_is_refused(tmp_path):
    folder = tmp_path / "course"
    folder.mkdir()
    write(tmp_path, "secret.csv", HOUSES_CSV)
    (folder / "houses.csv").symlink_to(tmp_path / "secret.csv")
    assert "must be a file in this file's folder" in errors(write(folder, "houses.toml", CSV_SCENARIO))[0]


def test_csv_problems_are_listed_beside_the_other_keys(tmp_path):
    write(tmp_path, "houses.csv", HOUSES_CSV)
    text = CSV_SCENARIO.replace('target = "price"', 'target = "cost"') + "learning_rate = -2\n"
    lines = errors(write(tmp_path, "houses.toml", text))
    assert any(line.startswith("houses.toml: data.target: no column named 'cost'") for line in lines), lines
    assert any(line.startswith("houses.toml: learning_rate: must be a positive number") for line in lines), lines
    missing = errors(write(tmp_path, "gone.toml", CSV_SCENARIO.replace("houses.csv", "gone.csv")))
    assert missing[0].startswith("gone.toml: data.csv: no such file")


def test_csv_in_a_lesson_step_names_the_step(tmp_path):
    text = 'title = "t"\n[[steps]]\ntitle = "s"\n[steps.scenario]\ndata = { csv = "nope.csv" }\n'
    assert errors(write(tmp_path, "l.toml", text))[0].startswith("l.toml: steps[0].scenario.data.csv: no such file")


def test_uploaded_text_cannot_point_at_files():
    with pytest.raises(ScenarioFileError) as caught:
        parse(CSV_SCENARIO.encode(), source="upload.toml", folder=None)
    assert caught.value.lines() == [
        "upload.toml: data.csv: an uploaded file cannot refer to other files: write the data inline with columns"
    ]


names = st.text(alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FFF), min_size=1, max_size=12).filter(
    lambda text: text.strip() and text.isprintable()
)
bounds = st.floats(-1e6, 1e6, allow_nan=False).flatmap(
    lambda low: st.tuples(st.just(low), st.floats(low + max(1.0, abs(low) * 1e-3), low + 1e6))
)


@st.composite
def scenarios(draw) -> Scenario:
    count = draw(st.integers(1, 3))
    feature_names = draw(st.lists(names, min_size=count, max_size=count, unique=True))
    features = tuple(
        Feature(name, *draw(bounds), draw(st.sampled_from(["uniform", "normal"]))) for name in feature_names
    )
    return Scenario(
        features=features,
        correlation=draw(st.sampled_from([0.0, 0.3])) if count > 1 else 0.0,
        samples=draw(st.integers(10, 500)),
        seed=draw(st.integers(0, 2**32 - 1)),
        noise=draw(st.floats(0, 10)),
        loss=draw(st.sampled_from(["mse", "sse"])),
        optimizer=OptimizerSettings(
            draw(st.sampled_from(["gd", "momentum", "adam"])), momentum=draw(st.floats(0, 0.99))
        ),
        learning_rate=draw(st.one_of(st.just("auto"), st.floats(1e-9, 10))),
        max_steps=draw(st.integers(1, 10**12)),
        tolerance=draw(st.floats(1e-12, 0.5)),
        normalization=draw(st.sampled_from(NORMALIZATIONS)),
        title=draw(st.text(max_size=30).filter(str.isprintable)),  # control characters are refused
    )


@given(scenarios())
def test_written_scenario_file_reads_back_identical(scenario):
    assert parse(scenario_to_toml(scenario), "round.toml").scenario == scenario


DOCS = ROOT / "docs" / "scenarios.md"


def test_every_example_in_the_docs_is_a_valid_file(tmp_path):
    blocks = re.findall(r"```toml\n(.*?)```", DOCS.read_text(encoding="utf-8"), re.S)
    assert len(blocks) >= 3
    write(tmp_path, "houses.csv", HOUSES_CSV)
    kinds = []
    for index, block in enumerate(blocks):
        path = write(tmp_path, f"example{index}.toml", block)
        assert validate_file(path) == [], block
        kinds.append(load_lesson(path).kind)
    assert "lesson" in kinds and "scenario" in kinds


def test_docs_list_every_figure_a_text_can_quote():
    from explainer.lessons.lesson import FIGURES

    text = DOCS.read_text(encoding="utf-8")
    for name in FIGURES:
        assert f"`{name.split('.', 1)[-1]}`" in text or f"`{{{name}}}`" in text, name


def _lesson_with_data(rows: int, steps: int = MAX_LESSON_STEPS) -> bytes:
    """A lesson whose first step carries `rows` rows of 5 columns inline and every later step a change."""
    columns = "\n".join(
        f"{name} = [{', '.join(f'{(index * 7919 + offset) % 1000 + 0.5}' for index in range(rows))}]"
        for offset, name in enumerate(["a", "b", "c", "d", "y"])
    )
    text = 'title = "Big"\n\n[[steps]]\ntitle = "One"\n[steps.scenario.data]\ntarget = "y"\n'
    text += f"[steps.scenario.data.columns]\n{columns}\n"
    for step in range(2, steps + 1):
        text += f'\n[[steps]]\ntitle = "Step {step}"\n[steps.changes]\nlearning_rate = {step * 1e-4:g}\n'
    return text.encode()


def test_a_lesson_checks_its_inline_table_once_whatever_its_steps(monkeypatch):
    """49 `changes` steps after a large table cost nothing beyond reading it: each step used to re-check the
    previous step's table, so a 4 MB lesson of 50 steps took about a minute. (The time to read lessons of
    growing size is in `benchmarks/bench_lesson.py`, not here.)"""
    from explainer.scenario import spec

    checked: list[int] = []
    original = spec._dataset_problems

    def counting(data, *args):
        checked.append(len(data.target))
        return original(data, *args)

    monkeypatch.setattr(spec, "_dataset_problems", counting)
    lesson = parse(_lesson_with_data(2_000))
    assert len(lesson.steps) == MAX_LESSON_STEPS
    assert checked == [2_000]


def test_steps_share_the_first_steps_table():
    lesson = parse(_lesson_with_data(50, steps=4))
    assert {id(step.scenario.data) for step in lesson.steps} == {id(lesson.steps[0].scenario.data)}
    assert lesson.steps[3].scenario.learning_rate == pytest.approx(4e-4)
