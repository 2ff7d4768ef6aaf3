"""Engine calls cached per scenario, so a rerun with the same inputs costs nothing.

Every page and the chat share one cache, `explainer.explanation.cache` (a region of `explainer.budget.memory`,
bounded by bytes under the one memory budget, shared by all sessions, no pickling): a class opening
the same link computes it once.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass

import streamlit as st

from explainer import Explanation, Scenario, ScenarioError
from explainer.budget.memory import MEMORY, BoundedCache, cache_key, region
from explainer.budget.workers import warm_up_in_background
from explainer.explanation.cache import EXPLANATIONS, cached_numbers, report_busy_with
from explainer.explanation.cache import cached_explain as _shared_explain
from explainer.explanation.figures import RavineFigure, ravine_figure
from explainer.explanation.numbers import AnswerInNumbers
from explainer.text.formatting import escape_markdown

warm_up_in_background()  # the worker processes start while the first page draws (a no-op once started)

SCRIPT_THREAD = "ScriptRunner.scriptThread"  # the name Streamlit gives the thread of each script run


def _serving_others() -> bool:
    """More than this script run in progress: other sessions are using this process's one core."""
    return sum(thread.name == SCRIPT_THREAD for thread in threading.enumerate()) > 1


report_busy_with(_serving_others)

RAVINE_ENTRIES = 32  # ravines over a non-default pair of parameters (each a few tens of kB)
_RAVINES: BoundedCache = region("ravines", max_entries=RAVINE_ENTRIES)


def cached_explain(scenario: Scenario) -> Explanation:
    """`explain(scenario)`, from the shared cache."""
    key = cache_key(scenario)
    cached = EXPLANATIONS.get(key)
    if cached is not None:
        return cached
    with st.spinner("Working it out…"):
        return _shared_explain(scenario, key)


@dataclass(frozen=True)
class Outcome:
    """An explanation, or the problems that stopped it."""

    explanation: Explanation | None
    problems: tuple[tuple[str, str], ...] = ()


def explanation_key(scenario: Scenario, table_key: str | None = None) -> str:
    """The pages' key for a scenario's explanation: `cache_key`, with the model left out (linear regression's
    explanation never reads it, so one explanation serves whichever model is chosen).

    Hashing a 100 000-row table value by value costs seconds on every rerun; the page digests the
    uploaded bytes once and passes that digest as `table_key`.
    """
    return cache_key(scenario, table_key, ignoring=("model",))


def explain_by_key(key: str, scenario: Scenario) -> Outcome:
    """`explain(scenario)` cached on `key` (from `explanation_key`); a ScenarioError becomes problems."""
    try:
        cached = EXPLANATIONS.get(key)
        if cached is not None:
            return Outcome(cached)
        with st.spinner("Working it out…"):
            return Outcome(_shared_explain(scenario, key))
    except ScenarioError as error:
        return Outcome(None, error.problems)


def numbers_by_key(key: str, scenario: Scenario) -> AnswerInNumbers | None:
    """The answer in numbers alone (a share link's first paint), cached on `key`; None when the scenario has no
    answer, which the page's full run then states."""
    try:
        return cached_numbers(scenario, key)
    except ScenarioError:
        return None


def explanation_or_stop(scenario: Scenario, table_key: str | None, advice: str) -> tuple[str, Explanation]:
    """A page's key and explanation; inputs with no unique answer are listed, with `advice`, and the page stops."""
    key = explanation_key(scenario, table_key)
    outcome = explain_by_key(key, scenario)
    if outcome.explanation is None:
        problems = "\n".join(
            f"- {escape_markdown(path)}: {escape_markdown(reason)}" for path, reason in outcome.problems
        )
        st.warning(f"**These inputs have no unique answer**; {advice}:\n\n{problems}")
        st.stop()
    return key, outcome.explanation


def ravine_by_key(key: str, pair: tuple[str, str], scenario: Scenario) -> RavineFigure:
    """The ravine over another pair of parameters (the explanation holds the first pair's)."""

    def compute() -> RavineFigure:
        explanation = explain_by_key(key, scenario).explanation
        if explanation is None:
            raise ValueError("no explanation for this scenario")
        return ravine_figure(explanation.analysis, pair)

    return _RAVINES.get_or_compute((key, pair), compute)


def clear_all() -> None:
    """Empty every cache the pages use (benchmarks and tests that need a cold start)."""
    from ui.render import clear_chart_cache

    MEMORY.clear()
    clear_chart_cache()
    st.cache_data.clear()
    st.cache_resource.clear()
