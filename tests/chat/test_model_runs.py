"""A message that names a model family gets a computed scikit-learn run, and says whose data it ran on.

Every figure is checked against scikit-learn (or the explainer's own data) run here, never typed in.
"""

from __future__ import annotations

import json
import re
import warnings

import numpy as np
from sklearn.datasets import load_wine
from sklearn.ensemble import RandomForestClassifier
from sklearn.exceptions import ConvergenceWarning
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import train_test_split
from sklearn.neighbors import KNeighborsClassifier
from sklearn.pipeline import make_pipeline
from sklearn.preprocessing import StandardScaler

from explainer.chat import answer
from explainer.chat.model_runs import placed
from explainer.cli import main
from explainer.linear.data import make_data
from explainer.models import budgeted

CONVERGENCE = (
    "Why do I get ConvergenceWarning lbfgs failed to converge with LogisticRegression on my features 0 to 1"
    " and 1 to 1000?"
)


def split(features, target):
    return train_test_split(features, target, test_size=0.3, random_state=42)


def fit_both(estimator, train_x, train_y):
    """The estimator fitted raw and after StandardScaler, as the learner would write it."""
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        raw = make_pipeline(estimator).fit(train_x, train_y)
    scaled = make_pipeline(StandardScaler(), estimator.__class__(**estimator.get_params())).fit(train_x, train_y)
    warned = any(issubclass(w.category, ConvergenceWarning) for w in caught)
    return raw, scaled, warned


def wine_split():
    wine = load_wine()
    return split(wine.data, wine.target)


def paragraphs(markdown: str) -> list[str]:
    return markdown.split("\n\n")


def test_a_convergence_warning_question_gets_a_logistic_run_on_the_learners_own_ranges():
    result = answer(CONVERGENCE)
    run = result.model_run
    assert result.answered and run is not None
    assert (run.engine, run.estimator, run.on_learners_data) == ("logistic_regression", "LogisticRegression", True)
    assert "drawn from your ranges" in run.which and "above its median" in run.which
    assert run.source.startswith("synthetic data drawn from your feature ranges")
    data = make_data(result.conversation.scenario)
    assert round(data.features[:, 0].min()) == 0 and round(data.features[:, 1].max(), -2) == 1000
    labels = (data.target > np.median(data.target)).astype(float)
    train_x, test_x, train_y, test_y = split(data.features, labels)
    raw, scaled, warned = fit_both(LogisticRegression(), train_x, train_y)
    figures = dict(run.figures)
    assert figures["iterations_raw"] == int(raw[-1].n_iter_.max())
    assert figures["iterations_normalized"] == int(scaled[-1].n_iter_.max())
    assert figures["convergence_warning_raw"] is warned
    assert np.isclose(figures["score_raw"], raw.score(test_x, test_y))
    assert np.isclose(figures["score_normalized"], scaled.score(test_x, test_y))
    assert figures["kappa_start_raw"] > 10 * figures["kappa_start_normalized"]
    # the section follows the say-back and comes before the topic's own prose
    parts = paragraphs(result.markdown)
    assert parts[0].startswith("For your logistic regression on two features spanning 0–1 and 1–1,000")
    assert parts[1] == "#### Run with scikit-learn's LogisticRegression on your ranges: raw vs z-scoring"
    shown = f"{figures['iterations_raw']:,} raw, {figures['iterations_normalized']:,} normalized"
    assert shown in result.markdown
    assert result.markdown.index("#### Run with") < result.markdown.index("**The gradient follows")


def test_logistic_without_numbers_runs_on_wine_where_the_raw_fit_hits_its_cap_and_says_why():
    result = answer("Does logistic regression need feature scaling?")
    run = result.model_run
    assert run is not None and run.on_learners_data is False
    assert run.which.startswith("Computed on scikit-learn's wine dataset, the closest bundled one")
    train_x, test_x, train_y, test_y = wine_split()
    raw, scaled, warned = fit_both(LogisticRegression(), train_x, train_y)
    figures = dict(run.figures)
    assert warned and figures["hit_cap_raw"] and figures["convergence_warning_raw"]
    assert figures["iterations_normalized"] == int(scaled[-1].n_iter_.max())
    assert np.isclose(figures["score_raw"], raw.score(test_x, test_y))
    assert np.isclose(figures["score_normalized"], scaled.score(test_x, test_y))
    assert f"hit its cap of {raw[-1].max_iter:,} iterations — that is the ConvergenceWarning" in result.markdown
    assert f"converged in {figures['iterations_normalized']:,}" in result.markdown


