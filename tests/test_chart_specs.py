"""The charts built directly as Vega-Lite dicts are the Altair charts' own specs, value for value.

Pages draw the direct specs (ui/render.py), reports and PNGs the Altair charts; both must show the same.
"""

from __future__ import annotations

import pytest

from explainer import Scenario, explain
from explainer.explanation.charts import (
    gradient_chart,
    gradient_spec,
    loss_chart,
    loss_spec,
    ravine_side_chart,
    ravine_side_spec,
    sweep_chart,
    sweep_spec,
)
from explainer.scenario.spec import Feature, OptimizerSettings
from ui.render import _finished_spec

SCENARIOS = [
    Scenario(features=(Feature("a", 0.0, 1.0), Feature("b", 1.0, 1000.0)), seed=3),
    Scenario(
        features=(Feature("age", 18.0, 90.0), Feature("income", 0.0, 2e5), Feature("rate", -1.0, 1.0)),
        optimizer=OptimizerSettings(name="momentum"),
        seed=11,
    ),
    Scenario(features=(Feature("x", 0.0, 1.0), Feature("y", 0.0, 1e6)), optimizer=OptimizerSettings(name="adam")),
    Scenario(features=(Feature("x", 0.0, 1.0), Feature("y", 0.0, 1e6)), learning_rate=1.0, seed=2),  # raw diverges
    Scenario(features=(Feature("solo", 5.0, 6.0),), normalization="minmax"),
]


@pytest.mark.parametrize("scenario", SCENARIOS, ids=lambda scenario: repr(scenario)[:60])
def test_direct_specs_equal_the_altair_charts_specs(scenario):
    figures = explain(scenario).figures
    pairs = [
        (lambda side=side: ravine_side_chart(side), lambda data, side=side: ravine_side_spec(side, data))
        for side in figures.ravine.sides
    ]
    pairs += [
        (lambda: loss_chart(figures.loss), lambda data: loss_spec(figures.loss, data)),
        (lambda: gradient_chart(figures.gradients), lambda data: gradient_spec(figures.gradients, data)),
        (lambda: sweep_chart(figures.sweep), lambda data: sweep_spec(figures.sweep, data)),
    ]
    for altair_way, direct_way in pairs:
        assert _finished_spec(altair_way, direct_way) == _finished_spec(altair_way)


def test_a_learning_rate_edit_reuses_the_charts_that_do_not_depend_on_it_and_rebuilds_the_one_that_does():
    """Chart specs are cached under what they draw (ui/render.py): the gradient and sweep figures are the same
    for any chosen step, so an edit of it reuses their finished specs; the loss curves change and are rebuilt."""
    from ui.render import figure_specs

    base = Scenario(features=(Feature("a", 0.0, 1.0), Feature("b", 1.0, 1234.0)), seed=41)
    before, after = explain(base.with_changes(learning_rate=0.0004)), explain(base.with_changes(learning_rate=0.0008))
    for key in ("gradients", "sweep"):
        assert figure_specs(after, key)[0] is figure_specs(before, key)[0]
    assert figure_specs(after, "loss")[0] != figure_specs(before, "loss")[0]


@pytest.mark.parametrize("horizon", [0, 40, 400, 5_000, 10**9])
def test_a_loss_curve_plots_its_recorded_steps_evenly_on_the_symlog_axis(horizon):
    """The first and last steps and every early one are plotted; no gap on the axis is wider than about two
    even spacings; and a long run plots at most LOSS_CHART_POINTS + 2 of its up to 800 recorded steps."""
    import numpy as np

    from explainer.explanation.charts import LOSS_CHART_POINTS, plotted_steps
    from explainer.linear.run import recorded_steps

    steps = recorded_steps(horizon)
    indices = plotted_steps(steps)
    kept = steps[indices]
    assert kept[0] == 0 and kept[-1] == steps[-1] and len(kept) <= LOSS_CHART_POINTS + 2
    assert kept[: min(10, len(kept))].tolist() == steps[: min(10, len(steps))].tolist()
    even = np.log1p(steps[-1]) / (LOSS_CHART_POINTS - 1)
    skipped = np.diff(indices) > 1  # gaps where recorded steps were left out
    assert (np.diff(np.log1p(kept))[skipped] <= 2 * even).all()


