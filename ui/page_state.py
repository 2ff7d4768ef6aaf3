"""Typed session state that one page leaves for another (instead of string keys written across pages).

`LinkMemory` is what `ui.share` remembers per page about its link; `ExploreView` is what Explore
leaves for the Derivation page (an uploaded table lives in the session, not in the link).
"""

from __future__ import annotations

from dataclasses import dataclass, field

import streamlit as st

from explainer import Scenario

Params = dict[str, list[str]]


@dataclass
class LinkMemory:
    """A page's link bookkeeping: the loaded link's warnings, and the parameters the page last wrote."""

    warnings: tuple[str, ...] = ()
    written: Params | None = None
    warned_params: Params | None = None  # the parameters the warnings belong to; None until the first write
    fresh: bool = field(default=True)  # True from loading a link until its first write


@dataclass(frozen=True)
class ExploreView:
    """What Explore shows, for the Derivation page: the scenario, its table's cache key, and its link."""

    params: Params
    scenario: Scenario
    table_key: str | None
    link_scenario: Scenario
    link_note: str | None


def link_memory(page: str) -> LinkMemory:
    """This page's LinkMemory (created empty on first use)."""
    key = f"{page}.link"
    if not isinstance(st.session_state.get(key), LinkMemory):
        st.session_state[key] = LinkMemory()
    return st.session_state[key]


def remember_link(page: str, warnings: tuple[str, ...]) -> None:
    """A link was just loaded: keep its warnings on screen until the visitor changes something."""
    st.session_state[f"{page}.link"] = LinkMemory(warnings=tuple(warnings), written=link_memory(page).written)


def add_link_warnings(page: str, warnings: list[str] | tuple[str, ...]) -> None:
    memory = link_memory(page)
    memory.warnings = (*memory.warnings, *warnings)


def publish_explore_view(view: ExploreView) -> None:
    st.session_state["explore.view"] = view


def explore_view() -> ExploreView | None:
    view = st.session_state.get("explore.view")
    return view if isinstance(view, ExploreView) else None
