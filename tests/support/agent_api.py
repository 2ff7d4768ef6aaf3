"""Readers for the element tree Streamlit's agent API returns; the client itself is deploy/agent.py."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

SUPERSCRIPTS = str.maketrans("⁰¹²³⁴⁵⁶⁷⁸⁹⁻", "0123456789-")
PLAIN_VALUE = re.compile(r"^[a-z_]+ = (\S+)", re.MULTILINE)


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
