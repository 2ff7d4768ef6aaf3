"""Deployment stays true: the server settings, the container's files and health check, the README's picture.

Docker cannot run here, so the container is checked the way it would fail: the files its COPY lines
bring are enough to run the app, and its HEALTHCHECK command succeeds against a real server.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import tomllib

import pytest

from tests.conftest import ROOT
from tests.support.servers import streamlit_run

DOCKERFILE = (ROOT / "Dockerfile").read_text(encoding="utf-8")
CONFIG = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_server_settings_are_production_sane():
    assert CONFIG["server"]["maxUploadSize"] <= 20
    assert CONFIG["server"]["enableXsrfProtection"] is True
    assert CONFIG["server"]["enableCORS"] is True
    assert CONFIG["browser"]["gatherUsageStats"] is False
    assert CONFIG["client"]["showErrorDetails"] in ("type", "none")  # no tracebacks in the browser


def test_community_cloud_installs_the_package_from_requirements_txt():
    lines = [line.strip() for line in (ROOT / "requirements.txt").read_text().splitlines()]
    assert [line for line in lines if line and not line.startswith("#")] == ["."]
    deploy = re.search(r"^## Deploy\n(.*?)(?=^## )", README, re.DOTALL | re.MULTILINE).group(1)
    assert "streamlit_app.py" in deploy and "Python 3.11" in deploy and "requirements.txt" in deploy


def test_the_readme_shows_the_ravine():
    images = re.findall(r"!\[[^\]]+\]\(([^)]+)\)", README)
    assert "docs/ravine.png" in images
    assert (ROOT / "docs" / "ravine.png").read_bytes().startswith(b"\x89PNG")


def dockerfile_copies() -> list[str]:
    sources = []
    for line in DOCKERFILE.splitlines():
        if line.startswith("COPY "):
            sources += shlex.split(line)[1:-1]
    return sources


@pytest.mark.slow  # every page in a fresh interpreter
def test_the_container_files_are_enough_to_run_every_page(tmp_path):
    for source in dockerfile_copies():
        path = ROOT / source
        if path.is_dir():
            shutil.copytree(path, tmp_path / source, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy(path, tmp_path / source)
    script = (
        "from streamlit.testing.v1 import AppTest\n"
        "for page in ['pages/1_Explore.py', 'pages/2_Derivation.py', 'pages/3_Scenarios.py']:\n"
        "    app = AppTest.from_file('streamlit_app.py', default_timeout=120)\n"
        "    app.run()\n"
        "    assert not app.exception, [e.value for e in app.exception]\n"
        "    app.switch_page(page)\n"
        "    app.run()\n"
        "    assert not app.exception, (page, [e.value for e in app.exception])\n"
        "import ui, explainer\n"
        "print(ui.__file__, explainer.__file__)\n"
    )
    result = subprocess.run([sys.executable, "-c", script], cwd=tmp_path, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr[-2000:]
    assert str(tmp_path) in result.stdout  # the copies ran, not the repository's own files


@pytest.mark.server
def test_the_container_health_check_passes_against_a_real_server():
    command = re.search(r'HEALTHCHECK .*?CMD (python -c "[^"]+")', DOCKERFILE, re.DOTALL).group(1)
    url = re.search(r"ENV HEALTH_URL=(\S+)", DOCKERFILE).group(1)
    assert url.endswith("/_stcore/health")
    arguments = [sys.executable if part == "python" else part for part in shlex.split(command)]
    with streamlit_run() as server:
        port_url = url.replace("127.0.0.1:8501", server.url.removeprefix("http://"))
        assert subprocess.run(arguments, env={"HEALTH_URL": port_url}, timeout=30).returncode == 0
    stopped = subprocess.run(arguments, env={"HEALTH_URL": port_url}, capture_output=True, timeout=30)
    assert stopped.returncode != 0  # and it fails once the server is gone
