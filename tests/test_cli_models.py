"""`explainer explain --dataset NAME --model MODEL`: text for people, --json for machines, exit 2 on a mistake."""

from __future__ import annotations

import json

import pytest

from explainer.cli import main


def test_logistic_regression_on_wine_says_the_raw_fit_hit_the_cap(capsys):
    assert main(["explain", "--dataset", "wine", "--model", "logistic_regression"]) == 0
    out = capsys.readouterr().out
    assert "100 (hit the cap)" in out and "lbfgs failed to converge" in out
    assert "With max_iter raised to 10,000, the raw fit converges after" in out


def test_json_carries_both_fits_and_the_theory(capsys):
    assert main(["explain", "--dataset", "wine", "--model", "knn", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["model"]["name"] == "knn" and result["score_name"] == "accuracy"
    assert result["normalized"]["score"] - result["raw"]["score"] == result["score_gain"] > 0.15
    assert max(result["theory"]["distances"]["raw"]) > 0.9


def test_linear_regression_on_a_dataset_uses_the_exact_engine(capsys):
    assert main(["explain", "--dataset", "iris", "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert result["raw"]["condition_number"] > result["normalized"]["condition_number"]


def test_a_model_that_needs_labels_on_a_regression_dataset_is_a_usage_error(capsys):
    assert main(["explain", "--dataset", "diabetes", "--model", "kmeans"]) == 2
    assert "model.name: kmeans needs class labels" in capsys.readouterr().err


def test_a_dataset_and_feature_ranges_together_are_a_usage_error(capsys):
    assert main(["explain", "--dataset", "wine", "--feature", "a=0:1"]) == 2
    assert "give one of --feature ranges, --csv or --dataset" in capsys.readouterr().err


@pytest.mark.parametrize("extra", [["--samples", "50"], ["--correlation", "0.5"], ["--target", "x"]])
def test_options_for_synthetic_or_csv_data_are_refused_beside_a_dataset(capsys, extra):
    assert main(["explain", "--dataset", "wine", *extra]) == 2
    assert f"{extra[0]}: not beside --dataset" in capsys.readouterr().err