def test_the_loss_chart_shows_the_exact_losses_of_the_steps_it_plots():
    import numpy as np

    from explainer.explanation.charts import _loss_frames

    figure = explain(SCENARIOS[0]).figures.loss
    data, _ = _loss_frames(figure)
    for series in figure.series:
        rows = data[data["side"] == series.label]
        at = np.searchsorted(series.steps, rows["step"].to_numpy())
        assert (series.steps[at] == rows["step"].to_numpy()).all()  # only recorded steps, none invented
        np.testing.assert_allclose(np.log10(rows["loss"].to_numpy()), series.log10_loss[at])


def test_a_ravine_path_drops_only_dots_within_a_pixel_of_the_last_one_drawn():
    """A zig-zag keeps every step; a crawl of many steps within a pixel keeps a few. Every dropped dot lies
    within PATH_PIXELS of the last drawn one, so the drawn path is the recorded one to the eye."""
    import numpy as np

    from explainer.explanation.figures import PATH_PIXELS, _spread_out

    zigzag = np.column_stack([np.arange(20) * 3.0, np.where(np.arange(20) % 2, 40.0, -40.0)])
    crawl = np.column_stack([60 + np.linspace(0, 5, 200), np.zeros(200)])
    points = np.vstack([zigzag, crawl])
    kept = _spread_out(points, PATH_PIXELS)
    assert kept[: len(zigzag)].tolist() == list(range(len(zigzag)))  # every zig-zag step drawn
    assert kept[-1] == len(points) - 1 and len(kept) < len(zigzag) + 10  # the crawl: about 5 px, a few dots
    for dropped in sorted(set(range(len(points))) - set(kept.tolist())):
        last_drawn = points[kept[kept < dropped][-1]]
        assert np.hypot(*(points[dropped] - last_drawn)) <= PATH_PIXELS


def test_the_ravine_chart_draws_the_recorded_steps_it_keeps_in_order():
    import numpy as np

    from explainer.explanation.charts import _ravine_frames

    for side in explain(SCENARIOS[3]).figures.ravine.sides:
        _, path, _ = _ravine_frames(side)
        assert path["step"].iloc[0] == side.path_steps[0] and path["step"].iloc[-1] == side.path_steps[-1]
        assert np.all(np.diff(path["step"].to_numpy()) > 0)
        assert set(path["step"]) <= set(side.path_steps.tolist())


def test_the_iteration_axis_is_labelled_at_each_power_of_ten_with_its_own_prefix():
    """Vega's own ticks on a symlog axis bunched up at the far end, and "~s" labelled them all with the largest
    tick's prefix ("0M 0M 0M 10M"): a reader could not tell 100 iterations from 100,000."""
    import re

    import vl_convert

    scenario = Scenario(features=(Feature("a", 0.0, 1.0), Feature("b", 1.0, 1000.0)), learning_rate=3e-6)
    figure = explain(scenario).figures.loss
    svg = vl_convert.vegalite_to_svg(loss_chart(figure, width=400).to_dict())
    labels = re.findall(r">([^<>]+)</text>", svg)
    assert all(label in labels for label in ["0", "1", "10", "100", "1k", "10k", "100k", "1M"]), labels
    assert "0M" not in labels


def test_the_learning_rate_axis_labels_its_powers_of_ten_in_one_style():
    """Below 0.001 as 1e-7, from there as 0.01; before, "1e-7" stood beside "0.000001" on the same axis."""
    import re

    import vl_convert

    from explainer.explanation.charts import sweep_chart

    figure = explain(SCENARIOS[0]).figures.sweep
    svg = vl_convert.vegalite_to_svg(sweep_chart(figure, width=500).to_dict())
    labels = re.findall(r">([^<>]+)</text>", svg)
    assert all(label in labels for label in ["1e-6", "1e-4", "0.001", "0.1", "1"]), labels
    assert "0.000001" not in labels and "2e-6" not in labels  # one style, and only the powers of ten


def test_a_divergence_label_moves_below_where_its_own_curve_ends_high():
    """The raw side, slow, ends its curve near the top at its threshold: its label runs along the bottom instead
    of over the curve; the normalized side ends low, so its label stays at the top."""
    from explainer.explanation.charts import CHART_HEIGHT, _sweep_frames

    _, thresholds = _sweep_frames(explain(SCENARIOS[0]).figures.sweep)
    heights = dict(zip(thresholds["side"], thresholds["height"]))
    assert heights["raw"] > CHART_HEIGHT / 2 > heights["normalized"]


