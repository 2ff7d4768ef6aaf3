"""Fuzzing scenario files: any TOML gives a lesson or problems with key paths; what validates also runs."""

from __future__ import annotations

import tomli_w
from hypothesis import given
from hypothesis import strategies as st

from explainer import ScenarioError, ScenarioFileError, explain
from explainer.lessons.files import parse
from tests.fuzz.conftest import FUZZ
from tests.fuzz.strategies import names, numbers

toml_numbers = numbers.filter(lambda value: not isinstance(value, int) or abs(value) < 2**63)  # TOML's own limit
big_integer_texts = st.sampled_from(["1" + "0" * 400, "-" + "9" * 400, "1e-320", "5e-324", "nan", "inf"])
scalars = st.one_of(toml_numbers, names, st.booleans(), st.sampled_from(["auto", "gd", "adam", "zscore", "sse"]))
feature = st.fixed_dictionaries(
    {"name": names, "low": toml_numbers, "high": toml_numbers},
    optional={"distribution": st.sampled_from(["uniform", "normal", "lognormal", "cauchy"]), "extra": scalars},
)
scenario_keys = st.fixed_dictionaries(
    {},
    optional={
        "title": names,
        "features": st.lists(feature, max_size=3),
        "correlation": toml_numbers,
        "samples": toml_numbers,
        "seed": toml_numbers,
        "noise": toml_numbers,
        "learning_rate": st.one_of(toml_numbers, scalars),
        "max_steps": toml_numbers,
        "tolerance": toml_numbers,
        "normalization": scalars,
        "loss": scalars,
        "optimizer": st.one_of(
            scalars, st.fixed_dictionaries({}, optional={"name": scalars, "momentum": toml_numbers})
        ),
        "data": st.one_of(
            st.fixed_dictionaries({"csv": names}, optional={"target": names}),
            st.fixed_dictionaries(
                {"columns": st.dictionaries(names, st.lists(toml_numbers, max_size=6), max_size=3)},
                optional={"target": names},
            ),
        ),
    },
)


def check(text: str) -> None:
    try:
        lesson = parse(text, "fuzz.toml", folder=None)
    except ScenarioFileError as error:
        assert error.lines() and all(line.startswith("fuzz.toml: ") for line in error.lines())
        assert all(len(reason) < 600 for _, reason in error.problems), error.problems
        return
    for step in lesson.steps:  # validate said ok, so run must too (ranges never reach the engine's rank check)
        try:
            explain(step.scenario)
        except ScenarioError as error:
            assert step.scenario.data is not None, error  # only a learner's own table can be singular


@FUZZ
@given(scenario_keys)
def test_any_scenario_table_validates_or_lists_problems_and_what_validates_runs(document):
    check(tomli_w.dumps(document))


@FUZZ
@given(st.sampled_from(["learning_rate", "tolerance", "samples", "correlation"]), big_integer_texts)
def test_numbers_toml_allows_but_doubles_cannot_hold_are_problems(key, text):
    check(f'features = [{{ name = "a", low = 0, high = 1 }}]\n{key} = {text}\n')


@FUZZ
@given(st.integers(1, 100_000), st.sampled_from(["[", "{a="]))
def test_deep_nesting_is_a_problem_not_a_crash(depth, opener):
    closer = "]" if opener == "[" else "}"
    inner = "1" if opener == "{a=" else ""
    check("x = " + opener * depth + inner + closer * depth + "\n")


@FUZZ
@given(st.text(max_size=200))
def test_any_text_is_a_file_or_a_problem(text):
    check(text)
