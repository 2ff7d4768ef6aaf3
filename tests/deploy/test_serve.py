"""The warm launcher: the server answers its health check only after the slow work is done."""

from __future__ import annotations

import os
import subprocess
import time
import urllib.request

import pytest

from deploy.local import free_port, replica_command
from explainer import default_scenario
from explainer.budget.memory import cache_key
from explainer.explanation.cache import EXPLANATIONS
from tests.conftest import ROOT


@pytest.mark.slow  # the launcher's whole warm-up
def test_warm_fills_the_shared_caches():
    from deploy.serve import warm

    EXPLANATIONS.clear()  # earlier tests in the run may have filled it already
    warm()
    assert EXPLANATIONS.get(cache_key(default_scenario())) is not None


@pytest.mark.server
def test_the_launched_server_is_healthy_only_once_warm():
    port = free_port()
    process = subprocess.Popen(
        replica_command(port),
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        start_new_session=True,
    )
    try:
        deadline = time.monotonic() + 120
        healthy = False
        while not healthy and time.monotonic() < deadline and process.poll() is None:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2) as response:
                    healthy = response.status == 200
            except OSError:
                time.sleep(0.1)
        assert healthy, "the launched server never became healthy"
    finally:
        os.killpg(process.pid, 15)
        _, errors = process.communicate(timeout=30)
    lines = errors.splitlines()
    warm_line = next(index for index, line in enumerate(lines) if line.startswith("why-normalize: warm in"))
    started = next(index for index, line in enumerate(lines) if "server started" in line)
    assert warm_line < started, errors[:500]  # warm before Streamlit's server started listening