def test_knn_without_numbers_runs_on_the_closest_bundled_dataset_and_says_which():
    result = answer("does kNN need scaling?")
    run = result.model_run
    assert result.topic == "distance_models" and run is not None
    assert (run.engine, run.estimator, run.on_learners_data) == ("knn", "KNeighborsClassifier", False)
    assert "wine dataset" in run.which and "no data of yours was given" in run.which
    train_x, test_x, train_y, test_y = wine_split()
    raw, scaled, _ = fit_both(KNeighborsClassifier(), train_x, train_y)
    figures = dict(run.figures)
    assert np.isclose(figures["score_raw"], raw.score(test_x, test_y))
    assert np.isclose(figures["score_normalized"], scaled.score(test_x, test_y))
    assert figures["score_normalized"] - figures["score_raw"] > 0.15
    shares = np.var(train_x, axis=0) / np.var(train_x, axis=0).sum()
    assert np.isclose(figures["largest_distance_share_raw"], shares.max(), atol=0.005)
    assert (
        f"Test accuracy on {len(test_y)} held-out rows: {raw.score(test_x, test_y):.1%} raw,"
        f" {scaled.score(test_x, test_y):.1%} normalized." in result.markdown
    )
    assert "Run with scikit-learn's KNeighborsClassifier on the wine dataset" in paragraphs(result.markdown)[1]
    assert "wine dataset, the closest bundled one" in paragraphs(result.markdown)[2]


def test_random_forests_report_identical_predictions_raw_and_scaled():
    result = answer("do random forests need scaling?")
    run = result.model_run
    assert result.topic == "tree_models" and run is not None and run.estimator == "RandomForestClassifier"
    train_x, test_x, train_y, _ = wine_split()
    raw, scaled, _ = fit_both(RandomForestClassifier(random_state=0), train_x, train_y)
    same = float(np.mean(raw.predict(test_x) == scaled.predict(test_x)))
    assert dict(run.figures)["identical_predictions"] == same == 1.0
    assert "Predictions identical on 100% of the test rows" in result.markdown


def test_no_run_for_an_lstm_or_off_topic_or_a_question_that_names_no_model():
    lstm = answer("Should I normalize the inputs of my LSTM?")
    assert lstm.model_run is not None and lstm.model_run.engine == ""
    assert "#### No run for your LSTM" in lstm.markdown and "MLP" in lstm.model_run.markdown
    for question in ("what's the best pizza in Naples?", "My features go from 0 to 1 and 1 to 1000, why normalize?"):
        plain = answer(question)
        assert plain.model_run is None and "Run with scikit-learn" not in plain.markdown


def test_a_repeated_question_reuses_the_cached_fit(monkeypatch):
    answer("does an SVM need scaled features?")
    fits = []
    fit = budgeted.fit_models
    monkeypatch.setattr(budgeted, "fit_models", lambda *args: fits.append(args) or fit(*args))
    again = answer("does an SVM need scaled features?")
    assert fits == []
    assert again.model_run is not None and again.model_run.estimator == "SVC"


def test_the_chat_and_a_report_share_one_fit(monkeypatch):
    from explainer.formats.datasets import bundled_scenario
    from explainer.models.summary import model_comparison_for
    from explainer.scenario.model_choice import ModelSettings

    budgeted.MODEL_RUNS.clear()
    reported = model_comparison_for(bundled_scenario("wine", ModelSettings("knn"), title="A lesson's step"))
    fits = []
    fit = budgeted.fit_models
    monkeypatch.setattr(budgeted, "fit_models", lambda *args: fits.append(args) or fit(*args))
    reply = answer("does kNN need scaling?")  # no numbers: the closest bundled dataset, wine
    assert fits == [] and reply.model_run is not None
    assert dict(reply.model_run.figures)["score_raw"] == reported.raw.score
    answer("does an SVM need scaled features?")  # a fit nobody has asked for yet is fitted
    assert len(fits) == 1


