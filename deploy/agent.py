"""A minimal client for Streamlit's agent API (`/_stcore/agent/interact`), as a program driving the app uses it.

Plain `urllib`. A run that outlasts `server.agentWaitTimeout` answers 202 `wait_timed_out`; `interact`
then sends only the `session_id` to collect it, as the protocol says. Used by the agent API tests and
benchmarks/bench_agent.py.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from typing import Any

INTERACT = "/_stcore/agent/interact"


class AgentError(Exception):
    """A refused request: the HTTP status and the API's `error` object (`code`, `message`)."""

    def __init__(self, status: int, error: dict[str, Any]):
        super().__init__(f"{status} {error.get('code')}: {error.get('message')}")
        self.status = status
        self.code = error.get("code")
        self.message = error.get("message", "")


def post(base: str, payload: dict[str, Any], headers: dict[str, str] | None = None) -> tuple[int, dict[str, Any]]:
    """One POST to the interact route: (status, parsed body), errors included."""
    request = urllib.request.Request(
        base + INTERACT,
        data=json.dumps(payload).encode(),
        headers={"Content-Type": "application/json", **(headers or {})},
    )
    try:
        with urllib.request.urlopen(request, timeout=120) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as refused:
        return refused.code, json.load(refused)


def interact(base: str, payload: dict[str, Any]) -> dict[str, Any]:
    """The finished snapshot for `payload`; raises AgentError for a refused request."""
    status, body = post(base, payload)
    for _ in range(10):
        if status != 202:
            break
        status, body = post(base, {"session_id": body["session_id"]})  # collect the same run
    if status != 200:
        raise AgentError(status, body.get("error", {}))
    return body
