"""Explore's model section in AppTest: choosing a model and a dataset shows what scikit-learn itself gives."""

from __future__ import annotations

import re

from sklearn.datasets import load_wine
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from tests.support.pages import open_page

EXPLORE = "pages/1_Explore.py"


def metric(app, label: str):
    return next(item for item in app.metric if item.label == label)


def test_choosing_knn_on_wine_shows_the_accuracy_gain():
    features, target = load_wine(return_X_y=True)
    train_x, test_x, train_y, test_y = train_test_split(features, target, test_size=0.3, random_state=42)
    raw = KNeighborsClassifier().fit(train_x, train_y).score(test_x, test_y)
    scaled = make_pipeline(StandardScaler(), KNeighborsClassifier()).fit(train_x, train_y).score(test_x, test_y)
    app = open_page(EXPLORE)
    app.selectbox(key="explore.model").select("knn").run()
    app.selectbox(key="explore.dataset").select("wine").run()
    assert not app.exception
    assert metric(app, "Test accuracy (raw)").value == f"{raw:.1%}"
    normalized = metric(app, "Test accuracy (normalized)")
    assert normalized.value == f"{scaled:.1%}" and normalized.delta == f"{(scaled - raw) * 100:+.1f} points"
    assert any("proline carries" in item.value for item in app.markdown)
    assert (app.query_params["model"], app.query_params["dataset"]) == ("knn", "wine")


def test_a_link_with_a_model_opens_it_and_writes_it_back():
    app = open_page(EXPLORE, {"model": "logistic_regression", "dataset": "wine", "solver": "saga"})
    assert not app.exception and not app.warning
    assert app.selectbox(key="explore.model").value == "logistic_regression"
    assert app.selectbox(key="explore.dataset").value == "wine"
    assert app.selectbox(key="explore.solver").value == "saga"
    raw, normalized = metric(app, "Iterations raw → normalized").value.split(" → ")
    assert raw == "> 100"  # raw stopped at its cap of 100 (saga on raw wine)
    assert re.fullmatch(r"> 100|[\d,]+", normalized), normalized
    written = {key: app.query_params[key] for key in ("model", "dataset", "solver")}
    assert written == {"model": "logistic_regression", "dataset": "wine", "solver": "saga"}


def test_a_model_that_needs_labels_on_regression_features_says_why():
    app = open_page(EXPLORE)
    app.selectbox(key="explore.model").select("kmeans").run()
    assert not app.exception
    assert "cannot run on this data" in app.warning[0].value and "class labels" in app.warning[0].value
    assert "model" not in app.query_params


def test_derivation_shows_the_logistic_hessian_when_that_model_is_chosen():
    app = open_page("pages/2_Derivation.py", {"model": "logistic_regression", "dataset": "iris"})
    assert not app.exception
    assert app.subheader[-1].value == "Logistic regression: the same ravine"
    formulas = [item.value for item in app.markdown if item.value.startswith("$$")]  # ui.render.render_formula
    assert r"\operatorname{diag}\big(p_i(1-p_i)\big)" in formulas[-2]
    assert r"\kappa_{\text{start}}" in formulas[-1]


def test_the_lesson_step_on_knn_shows_its_computed_gain():
    app = open_page("pages/3_Scenarios.py", {"lesson": "your-model-your-data", "step": "3"})
    assert not app.exception and not app.warning
    assert app.subheader[0].value.startswith("Step 3 of 6")
    assert float(metric(app, "Test accuracy (normalized)").delta.split()[0]) > 15


def test_a_bundled_dataset_keeps_the_links_training_settings():
    link = {"dataset": "wine", "lr": "0.001", "opt": "momentum", "steps": "5000"}
    app = open_page(EXPLORE, link)
    assert not app.exception and not app.warning
    assert {key: app.query_params[key] for key in link} == link  # written back, not reset to the defaults
    help_texts = " ".join(item.help or "" for item in app.metric)
    assert "η = 0.001" in help_texts and "momentum" in help_texts.lower()