def test_the_section_goes_after_the_say_back_for_model_topics_and_at_the_end_otherwise():
    reply = "For your kNN:\n\nsteering\n\nbody"
    assert placed(reply, "RUN", "distance_models", 2) == "For your kNN:\n\nsteering\n\nRUN\n\nbody"
    assert placed(reply, "RUN", "learning_rate", 2) == reply + "\n\nRUN"


def test_ask_json_exposes_the_run_with_its_figures_as_numbers(capsys):
    assert main(["ask", "--json", "does kNN need scaling?"]) == 0
    run = json.loads(capsys.readouterr().out.strip())["model_run"]
    expected = answer("does kNN need scaling?").model_run
    assert run["engine"] == "knn" and run["which"] == expected.which and run["on_learners_data"] is False
    assert run["figures"]["score_raw"] == dict(expected.figures)["score_raw"]
    assert isinstance(run["figures"]["score_normalized"], float) and run["figures"]["iterations_raw"] is None


def test_a_figure_the_run_gives_is_not_given_again_by_the_say_back():
    reply = answer("my tanh MLP gets inputs from 0 to 5000 and 0 to 1, why does it not learn?")
    assert reply.model_run is not None and "saturation" in reply.model_run.cites
    assert reply.markdown.count("First-layer pre-activations at initialization") == 1
    assert "raw inputs saturate the first layer" not in reply.markdown  # the say-back's own, different, figure


def test_a_normalized_fit_that_also_stops_at_the_cap_is_not_said_to_converge():
    """Both fits stopping at max_iter is no evidence of speed: the line says so instead of "converged in 200"."""
    import dataclasses

    from explainer.chat.model_runs import ENGINE_MODELS, _lines, cached_answer

    comparison = cached_answer(ENGINE_MODELS["logistic_regression"], None).comparison
    assert comparison.raw.hit_cap  # the wine fit above: raw stops at its cap
    capped = dataclasses.replace(
        comparison,
        normalized=dataclasses.replace(comparison.normalized, hit_cap=True, iterations=comparison.raw.iteration_cap),
    )
    said = " ".join(_lines(capped))
    assert "Raw and normalized both hit the cap" in said and "neither run finished within it" in said
    assert "because the raw features make a long, narrow valley" not in said
    assert "normalized, it converged" not in said


def test_more_iterations_after_normalizing_are_explained_not_left_as_a_contradiction():
    # an RBF SVM's n_iter_ rose from 35 to 72 once scaled, with no word of why (a review of the thirtieth group)
    markdown = answer("Why does my RBF SVM need feature scaling? features 0 to 1 and 0 to 1000").markdown
    line = next(line for line in markdown.split("\n") if "Iterations (n_iter_)" in line)
    raw, normalized = (int(part.replace(",", "")) for part in re.findall(r"([\d,]+) (?:raw|normalized)", line))
    assert normalized > raw  # this run's figures: the case the sentence is for
    assert "More, not fewer" in line and "support vectors" in line


def test_a_run_on_a_bundled_dataset_uses_the_scaler_the_learner_named():
    # "For your MLP after min-max scaling" above a run titled "raw vs z-scoring" (a review of the thirtieth group)
    markdown = answer("I use MinMaxScaler before my MLP. Why does it help?").markdown
    heading = next(line for line in markdown.split("\n") if line.startswith("#### Run with"))
    assert heading.endswith("raw vs min-max scaling to [0, 1]")


def test_a_bundled_datasets_run_is_left_out_where_it_answers_nothing_asked():
    """A question on initialization or NaNs names an MLP but asks nothing a wine accuracy table answers; with the
    learner's own numbers the run stays, as it does for a question on what scaling does for the model."""
    init = answer("My MLP's weights come from np.random.randn and the gradients vanish. Why?")
    assert "#### Run with" not in init.markdown
    own = answer("My MLP's inputs go 0 to 1 and 0 to 5000 and the gradients vanish. Why?")
    assert "#### Run with" in own.markdown
    asked = answer("Does my MLP need scaled inputs?")
    assert "#### Run with" in asked.markdown
