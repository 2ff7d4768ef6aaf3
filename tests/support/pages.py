"""The real app in-process through streamlit.testing.v1.AppTest, entry file first, as a visitor opens it."""

from __future__ import annotations

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
