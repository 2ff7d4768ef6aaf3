"""The shipped agent API settings, on servers of their own: the session cap refuses a 9th session, a web
page on another site is refused, and the documented switch turns the API off."""

from __future__ import annotations

import tomllib

from deploy.agent import post
from tests.conftest import ROOT
from tests.support.servers import streamlit_run

SERVER = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))["server"]


def test_the_ninth_session_is_refused_until_one_is_freed_and_no_web_page_may_call():
    with streamlit_run() as server:  # the shipped config, cap included
        base = server.url
        opened = [post(base, {}) for _ in range(SERVER["agentMaxSessions"])]
        assert [status for status, _ in opened] == [200] * SERVER["agentMaxSessions"]
        status, body = post(base, {})
        assert status == 429 and body["error"]["code"] == "too_many_sessions"
        status, body = post(base, {"session_id": opened[0][1]["session_id"]})  # an open session still works
        assert status == 200 and body["status"] == "ready"
        status, body = post(base, {}, {"Origin": "https://elsewhere.example"})  # a web page on another site
        assert status == 403 and body["error"]["code"] == "origin_not_allowed"


def test_the_documented_switch_turns_the_api_off():
    with streamlit_run("--server.enableAgentApi=false") as server:
        status, body = post(server.url, {"page": "Explore"})
        assert status == 403 and body["error"]["code"] == "not_available"
