"""The pieces that make a rerun cheap: one bounded explain cache, simplified contours, finished specs."""

from __future__ import annotations

import threading
import time

import numpy as np

from explainer import default_scenario, explain
from explainer.budget.memory import cache_key
from explainer.explanation.cache import BoundedCache, cached_explain
from explainer.explanation.charts import gradient_chart, loss_chart, ravine_side_chart, sweep_chart
from explainer.explanation.figures import SIMPLIFY_PIXELS, _simplified


def test_the_cache_evicts_the_least_recently_used_by_count_and_by_bytes():
    cache = BoundedCache(max_entries=3, max_bytes=10_000)
    for key in "abc":
        cache.put(key, np.zeros(100))  # 800 bytes each
    cache.get("a")
    cache.put("d", np.zeros(100))
    assert cache.get("b") is None and cache.get("a") is not None  # b was the least recently used
    cache.put("big", np.zeros(1000))  # 8 000 bytes: the others must make room
    assert cache.total_bytes <= 10_000 and cache.get("big") is not None
    cache.put("huge", np.zeros(10_000))  # larger than the whole budget: not kept
    assert cache.get("huge") is None and cache.total_bytes <= 10_000


def test_concurrent_requests_for_one_key_compute_it_once():
    cache = BoundedCache(max_entries=4, max_bytes=10**6)
    calls = []

    def slow():
        calls.append(1)
        time.sleep(0.2)
        return np.ones(3)

    results = []
    threads = [threading.Thread(target=lambda: results.append(cache.get_or_compute("k", slow))) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(calls) == 1 and all(result is results[0] for result in results)


def test_pages_and_chat_share_one_explanation():
    from explainer.chat.measure import explanation_for

    scenario = default_scenario().with_changes(seed=4242)
    first = cached_explain(scenario)
    assert explanation_for(scenario) is first
    assert cached_explain(scenario, cache_key(scenario)) is first


def test_simplified_lines_stay_within_half_a_pixel():
    angles = np.linspace(0, 2 * np.pi, 400)
    points = np.column_stack([170 + 150 * np.cos(angles), 170 + 20 * np.sin(angles)])
    kept = _simplified(points, SIMPLIFY_PIXELS)
    assert 10 < len(kept) < 200
    polyline = points[kept]
    for point in points:  # every dropped point lies within the tolerance of the kept polyline
        starts, ends = polyline[:-1], polyline[1:]
        chord = ends - starts
        t = np.clip(np.einsum("ij,ij->i", point - starts, chord) / np.einsum("ij,ij->i", chord, chord), 0, 1)
        nearest = starts + t[:, None] * chord
        assert np.min(np.hypot(*(point - nearest).T)) <= SIMPLIFY_PIXELS + 1e-9


def test_ravine_figures_stay_small_for_a_panel():
    explanation = explain(default_scenario())
    for side in explanation.figures.ravine.sides:
        assert sum(len(line.x) for line in side.lines) < 600  # was about 2,400 before simplification


def test_the_cached_spec_is_what_streamlit_would_draw():
    from streamlit.elements.vega_charts import _convert_altair_to_vega_lite_spec

    from ui.render import _finished_spec, _prepare

    figures = explain(default_scenario()).figures
    charts = [
        ravine_side_chart(figures.ravine.sides[0]),
        loss_chart(figures.loss),
        sweep_chart(figures.sweep),
        gradient_chart(figures.gradients),
    ]
    for chart in charts:
        assert _finished_spec(chart) == _convert_altair_to_vega_lite_spec(_prepare(chart))
