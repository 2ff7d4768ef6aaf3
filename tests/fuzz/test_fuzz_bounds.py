"""Anything the Scenario accepts can be computed and displayed: scenarios at the edges of every bound."""

from __future__ import annotations

import json

from hypothesis import given, reject
from hypothesis import strategies as st

from explainer import Feature, OptimizerSettings, Scenario, ScenarioError, explain
from explainer.cli.explain import render_text
from explainer.scenario.fields import DISTRIBUTIONS
from explainer.scenario.spec import BOUNDS
from explainer.text.formatting import json_ready
from tests.fuzz.conftest import FUZZ
from tests.fuzz.strategies import field_values

scales = st.sampled_from([1e-6, 1e-3, 1.0, 1e3, 1e6, 1e9, 1e11])


@st.composite
def edge_scenarios(draw) -> Scenario:
    count = draw(st.integers(1, 4))
    scale = draw(scales)  # one scale for all, so most draws are computable; the edges are in the other fields
    features = []
    for index in range(count):
        low = scale * draw(st.sampled_from([-1.0, 0.0, 0.5, 3.0]))
        high = low + scale * draw(st.sampled_from([0.01, 1.0, 7.0]))
        distribution = draw(st.sampled_from(DISTRIBUTIONS)) if low > 0 else draw(st.sampled_from(DISTRIBUTIONS[:2]))
        features.append(Feature(f"x{index}", low, high, distribution))
    lowest_correlation = -1 / (count - 1) + 1e-6 if count > 1 else 0.0
    try:
        return Scenario(
            features=tuple(features),
            correlation=draw(st.sampled_from([lowest_correlation, 0.0, 0.5, BOUNDS["correlation"].high]))
            if count > 1
            else 0.0,
            samples=draw(st.integers(count + 2, 3000)),
            noise=draw(st.sampled_from([0.0, 0.1, 1e6])),
            seed=draw(field_values("seed")),
            loss=draw(field_values("loss")),
            optimizer=OptimizerSettings(
                draw(field_values("optimizer.name")),
                momentum=draw(field_values("optimizer.momentum")),
                beta1=draw(field_values("optimizer.beta1")),
                beta2=draw(field_values("optimizer.beta2")),
                epsilon=draw(field_values("optimizer.epsilon")),
            ),
            learning_rate=draw(field_values("learning_rate")),
            max_steps=draw(st.one_of(field_values("max_steps"), st.integers(1, 10_000))),
            tolerance=draw(field_values("tolerance")),
            normalization=draw(field_values("normalization")),
        )
    except ScenarioError:
        reject()


@FUZZ
@given(edge_scenarios())
def test_a_valid_scenario_is_explained_and_printed(scenario):
    try:
        explanation = explain(scenario)
    except ScenarioError as error:  # a handful of rows can be singular by chance; only the engine sees the draw
        assert scenario.samples < 20 and "linearly dependent" in str(error), error
        return
    assert render_text(explanation)
    json.dumps(json_ready(explanation.to_dict()))


wild_numbers = st.one_of(
    st.floats(-1e12, 1e12),
    st.sampled_from([0.0, 1e-300, 1e-12, 1e-6, 4564.0, 1e6, 1e11, 1e12, -1e12]),
)


@FUZZ
@given(
    st.lists(st.tuples(wild_numbers, wild_numbers, st.sampled_from(DISTRIBUTIONS)), min_size=1, max_size=4),
    st.sampled_from([0.0, 0.5, 0.999999]),
    st.sampled_from([3, 10, 1000, 100_000]),
)
def test_ranges_the_scenario_accepts_are_never_refused_by_the_engine(ranges, correlation, samples):
    """Validation and computation agree: the conditioning check refuses what the engine's rank check would."""
    try:
        scenario = Scenario(
            features=tuple(Feature(f"x{i}", low, high, kind) for i, (low, high, kind) in enumerate(ranges)),
            correlation=correlation if len(ranges) > 1 else 0.0,
            samples=max(samples, len(ranges) + 2),
            max_steps=1000,
        )
    except ScenarioError as error:
        assert all(path for path, _ in error.problems)
        return
    try:
        explain(scenario)
    except ScenarioError as error:  # a handful of rows can be singular by chance; only the engine sees the draw
        assert scenario.samples < 20 and "linearly dependent" in str(error), error
