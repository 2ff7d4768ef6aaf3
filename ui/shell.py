"""The frame every page shares: page config and the sidebar navigation.

The app uses Streamlit's file-based pages (streamlit_app.py + pages/), not st.navigation:
with st.navigation and a folder named pages/, a fresh server's first visit to a deep link
(exactly what a share link is) ran the page file alone, without the entry script.
The built-in page list is hidden (client.showSidebarNavigation = false) so the labels are ours.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from explainer.formats.link import PAGE_KEY
from explainer.text.formatting import escape_markdown
from ui import turns

PAGES = (
    ("streamlit_app.py", "Ask", ":material/forum:"),
    ("pages/1_Explore.py", "Explore", ":material/landscape:"),
    ("pages/2_Derivation.py", "Derivation", ":material/function:"),
    ("pages/3_Scenarios.py", "Scenarios", ":material/school:"),
)
LINK_OPENED = "shell.link_opened"  # session state: this session began at a share link and switched once
SCENARIO_PAGES = ("pages/1_Explore.py", "pages/2_Derivation.py")  # pages that show the scenario of the URL


@dataclass
class Navigation:
    """The sidebar's page links, redrawn once a page knows its scenario so Explore ⇄ Derivation keep it."""

    slot: DeltaGenerator

    def carry(self, params: Mapping[str, str | Sequence[str]]) -> None:
        """Redraw the links so the scenario pages open with these query parameters."""
        _draw_links(self.slot, params)


def open_linked_page() -> str | None:
    """A share link opens the app's root with `?page=Explore&…`: run that page with the rest of the query.

    Streamlit's frontend shows a page opened at its own URL (/Explore) about 0.4 s later than one opened at
    "/" (it first looks for the app under /Explore/_stcore, then at the root); switching from the root costs
    no round trip. Links to /Explore?… keep working. Returns a note when the link names a page the app lacks (a
    mistyped address): the Ask page shows it, escaped, above the chat.

    The switch leaves two entries in the browser's history (the root with the query, then /Explore?…), so the
    first Back shows the Ask page; the link's address itself then shows Ask too, since it switches only once a
    session, and the next Back leaves the app instead of being sent forward again."""
    named = str(st.query_params.get(PAGE_KEY) or "").strip()
    wanted = named.lower()  # "?page=explore", typed by hand
    target = next((path for path, label, _ in PAGES[1:] if label.lower() == wanted), None)
    if target is None and wanted not in ("", PAGES[0][1].lower()):
        pages = ", ".join(label for _, label, _ in PAGES)
        return f"The link names a page “{escape_markdown(named[:40])}” that this app does not have ({pages}), so here is Ask."
    if target is None or st.session_state.get(LINK_OPENED):
        return None  # once per session: Back to the link's own address must leave the app, not switch forward again
    st.session_state[LINK_OPENED] = True
    rest = {key: st.query_params.get_all(key) for key in st.query_params if key != PAGE_KEY}
    st.switch_page(target, query_params=rest)
    return None


def opened_by_link() -> bool:
    """Whether this session began at a share link (the browser's Back then passes the Ask page on its way out)."""
    return bool(st.session_state.get(LINK_OPENED))


def page_setup(title: str) -> Navigation:
    """Call first on every page: tab title, wide layout, and the navigation in the sidebar."""
    turns.take_turn()  # a visitor's first run goes ahead of other sessions' heavier runs
    st.set_page_config(page_title=f"{title} · Why normalize?", page_icon=":material/landscape:", layout="wide")
    with st.sidebar:
        st.markdown("### Why normalize?")
        slot = st.empty()
    _draw_links(slot, None)
    return Navigation(slot)


def _draw_links(slot: DeltaGenerator, params: Mapping[str, str | Sequence[str]] | None) -> None:
    with slot.container():
        for path, label, icon in PAGES:
            carried = dict(params) if params and path in SCENARIO_PAGES else None
            st.page_link(path, label=label, icon=icon, query_params=carried)
