"""Agent follow-ups behind nginx: two real replicas, a client with no cookie jar, one session throughout.

An agent session lives in one replica's memory. A program (curl, urllib, most MCP clients) sends no
`wn_route` cookie, so nginx hashes its calls by address; before that, each call was routed on its own
and 5 of 9 follow-ups reached the other replica, which answered `404 unknown_session`.
"""

from __future__ import annotations

import json
import shutil
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from deploy.local import Cluster

FOLLOW_UPS = 9
PAGES = ("Scenarios", "Derivation", "")  # a tutor moving through the app, one call at a time


@pytest.fixture(scope="module")
def cluster():
    if shutil.which("nginx") is None and not Path("/usr/sbin/nginx").exists():
        pytest.fail("nginx is missing: run ./scripts/test, which installs Debian's nginx")
    with Cluster(replicas=2, base_path="why") as running:
        yield running


def interact(url: str, request: dict) -> tuple[int, dict, str]:
    """One agent call with no cookie; returns the status, the JSON answer and any Set-Cookie."""
    call = urllib.request.Request(
        f"{url}/_stcore/agent/interact", json.dumps(request).encode(), {"Content-Type": "application/json"}
    )
    try:
        with urllib.request.urlopen(call, timeout=90) as response:
            return response.status, json.load(response), response.headers.get("Set-Cookie") or ""
    except urllib.error.HTTPError as refused:
        return refused.code, json.load(refused), refused.headers.get("Set-Cookie") or ""


def test_cookieless_agent_follow_ups_all_reach_their_session(cluster):
    status, first, cookie = interact(cluster.url, {})
    assert status == 200 and cookie == "", (status, first)
    session = first["session_id"]
    answers = []
    for index in range(FOLLOW_UPS):
        page = PAGES[index % len(PAGES)]
        status, answer, cookie = interact(cluster.url, {"session_id": session, "page": page})
        answers.append((status, answer.get("session_id"), answer.get("page", {}).get("url_path"), cookie))
    lost = [answer for answer in answers if answer[:2] != (200, session)]
    print(
        f"\nagent behind 2 replicas: {FOLLOW_UPS - len(lost)} of {FOLLOW_UPS} cookie-less follow-ups kept their session"
    )
    assert lost == [], lost
    assert [answer[2] for answer in answers] == [PAGES[index % len(PAGES)] for index in range(FOLLOW_UPS)]
