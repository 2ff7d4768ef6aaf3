"""The one memory budget: every region stays under its bytes, a shared table counts once, LRU order."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.budget.memory import MemoryBudget, cache_key, shared_table, size_of, table_digest
from explainer.models.budgeted import model_fit_key
from explainer.scenario.model_choice import ModelSettings
from explainer.scenario.spec import Dataset, Scenario, default_scenario

MB = 2**20


def table(rows: int, seed: int = 0, features: int = 4) -> Dataset:
    values = np.random.default_rng(seed).random((features + 1, rows))
    columns = tuple(tuple(float(v) for v in column) for column in values[:-1])
    return Dataset(tuple(f"x{i}" for i in range(features)), columns, tuple(float(v) for v in values[-1]))


def test_sizes_are_measured_not_guessed():
    assert size_of(np.zeros(10**6)) >= 8 * 10**6
    data = table(50_000)
    # five columns of 50 000 Python floats: a pointer and a 24-byte float object each
    assert 5 * 50_000 * 32 <= size_of(data) <= 5 * 50_000 * 32 * 1.1
    assert size_of({"text": "x" * 10**6}) >= 10**6


def test_many_large_entries_stay_under_the_region_and_the_overall_budget():
    budget = MemoryBudget(40 * MB)
    explanations, runs = budget.region("explanations", share=0.6), budget.region("runs", share=0.6)
    for key in range(30):
        explanations.put(key, np.ones(MB // 8 * 3))  # 3 MB each
        runs.put(key, {"curve": np.ones(MB // 8 * 2), "name": f"run {key}"})
        assert explanations.total_bytes <= 0.6 * 40 * MB and runs.total_bytes <= 0.6 * 40 * MB
        assert budget.total_bytes <= 40 * MB
    assert explanations.get(29) is not None and runs.get(29) is not None  # the latest are kept
    assert explanations.get(0) is None and runs.get(0) is None


def test_one_table_shared_by_many_keys_counts_once():
    budget = MemoryBudget(100 * MB)
    runs = budget.region("chat_runs", share=1.0)
    data = table(20_000)
    one = size_of(data)
    for maxiter in range(50):  # every cost knob a new key, the same table in each
        runs.put(("fit", maxiter), {"maxiter": maxiter, "data": data, "score": np.zeros(3)})
    assert len(runs) == 50
    assert one <= runs.total_bytes < one + 50 * 2_000


def test_equal_tables_built_apart_are_stored_once():
    first, second = table(5_000, seed=3), table(5_000, seed=3)
    assert first is not second and table_digest(first) == table_digest(second) != table_digest(table(5_000, seed=4))
    assert shared_table(first) is first and shared_table(second) is first


def test_least_recently_used_goes_first_across_regions():
    budget = MemoryBudget(10 * MB)
    a, b = budget.region("a", share=1.0), budget.region("b", share=1.0)
    a.put("old", np.ones(MB // 8 * 3))
    b.put("middle", np.ones(MB // 8 * 3))
    a.put("new", np.ones(MB // 8 * 3))
    a.get("old")  # used again: now "middle" is the least recently used
    b.put("latest", np.ones(MB // 8 * 3))
    assert b.get("middle") is None
    assert a.get("old") is not None and a.get("new") is not None and b.get("latest") is not None
    assert budget.total_bytes <= 10 * MB


def test_an_entry_larger_than_the_budget_is_computed_but_not_kept():
    budget = MemoryBudget(4 * MB)
    cache = budget.region("uploads", share=1.0)
    value = cache.get_or_compute("huge", lambda: np.ones(MB))  # 8 MB
    assert value.shape == (MB,) and cache.get("huge") is None and budget.total_bytes == 0


def test_dropping_the_last_entry_that_holds_a_table_frees_its_bytes():
    budget = MemoryBudget(100 * MB)
    cache = budget.region("uploads", share=1.0)
    data = table(10_000)
    cache.put("a", data)
    cache.put("b", (data, "same table, another key"))
    cache.clear()
    assert budget.total_bytes == 0


def test_one_key_names_a_table_by_its_content_and_a_left_out_field_by_its_default():
    first, second = Scenario(data=table(2_000, seed=1)), Scenario(data=table(2_000, seed=1))
    assert cache_key(first) == cache_key(second) != cache_key(Scenario(data=table(2_000, seed=2)))
    assert cache_key(first, "upload abc") == cache_key(second, "upload abc") != cache_key(first)
    knn = default_scenario().with_changes(model=ModelSettings("knn"))
    assert cache_key(knn) != cache_key(default_scenario())
    assert cache_key(knn, ignoring=("model",)) == cache_key(default_scenario())  # an explanation never reads it


def test_a_model_fit_is_keyed_by_what_the_fit_reads_only():
    knn = default_scenario().with_changes(model=ModelSettings("knn"))
    assert model_fit_key(knn) == model_fit_key(knn.with_changes(title="Week 3", learning_rate=0.01, max_steps=50))
    assert model_fit_key(knn) != model_fit_key(knn.with_changes(seed=5))
    assert model_fit_key(knn) != model_fit_key(knn.with_changes(normalization="minmax"))


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(st.integers(0, 5), st.lists(st.integers(0, 3), max_size=3), st.booleans()), max_size=40))
def test_a_regions_bytes_kept_as_entries_come_and_go_equal_a_count_from_scratch(steps):
    """Each region adds up its blocks as entries are stored and dropped; the total must match a fresh
    walk over its entries (each referenced block once), whatever the order of puts, shares and evictions."""
    budget = MemoryBudget(3 * MB)
    first, second = budget.region("first", share=0.6), budget.region("second", share=0.6)
    arrays = [np.ones(20_000 * (index + 1)) for index in range(4)]  # 160 kB to 640 kB, shared between entries
    for key, picks, into_first in steps:
        (first if into_first else second).put(key, {"arrays": [arrays[pick] for pick in picks], "key": key})
        for region in (first, second):
            referenced = {block for entry in region._entries.values() for block in entry.blocks}
            from_scratch = region.own_bytes + sum(budget._blocks[block][1] for block in referenced)
            assert region.total_bytes == from_scratch <= region.max_bytes
        assert budget.total_bytes <= budget.max_bytes