@pytest.mark.parametrize("scenario", SCENARIOS[:3], ids=lambda scenario: repr(scenario)[:60])
def test_a_workers_finished_specs_are_the_pages_own_under_the_keys_the_page_looks_up(scenario):
    """finished_specs.py builds a page's charts without Streamlit, in a worker: each spec must equal the one the
    page builds with Streamlit's own Arrow transformer, and be found under the key the page computes from its
    own copy of the figures (the worker's travelled there and back pickled)."""
    import pickle

    from explainer.explanation.finished_specs import content_key, figure_pieces, specs_of
    from ui.render import _DIRECT, _direct_spec

    figures = explain(scenario).figures
    specs = specs_of(pickle.loads(pickle.dumps(figure_pieces(figures))))
    for side in figures.ravine.sides:
        page_way = _direct_spec(lambda data, side=side: ravine_side_spec(side, data))
        assert specs.pop(content_key("ravine", side)) == page_way
    for kind in ("loss", "gradients", "sweep"):
        figure = getattr(figures, kind)
        page_way = _direct_spec(lambda data, kind=kind, figure=figure: _DIRECT[kind](figure, data))
        assert specs.pop(content_key(kind, figure)) == page_way
    assert specs == {}


def test_a_busy_server_has_an_idle_worker_build_only_the_charts_it_does_not_keep_yet(monkeypatch):
    """ui/render.py's prefetch: while other sessions are served (`_busy`), the charts not kept yet are built by
    a worker and kept where the page looks them up; the ones kept already or not asked for are not sent; alone,
    nothing is sent (the page draws its own, and looks nothing up for it)."""
    from explainer.budget.workers import shared_pool
    from explainer.explanation import cache
    from explainer.explanation.finished_specs import content_key
    from ui import render

    shared_pool().start()
    render.clear_chart_cache()
    explanation = explain(Scenario(features=(Feature("a", 0.0, 1.0), Feature("b", 1.0, 777.0)), seed=8))
    figures = explanation.figures
    sent: list[tuple[str, ...]] = []
    in_worker = cache.chart_specs_in_worker

    def spy(pieces):
        sent.append(tuple(kind for kind, _ in pieces))
        return in_worker(pieces)

    monkeypatch.setattr(render, "chart_specs_in_worker", spy)
    render.prefetch_chart_specs(explanation)  # alone: the page draws its own charts
    assert sent == [] and render._SPECS.get(content_key("loss", figures.loss)) is None
    monkeypatch.setattr(cache, "_busy", lambda: True)
    render.figure_specs(explanation, "sweep")  # one chart kept already
    render.prefetch_chart_specs(explanation, kinds=("loss", "sweep"))  # the chat: only the answer's figures
    assert sent[-1] == ("loss",)
    render.prefetch_chart_specs(explanation)
    assert sent[-1] == ("ravine", "ravine", "gradients")
    for kind in ("loss", "gradients", "sweep"):
        assert render._SPECS.get(content_key(kind, getattr(figures, kind))) is not None
    assert all(render._SPECS.get(content_key("ravine", side)) is not None for side in figures.ravine.sides)


def test_charts_a_worker_fails_to_build_are_left_to_the_page(monkeypatch):
    """A worker that raises (or is lost) while building specs costs the page nothing but the time: it builds
    them itself, as when no worker is free."""
    from explainer.explanation import cache

    class FailingPool:
        started = True

        def run_if_idle(self, *_args, **_kwargs):
            raise RuntimeError("the worker's spec job failed")

    monkeypatch.setattr(cache, "shared_pool", lambda: FailingPool())
    monkeypatch.setattr(cache, "_busy", lambda: True)
    figures = explain(SCENARIOS[0]).figures
    assert cache.chart_specs_in_worker((("loss", figures.loss),)) is None


def test_a_figures_key_is_hashed_once_and_forgotten_with_the_figure():
    """content_key remembers each figure's key while the figure lives (a page asks on every rerun): the remembered
    key is the one a fresh hash gives an equal copy, a figure of other values gets another, and the entry goes
    when its figure does."""
    import dataclasses
    import gc
    import pickle

    from explainer.explanation import finished_specs

    figure = explain(SCENARIOS[0]).figures.gradients
    key = finished_specs.content_key("gradients", figure)
    assert finished_specs.content_key("gradients", figure) == key
    copy = pickle.loads(pickle.dumps(figure))
    assert finished_specs.content_key("gradients", copy) == key
    other = dataclasses.replace(copy, raw_gradient=copy.raw_gradient * 2.0)
    assert finished_specs.content_key("gradients", other) != key
    remembered = len(finished_specs._KEYS_BY_FIGURE)
    del copy, other
    gc.collect()
    assert len(finished_specs._KEYS_BY_FIGURE) == remembered - 2
