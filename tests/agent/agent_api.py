"""A minimal client for Streamlit's agent API, and readers for the element tree it returns.

Plain `urllib`, as a program driving the app would use. A run that outlasts `server.agentWaitTimeout`
answers 202 `wait_timed_out`; `interact` then sends only the `session_id` to collect it, as the
protocol says.
"""

from __future__ import annotations

import json
import re
import urllib.error
import urllib.request
from collections.abc import Iterator
from typing import Any

INTERACT = "/_stcore/agent/interact"
SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
PLAIN_VALUE = re.compile(r"^[a-z_]+ = (\S+)", re.MULTILINE)


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


def nodes(snapshot: dict[str, Any], kind: str | None = None) -> Iterator[dict[str, Any]]:
    """Every element of the snapshot's tree, depth first (only those of type `kind` if given)."""
    stack = [snapshot["tree"]]
    while stack:
        node = stack.pop()
        if kind is None or node.get("type") == kind:
            yield node
        stack.extend(reversed(node.get("children", [])))


def texts(snapshot: dict[str, Any], kind: str) -> list[str]:
    """The `body` of every element of one type: warnings, markdown, captions."""
    return [node["props"].get("body", "") for node in nodes(snapshot, kind)]


def unescaped(markdown: str) -> str:
    """Markdown as a reader sees it: the app escapes punctuation in user-given text (`lr\\: ignored`)."""
    return re.sub(r"\\(.)", r"\1", markdown)


def displayed_number(text: str) -> float:
    """A number as the page shows it: '5.04 × 10⁶', '3.1 × 10⁻⁶', '34,356,751', '8.59 × 10⁶×'."""
    text = text.replace(",", "").removesuffix(" times").rstrip("×").strip()
    mantissa, _, power = text.partition("× 10")
    value = float(mantissa)
    return value * 10 ** int(power.translate(SUPERSCRIPTS)) if power else value


def metric_value(props: dict[str, Any]) -> tuple[float, float]:
    """(value, relative precision) of a metric: the plain number in its help if the page gives one
    (e.g. "condition_number_raw = 5036420.1"), else the displayed 3-significant-digit value."""
    plain = PLAIN_VALUE.findall(props.get("help") or "")
    if plain:
        return float(plain[-1]), 1e-9
    return displayed_number(props["value"]), 5e-3


def metric(snapshot: dict[str, Any], label: str) -> dict[str, Any]:
    """The props of the one metric whose label matches the regular expression `label`."""
    found = [node["props"] for node in nodes(snapshot, "metric") if re.fullmatch(label, node["props"]["label"])]
    assert len(found) == 1, f"expected one metric labelled {label!r}, got {[n['label'] for n in found]}"
    return found[0]
