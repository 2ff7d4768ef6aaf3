"""Engine calls cached per scenario, so a rerun with the same inputs costs nothing."""

from __future__ import annotations

import streamlit as st

from explainer import Explanation, Scenario, explain

CACHE_ENTRIES = 64  # explanations kept; each holds a few hundred kB of figure data


@st.cache_data(max_entries=CACHE_ENTRIES, show_spinner="Working it out…")
def cached_explain(scenario: Scenario) -> Explanation:
    """`explain(scenario)`, keyed on the (small, frozen) scenario itself."""
    return explain(scenario)
