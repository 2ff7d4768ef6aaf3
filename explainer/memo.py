"""One bounded cache for `explain()`, shared by every page, the chat and every session of a server.

Entries are kept by the scenario's key (its repr, or a digest for a table) and evicted least recently
used first, by count and by their NumPy bytes: a 20-feature, 100 000-sample explanation holds about
50 MB of arrays, so a fixed count alone would let a few visitors grow the server by gigabytes. The
same object is handed to every caller (nothing is pickled or copied); callers never mutate it.
Concurrent requests for one key compute it once: the others wait for that result.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from dataclasses import fields, is_dataclass
from typing import Any, Generic, TypeVar

import numpy as np

Value = TypeVar("Value")

EXPLANATION_BYTES = int(float(os.environ.get("WHY_NORMALIZE_CACHE_MB", "256")) * 2**20)
EXPLANATION_ENTRIES = 64


def size_of(value: Any, _seen: set[int] | None = None) -> int:
    """The bytes of the NumPy arrays reachable through dataclasses, tuples, lists and dicts (what dominates)."""
    seen = set() if _seen is None else _seen
    if id(value) in seen:
        return 0
    seen.add(id(value))
    if isinstance(value, np.ndarray):
        return value.nbytes if value.base is None or id(value.base) not in seen else 0
    if isinstance(value, (str, bytes)):
        return len(value)
    if is_dataclass(value) and not isinstance(value, type):
        return 64 + sum(size_of(getattr(value, item.name, None), seen) for item in fields(value))
    if isinstance(value, (tuple, list)):
        return 8 * len(value) + sum(size_of(item, seen) for item in value)
    if isinstance(value, dict):
        return sum(size_of(key, seen) + size_of(item, seen) for key, item in value.items())
    return 16


class BoundedCache(Generic[Value]):
    """A thread-safe LRU cache bounded by entry count and by total size (`sizer`'s estimate)."""

    def __init__(self, max_entries: int, max_bytes: int, sizer: Callable[[Any], int] = size_of):
        self.max_entries, self.max_bytes, self.sizer = max_entries, max_bytes, sizer
        self._entries: OrderedDict[Hashable, tuple[Value, int]] = OrderedDict()
        self._bytes = 0
        self._lock = threading.Lock()
        self._pending: dict[Hashable, threading.Lock] = {}

    def get_or_compute(self, key: Hashable, compute: Callable[[], Value]) -> Value:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key][0]
            pending = self._pending.setdefault(key, threading.Lock())
        with pending:  # one computation per key; the others wait for it, then find it cached
            with self._lock:
                if key in self._entries:
                    self._entries.move_to_end(key)
                    return self._entries[key][0]
            try:
                value = compute()
                self.put(key, value)
            finally:
                with self._lock:
                    self._pending.pop(key, None)
            return value

    def put(self, key: Hashable, value: Value) -> None:
        size = self.sizer(value)
        with self._lock:
            if key in self._entries:
                self._bytes -= self._entries.pop(key)[1]
            if size > self.max_bytes:
                return  # larger than the whole budget: computed for this caller, not kept
            self._entries[key] = (value, size)
            self._bytes += size
            while len(self._entries) > self.max_entries or self._bytes > self.max_bytes:
                self._bytes -= self._entries.popitem(last=False)[1][1]

    def get(self, key: Hashable) -> Value | None:
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                return self._entries[key][0]
        return None

    def clear(self) -> None:
        with self._lock:
            self._entries.clear()
            self._bytes = 0

    @property
    def total_bytes(self) -> int:
        return self._bytes

    def __len__(self) -> int:
        return len(self._entries)


EXPLANATIONS: BoundedCache = BoundedCache(EXPLANATION_ENTRIES, EXPLANATION_BYTES)


def scenario_cache_key(scenario) -> str:
    """The scenario's repr; a table's values are replaced by their digest (a repr of 100 000 rows is slow)."""
    if scenario.data is None:
        return repr(scenario)
    import hashlib

    settings = tuple((item.name, getattr(scenario, item.name)) for item in fields(scenario) if item.name != "data")
    return f"table {hashlib.sha256(repr(scenario.data).encode()).hexdigest()} {settings!r}"


def cached_explain(scenario, key: str | None = None):
    """`explain(scenario)` from the shared cache; `key` (from `scenario_cache_key`) if the caller has it."""
    from explainer.budget.costs import explain_within_budget  # a large one in a worker, within its budget

    return EXPLANATIONS.get_or_compute(key or scenario_cache_key(scenario), lambda: explain_within_budget(scenario))
