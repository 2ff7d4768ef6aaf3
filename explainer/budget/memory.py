"""One memory budget for every cache of the server: explanations, model runs, chat runs, uploads, chart specs.

Every cache is a `BoundedCache` region of one `MemoryBudget` (`MEMORY`), sized from
`WHY_NORMALIZE_CACHE_MB` (default `DEFAULT_CACHE_MB`, measured so the whole process, imports and one
heavy request in flight included, stays well under a 2 GB container). Each region gets a named share
of the budget and evicts its least recently used entries past it; past the overall budget the least
recently used entry of any region goes.

Sizes are measured, not guessed: NumPy's `nbytes`, pandas' `memory_usage(deep=True)`, a tuple of
Python floats as its pointers plus a float object per value, strings and bytes by length, a
pickled length as the fallback. Large blocks (arrays, long tuples: a table's columns) are counted
once per object however many entries reference them, and `shared_table` hands out one canonical
copy per table content (its digest), so a table asked for under many keys (maxiter, seed, ...)
is stored once and every entry references it.

Every cache keys a scenario with `cache_key`: its fields' values, a table by its digest (a repr of
100 000 rows is slow), and fields the cached work never reads left at their defaults, so two callers
asking for the same work (Explore and the chat, a report and the Models section) find one entry.
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import sys
import threading
import weakref
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import MISSING, fields, is_dataclass
from itertools import count
from typing import Any, Generic, TypeVar

Value = TypeVar("Value")

# Measured (tests/hostile/test_memory.py's scaled mix): the server and its workers start at about 900 MB
# (the serving process 330 MB, the fork server 230 MB, two warm workers 160 MB each), and the mix of
# worst-case links, heavy chat questions and the largest uploads peaks near 1.85 GB with 640 MB of caches
# (1.8 GB with 512 MB: the rest is requests in flight), under a 2 GB container.
DEFAULT_CACHE_MB = 640
# The regions' shares of the budget; they add up to more than 1 because the overall budget binds too.
SHARES: dict[str, float] = {
    "explanations": 0.40,
    "model_runs": 0.40,  # every model fit: Explore's, Derivation's, reports', the chat's
    "chat_runs": 0.10,  # the tables the chat draws from a learner's ranges for its fits
    "uploads": 0.45,  # parsed CSV tables: ~100 MB each at the row limit
    "chart_specs": 0.10,
    "ravines": 0.05,
    "problems": 0.10,  # a scenario's data and quadratics, shared by its learning-rate edits (explainer.linear.problem)
    "datasets": 0.02,  # scikit-learn's bundled tables, a few MB in all
}
BLOCK_ITEMS = 1024  # a tuple at least this long is a block (a table's column): counted once per object
FLOAT_BYTES = sys.getsizeof(0.0)
POINTER_BYTES = 8


def budget_bytes() -> int:
    """The overall cache budget in bytes, from WHY_NORMALIZE_CACHE_MB (a bad value falls back to the default)."""
    try:
        megabytes = float(os.environ.get("WHY_NORMALIZE_CACHE_MB", DEFAULT_CACHE_MB))
    except ValueError:
        megabytes = DEFAULT_CACHE_MB
    return int(max(megabytes, 1.0) * 2**20)


def _block_bytes(value: Any) -> int:
    """The bytes of one block: an array's buffer, a DataFrame's deep usage, a long tuple's pointers and items."""
    try:
        import numpy as np

        if isinstance(value, np.ndarray):
            return int(value.nbytes) + 112
    except ImportError:  # pragma: no cover
        pass
    if isinstance(value, tuple):
        head = value[0] if value else None
        item = FLOAT_BYTES if isinstance(head, float) else sys.getsizeof(head)
        return sys.getsizeof(value) + item * len(value)
    frame_usage = getattr(value, "memory_usage", None)
    if callable(frame_usage) and hasattr(value, "columns"):
        return int(frame_usage(deep=True).sum())
    return len(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))


def _is_block(value: Any) -> bool:
    if isinstance(value, tuple):
        return len(value) >= BLOCK_ITEMS
    kind = type(value)
    return kind.__name__ in ("ndarray", "DataFrame", "Series") and kind.__module__.split(".")[0] in ("numpy", "pandas")


