"""Turns on the serving process's one core: a visitor's first run goes ahead of other sessions' heavier runs.

A server process runs every session's script on one core (Python's GIL), and the threads share it in
turns of a few milliseconds. When a class opens its links together, each first run (a share link's numbers,
about 15 ms of work) took its turns beside the pages that earlier visitors had already moved on to (the
inputs, the charts, an edit, a chat answer: about 0.1 s each), so a first paint waited for all of them.
Here every other run gives way at its start, and before its charts, while first runs are in progress:
it sleeps (releasing the core) until they are done, at most GIVE_WAY_SECONDS at each place, so a steady
stream of arrivals delays other pages by a bounded amount and never stops them.
"""

from __future__ import annotations

import threading
import time

import streamlit as st

GIVE_WAY_SECONDS = 0.5  # the longest one run waits at one place for others' first runs
GIVE_WAY_PER_RUN = (
    1.0  # and in all: a flood of new sessions (one visitor opening hundreds) delays a page by at most this
)
FIRST_RUN_SECONDS = 2.0  # a first run still going after this no longer goes ahead (it is not a light one)
POLL_SECONDS = 0.003
_SEEN = "turns.seen"  # session state: this session has had its first run

_first_runs: dict[int, float] = {}  # script thread → when its session's first run began
_waited: dict[int, float] = {}  # script thread → seconds its current run has given way so far
_lock = threading.Lock()


def take_turn() -> None:
    """Call at the start of every run: a session's first run goes ahead; any other run first gives way."""
    _waited[threading.get_ident()] = 0.0  # a new run: its allowance starts afresh
    if st.session_state.get(_SEEN):
        give_way()
        return
    st.session_state[_SEEN] = True
    with _lock:
        _first_runs[threading.get_ident()] = time.monotonic()


def first_run_done() -> None:
    """The first run has drawn what it came for (the rest of the run is light or nothing)."""
    with _lock:
        _first_runs.pop(threading.get_ident(), None)


def give_way(limit: float = GIVE_WAY_SECONDS) -> float:
    """Sleep while other sessions' first runs are in progress, at most `limit` seconds here and GIVE_WAY_PER_RUN
    in the whole run; the seconds waited."""
    me = threading.get_ident()
    limit = min(limit, GIVE_WAY_PER_RUN - _waited.get(me, 0.0))
    started = time.monotonic()
    while limit > 0 and _others_first() and time.monotonic() - started < limit:
        time.sleep(POLL_SECONDS)
    waited = time.monotonic() - started
    _waited[me] = _waited.get(me, 0.0) + waited
    return waited


def _others_first() -> bool:
    """Whether another thread is running a session's first run (ended, dead or too old ones are dropped)."""
    if not _first_runs:
        return False
    me, now = threading.get_ident(), time.monotonic()
    alive = {thread.ident for thread in threading.enumerate()}
    with _lock:
        for ident, began in list(_first_runs.items()):
            if ident not in alive or now - began > FIRST_RUN_SECONDS:
                del _first_runs[ident]
        for ident in [ident for ident in _waited if ident not in alive]:
            del _waited[ident]
        return any(ident != me for ident in _first_runs)
