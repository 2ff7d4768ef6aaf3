"""Agent API tests: a real `streamlit run streamlit_app.py` on loopback, driven over HTTP and MCP.

The API is on because `.streamlit/config.toml` turns it on (no command-line flag), so these tests
also check the shipped configuration. Only the session cap is raised: the tests open more sessions
than the 8 the config allows one deployment, and none is idle for the 300 s after which it is freed.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.servers import streamlit_run


@pytest.fixture(scope="session")
def agent_server() -> Iterator[str]:
    """Base URL of the app (http://127.0.0.1:PORT) with the agent API on."""
    with streamlit_run("--server.agentMaxSessions", "64") as server:
        yield server.url
