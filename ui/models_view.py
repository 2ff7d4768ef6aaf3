"""Explore's model section: which model and which data, and the model fitted raw against normalized.

`seed` takes the model and the dataset from a link; `draw` draws the selectors and returns the
page's inputs with the model (and a bundled dataset, which then replaces the features above);
`render` fits (from the one model-fit cache, `explainer.models.budgeted.cached_fit`, with a spinner)
and shows the scores, curves, theory and caveats.
"""

from __future__ import annotations

import dataclasses
from typing import Any

import streamlit as st

from explainer import LinkState, ScenarioError, scenario_from_params
from explainer.budget.memory import table_digest
from explainer.budget.workers import BudgetExceededError, WorkerLostError
from explainer.explanation.text_alternatives import FigureTable
from explainer.formats.datasets import DATASET_LABELS, bundled_dataset
from explainer.models.budgeted import ModelFit, cached_fit
from explainer.models.charts import model_charts
from explainer.models.notes import score_text
from explainer.models.summary import comparison_rows
from explainer.scenario.builder import build
from explainer.scenario.model_choice import (
    ACTIVATIONS,
    BUNDLED_DATASETS,
    MAX_PCA_COMPONENTS,
    MODEL_LABELS,
    MODELS,
    SOLVERS,
    TREE_KINDS,
    ModelSettings,
)
from explainer.scenario.spec import Scenario
from explainer.text.formatting import escape_markdown
from ui import share
from ui.render import draw_chart, render_chart_words, render_formula

K_MODEL = "explore.model"
K_DATASET = "explore.dataset"
K_SOLVER = "explore.solver"
K_ACTIVATION = "explore.activation"
K_TREES = "explore.trees"
K_PCA = "explore.pca"
OWN_DATA = "own"
DATASET_CHOICES = (OWN_DATA, *BUNDLED_DATASETS)
TREE_LABELS = {"forest": "Random forest (100 trees)", "tree": "One decision tree"}


def seed(state: LinkState) -> LinkState:
    """Put the link's model and dataset into the selectors; return what the feature inputs should show."""
    scenario, session = state.scenario, st.session_state
    model = scenario.model
    session[K_MODEL] = model.name
    session[K_DATASET] = scenario.dataset or OWN_DATA
    session[K_SOLVER], session[K_ACTIVATION], session[K_TREES] = model.solver, model.activation, model.tree_kind
    session[K_PCA] = model.pca_components
    session["explore.max_iter"] = model.max_iter
    if not scenario.dataset:
        return state
    # the features above keep the link's own f= (or the defaults); the dataset lives in this section
    rest = scenario_from_params({key: value for key, value in share.current_params().items() if key != "dataset"})
    return LinkState(rest.scenario, state.view, state.warnings)


