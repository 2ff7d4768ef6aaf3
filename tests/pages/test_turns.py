"""A visitor's first run goes ahead: other runs wait for it, but never longer than their bound."""

from __future__ import annotations

import threading
import time
from types import SimpleNamespace

import pytest

from ui import turns


@pytest.fixture
def sessions(monkeypatch):
    """Each thread its own session state, as Streamlit gives each session its own."""
    local = threading.local()

    class PerThread:
        def get(self, key, default=None):
            return local.__dict__.setdefault("state", {}).get(key, default)

        def __setitem__(self, key, value):
            local.__dict__.setdefault("state", {})[key] = value

    monkeypatch.setattr(turns, "st", SimpleNamespace(session_state=PerThread()))
    monkeypatch.setattr(turns, "_first_runs", {})
    monkeypatch.setattr(turns, "_waited", {})


def _first_run(started: threading.Event, finish: threading.Event) -> threading.Thread:
    def run():
        turns.take_turn()  # a new session: its first run
        started.set()
        finish.wait(5)
        turns.first_run_done()
        finish.wait(5)  # the thread lives on after its numbers are drawn

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    started.wait(5)
    return thread


def test_a_later_run_waits_for_a_first_run_then_goes_on_when_it_is_done(sessions):
    started, finish = threading.Event(), threading.Event()
    _first_run(started, finish)
    threading.Timer(0.15, finish.set).start()
    waited = turns.give_way(limit=3.0)
    assert 0.1 <= waited < 2.0


def test_a_later_run_never_waits_beyond_its_bound(sessions):
    started, finish = threading.Event(), threading.Event()
    _first_run(started, finish)
    try:
        waited = turns.give_way(limit=0.1)
        assert 0.1 <= waited < 1.0
    finally:
        finish.set()


def test_a_first_run_does_not_wait_for_itself_and_a_second_run_of_the_same_session_gives_way(sessions):
    turns.take_turn()
    assert turns.give_way(limit=1.0) < 0.05  # alone: its own first run holds nothing up
    started, finish = threading.Event(), threading.Event()
    _first_run(started, finish)
    try:
        before = time.monotonic()
        turns.take_turn()  # this session's second run: another session's first run is going
        assert time.monotonic() - before >= turns.GIVE_WAY_SECONDS * 0.9
    finally:
        finish.set()


def test_a_first_run_whose_thread_ended_holds_nothing_up(sessions):
    thread = threading.Thread(target=turns.take_turn)  # ended without saying it was done (an exception)
    thread.start()
    thread.join()
    assert turns.give_way(limit=1.0) < 0.05


def test_a_first_run_that_goes_on_too_long_stops_going_first(sessions, monkeypatch):
    monkeypatch.setattr(turns, "FIRST_RUN_SECONDS", 0.1)
    started, finish = threading.Event(), threading.Event()
    _first_run(started, finish)
    try:
        assert turns.give_way(limit=2.0) < 0.6
    finally:
        finish.set()


def test_a_run_gives_way_for_at_most_its_allowance_in_all(sessions, monkeypatch):
    monkeypatch.setattr(turns, "GIVE_WAY_PER_RUN", 0.3)
    turns.take_turn()  # this session's first run
    started, finish = threading.Event(), threading.Event()
    _first_run(started, finish)  # another session arrives and stays
    try:
        before = time.monotonic()
        turns.take_turn()  # this session's next run: gives way at its start…
        for _ in range(5):
            turns.give_way(limit=0.2)  # …and before each of five charts
        assert 0.25 <= time.monotonic() - before < 0.5
    finally:
        finish.set()
