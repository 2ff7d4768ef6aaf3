"""Share links: short, stable round trips; tampered links degrade with warnings, never exceptions."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given
from hypothesis import strategies as st

from explainer import (
    Dataset,
    Feature,
    OptimizerSettings,
    Scenario,
    default_scenario,
    scenario_from_params,
    scenario_to_params,
    share_url,
)
from explainer.scenario.spec import MAX_STEPS


def round_trip(scenario: Scenario) -> Scenario:
    state = scenario_from_params(scenario_to_params(scenario))
    assert state.warnings == ()
    return state.scenario


def test_default_link_only_names_the_features():
    assert scenario_to_params(default_scenario()) == {"f": ["a,0,1,uniform", "b,1,1000,uniform"]}


def test_every_field_survives_a_round_trip():
    scenario = Scenario(
        features=(
            Feature("size, sq ft", 0, 2000, "normal"),
            Feature("rooms", 1, 5),
            Feature("income", 1, 1e5, "lognormal"),
        ),
        correlation=0.3,
        samples=321,
        noise=0.5,
        true_weights=(0.001, 2.0, -1e-4),
        true_bias=3.5,
        seed=9,
        loss="sse",
        optimizer=OptimizerSettings("momentum", momentum=0.8),
        learning_rate=1e-7,
        max_steps=12345,
        tolerance=1e-4,
        normalization="whiten",
        title="Houses",
    )
    assert round_trip(scenario) == scenario


def test_inline_data_travels_in_the_link():
    data = Dataset(("x",), ((10.0, 20.0, 30.0, 40.0),), (1.01, 2.02, 2.88, 4.1))
    scenario = Scenario(data=data, loss="sse", learning_rate=0.01, max_steps=50, normalization="minmax_centered")
    assert round_trip(scenario) == scenario


def test_link_to_link_is_stable():
    scenario = default_scenario().with_changes(normalization="robust", learning_rate=0.5)
    params = scenario_to_params(scenario)
    assert scenario_to_params(scenario_from_params(params).scenario) == params


def test_share_url_keeps_the_proxy_path_and_view_keys():
    url = share_url("https://example.org/apps/normalize/", "Explore", default_scenario(), {"pair": "a,bias", "x": "1"})
    parts = urlsplit(url)
    assert parts.netloc == "example.org" and parts.path == "/apps/normalize/"
    query = parse_qs(parts.query)
    assert query["page"] == ["Explore"] and url.index("page=Explore") < url.index("f=")  # the page first, readable
    assert query["pair"] == ["a,bias"] and "x" not in query and query["f"] == ["a,0,1,uniform", "b,1,1000,uniform"]


@pytest.mark.parametrize(
    ("params", "warning"),
    [
        ({"evil": "1"}, "ignored unknown parameter 'evil'"),
        ({"lr": "fast"}, "lr: ignored 'fast'"),
        ({"f": ["a,5,1", "b,0,1"]}, "features[0].high: must be greater than low"),
        ({"f": [f"x{i},0,1" for i in range(10_000)]}, "10000 features given"),
        ({"steps": "1e30"}, "steps: '1e30' is outside"),
        ({"norm": "<script>"}, "norm: ignored '<script>'"),
        ({"n": "2.5"}, "n: ignored '2.5', expected a whole number"),
        ({"tol": "nan"}, "tol: ignored 'nan'"),
        ({"f": "a,0,inf"}, "low and high must be finite numbers"),
        ({"data": "x:1,2,3;y:1,2"}, "data.target: needs between"),
        ({"title": "x" * 10_000}, "title: ignored, longer than"),
    ],
)
def test_tampered_links_warn_and_fall_back(params, warning):
    state = scenario_from_params(params)
    assert any(warning in text for text in state.warnings), state.warnings
    assert isinstance(state.scenario, Scenario)


def test_huge_step_counts_are_clamped():
    state = scenario_from_params({"steps": str(10**30)})
    assert state.scenario.max_steps == MAX_STEPS


@given(
    st.dictionaries(
        st.sampled_from(
            ["f", "lr", "n", "steps", "norm", "opt", "tol", "corr", "seed", "tw", "data", "mom", "target", "zzz"]
        ),
        st.one_of(st.text(max_size=30), st.lists(st.text(max_size=30), max_size=4)),
        max_size=6,
    )
)
def test_no_link_raises(params):
    state = scenario_from_params(params)
    assert isinstance(state.scenario, Scenario)
