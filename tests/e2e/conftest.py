"""End-to-end tests: a real `streamlit run` server and Debian's headless Chromium via Playwright.

Never `playwright install`: browser downloads are impossible here; /usr/bin/chromium is
installed by scripts/test. Without it these tests fail (set EXPLAINER_SKIP_BROWSER=1 to skip
them knowingly on a machine that cannot have it).
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import CHROMIUM, CHROMIUM_ARGS, ROOT  # noqa: F401  (the browser fixture lives there)

OUTPUT = ROOT / "test-output"


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def start_server(extra_args: list[str] | None = None) -> tuple[subprocess.Popen, str]:
    """A fresh `streamlit run streamlit_app.py` on a free port; returns (process, base URL)."""
    port = _free_port()
    command = [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(ROOT / "streamlit_app.py"),
        "--server.port",
        str(port),
        "--server.address",
        "127.0.0.1",
        "--server.headless",
        "true",
        *(extra_args or []),
    ]
    process = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(f"{base}/_stcore/health", timeout=2) as response:
                if response.status == 200:
                    return process, base
        except OSError:
            time.sleep(0.2)
    stop_server(process)
    raise RuntimeError("streamlit did not answer /_stcore/health within 60 s")


def stop_server(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(timeout=10)
    except (ProcessLookupError, subprocess.TimeoutExpired):
        os.killpg(process.pid, signal.SIGKILL)


@pytest.fixture
def fresh_server() -> Iterator[str]:
    """A server started for this test alone: its first request is the test's (a share link's case)."""
    process, base = start_server()
    yield base
    stop_server(process)


@pytest.fixture(scope="session")
def app_server() -> Iterator[str]:
    process, base = start_server()
    yield base
    stop_server(process)


@pytest.fixture
def page(browser, request):
    """A new browser context per test, tall so full-page screenshots show everything."""
    context = browser.new_context(viewport={"width": 1400, "height": 2400})
    context.set_default_timeout(30_000)
    tab = context.new_page()
    yield tab
    context.close()


@pytest.fixture
def output_dir(request) -> Path:
    """test-output/<test name>/ for screenshots and saved pages."""
    folder = OUTPUT / request.node.name
    folder.mkdir(parents=True, exist_ok=True)
    return folder