def measure(value: Any, blocks: dict[int, tuple[Any, int]] | None = None, _seen: set[int] | None = None) -> int:
    """The bytes `value` holds outside its blocks; its blocks (arrays, columns) go into `blocks` by id."""
    blocks = {} if blocks is None else blocks
    seen = set() if _seen is None else _seen
    if id(value) in seen or value is None or isinstance(value, (bool, int, float)):
        return 0 if value is None or id(value) in seen else 32
    seen.add(id(value))
    if _is_block(value):
        base = getattr(value, "base", None)
        owner = base if base is not None and type(base).__name__ == "ndarray" else value
        if id(owner) not in blocks:
            blocks[id(owner)] = (owner, _block_bytes(owner))
        return 0
    if isinstance(value, (str, bytes, bytearray)):
        return sys.getsizeof(value)
    if is_dataclass(value) and not isinstance(value, type):
        return 64 + sum(measure(getattr(value, item.name, None), blocks, seen) for item in fields(value))
    if isinstance(value, (tuple, list, set, frozenset)):
        return sys.getsizeof(value) + sum(measure(item, blocks, seen) for item in value)
    if isinstance(value, dict):
        return sys.getsizeof(value) + sum(measure(k, blocks, seen) + measure(v, blocks, seen) for k, v in value.items())
    if hasattr(value, "__dict__"):
        return 64 + measure(vars(value), blocks, seen)
    try:
        return len(pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))
    except Exception:  # an unpicklable object (a lock, a model): its shallow size
        return sys.getsizeof(value)


def size_of(value: Any) -> int:
    """Everything `value` holds, its blocks included (each counted once)."""
    blocks: dict[int, tuple[Any, int]] = {}
    return measure(value, blocks) + sum(size for _, size in blocks.values())


class _Entry:
    __slots__ = ("blocks", "own", "stamp", "value")

    def __init__(self, value: Any, own: int, blocks: tuple[int, ...], stamp: int):
        self.value, self.own, self.blocks, self.stamp = value, own, blocks, stamp


class MemoryBudget:
    """The overall byte budget its regions share; blocks referenced by several entries are counted once."""

    def __init__(self, max_bytes: int):
        self.max_bytes = max_bytes
        self.lock = threading.RLock()
        self.regions: dict[str, BoundedCache] = {}
        self._blocks: dict[int, list] = {}  # id → [object, bytes, references]
        self._block_bytes = 0
        self._clock = count()
        # digest → the canonical table, weakly: it lives as long as some entry (or caller) holds it
        self._tables: weakref.WeakValueDictionary[str, Any] = weakref.WeakValueDictionary()

    def region(self, name: str, share: float | None = None, max_entries: int = 1024) -> BoundedCache:
        """The named cache (created on first use) with its share of the budget."""
        with self.lock:
            if name not in self.regions:
                fraction = SHARES.get(name, 0.1) if share is None else share
                self.regions[name] = BoundedCache(max_entries, int(self.max_bytes * fraction), budget=self, name=name)
            return self.regions[name]

    @property
    def total_bytes(self) -> int:
        with self.lock:
            return self._block_bytes + sum(region.own_bytes for region in self.regions.values())

    def usage(self) -> dict[str, int]:
        """Bytes each region holds (a block shared by two regions shows in both) and the total counted once."""
        with self.lock:
            figures = {name: region.total_bytes for name, region in self.regions.items()}
            figures["all caches"] = self.total_bytes
            return figures

    def clear(self) -> None:
        with self.lock:
            for region in self.regions.values():
                region.clear()

    def stamp(self) -> int:
        return next(self._clock)

    def _hold(self, blocks: dict[int, tuple[Any, int]]) -> tuple[int, ...]:
        for key, (value, size) in blocks.items():
            held = self._blocks.get(key)
            if held is None:
                self._blocks[key] = [value, size, 1]
                self._block_bytes += size
            else:
                held[2] += 1
        return tuple(blocks)

    def _release(self, keys: tuple[int, ...]) -> None:
        for key in keys:
            held = self._blocks[key]
            held[2] -= 1
            if held[2] == 0:
                self._block_bytes -= held[1]
                del self._blocks[key]

    def _new_bytes(self, blocks: dict[int, tuple[Any, int]]) -> int:
        return sum(size for key, (_, size) in blocks.items() if key not in self._blocks)

    def _evict_oldest(self, keep: BoundedCache | None = None, keep_key: Hashable = None) -> bool:
        """Drop the least recently used entry of any region (never the one just stored)."""
        oldest: tuple[int, BoundedCache, Hashable] | None = None
        for region in self.regions.values():
            for key, entry in region._entries.items():
                if region is keep and key == keep_key:
                    continue
                if oldest is None or entry.stamp < oldest[0]:
                    oldest = (entry.stamp, region, key)
                break  # each region's first entry is its least recently used
        if oldest is None:
            return False
        oldest[1]._drop(oldest[2])
        return True

    def shared_table(self, table: Any) -> Any:
        """The one stored copy of a table with this content (by digest), so many keys hold one table."""
        digest = table_digest(table)
        with self.lock:
            known = self._tables.get(digest)
            if known is not None:
                return known
            self._tables[digest] = table
            return table


