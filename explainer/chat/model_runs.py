"""A computed run of the model a message names: scikit-learn's own estimator, raw against normalized.

"does kNN need scaling?" gets, after the topic's reply, a short section: the estimator fitted on
the learner's numbers (their ranges, their table) or, without numbers, on the closest bundled
dataset, with the sentence saying which, and the key figures: iterations or the cap hit (the
ConvergenceWarning explained), the test score raw against normalized, and the theory figure
(logistic κ, a feature's share of distances, identical tree predictions, saturated units).

Fits come from the one model-fit cache (`explainer.models.budgeted.cached_fit`, shared with Explore
and reports), so a repeated question costs a dictionary look-up; the tables drawn for them are kept
in the "chat_runs" region of the one memory budget (`explainer.budget.memory`), a table drawn for
several models stored once; `explainer.models.fit` caps rows and iterations, so a cold run stays short.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import numpy as np

from explainer.budget.memory import BoundedCache, cache_key, region, shared_table
from explainer.budget.workers import BudgetExceededError, WorkerLostError
from explainer.chat.wording import Context
from explainer.linear.data import make_data
from explainer.models.answer import ModelAnswer, answer_model
from explainer.models.fit import ModelComparison, make_estimator
from explainer.models.notes import score_text
from explainer.scenario.model_choice import CLASSIFICATION_ONLY, ModelSettings, task_for_target
from explainer.scenario.spec import Dataset, Scenario, ScenarioError
from explainer.scenario.vocabulary import METHODS
from explainer.text.formatting import escape_markdown, number

# The chat's model ids (explainer.chat.reading.entities) → the engine's models and their one setting that differs.
ENGINE_MODELS: dict[str, ModelSettings] = {
    "logistic_regression": ModelSettings("logistic_regression"),
    "knn": ModelSettings("knn"),
    "svm": ModelSettings("svm_rbf"),
    "kmeans": ModelSettings("kmeans"),
    "mlp": ModelSettings("mlp"),
    "sgd": ModelSettings("sgd"),
    "random_forest": ModelSettings("tree", tree_kind="forest"),
    "decision_tree": ModelSettings("tree", tree_kind="tree"),
    "xgboost": ModelSettings("tree", tree_kind="forest"),
    "lightgbm": ModelSettings("tree", tree_kind="forest"),
}
STAND_INS = {"xgboost": "XGBoost", "lightgbm": "LightGBM"}  # boosted trees: a random forest shows the same invariance
NO_RUN = {
    "cnn": "CNN",
    "lstm": "LSTM",
    "rnn": "RNN",
    "transformer": "transformer network",
}  # scikit-learn has none of these
# Topics where the run is the heart of the answer: it comes right after the say-back, before the general prose.
RUN_LEADS = ("tree_models", "distance_models", "why_normalize")
# Topics a run on a bundled dataset answers when the learner gave no numbers: what scaling does for their model
RUN_ANSWERS = (*RUN_LEADS, "method_choice", "not_needed", "speed_per_iteration", "adaptive_optimizers")
CACHED_TABLES = 32
CHAT_RUNS: BoundedCache = region("chat_runs", max_entries=CACHED_TABLES)  # the tables drawn for the chat's fits
# Why a normalized fit can take more iterations than the raw one: its solver's steps are not gradient descent on the
# ravine, so the count follows the problem the scaling makes, which the learner would otherwise read as a contradiction
MORE_ITERATIONS_NORMALIZED = {
    "svm_rbf": (
        " More, not fewer: an SVM's solver works through the training points pair by pair, and its count follows how"
        " many become support vectors and how the boundary bends, not κ; compare the test scores instead."
    ),
    "kmeans": (
        " More, not fewer: k-means counts its rounds of reassigning points until the clusters stop changing; scaled,"
        " every feature weighs in and it settles on another grouping, so the rounds are not a speed in κ's sense."
    ),
}
MORE_ITERATIONS_ELSE = (
    " More, not fewer: this solver's iterations are not gradient-descent steps across the ravine, so its count"
    " follows the problem the scaling makes, not κ alone."
)
DISTANCE_DECIDES = {
    "knn": "which points are neighbours",
    "svm_rbf": "the kernel's similarities",
    "kmeans": "the clusters",
}


@dataclass(frozen=True)
class ModelRun:
    """The run a reply cites: which model and data, the figures as numbers, and its Markdown section."""

    named: str  # the chat's model id ("random_forest")
    engine: str  # the engine's model ("tree"); "" when there is no run (an LSTM)
    estimator: str  # scikit-learn's class ("RandomForestClassifier")
    on_learners_data: bool
    which: str  # one sentence: whose data this is
    source: str
    task: str
    normalization: str
    score_name: str
    figures: tuple[tuple[str, float | int | bool | None], ...]
    markdown: str

    @property
    def cites(self) -> frozenset[str]:
        """Which of the say-back's figures this run already gives ("distances", "saturation"): said once."""
        names = {key for key, _ in self.figures}
        return frozenset(
            figure
            for figure, key in (("distances", "largest_distance_share_raw"), ("saturation", "preactivation_std_raw"))
            if key in names
        )

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (`explainer ask --json`'s `model_run`); NaN and infinity as null."""
        values = {key: _plain(value) for key, value in self.figures}
        fields = {field.name: getattr(self, field.name) for field in dataclasses.fields(self)}
        fields.pop("markdown")
        fields["figures"] = values
        return fields


def model_run(context: Context, topic: str) -> ModelRun | None:
    """The run for the model the message names, or None (no model named, linear regression, or an off case; or no
    numbers of the learner's and a `topic` the run does not answer)."""
    named = getattr(context.entities, "model", None)
    if named in NO_RUN:
        return _no_run(named)
    settings = ENGINE_MODELS.get(named or "")
    if settings is None:
        return None
    activation = getattr(context.entities, "activation", None)
    if settings.name == "mlp" and activation in ("tanh", "relu"):
        settings = dataclasses.replace(settings, activation=activation)
    scenario = context.scenario
    own = context.own_numbers or scenario.data is not None or bool(scenario.dataset)
    if not own and topic not in RUN_ANSWERS:
        # a bundled dataset's scores beside a question on backprop, initialization or NaNs answer nothing asked
        # (a review of real answers: 12 of 33 carried such a run); the learner's own numbers are always run
        return None
    try:
        # without numbers of the learner's, a bundled dataset, scaled the way they named (min-max runs as min-max)
        answer = cached_answer(settings, labelled(scenario, settings) if own else None, scenario.normalization)
    except (BudgetExceededError, WorkerLostError) as error:
        return _stopped(named, str(error))
    except ValueError:  # a ScenarioError, or scikit-learn refusing a table too small for it (kNN on 4 rows)
        return None
    return _run(named, answer)


def cached_answer(settings: ModelSettings, scenario: Scenario | None, normalization: str = "zscore") -> ModelAnswer:
    """`model_answer` from the one model-fit cache (fitted in a worker, within the model-fit budget)."""
    answer = answer_model(settings, scenario, normalization)
    if scenario is not None and scenario.data is not None and scenario.data.target_name == MEDIAN_LABEL:
        answer = dataclasses.replace(answer, which=f"Computed on data drawn from your ranges, {MEDIAN_NOTE}.")
    return answer


MEDIAN_LABEL = "y_above_median"
MEDIAN_NOTE = "labelled by whether the target is above its median (the model needs classes)"


def labelled(scenario: Scenario, settings: ModelSettings) -> Scenario:
    """The learner's ranges, as a two-class table when the model needs class labels and their target is numeric.

    The table drawn is kept once (by its digest) for every model that asks for it."""
    if settings.name not in CLASSIFICATION_ONLY or scenario.dataset or scenario.data is not None:
        return scenario
    return CHAT_RUNS.get_or_compute(cache_key(scenario), lambda: _labelled(scenario))


def _labelled(scenario: Scenario) -> Scenario:
    data = make_data(scenario)
    if task_for_target(tuple(data.target.tolist())) == "classification":
        return scenario
    classes = (data.target > np.median(data.target)).astype(float)
    columns = tuple(tuple(float(v) for v in column) for column in data.features.T)
    table = shared_table(Dataset(tuple(data.feature_names), columns, tuple(classes.tolist()), MEDIAN_LABEL))
    try:
        return scenario.with_changes(data=table, features=())
    except ScenarioError:
        return scenario


def placed(markdown: str, section: str, topic: str, lead_paragraphs: int) -> str:
    """The reply with the run section: after the say-back for RUN_LEADS topics, else at the end."""
    if topic not in RUN_LEADS or lead_paragraphs <= 0:
        return f"{markdown}\n\n{section}"
    parts = markdown.split("\n\n")
    return "\n\n".join([*parts[:lead_paragraphs], section, *parts[lead_paragraphs:]])


def _run(named: str, answer: ModelAnswer) -> ModelRun:
    comparison = answer.comparison
    estimator = type(make_estimator(comparison.model, comparison.task, 0, 2)).__name__
    figures = _figures(comparison)
    method = METHODS[comparison.normalization].noun
    heading = f"#### Run with scikit-learn's {estimator} on {escape_markdown(_data_words(answer))}: raw vs {method}"
    stand_in = (
        f"*scikit-learn has no {STAND_INS[named]}; its random forest stands in: both split on thresholds.*"
        if named in STAND_INS
        else ""
    )
    lines = [line for line in _lines(comparison) if line]
    section = "\n\n".join(
        part
        for part in (heading, stand_in, escape_markdown(answer.which), "\n".join(f"- {line}" for line in lines))
        if part
    )
    return ModelRun(
        named=named,
        engine=comparison.model.name,
        estimator=estimator,
        on_learners_data=answer.on_learners_data,
        which=answer.which,
        source=_source(answer),
        task=comparison.task,
        normalization=comparison.normalization,
        score_name=comparison.score_name,
        figures=figures,
        markdown=section,
    )


def _source(answer: ModelAnswer) -> str:
    data = answer.scenario.data
    if data is not None and data.target_name == MEDIAN_LABEL:
        return "synthetic data drawn from your feature ranges, target split at its median"
    return answer.comparison.source


def _data_words(answer: ModelAnswer) -> str:
    if answer.scenario.dataset:
        return f"the {answer.scenario.dataset} dataset"
    return "your data" if answer.scenario.data is not None and "drawn" not in answer.which else "your ranges"


def _figures(comparison: ModelComparison) -> tuple[tuple[str, float | int | bool | None], ...]:
    raw, normalized, theory = comparison.raw, comparison.normalized, comparison.theory
    figures: list[tuple[str, float | int | bool | None]] = [
        ("score_raw", raw.score),
        ("score_normalized", normalized.score),
        ("iterations_raw", raw.iterations),
        ("iterations_normalized", normalized.iterations),
        ("iteration_cap", raw.iteration_cap),
        ("hit_cap_raw", raw.hit_cap),
        ("hit_cap_normalized", normalized.hit_cap),
        ("convergence_warning_raw", any("ConvergenceWarning" in w for w in raw.warnings)),
        ("raised_cap", comparison.raised_cap),
        ("raised_cap_iterations", comparison.raised_cap_iterations),
        ("identical_predictions", comparison.identical_predictions),
        ("rows_fitted", comparison.rows_fitted),
        ("rows_tested", comparison.rows_tested),
    ]
    if theory.logistic is not None:
        figures += [
            ("kappa_start_raw", theory.logistic.start_raw),
            ("kappa_start_normalized", theory.logistic.start_normalized),
        ]
    if theory.distances is not None:
        widest = int(np.argmax(theory.distances.raw))
        figures += [
            ("largest_distance_share_raw", theory.distances.raw[widest]),
            ("largest_distance_share_normalized", theory.distances.normalized[widest]),
        ]
    if theory.activations is not None:
        figures += [
            ("preactivation_std_raw", theory.activations.preactivation_std_raw),
            ("preactivation_std_normalized", theory.activations.preactivation_std_normalized),
            ("stuck_units_raw", theory.activations.stuck_raw),
            ("stuck_units_normalized", theory.activations.stuck_normalized),
        ]
    return tuple(figures)


def _lines(comparison: ModelComparison) -> list[str]:
    raw, normalized, theory = comparison.raw, comparison.normalized, comparison.theory
    score = comparison.score_name
    lines = [
        f"Test {score} on {comparison.rows_tested:,} held-out rows: {score_text(raw.score, score)} raw,"
        f" {score_text(normalized.score, score)} normalized."
    ]
    if raw.diverged:
        lines.append("Raw, the fit blew up (overflow): the steps sized for the large feature overshoot.")
    elif raw.iterations is not None and normalized.iterations is not None:
        if raw.hit_cap:
            warned = any("ConvergenceWarning" in w for w in raw.warnings)
            more = (
                f" With the cap raised to {comparison.raised_cap:,} it needed {comparison.raised_cap_iterations:,}."
                if comparison.raised_cap and comparison.raised_cap_iterations
                else ""
            )
            if normalized.hit_cap:  # both stopped at max_iter: no evidence of speed either way
                lines.append(
                    f"Raw and normalized both hit the cap of {raw.iteration_cap:,} iterations"
                    + (" (the ConvergenceWarning)" if warned else "")
                    + f", so neither run finished within it and their counts say nothing about speed.{more}"
                )
            else:
                lines.append(
                    f"Raw, it hit its cap of {raw.iteration_cap:,} iterations"
                    + (
                        " — that is the ConvergenceWarning: the solver stopped before the gradient was small, because"
                        " the raw features make a long, narrow valley it crosses in tiny steps"
                        if warned
                        else ""
                    )
                    + f"; normalized, it converged in {normalized.iterations:,}.{more}"
                )
        else:
            lines.append(
                f"Iterations (n_iter_): {raw.iterations:,} raw, {normalized.iterations:,} normalized."
                + (
                    MORE_ITERATIONS_NORMALIZED.get(comparison.model.name, MORE_ITERATIONS_ELSE)
                    if normalized.iterations > raw.iterations
                    else ""
                )
            )
    if theory.logistic is not None:
        lines.append(
            f"κ of the log-loss Hessian at the start: {number(theory.logistic.start_raw)} raw,"
            f" {number(theory.logistic.start_normalized)} normalized — the same ravine that slows gradient descent."
        )
    if theory.distances is not None and len(theory.distances.raw) > 1:
        widest = int(np.argmax(theory.distances.raw))
        lines.append(
            f"{escape_markdown(theory.distances.feature_names[widest])} carries"
            f" {theory.distances.raw[widest]:.1%} of the squared distances raw,"
            f" {theory.distances.normalized[widest]:.1%} normalized: scale decides {DISTANCE_DECIDES[comparison.model.name]}."
        )
    if theory.activations is not None:
        stuck = "beyond |z| > 2 (saturated)" if theory.activations.activation == "tanh" else "dead (≤ 0 on every row)"
        lines.append(
            f"First-layer pre-activations at initialization: spread {number(theory.activations.preactivation_std_raw)}"
            f" raw, {number(theory.activations.preactivation_std_normalized)} normalized;"
            f" {theory.activations.stuck_raw:.0%} of units {stuck} raw, {theory.activations.stuck_normalized:.0%}"
            " normalized."
        )
    if comparison.model.name == "tree":
        lines.append(
            f"Predictions identical on {comparison.identical_predictions:.0%} of the test rows: a split compares a"
            " feature with a threshold, and scaling moves the threshold with the data."
        )
    return lines


def _no_run(named: str) -> ModelRun:
    label = NO_RUN[named]
    section = (
        f"#### No run for your {label}\n\nscikit-learn has no {label} to fit here, so there is no computed run. The"
        " closest it runs is a small MLP, and the argument carries over: the first layer multiplies raw inputs by"
        " weights initialized for unit-variance inputs, so a feature in the thousands saturates tanh units and"
        " swamps the others. Ask “does an MLP need scaling?” to see that computed."
    )
    return ModelRun(named, "", "", False, "No run: scikit-learn has no such model.", "", "", "", "", (), section)


def _stopped(named: str, reason: str) -> ModelRun:
    """The run that stopped at its budget: said, with the cheaper setting, instead of a silent gap."""
    section = f"#### No run this time\n\n{escape_markdown(reason)}"
    return ModelRun(named, "", "", False, "No run: it stopped at its time budget.", "", "", "", "", (), section)


def _plain(value: float | int | bool | None) -> float | int | bool | None:
    if isinstance(value, float) and not np.isfinite(value):
        return None
    return value
