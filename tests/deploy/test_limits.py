"""The shipped nginx configuration under abuse, in front of tiny stand-in replicas (fast, no Streamlit).

Each stand-in answers with its own name, so a test sees which replica a request reached. The body
limit, the per-address rate and connection limits (429) and the routing of cookie-less agent calls
are nginx's own behaviour, so they are tested on the real nginx with the generated configuration.
"""

from __future__ import annotations

import http.client
import re
import shutil
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from deploy.local import _stop, free_port, start_nginx
from deploy.nginx import LIMITS, ROUTE_COOKIE, STREAMLIT_CONFIG, body_limit_mb, upload_limit_mb
from tests.conftest import ROOT

MB = 1024 * 1024
EXPLORE_FIRST_VISIT = {"static": 153, "pages": 9}  # measured in Chromium through nginx (deploy/nginx.py LIMITS)
CLASS = 30


class StandIn(BaseHTTPRequestHandler):
    """A replica that reads the whole body, waits if asked (`/slow`), and says who it is."""

    protocol_version = "HTTP/1.1"

    def _answer(self) -> None:
        remaining = int(self.headers.get("Content-Length") or 0)
        while remaining:
            remaining -= len(self.rfile.read(min(remaining, MB)))
        if "slow" in self.path:
            time.sleep(1.5)
        body = self.server.name.encode()  # type: ignore[attr-defined]
        self.send_response(200)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        self._answer()

    def do_POST(self) -> None:
        self._answer()

    def do_PUT(self) -> None:
        self._answer()

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def proxy():
    """nginx with the generated configuration in front of four stand-in replicas; yields its port.

    A fresh nginx per test (it starts in well under a second), so each test starts with empty buckets.
    """
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        pytest.fail("nginx is missing: run ./scripts/test, which installs Debian's nginx")
    servers = []
    for index in range(4):
        server = ThreadingHTTPServer(("127.0.0.1", free_port()), StandIn)
        server.name = f"replica-{index}"  # type: ignore[attr-defined]
        server.daemon_threads = True
        threading.Thread(target=server.serve_forever, daemon=True).start()
        servers.append(server)
    process, port, workdir = start_nginx([f"127.0.0.1:{server.server_address[1]}" for server in servers])
    try:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if request(port, "GET", "/_stcore/health")[0] == 200:
                    break
            except OSError:
                time.sleep(0.05)
        yield port
    finally:
        _stop(process)
        shutil.rmtree(workdir, ignore_errors=True)
        for server in servers:
            server.shutdown()
            server.server_close()


def request(port: int, method: str, path: str, body: bytes = b"", headers: dict | None = None, connection=None):
    """One request; returns (status, body text, the response's Set-Cookie or '')."""
    own = connection is None
    connection = connection or http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=body or None, headers=headers or {})
        response = connection.getresponse()
        text = response.read().decode(errors="replace")
        return response.status, text, response.getheader("Set-Cookie") or ""
    finally:
        if own:
            connection.close()


def burst(port: int, path: str, count: int, method: str = "GET") -> Counter:
    """`count` requests as fast as one keep-alive connection sends them; the statuses seen."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        return Counter(request(port, method, path, connection=connection)[0] for _ in range(count))
    finally:
        connection.close()


def test_every_shipped_body_limit_is_the_apps_upload_limit_plus_multipart_allowance():
    upload = upload_limit_mb()
    assert upload == 20, "README and docs say uploads up to 20 MB; change them with the config"
    for name in ("nginx.conf", "nginx-compose.conf", "nginx-base-path.conf"):
        text = (ROOT / "deploy" / name).read_text()
        server_limit = re.search(r"^    client_max_body_size (\d+)m;", text, re.MULTILINE)
        assert server_limit, name
        assert int(server_limit.group(1)) == body_limit_mb() == upload + 1, (name, STREAMLIT_CONFIG)


def test_an_upload_within_the_limit_passes_and_one_beyond_it_gets_413(proxy):
    path = "/_stcore/upload_file/session/file"
    within = request(proxy, "PUT", path, b"x" * (19 * MB))
    beyond = request(proxy, "PUT", path, b"x" * (21 * MB + 1))
    assert within[0] == 200 and within[1].startswith("replica-")
    assert beyond[0] == 413


def test_a_class_behind_one_address_loads_the_app_and_a_flood_beyond_it_gets_429(proxy):
    """30 first visits to Explore at once from one address all pass; the same again at once is cut."""
    with ThreadPoolExecutor(6) as pool:  # a browser's six connections
        statics = pool.map(lambda _: burst(proxy, "/static/js/chunk.js", EXPLORE_FIRST_VISIT["static"]), range(CLASS))
        pages = pool.map(lambda _: burst(proxy, "/Explore", EXPLORE_FIRST_VISIT["pages"]), range(CLASS))
        statics, pages = sum(statics, Counter()), sum(pages, Counter())
    assert statics == {200: CLASS * EXPLORE_FIRST_VISIT["static"]} and pages == {
        200: CLASS * EXPLORE_FIRST_VISIT["pages"]
    }
    flood = burst(proxy, "/static/js/chunk.js", LIMITS["static"].burst)
    assert flood[429] > LIMITS["static"].burst / 2, flood
    assert burst(proxy, "/", 2 * LIMITS["pages"].burst)[429] > LIMITS["pages"].burst / 2


def test_agent_calls_beyond_the_burst_get_429_and_normal_use_passes(proxy):
    path = "/_stcore/agent/interact"
    assert burst(proxy, path, 10, "POST") == {200: 10}  # a tutor's session: a few calls in a row
    flood = burst(proxy, path, LIMITS["agent"].burst + 30, "POST")  # the rest of the burst, then refused
    assert flood[200] <= LIMITS["agent"].burst - 10 + 2 and flood[429] >= 38, flood


def test_one_address_gets_at_most_four_agent_calls_at_once(proxy):
    allowed = LIMITS["agent"].connections
    with ThreadPoolExecutor(allowed + 2) as pool:
        statuses = Counter(
            pool.map(lambda _: request(proxy, "POST", "/_stcore/agent/interact/slow")[0], range(allowed + 2))
        )
    assert statuses == {200: allowed, 429: 2}, statuses


def test_agent_calls_without_a_cookie_all_reach_one_replica(proxy):
    """A program keeps no cookie: every call is hashed by its address, so its session stays put."""
    reached = Counter()
    for _ in range(12):
        status, replica, set_cookie = request(proxy, "POST", "/_stcore/agent/interact", b"{}")
        assert status == 200 and set_cookie == ""  # no cookie that could move the session later
        reached[replica] += 1
    assert len(reached) == 1, reached


def test_browsers_still_spread_over_the_replicas_and_stick_by_their_cookie(proxy):
    first_visits = [request(proxy, "GET", "/") for _ in range(16)]
    assert len({replica for _, replica, _ in first_visits}) > 1  # a class behind one address is spread
    _, replica, cookie = first_visits[0]
    assert cookie.startswith(f"{ROUTE_COOKIE}=")
    route = cookie.split(";")[0]
    for path in ("/Explore", "/static/js/chunk.js", "/_stcore/upload_file/s/f", "/_stcore/stream"):
        assert request(proxy, "GET", path, headers={"Cookie": route})[1] == replica, path