def draw(entered: Any) -> Any:
    """The model and data selectors; the page's inputs with the model set (and the bundled dataset, if one)."""
    defaults = {K_MODEL: "linear_regression", K_DATASET: OWN_DATA, K_SOLVER: "lbfgs", K_ACTIVATION: "tanh"}
    for key, value in {**defaults, K_TREES: "forest", K_PCA: 0}.items():
        st.session_state.setdefault(key, value)
    st.header("Your model")
    model_column, data_column, option_column = st.columns(3)
    with model_column:
        st.selectbox("Model", MODELS, format_func=MODEL_LABELS.get, key=K_MODEL)
    with data_column:
        st.selectbox(
            "Data",
            DATASET_CHOICES,
            format_func=lambda name: "Your features or data above" if name == OWN_DATA else DATASET_LABELS[name],
            key=K_DATASET,
            help="scikit-learn's bundled datasets, offline. A dataset replaces the features above.",
        )
    name = st.session_state[K_MODEL]
    with option_column:
        if name == "logistic_regression":
            st.selectbox("Solver", SOLVERS, key=K_SOLVER)
        elif name == "mlp":
            st.selectbox("Activation", ACTIVATIONS, key=K_ACTIVATION)
        elif name == "tree":
            st.selectbox("Trees", TREE_KINDS, format_func=TREE_LABELS.get, key=K_TREES)
        if name != "linear_regression":
            st.number_input(
                "PCA components before the model (0: none)",
                0,
                MAX_PCA_COMPONENTS,
                step=1,
                key=K_PCA,
                help="scikit-learn's scaling example: PCA(2) then logistic regression, unscaled against scaled.",
            )
    settings = ModelSettings(
        name,
        st.session_state[K_SOLVER],
        st.session_state[K_ACTIVATION],
        st.session_state[K_TREES],
        st.session_state.get("explore.max_iter"),
        int(st.session_state[K_PCA]) if name != "linear_regression" else 0,
    )
    dataset = st.session_state[K_DATASET]
    try:
        if dataset != OWN_DATA:
            st.caption(f"The features above are set aside: everything below uses the {dataset} dataset.")
            # the learner's training settings (normalization, optimizer, η, steps, tolerance) carry over
            table = bundled_dataset(dataset)
            scenario, dropped = build({"data": table, "dataset": dataset, "model": settings}, entered.scenario)
            for item in dropped:
                st.warning(escape_markdown(str(item)), icon=":material/warning:")
            # its digest (hashed once per table) as the key: the same key the chat and reports compute
            return dataclasses.replace(
                entered, scenario=scenario, table_key=table_digest(table), link_scenario=None, link_note=None
            )
        if settings == entered.scenario.model:
            return entered  # re-validating a 100,000-row table costs about a second: only when the model changed
        link_scenario = entered.link_scenario.with_changes(model=settings) if entered.link_scenario else None
        return dataclasses.replace(
            entered, scenario=entered.scenario.with_changes(model=settings), link_scenario=link_scenario
        )
    except ScenarioError as error:
        reasons = "; ".join(reason for _, reason in error.problems)
        st.warning(f"**{MODEL_LABELS[name]} cannot run on this data**: {escape_markdown(reasons)}")
        return entered


def _outcome(scenario: Scenario, table_key: str | None) -> ModelFit:
    """The cached comparison; a busy server or a lost worker become problems shown once, not cached."""
    try:
        return cached_fit(scenario, table_key)
    except (BudgetExceededError, WorkerLostError) as error:
        return ModelFit(None, (("model", str(error)),))


def render_model_chart_words(chart: Any, key: str) -> None:
    """A model chart's description (its accessible name) for every reader, and the data it plots."""
    frame = chart.data

    def tables() -> tuple[FigureTable, ...]:
        rows = tuple(tuple(row) for row in frame.itertuples(index=False))
        return (FigureTable(str(chart.title), tuple(str(column) for column in frame.columns), rows),)

    render_chart_words(str(chart.description), tables, key=key)


def render(scenario: Scenario, table_key: str | None = None) -> None:
    """The chosen model fitted raw and normalized: scores, iterations, charts, theory, caveats.

    `table_key` stands in for the table's digest in the cache key (see `explainer.budget.memory.cache_key`)."""
    if scenario.model.name == "linear_regression":
        return
    with st.spinner(f"Fitting {MODEL_LABELS[scenario.model.name]} on the raw and the normalized features…"):
        outcome = _outcome(scenario, table_key)
    if outcome.comparison is None:
        problems = "; ".join(f"{path}: {reason}" for path, reason in outcome.problems)
        st.warning(f"**The model could not be fitted**: {escape_markdown(problems)}")
        return
    comparison = outcome.comparison
    raw, normalized = comparison.raw, comparison.normalized
    st.markdown(
        f"**{MODEL_LABELS[scenario.model.name]}**, scikit-learn's own estimator, fitted on"
        f" {escape_markdown(comparison.source)} raw and normalized: the same {comparison.rows_fitted:,} training"
        f" rows and {comparison.rows_tested:,} test rows (70/30 split, random_state=42)."
    )
    columns = st.columns(3)
    columns[0].metric(f"Test {comparison.score_name} (raw)", score_text(raw.score, comparison.score_name))
    gain = comparison.score_gain
    delta = (
        (f"{gain * 100:+.1f} points" if comparison.score_name == "accuracy" else f"{gain:+.3g}")
        if gain == gain
        else None
    )
    columns[1].metric(
        f"Test {comparison.score_name} (normalized)",
        score_text(normalized.score, comparison.score_name),
        delta=delta,
    )
    if raw.iterations is not None or raw.hit_cap:
        # both sides in one metric: the comparison is the point, and a capped raw fit is "> cap"
        shown_raw = f"> {raw.iteration_cap:,}" if raw.hit_cap else f"{raw.iterations:,}"
        shown_normalized = (
            f"> {normalized.iteration_cap:,}"
            if normalized.hit_cap
            else (f"{normalized.iterations:,}" if normalized.iterations is not None else "—")
        )
        columns[2].metric(
            "Iterations raw → normalized",
            f"{shown_raw} → {shown_normalized}",
            help="scikit-learn's n_iter_: iterations to converge; '> N' means the fit stopped at its cap of N"
            " without converging (a ConvergenceWarning, explained below).",
        )
    charts = model_charts(comparison)
    chart_column, table_column = st.columns(2, gap="medium")
    with chart_column:
        draw_chart(charts["scores"], key="model-scores")
        render_model_chart_words(charts["scores"], "model-scores")
    with table_column:
        st.table(
            {
                "Measure": [row[0] for row in comparison_rows(comparison)],
                "raw": [row[1] for row in comparison_rows(comparison)],
                "normalized": [row[2] for row in comparison_rows(comparison)],
            }
        )
    for name in ("loss", "distances"):
        if name in charts:
            draw_chart(charts[name], key=f"model-{name}")
            render_model_chart_words(charts[name], f"model-{name}")
    st.markdown("\n".join(f"- {escape_markdown(note)}" for note in comparison.notes))
    st.caption(
        "Below: linear regression by gradient descent on the same features, where the ravine argument is"
        " worked out exactly (condition number, learning-rate bound, iterations)."
    )


