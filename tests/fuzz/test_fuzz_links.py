"""Fuzzing share links: any parameters give a scenario and warnings naming the parameter; every valid
scenario round-trips through a real URL, column names with `:`, `;` and `,` included."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from hypothesis import given
from hypothesis import strategies as st

from explainer import Dataset, Feature, OptimizerSettings, Scenario, ScenarioError, scenario_from_params, share_url
from explainer.formats.link import SCENARIO_KEYS, VIEW_KEYS
from explainer.scenario.fields import DISTRIBUTIONS, FIELDS
from tests.fuzz.conftest import FUZZ
from tests.fuzz.strategies import field_values, number_texts, texts

# declared fields that apply to ranges and tables alike (the seed among them: a model splits with it)
_EVERYWHERE = ("loss", "normalization", "learning_rate", "max_steps", "tolerance", "seed")

values = st.one_of(number_texts, texts, st.lists(st.one_of(number_texts, texts), max_size=3))
feature_texts = st.builds(
    lambda name, low, high, distribution: f"{name},{low},{high}{distribution}",
    texts,
    number_texts,
    number_texts,
    st.sampled_from(["", ",uniform", ",normal", ",lognormal", ",zipf"]),
)


@FUZZ
@given(
    st.dictionaries(st.sampled_from([*SCENARIO_KEYS, *VIEW_KEYS, "zzz", "embed"]), values, max_size=8),
    st.lists(feature_texts, max_size=4),
)
def test_any_link_opens_with_warnings_that_name_the_parameter(params, features):
    if features:
        params = {**params, "f": features}
    state = scenario_from_params(params)
    assert isinstance(state.scenario, Scenario)
    for warning in state.warnings:
        head = warning.split(":", 1)[0]
        assert head and len(warning) < 600, warning


printable_names = st.text(
    alphabet=st.characters(min_codepoint=32, max_codepoint=0x2FF, blacklist_characters="\x7f"),
    min_size=1,
    max_size=12,
).filter(lambda text: text.strip() and text.isprintable())
awkward_names = st.one_of(
    st.sampled_from(["a:b", "a;b", "a,b", "x;;y", "c:,;d", "\\;", "e\\", "100%"]), printable_names
)
plain_numbers = st.floats(-1e6, 1e6, allow_nan=False).map(lambda value: round(value, 6))


@st.composite
def valid_scenarios(draw) -> Scenario:
    """Scenarios the core accepts, ranges or a small inline table, with names links find awkward."""
    optimizer = {item.name: draw(field_values(item.path)) for item in FIELDS if item.on_optimizer}
    settings: dict[str, object] = {path: draw(field_values(path)) for path in _EVERYWHERE}
    settings.update(optimizer=OptimizerSettings(**optimizer), title=draw(st.text(max_size=20).filter(str.isprintable)))
    names = draw(st.lists(awkward_names, min_size=2, max_size=4, unique=True))
    if draw(st.booleans()):
        rows = draw(st.integers(len(names) + 1, 8))
        columns = [tuple(draw(st.lists(plain_numbers, min_size=rows, max_size=rows))) for _ in names]
        data = Dataset(tuple(names[:-1]), tuple(columns[:-1]), columns[-1], names[-1])
        settings["data"] = data
    else:
        settings["features"] = tuple(
            Feature(name, low, low + draw(st.floats(1.0, 1e6)), draw(st.sampled_from(DISTRIBUTIONS[:2])))
            for name, low in zip(names, draw(st.lists(plain_numbers, min_size=len(names), max_size=len(names))))
        )
        settings["samples"] = draw(st.integers(len(names) + 2, 2000))
        settings["correlation"] = draw(st.sampled_from([0.0, 0.3, 0.9]))
        settings["noise"] = draw(field_values("noise"))
        settings["true_bias"] = draw(field_values("true_bias"))
        if draw(st.booleans()):
            settings["true_weights"] = tuple(draw(st.floats(-1e12, 1e12)) for _ in names)
    try:
        return Scenario(**settings)
    except ScenarioError:
        from hypothesis import reject

        reject()


@FUZZ
@given(valid_scenarios())
def test_every_valid_scenario_round_trips_through_a_real_url(scenario):
    url = share_url("https://example.org/app", "Explore", scenario)
    params = parse_qs(urlsplit(url).query, keep_blank_values=True)
    state = scenario_from_params(params)
    assert state.warnings == ()
    assert state.scenario == scenario
