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
