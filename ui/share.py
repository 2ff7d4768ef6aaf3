"""Share links on the scenario pages: the address bar's query parameters ⇄ the page's state.

The URL is the source of truth whenever a page is entered (a share link, a page switch, a
reload); after that the widgets are, and every run writes their state back to the URL in the
canonical form of `explainer.formats.link`. The link to copy is built from the address the browser is
using (`st.context.url`), so it is right on localhost, behind a proxy path and on a public host.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from urllib.parse import urlsplit

import streamlit as st

from explainer import LinkState, Scenario, default_scenario, scenario_from_params, scenario_to_params, share_url
from explainer.text.formatting import escape_markdown
from ui.page_state import link_memory, remember_link

PROTECTED_KEYS = frozenset({"embed", "embed_options"})  # Streamlit's own; never ours to read or write
Params = dict[str, list[str]]  # as ui.page_state.Params

# Streamlit drops a whole query string of more than 1,000 parameters (or 512 Ki characters) before
# the script sees it, so a link with 10 000 features would silently open the default. The browser
# still has the address: this tiny component reads it there and reports what was dropped.
QUERY_FIELDS_LIMIT = 1000
QUERY_CHARACTERS_LIMIT = 512 * 1024
_GUARD_JS = f"""
export default function (component) {{
  const query = window.location.search.replace(/^\\?/, "");
  if (!query) return;
  const fields = query.split("&").length;
  if (fields > {QUERY_FIELDS_LIMIT} || query.length > {QUERY_CHARACTERS_LIMIT}) {{
    component.setStateValue("dropped", {{ fields: fields, characters: query.length }});
  }}
}}
"""


def current_params() -> Params:
    """The address bar's query parameters, every value kept (repeated keys such as `f` are lists)."""
    return {key: st.query_params.get_all(key) for key in st.query_params if key not in PROTECTED_KEYS}


def as_lists(params: Mapping[str, str | Sequence[str]]) -> Params:
    return {key: [value] if isinstance(value, str) else [str(item) for item in value] for key, value in params.items()}


def needs_loading(page: str, widget_keys: Iterable[str]) -> bool:
    """Read the URL when this page's widgets have no state (first visit, page switch) or the URL
    is not the one this page wrote last (a link opened, back/forward)."""
    if any(key not in st.session_state for key in widget_keys):
        return True
    return current_params() != link_memory(page).written


def load(page: str, base: Scenario | None = None) -> LinkState:
    """The link's scenario and view (never raises), remembering its warnings for this page."""
    state = scenario_from_params(current_params(), base)
    remember_link(page, state.warnings)
    return state


def write(page: str, params: Mapping[str, str | Sequence[str]]) -> Params:
    """Put the page's state in the address bar (only when it changed) and remember what was written.

    An address without parameters already means the default view, so it is left as it is: a link
    Streamlit refused (see `dropped_query_warning`) stays in the address bar for the browser to report.
    """
    wanted = as_lists(params)
    current = current_params()
    if not current and wanted == as_lists(scenario_to_params(default_scenario())):
        wanted = current
    if current != wanted:
        st.query_params.from_dict(wanted)
    memory = link_memory(page)
    memory.written = wanted
    if memory.fresh:
        memory.warned_params, memory.fresh = wanted, False
    return wanted


def link_warnings(page: str) -> tuple[str, ...]:
    """The loaded link's warnings, kept on screen until the learner changes something."""
    memory = link_memory(page)
    if memory.written != memory.warned_params:
        return ()
    return memory.warnings


def dropped_query_warning(page: str) -> str | None:
    """A warning when the browser's address had a query string too large for Streamlit to pass on."""
    guard = st.components.v2.component("query_guard", js=_GUARD_JS)
    result = guard(key=f"{page}.query_guard", on_dropped_change=lambda: None, height=0)
    dropped = getattr(result, "dropped", None)
    if not isinstance(dropped, dict) or current_params():
        return None  # nothing dropped, or the learner has moved on and the address is the page's own again
    try:
        fields, characters = int(dropped.get("fields", 0)), int(dropped.get("characters", 0))
    except (TypeError, ValueError):
        return None
    return (
        f"the link has {fields:,} parameters ({characters:,} characters); at most {QUERY_FIELDS_LIMIT:,} parameters"
        f" and {QUERY_CHARACTERS_LIMIT:,} characters are read, so none of it was used (a scenario has at most"
        " 20 features)"
    )


def show_link_warnings(warnings: Sequence[str]) -> None:
    if warnings:
        lines = "\n".join(f"- {escape_markdown(text)}" for text in warnings)
        st.warning(
            f"**Parts of this link could not be used**; they were ignored and safe values used instead:\n\n{lines}",
            icon=":material/link_off:",
        )


def app_base_url(page_path: str) -> str:
    """Where the app is served, as the browser sees it (scheme, host, any proxy path), without the page."""
    url = st.context.url
    if url:
        parts = urlsplit(url)
        path = parts.path.rstrip("/")
        if path.endswith("/" + page_path):
            path = path[: -len(page_path) - 1]
        return f"{parts.scheme}://{parts.netloc}{path}"
    # No browser context (an old client or a test): the request headers, then the server's own settings.
    headers = st.context.headers
    base_path = str(st.get_option("server.baseUrlPath") or "").strip("/")
    host = headers.get("X-Forwarded-Host") or headers.get("Host") if headers else None
    scheme = (headers.get("X-Forwarded-Proto") if headers else None) or "http"
    if not host:
        host = f"localhost:{st.get_option('server.port')}"
    return f"{scheme}://{host}/{base_path}".rstrip("/")


def share_control(page_path: str, scenario: Scenario, view: Mapping[str, str], note: str | None = None) -> str:
    """The visible "Share this view" control: the full link, with a copy button."""
    link = share_url(app_base_url(page_path), page_path, scenario, view)
    with st.popover("Share this view", icon=":material/share:"):
        st.markdown("Anyone opening this link sees exactly these inputs, numbers and plots.")
        st.code(link, language=None, wrap_lines=True)
        if note:
            st.caption(note)
    return link
