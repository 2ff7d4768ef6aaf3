"""The model comparison's charts, checked as Vega-Lite specs: what they plot, not how they look."""

from __future__ import annotations

import pytest

from explainer.formats.datasets import bundled_scenario
from explainer.models.charts import model_charts
from explainer.models.fit import compare_models
from explainer.scenario.model_choice import ModelSettings


def _rows(chart):
    spec = chart.to_dict()
    return next(iter(spec["datasets"].values()))


@pytest.fixture(scope="module")
def knn_charts():
    return model_charts(compare_models(bundled_scenario("wine", ModelSettings("knn"))), width=400)


def test_knn_draws_scores_and_distance_shares_but_no_loss_curve(knn_charts):
    assert set(knn_charts) == {"scores", "distances"}
    proline = {row["side"]: row["share"] for row in _rows(knn_charts["distances"]) if row["feature"] == "proline"}
    assert proline["raw"] > 0.9 > 0.1 > proline["normalized"]


def test_the_score_bars_show_the_accuracy_gain(knn_charts):
    scores = {row["side"]: row["score"] for row in _rows(knn_charts["scores"])}
    assert scores["normalized"] - scores["raw"] > 0.15


def test_logistic_regression_draws_both_loss_curves_up_to_their_iterations():
    comparison = compare_models(bundled_scenario("wine", ModelSettings("logistic_regression")))
    rows = _rows(model_charts(comparison)["loss"])
    last = {side: max(row["iteration"] for row in rows if row["side"] == side) for side in ("raw", "normalized")}
    assert last == {"raw": comparison.raw.iterations, "normalized": comparison.normalized.iterations}