def _latex_number(value: float) -> str:
    """3.48 \\times 10^{8} rather than 3.48e+08."""
    mantissa, _, exponent = f"{value:.3g}".partition("e")
    return rf"{mantissa} \times 10^{{{int(exponent)}}}" if exponent else mantissa


def render_logistic_hessian(scenario: Scenario, table_key: str | None = None) -> None:
    """Derivation's addition when logistic regression is chosen: its Hessian and κ, raw and normalized."""
    if scenario.model.name != "logistic_regression":
        return
    st.subheader("Logistic regression: the same ravine")
    st.markdown(
        "The mean log-loss L(w) = −(1/m) Σᵢ [yᵢ log pᵢ + (1 − yᵢ) log(1 − pᵢ)], with pᵢ = σ(x̃ᵢ·w), has gradient"
        " (1/m)·X̃ᵀ(p − y) and Hessian below (scikit-learn adds its L2 penalty, 1/(C·m) on every weight but the"
        " bias). Where linear regression's curvature is X̃ᵀX̃, logistic regression weights each sample by"
        " p(1 − p) ≤ 1/4; at the start (w = 0) every p is 1/2 and the Hessian is X̃ᵀX̃/(4m): the raw features'"
        " ravine, unchanged."
    )
    render_formula(
        r"H = \frac{1}{m}\,\tilde X^\top \operatorname{diag}\big(p_i(1-p_i)\big)\,\tilde X"
        r" + \frac{1}{C\,m}\,\operatorname{diag}(0, 1, \dots, 1)"
    )
    with st.spinner("Fitting logistic regression on the raw and the normalized features…"):
        outcome = _outcome(scenario, table_key)
    if outcome.comparison is None or outcome.comparison.theory.logistic is None:
        return
    curvature = outcome.comparison.theory.logistic
    start_raw, start_normalized = _latex_number(curvature.start_raw), _latex_number(curvature.start_normalized)
    end_raw, end_normalized = _latex_number(curvature.solution_raw), _latex_number(curvature.solution_normalized)
    render_formula(
        rf"\kappa_{{\text{{start}}}}: {start_raw}\ \text{{raw}} \;\to\; {start_normalized}\ \text{{normalized}}"
        rf" \qquad \kappa_{{\text{{solution}}}}: {end_raw} \;\to\; {end_normalized}"
    )
    raw, normalized = outcome.comparison.raw, outcome.comparison.normalized
    st.markdown(
        f"Computed on {escape_markdown(outcome.comparison.source)} ({escape_markdown(curvature.blocks)})."
        f" scikit-learn's solver ({scenario.model.solver}) needed"
        f" {'more than its cap of ' + format(raw.iteration_cap or 0, ',') if raw.hit_cap else format(raw.iterations or 0, ',')}"
        f" iterations raw and {normalized.iterations or 0:,} normalized."
    )
