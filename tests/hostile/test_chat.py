"""Hostile chat messages: pasted text built to make a parser backtrack, and a 10 MB paste.

Each is typed by one visitor while another asks a short question and reruns, and health is polled.
"""

from __future__ import annotations

import pytest

from deploy.hostile import CHAT_REQUESTS, measure, run_apart
from deploy.protocol import Session
from tests.hostile.budget import HOSTILE_WAIT, assert_within_budget

MAX_READ = 20_000  # characters of one message the chat reads (explainer/chat/reading/number_words.py)


@pytest.mark.parametrize("hostile", CHAT_REQUESTS, ids=[hostile.name for hostile in CHAT_REQUESTS])
def test_hostile_message_leaves_the_neighbours_alone(server, hostile):
    assert_within_budget(run_apart(measure(server.url, hostile, wait=HOSTILE_WAIT)))


def test_chat_box_refuses_more_than_is_read(server):
    """The chat box caps what can be typed at what the chat reads, so a 10 MB paste is never kept whole."""

    async def chat_box() -> dict:
        async with Session(server.url, timeout=HOSTILE_WAIT) as visitor:
            await visitor.run("", "")
            return next(widget for widget in visitor.widgets.values() if widget["kind"] == "chat_input")

    box = run_apart(chat_box())
    assert 0 < box["max_chars"] <= MAX_READ, f"chat box max_chars = {box['max_chars']} (0 means no limit)"
