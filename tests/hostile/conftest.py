"""Hostile-visitor tests: a real server started as in production (`python -m deploy.serve`), one per module.

Driven by Streamlit's own WebSocket protocol (deploy/protocol.py), not a browser, so a hostile chat
message, a costly link and a neighbour's rerun are plain messages; `/_stcore/health` is polled meanwhile.
"""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from deploy.hostile import settle
from deploy.local import Cluster


@pytest.fixture(scope="module")
def server() -> Iterator[Cluster]:
    """One warm server for the module (deploy.serve on a free loopback port)."""
    with Cluster() as cluster:
        yield cluster


@pytest.fixture(autouse=True)
def settled(request) -> Iterator[None]:
    """After each test, wait for the server to answer health quickly again: a hostile run may outlive its client."""
    yield
    if "server" in request.fixturenames:
        settle(request.getfixturevalue("server").url)
