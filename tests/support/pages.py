"""The real app in-process through streamlit.testing.v1.AppTest, entry file first, as a visitor opens it."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

ENTRY = str(ROOT / "streamlit_app.py")


def open_page(page: str | None = None, query: dict[str, str | list[str]] | None = None, timeout: float = 60) -> AppTest:
    """Run the entry file, then switch to `page` (e.g. "pages/1_Explore.py") with query parameters."""
    app = AppTest.from_file(ENTRY, default_timeout=timeout)
    for key, value in (query or {}).items():
        app.query_params[key] = value
    app.run()
    if page is not None:
        app.switch_page(page)
        for key, value in (query or {}).items():
            app.query_params[key] = value
        app.run()
    return app


def open_link(url: str, timeout: float = 60) -> AppTest:
    """Open a share link as a browser does: the app's root with the link's query, which names the page."""
    app = AppTest.from_file(ENTRY, default_timeout=timeout)
    for key, value in parse_qs(urlsplit(url).query, keep_blank_values=True).items():
        app.query_params[key] = value
    app.run()
    return app