_DIGESTS: dict[int, tuple[weakref.ref, str]] = {}  # id(table) → (the table, weakly; its digest): hashed once


def table_digest(table: Any) -> str:
    """A digest of a table's content (a `Dataset`, or any dataclass of names and float columns).

    Columns are hashed through NumPy's bytes, not their repr (a 100 000-row repr takes about a second).
    """
    import numpy as np

    known = _DIGESTS.get(id(table))
    if known is not None and known[0]() is table:
        return known[1]
    digest = hashlib.sha256()
    for item in fields(table) if is_dataclass(table) else ():
        value = getattr(table, item.name)
        digest.update(item.name.encode())
        _update(digest, value, np)
    text = digest.hexdigest()
    try:
        key = id(table)
        _DIGESTS[key] = (weakref.ref(table, lambda _, key=key: _DIGESTS.pop(key, None)), text)
    except TypeError:  # not weakly referable: hashed again next time
        pass
    return text


def _update(digest, value: Any, np) -> None:
    if isinstance(value, tuple) and value and isinstance(value[0], tuple):
        for column in value:
            _update(digest, column, np)
    elif isinstance(value, tuple) and value and isinstance(value[0], float):
        digest.update(np.asarray(value, dtype=float).tobytes())
    elif isinstance(value, dict):
        for key, column in value.items():
            digest.update(repr(key).encode())
            _update(digest, column, np)
    else:
        digest.update(repr(value).encode())
    digest.update(b"|")


def cache_key(scenario: Any, table_key: str | None = None, ignoring: Iterable[str] = ()) -> str:
    """The one cache key of a scenario: every field's value, its table (if any) by content digest.

    `table_key` stands in for the digest when the caller already has one (an upload's bytes, hashed
    once, instead of a 100 000-row table hashed on every rerun). Fields named in `ignoring` count as
    their defaults: work that never reads them (an explanation never reads the model, a model fit
    never reads the optimizer) is then shared with a scenario that leaves them at the default.
    The scenario is not copied, so no 100 000-row table is validated again to make a key.
    """
    left_out = set(ignoring)
    values = []
    for item in fields(scenario):
        if item.name in left_out:
            value = item.default_factory() if item.default_factory is not MISSING else item.default
        else:
            value = getattr(scenario, item.name)
        if item.name == "data" and value is not None:
            value = f"table {table_key if table_key is not None else table_digest(value)}"
        values.append((item.name, value))
    return repr(tuple(values))


