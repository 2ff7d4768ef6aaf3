"""The held-out phrasings, shared by the chat tests and benchmarks/bench_chat.py."""

from __future__ import annotations

import tomllib
from pathlib import Path

HELDOUT = Path(__file__).with_name("heldout_phrasings.toml")


def heldout_cases() -> list[dict]:
    """Every held-out case: text, topic, and (when the text has numbers) the ranges, lr, optimizer expected."""
    return tomllib.loads(HELDOUT.read_text(encoding="utf-8"))["case"]
