"""The shipped deployment files: generated nginx configs that nginx accepts, a compose file that parses."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest
import yaml

from deploy.local import NGINX
from deploy.nginx import main_config, site_config
from tests.conftest import ROOT

DEPLOY = ROOT / "deploy"
SHIPPED = {
    "nginx.conf": {},
    "nginx-compose.conf": {"replicas": ("app1:8501", "app2:8501")},
    "nginx-base-path.conf": {"base_path": "why"},
}


@pytest.mark.parametrize("name", SHIPPED)
def test_shipped_nginx_configs_are_what_the_generator_writes(name):
    assert (DEPLOY / name).read_text() == site_config(**SHIPPED[name])


@pytest.mark.parametrize("name", SHIPPED)
def test_nginx_accepts_each_config(name):
    site = (DEPLOY / name).read_text().replace("app1:8501", "127.0.0.1:1").replace("app2:8501", "127.0.0.1:2")
    with tempfile.TemporaryDirectory() as folder:
        config = Path(folder) / "nginx.conf"
        config.write_text(main_config(site.replace("listen 80;", "listen 127.0.0.1:1;"), folder))
        result = subprocess.run(
            [NGINX, "-t", "-c", str(config), "-p", folder, "-e", f"{folder}/error.log"],
            capture_output=True,
            text=True,
            timeout=30,
        )
    assert result.returncode == 0, result.stderr


def test_the_config_keeps_websockets_and_sessions_on_one_replica():
    text = site_config(base_path="why")
    assert "proxy_set_header Upgrade $http_upgrade;" in text
    assert "proxy_set_header Connection $connection_upgrade;" in text
    assert "hash $route_key consistent;" in text
    assert "proxy_read_timeout 3600s;" in text
    assert "location /why/ {" in text and "Path=/why/" in text


def test_compose_runs_two_warm_replicas_behind_the_proxy():
    compose = yaml.safe_load((DEPLOY / "compose.yaml").read_text())
    services = compose["services"]
    assert {"app1", "app2", "proxy"} <= services.keys()
    for name in ("app1", "app2"):
        app = services[name]
        assert app["build"]["dockerfile"] == "Dockerfile" and (DEPLOY / app["build"]["context"] / "Dockerfile").exists()
        assert app["mem_limit"] and "_stcore/health" in " ".join(app["healthcheck"]["test"])
    mounted = services["proxy"]["volumes"][0].split(":")[0]
    assert (DEPLOY / mounted).resolve() == (DEPLOY / "nginx-compose.conf").resolve()
    assert services["proxy"]["depends_on"]["app1"]["condition"] == "service_healthy"
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert '"-m", "deploy.serve"' in dockerfile and "COPY deploy ./deploy" in dockerfile