class BoundedCache(Generic[Value]):
    """A thread-safe LRU region of a `MemoryBudget`, bounded by its entry count and its share of bytes.

    Alone (`BoundedCache(entries, bytes)`) it is its own budget. The same object is handed to every
    caller (nothing is pickled or copied); callers never mutate it. Concurrent requests for one key
    compute it once: the others wait for that result.
    """

    def __init__(
        self,
        max_entries: int,
        max_bytes: int,
        sizer: Callable[[Any], int] | None = None,
        budget: MemoryBudget | None = None,
        name: str = "",
    ):
        self.max_entries, self.max_bytes, self.sizer, self.name = max_entries, max_bytes, sizer, name
        self.budget = budget if budget is not None else MemoryBudget(max_bytes)
        if budget is None:
            self.budget.regions[name or "cache"] = self
        self._entries: OrderedDict[Hashable, _Entry] = OrderedDict()
        self.own_bytes = 0
        # Blocks this region's entries reference (id → entries referencing it) and their bytes, counted once:
        # kept as entries come and go, so a put costs its own blocks, not a walk over every entry's.
        self._block_references: dict[int, int] = {}
        self._referenced_block_bytes = 0
        self._pending: dict[Hashable, threading.Lock] = {}

    @property
    def _lock(self) -> threading.RLock:
        return self.budget.lock

    def get_or_compute(self, key: Hashable, compute: Callable[[], Value]) -> Value:
        with self._lock:
            if key in self._entries:
                return self._touch(key)
            pending = self._pending.setdefault(key, threading.Lock())
        with pending:  # one computation per key; the others wait for it, then find it cached
            with self._lock:
                if key in self._entries:
                    return self._touch(key)
            try:
                value = compute()
                self.put(key, value)
            finally:
                with self._lock:
                    self._pending.pop(key, None)
            return value

    def _touch(self, key: Hashable) -> Value:
        entry = self._entries[key]
        self._entries.move_to_end(key)
        entry.stamp = self.budget.stamp()
        return entry.value

    def put(self, key: Hashable, value: Value) -> None:
        blocks: dict[int, tuple[Any, int]] = {}
        own = self.sizer(value) if self.sizer is not None else measure(value, blocks)
        with self._lock:
            if key in self._entries:
                self._drop(key)
            if own + self.budget._new_bytes(blocks) > min(self.max_bytes, self.budget.max_bytes):
                return  # larger than the whole budget: computed for this caller, not kept
            entry = _Entry(value, own, self.budget._hold(blocks), self.budget.stamp())
            self._entries[key] = entry
            self.own_bytes += own
            self._reference(entry.blocks)
            while len(self._entries) > self.max_entries or self._region_bytes() > self.max_bytes:
                self._drop(next(iter(self._entries)))
            while self.budget.total_bytes > self.budget.max_bytes and self.budget._evict_oldest(self, key):
                pass

    def _region_bytes(self) -> int:
        """This region's bytes: its entries' own, and each block its entries reference, counted once."""
        return self.own_bytes + self._referenced_block_bytes

    def _reference(self, blocks: tuple[int, ...]) -> None:
        for key in blocks:
            count = self._block_references.get(key, 0)
            if count == 0:
                self._referenced_block_bytes += self.budget._blocks[key][1]
            self._block_references[key] = count + 1

    def _unreference(self, blocks: tuple[int, ...]) -> None:
        for key in blocks:
            count = self._block_references[key] - 1
            if count == 0:
                del self._block_references[key]
                self._referenced_block_bytes -= self.budget._blocks[key][1]  # read before the budget releases it
            else:
                self._block_references[key] = count

    def _drop(self, key: Hashable) -> None:
        entry = self._entries.pop(key)
        self.own_bytes -= entry.own
        self._unreference(entry.blocks)
        self.budget._release(entry.blocks)

    def get(self, key: Hashable) -> Value | None:
        with self._lock:
            if key in self._entries:
                return self._touch(key)
        return None

    def __contains__(self, key: Hashable) -> bool:
        with self._lock:
            return key in self._entries

    def clear(self) -> None:
        with self._lock:
            for key in list(self._entries):
                self._drop(key)

    @property
    def total_bytes(self) -> int:
        with self._lock:
            return self._region_bytes()

    def __len__(self) -> int:
        return len(self._entries)


MEMORY = MemoryBudget(budget_bytes())


def region(name: str, max_entries: int = 1024) -> BoundedCache:
    """The shared budget's named cache: `region("explanations")`."""
    return MEMORY.region(name, max_entries=max_entries)


def return_freed_memory() -> None:
    """Hand memory that Python and NumPy have freed back to the operating system (glibc only).

    Why: glibc keeps freed heap pages for reuse and raises its mmap threshold after large frees, so
    a worker that built one 100,000-row explanation kept about 180 MB it no longer used, and the
    container's limit counts what a process holds, not what it uses. A no-op where glibc is absent.
    """
    libc = _glibc()
    if libc is not None:
        libc.malloc_trim(0)


def keep_large_allocations_returnable() -> None:
    """Fix glibc's mmap threshold at 128 kB, so every large array is its own mapping, unmapped when freed.

    Why: by default the threshold grows to the largest block freed so far (up to 32 MB), after which
    tables of a few MB come from the heap and stay with the process once freed.
    """
    libc = _glibc()
    if libc is not None:
        m_mmap_threshold = -3  # glibc's mallopt parameter number
        libc.mallopt(m_mmap_threshold, 128 * 1024)


@functools.lru_cache(maxsize=1)
def _glibc() -> Any:
    """The C library when it is glibc (Linux), loaded once; None elsewhere (musl, macOS, Windows)."""
    if sys.platform != "linux":
        return None
    import ctypes

    try:
        libc = ctypes.CDLL("libc.so.6")
        libc.malloc_trim  # noqa: B018  (musl has no malloc_trim: then we leave memory to the allocator)
    except (OSError, AttributeError):
        return None
    return libc


def shared_table(table: Any) -> Any:
    """`MEMORY.shared_table(table)`: the canonical copy of a table with this content."""
    return MEMORY.shared_table(table)
