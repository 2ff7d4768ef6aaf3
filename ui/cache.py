"""Engine calls cached per scenario, so a rerun with the same inputs costs nothing."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, fields

import streamlit as st

from explainer import Explanation, Scenario, ScenarioError, explain
from explainer.figures import RavineFigure, ravine_figure

CACHE_ENTRIES = 64  # explanations kept; each holds a few hundred kB of figure data


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner="Working it out…")
def cached_explain(scenario: Scenario) -> Explanation:
    """`explain(scenario)`, keyed on the (small, frozen) scenario itself."""
    return explain(scenario)


@dataclass(frozen=True)
class Outcome:
    """An explanation, or the problems that stopped it (kept as data so the failure is cached too)."""

    explanation: Explanation | None
    problems: tuple[tuple[str, str], ...] = ()


def scenario_key(scenario: Scenario, table_key: str | None = None) -> str:
    """A cheap, exact cache key: the scenario's repr, with a table replaced by its digest.

    Hashing a 100 000-row table value by value costs seconds on every rerun; the page
    digests the uploaded bytes once and passes that digest as `table_key`.
    """
    if scenario.data is None:
        return repr(scenario)
    if table_key is None:
        table_key = hashlib.sha256(repr(scenario.data).encode()).hexdigest()
    settings = tuple((item.name, getattr(scenario, item.name)) for item in fields(scenario) if item.name != "data")
    return f"table {table_key} {settings!r}"


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner="Working it out…")
def explain_by_key(key: str, _scenario: Scenario) -> Outcome:
    """`explain(scenario)` cached on `scenario_key(scenario)`; a ScenarioError becomes problems."""
    try:
        return Outcome(explain(_scenario))
    except ScenarioError as error:
        return Outcome(None, error.problems)


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner=False)
def ravine_by_key(key: str, pair: tuple[str, str], _scenario: Scenario) -> RavineFigure:
    """The ravine over another pair of parameters (the explanation holds the first pair's)."""
    explanation = explain_by_key(key, _scenario).explanation
    if explanation is None:
        raise ValueError("no explanation for this scenario")
    return ravine_figure(explanation.analysis, pair)
