"""One vocabulary: what the chat recognises is what the engine runs, and every page shows the same labels."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from sklearn.preprocessing import MinMaxScaler

from explainer import Feature, default_scenario, explain
from explainer.chat import answer, parse_quantities
from explainer.chat.reading.entities import recognise
from explainer.explanation.pipeline import pipeline_code
from explainer.linear.analysis import analyze, condition_after
from explainer.linear.normalize import fit_normalizer
from explainer.linear.scalers import make_transformer
from explainer.scenario.spec import NORMALIZATIONS, OPTIMIZERS
from explainer.scenario.vocabulary import (
    METHODS,
    OPTIMIZER_CHOICES,
    OTHER_SCALERS,
    SCALERS,
    named_normalizations,
    named_optimizer,
    named_scalers,
)
from explainer.text.formatting import escape_markdown, number
from tests.support.pages import open_page

SYMMETRIC = "For my LSTM I use MinMaxScaler(feature_range=(-1, 1)). My features go from 0 to 1 and from 1 to 1000."
SAMPLES = [
    "scaler = StandardScaler(); X = scaler.fit_transform(X)",
    "MinMaxScaler() squashes my outliers",
    "MinMaxScaler(feature_range=(-1, 1)) before tanh",
    "min-max scaling to [-1, 1] for the LSTM",
    "centred min-max, (x - mean) / (max - min)",
    "RobustScaler because of outliers",
    "ZCA whitening of my inputs",
    "x_train = x_train / 255.0",
    "np.log1p(income)",
    "MaxAbsScaler on sparse data",
    "Normalizer() makes every row unit length",
    "BatchNorm after each layer",
    "LayerNorm in transformers",
]


def test_the_vocabulary_is_the_engines_normalizations_and_optimizers():
    assert list(METHODS) == [key for key in METHODS if key in NORMALIZATIONS] and set(METHODS) == set(NORMALIZATIONS)
    assert set(OPTIMIZER_CHOICES) == set(OPTIMIZERS)
    assert not set(OTHER_SCALERS) & set(NORMALIZATIONS)  # a scaler the app does not run is never taken for one


@pytest.mark.parametrize("key", [key for key in METHODS if key != "none"])
def test_each_normalization_runs_the_scikit_learn_code_it_shows(key):
    term = METHODS[key]
    transformer = make_transformer(key)  # type: ignore[arg-type]
    assert type(transformer).__name__ == term.sklearn.split("(")[0]
    assert term.sklearn in pipeline_code(key)  # type: ignore[arg-type]
    if key.startswith("minmax") and hasattr(transformer, "feature_range"):
        shown = (-1, 1) if "feature_range=(-1, 1)" in term.sklearn else (0, 1)
        assert transformer.feature_range == shown


@pytest.mark.parametrize("text", SAMPLES)
def test_every_scaler_the_chat_recognises_is_in_the_vocabulary_and_its_engine_id_runs(text):
    scaler = recognise(text).scaler
    assert scaler in SCALERS, text
    normalizations = parse_quantities(text).normalizations
    assert set(normalizations) <= set(NORMALIZATIONS)
    if scaler in METHODS:
        assert normalizations == (scaler,), "what the say-back names is what the conversation runs"
        features = np.array([[0.0, 1.0], [0.5, 400.0], [1.0, 1000.0], [0.2, 30.0]])
        assert np.isfinite(fit_normalizer(scaler, features, ("a", "b")).apply(features)).all()  # type: ignore[arg-type]
    else:
        assert normalizations == ()  # ÷ 255, log, batch norm: named, not run


@given(st.text(max_size=300))
def test_any_text_names_only_vocabulary_ids(text):
    assert set(named_scalers(text)) <= set(SCALERS)
    assert set(named_normalizations(text)) <= set(NORMALIZATIONS)
    assert named_optimizer(text)[0] in (None, *OPTIMIZERS)


def test_a_refinement_replaces_what_it_refines():
    assert named_scalers("MinMaxScaler(feature_range=(-1, 1))") == ["minmax_symmetric"]
    assert named_scalers("centred min-max scaling") == ["minmax_centered"]
    assert named_scalers("StandardScaler or MinMaxScaler?") == ["zscore", "minmax"]
    assert named_optimizer("SGD with momentum") == ("momentum", "momentum")
    assert named_optimizer("RMSprop, not plain SGD") == ("adam", "RMSprop")


def test_the_say_back_of_a_symmetric_min_max_is_what_the_engine_runs():
    result = answer(SYMMETRIC)
    scenario = result.conversation.scenario
    assert scenario.normalization == "minmax_symmetric"
    assert f"after {escape_markdown('min-max scaling to [−1, 1]')} on two features" in result.markdown
    assert "computed here with" not in result.markdown
    engine = explain(scenario).normalized.condition_number
    analysis = analyze(scenario)
    learners = condition_after(analysis, MinMaxScaler(feature_range=(-1, 1)).fit_transform(analysis.data.features))
    assert engine == pytest.approx(learners, rel=1e-9)
    zero_one = explain(scenario.with_changes(normalization="minmax")).normalized.condition_number
    assert engine < zero_one  # not the same conditioning as [0, 1]: the midrange on 0 decouples weight from bias


def test_a_scaler_the_app_does_not_run_is_said_back_with_what_the_figures_use():
    result = answer(
        "For my CNN I do x_train = x_train / 255.0 and my features go from 0 to 1 and 1 to 1000. Why scale?"
    )
    method = METHODS[result.conversation.scenario.normalization].noun
    assert f"after dividing by 255 (computed here with {method})" in result.markdown


def test_the_explore_page_offers_the_vocabularys_labels_and_runs_a_linked_symmetric_min_max():
    app = open_page("pages/1_Explore.py", {"norm": "minmax_symmetric"})
    assert app.selectbox(key="explore.norm").options == [term.label for term in METHODS.values()]
    assert app.selectbox(key="explore.opt").options == [term.label for term in OPTIMIZER_CHOICES.values()]
    assert app.selectbox(key="explore.norm").value == "minmax_symmetric"
    expected = explain(default_scenario().with_changes(normalization="minmax_symmetric"))
    shown = next(item.value for item in app.metric if item.label == "Condition number κ (normalized)")
    assert shown == number(expected.normalized.condition_number)


def test_explanations_name_the_method_with_the_vocabularys_phrase():
    scenario = default_scenario().with_changes(
        features=(Feature("a", 0, 1), Feature("b", 1, 1000)), normalization="minmax_symmetric"
    )
    explanation = explain(scenario)
    assert f"With {METHODS['minmax_symmetric'].phrase}, the Hessian" in " ".join(
        step.markdown for step in explanation.steps
    )
    assert METHODS["minmax_symmetric"].sklearn in explanation.code
