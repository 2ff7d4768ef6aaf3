"""Each chart's text alternative says what it shows with the Explanation's own numbers."""

from __future__ import annotations

from explainer import Scenario, default_scenario, explain
from explainer.explanation.charts import chart_for
from explainer.explanation.text_alternatives import figure_tables, figure_text, ravine_side_text
from explainer.text.formatting import count, number

FIGURES = ("ravine", "loss", "gradients", "sweep")


def test_the_default_ravine_in_words_zig_zags_raw_and_goes_straight_normalized():
    explanation = explain(default_scenario())
    raw, normalized = explanation.figures.ravine.sides
    raw_words, normalized_words = ravine_side_text(raw), ravine_side_text(normalized)
    assert f"zig-zags across a valley {number(raw.axis_ratio)} times longer than wide" in raw_words
    assert f"reaches the best fit in {count(explanation.raw.iterations)} steps" in raw_words
    assert "heads straight down" in normalized_words
    assert f"reaches the best fit in {explanation.normalized.iterations} steps" in normalized_words


def test_loss_gradient_and_sweep_words_carry_the_explanations_numbers():
    explanation = explain(default_scenario())
    figures = explanation.figures
    assert f"after {count(explanation.raw.iterations)} steps" in figure_text(figures, "loss")
    gradients = figure_text(figures, "gradients")
    assert number(float(figures.gradients.raw_gradient.max())) in gradients
    sweep = figure_text(figures, "sweep")
    for side in (explanation.raw, explanation.normalized):
        assert f"up to 2/λmax = {number(side.max_stable_lr)}" in sweep


def test_a_diverging_path_is_said_to_diverge():
    scenario = Scenario.from_ranges({"x1": (0, 1), "x2": (1, 10)})
    too_large = 1.5 * explain(scenario).raw.max_stable_lr  # above 2/λmax: gradient descent diverges
    raw = explain(scenario.with_changes(learning_rate=too_large)).figures.ravine.sides[0]
    assert "moves away from the best fit" in ravine_side_text(raw) and "(diverges)" in ravine_side_text(raw)


def test_every_chart_is_described_by_its_text_and_every_table_matches_its_columns():
    explanation = explain(Scenario.from_ranges({"step": (0, 1), "x2": (1, 1000)}))  # a feature named like a column
    for key in FIGURES:
        spec = chart_for(explanation.figures, key).to_dict()
        assert spec["description"] == figure_text(explanation.figures, key)
        for table in figure_tables(explanation.figures, key):
            assert table.rows and all(len(row) == len(table.columns) for row in table.rows)
            assert len(set(table.columns)) == len(table.columns)
