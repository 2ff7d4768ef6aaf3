"""The frame every page shares: page config and the sidebar navigation.

The app uses Streamlit's file-based pages (streamlit_app.py + pages/), not st.navigation:
with st.navigation and a folder named pages/, a fresh server's first visit to a deep link
(exactly what a share link is) ran the page file alone, without the entry script.
The built-in page list is hidden (client.showSidebarNavigation = false) so the labels are ours.
"""

from __future__ import annotations

import streamlit as st

PAGES = (
    ("streamlit_app.py", "Ask", ":material/forum:"),
    ("pages/1_Explore.py", "Explore", ":material/landscape:"),
    ("pages/2_Derivation.py", "Derivation", ":material/function:"),
    ("pages/3_Scenarios.py", "Scenarios", ":material/school:"),
)


def page_setup(title: str) -> None:
    """Call first on every page: tab title, wide layout, and the navigation in the sidebar."""
    st.set_page_config(page_title=f"{title} · Why normalize?", page_icon=":material/landscape:", layout="wide")
    with st.sidebar:
        st.markdown("### Why normalize?")
        for path, label, icon in PAGES:
            st.page_link(path, label=label, icon=icon)
