"""One contract for every way in: the same values, said through a link, a file, the CLI, the chat or
Explore's widgets, give the same Scenario back; and the scenario's own link and file give it back too.

Each case spells its values the way a person would in each channel (not through the field declaration,
so a mistake in the declaration shows up here). A model comparison's seed is the case that failed
before: beside a bundled dataset or a table, links dropped it and files ignored it, while the models
use it for their train/test split.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pytest

from explainer.chat.conversation import Conversation, apply_message
from explainer.chat.reading.numbers import parse_quantities
from explainer.cli import UsageError, build_parser
from explainer.cli.explain import scenario_from_args
from explainer.formats.datasets import bundled_dataset
from explainer.formats.link import scenario_from_params, scenario_to_params
from explainer.lessons import files
from explainer.scenario.model_choice import ModelSettings
from explainer.scenario.spec import Dataset, Feature, OptimizerSettings, Scenario

TABLE = Dataset(
    ("x1", "x2"),
    ((0.0, 0.2, 0.5, 0.7, 1.0, 0.1, 0.9, 0.4), (1.0, 400.0, 10.0, 900.0, 1000.0, 250.0, 30.0, 600.0)),
    (0.0, 1.0, 0.0, 1.0, 1.0, 0.0, 1.0, 0.0),
    "y",
)


@dataclass(frozen=True)
class Case:
    """One scenario, and how each way in spells it (None: that way cannot say all of it)."""

    expected: Scenario
    link: dict[str, str | list[str]]
    toml: str
    cli: list[str]
    chat: str | None = None
    widgets: dict[str, object] | None = None  # Explore's session-state keys → values, after opening `widget_link`
    widget_link: dict[str, str | list[str]] = field(default_factory=dict)


CASES = {
    "ranges": Case(
        expected=Scenario(
            features=(Feature("x1", 0.0, 1.0), Feature("x2", 1.0, 1000.0)),
            learning_rate=0.01,
            normalization="minmax",
            max_steps=5000,
            optimizer=OptimizerSettings("momentum"),
        ),
        link={"f": ["x1,0,1", "x2,1,1000"], "lr": "0.01", "norm": "minmax", "steps": "5000", "opt": "momentum"},
        toml="""
            learning_rate = 0.01
            normalization = "minmax"
            max_steps = 5000
            optimizer = "momentum"
            [[features]]
            name = "x1"
            low = 0
            high = 1
            [[features]]
            name = "x2"
            low = 1
            high = 1000
        """,
        cli=[
            *("--feature", "x1=0:1", "--feature", "x2=1:1000", "--lr", "0.01", "--normalize", "minmax"),
            *("--steps", "5000", "--optimizer", "momentum"),
        ],
        chat="features 0-1 and 1-1000, lr 0.01, min-max scaling, momentum, 5000 steps",
        widgets={
            "explore.lr": "0.01",
            "explore.norm": "minmax",
            "explore.steps": 5000,
            "explore.opt": "momentum",
        },
        widget_link={"f": ["x1,0,1", "x2,1,1000"]},
    ),
    "synthetic seed": Case(
        expected=Scenario(
            features=(Feature("x1", 0.0, 1.0), Feature("x2", 1.0, 1000.0)), seed=5, samples=200, correlation=0.3
        ),
        link={"f": ["x1,0,1", "x2,1,1000"], "seed": "5", "n": "200", "corr": "0.3"},
        toml="""
            seed = 5
            samples = 200
            correlation = 0.3
            features = [{ name = "x1", low = 0, high = 1 }, { name = "x2", low = 1, high = 1000 }]
        """,
        cli=[
            *("--feature", "x1=0:1", "--feature", "x2=1:1000", "--seed", "5", "--samples", "200"),
            *("--correlation", "0.3"),
        ],
        widgets={"explore.seed": 5, "explore.samples": 200, "explore.correlation": 0.3},
        widget_link={"f": ["x1,0,1", "x2,1,1000"]},
    ),
    "bundled dataset with a seed": Case(
        expected=Scenario(
            data=bundled_dataset("wine"),
            dataset="wine",
            model=ModelSettings("knn"),
            seed=5,
            normalization="minmax",
        ),
        link={"dataset": "wine", "model": "knn", "seed": "5", "norm": "minmax"},
        toml="""
            dataset = "wine"
            seed = 5
            model = "knn"
            normalization = "minmax"
        """,
        cli=["--dataset", "wine", "--model", "knn", "--seed", "5", "--normalize", "minmax"],
        widgets={"explore.dataset": "wine", "explore.model": "knn", "explore.seed": 5, "explore.norm": "minmax"},
    ),
    "own table with a seed": Case(
        expected=Scenario(data=TABLE, model=ModelSettings("knn"), seed=5),
        link={
            "data": "x1:0,0.2,0.5,0.7,1,0.1,0.9,0.4;x2:1,400,10,900,1000,250,30,600;y:0,1,0,1,1,0,1,0",
            "target": "y",
            "model": "knn",
            "seed": "5",
        },
        toml="""
            seed = 5
            model = "knn"
            [data]
            target = "y"
            columns = { x1 = [0, 0.2, 0.5, 0.7, 1, 0.1, 0.9, 0.4], x2 = [1, 400, 10, 900, 1000, 250, 30, 600], y = [0, 1, 0, 1, 1, 0, 1, 0] }
        """,
        cli=["--csv", "{csv}", "--target", "y", "--model", "knn", "--seed", "5"],
        widgets={"explore.model": "knn", "explore.seed": 5},
        widget_link={
            "data": "x1:0,0.2,0.5,0.7,1,0.1,0.9,0.4;x2:1,400,10,900,1000,250,30,600;y:0,1,0,1,1,0,1,0",
            "target": "y",
        },
    ),
}


def _csv(tmp_path: Path) -> str:
    path = tmp_path / "table.csv"
    rows = zip(*TABLE.columns, TABLE.target)
    path.write_text("x1,x2,y\n" + "\n".join(",".join(repr(value) for value in row) for row in rows) + "\n")
    return str(path)


def by_link(case: Case, tmp_path: Path) -> Scenario:
    state = scenario_from_params(case.link)
    assert state.warnings == ()
    return state.scenario


def by_file(case: Case, tmp_path: Path) -> Scenario:
    lesson = files.parse("\n".join(line.strip() for line in case.toml.splitlines()))
    return lesson.steps[0].scenario


def by_cli(case: Case, tmp_path: Path) -> Scenario:
    argv = ["explain", *(_csv(tmp_path) if word == "{csv}" else word for word in case.cli)]
    return scenario_from_args(build_parser().parse_args(argv), UsageError)


def by_chat(case: Case, tmp_path: Path) -> Scenario:
    scenario, _, _, problems = apply_message(Conversation(), parse_quantities(case.chat or ""), case.chat or "")
    assert problems == []
    return scenario


WAYS = {"link": by_link, "file": by_file, "cli": by_cli, "chat": by_chat}


@pytest.mark.parametrize(
    ("case_name", "way"),
    [(name, way) for name, case in CASES.items() for way in WAYS if way != "chat" or case.chat is not None],
)
def test_every_way_in_reads_the_same_values_as_the_same_scenario(case_name, way, tmp_path):
    case = CASES[case_name]
    assert WAYS[way](case, tmp_path) == case.expected


@pytest.mark.parametrize("case_name", list(CASES))
def test_a_scenario_comes_back_from_its_own_share_link(case_name):
    scenario = CASES[case_name].expected
    state = scenario_from_params(scenario_to_params(scenario))
    assert state.warnings == ()
    assert state.scenario == scenario


@pytest.mark.parametrize("case_name", list(CASES))
def test_a_scenario_comes_back_from_its_own_file(case_name):
    scenario = CASES[case_name].expected
    assert files.parse(files.scenario_to_toml(scenario)).steps[0].scenario == scenario


@pytest.mark.parametrize("case_name", [name for name, case in CASES.items() if case.widgets is not None])
def test_explores_widgets_read_the_same_values_as_the_same_scenario(case_name):
    from tests.support.pages import open_page

    case = CASES[case_name]
    app = open_page("pages/1_Explore.py", case.widget_link, timeout=120)
    for key, value in (case.widgets or {}).items():
        app.session_state[key] = value
    app.run()
    assert not app.exception
    assert [item.value for item in app.warning] == []
    assert app.session_state["explore.view"].scenario == case.expected


# --- a whole number beyond its bound: lenient ways clamp it and say so, strict ways refuse it naming the bound ---

RANGES = {"f": ["x1,0,1", "x2,1,1000"]}


@pytest.mark.parametrize(("key", "text", "used"), [("steps", "0", 1), ("seed", "-1", 0), ("n", "1e9", 100_000)])
def test_a_link_clamps_a_whole_number_beyond_its_bound_and_says_so(key, text, used):
    state = scenario_from_params({**RANGES, key: text})
    field_name = {"steps": "max_steps", "seed": "seed", "n": "samples"}[key]
    assert getattr(state.scenario, field_name) == used
    assert any(
        warning.startswith(f"{key}: '{text}' is outside") and f"used {used:,}" in warning for warning in state.warnings
    )


def test_the_chat_clamps_a_count_beyond_its_bound_and_its_answer_notes_say_so():
    from explainer.chat.tutor import reply

    answer = reply(Conversation(), "features 0-1 and 1-1000, what happens with 1e20 steps?")
    assert answer.conversation.scenario.max_steps == 10**15
    assert any("max_steps" in note and "outside 1..1,000,000,000,000,000" in note for note in answer.notes)
    assert "outside 1..1,000,000,000,000,000" in answer.markdown.replace("\\", "")  # shown above the answer


@pytest.mark.parametrize(("option", "text", "bound"), [("--steps", "0", "from 1 to"), ("--seed", "-1", "from 0 to")])
def test_the_cli_refuses_a_whole_number_beyond_its_bound_naming_it(option, text, bound, capsys):
    from explainer.cli import main

    assert main(["explain", "--feature", "x1=0:1", option, text]) == 2
    error = capsys.readouterr().err
    assert f"{option}: must be a whole number {bound}" in error and "Traceback" not in error


@pytest.mark.parametrize(("key", "value", "bound"), [("max_steps", 0, "from 1 to"), ("seed", 2**40, "from 0 to")])
def test_a_file_refuses_a_whole_number_beyond_its_bound_naming_it(key, value, bound):
    with pytest.raises(files.ScenarioFileError) as caught:
        files.parse(f'{key} = {value}\nfeatures = [{{ name = "x1", low = 0, high = 1 }}]')
    assert f"{key}: must be a whole number {bound}" in str(caught.value)
