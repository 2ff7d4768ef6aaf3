"""Derivation in AppTest: SymPy's formulas in general symbols or with the scenario's numbers."""

from __future__ import annotations

from explainer import Scenario, explain, scenario_from_params
from tests.support.pages import open_page

DERIVATION = "pages/2_Derivation.py"


def latex(app) -> list[str]:
    """The formulas as shown (display-maths Markdown blocks, ui.render.render_formula), without the $$ wrapper."""
    blocks = [item.value.strip() for item in app.markdown if item.value.strip().startswith("$$")]
    return [block.removeprefix("$$").removesuffix("$$").strip() for block in blocks]


def test_the_learners_numbers_are_substituted_by_default():
    app = open_page(DERIVATION, {"f": ["size,0,2000", "rooms,1,5"]})
    assert not app.exception and not app.warning
    expected = explain(Scenario.from_ranges({"size": (0, 2000), "rooms": (1, 5)}))
    assert latex(app) == [step.numeric_latex for step in expected.derivation]
    headings = [item.value for item in app.header]
    assert headings == [f"{i}. {step.title}" for i, step in enumerate(expected.derivation, start=1)]
    assert any(expected.derivation[0].text in item.value for item in app.markdown)


def test_the_toggle_shows_general_symbols_and_goes_into_the_link():
    app = open_page(DERIVATION, {"f": ["size,0,2000", "rooms,1,5"]})
    app.segmented_control(key="derivation.symbols").set_value("general").run()
    expected = explain(Scenario.from_ranges({"size": (0, 2000), "rooms": (1, 5)}))
    assert latex(app) == [step.general_latex for step in expected.derivation]
    assert app.query_params["symbols"] == "general"
    reopened = open_page(DERIVATION, dict(app.query_params))
    assert reopened.segmented_control(key="derivation.symbols").value == "general"
    assert latex(reopened) == latex(app)
    reopened.segmented_control(key="derivation.symbols").set_value("numbers").run()
    assert "symbols" not in reopened.query_params
    assert latex(reopened) == [step.numeric_latex for step in expected.derivation]


def test_the_derivation_follows_the_loss_convention_of_the_link():
    app = open_page(DERIVATION, {"loss": "sse"})
    expected = explain(scenario_from_params({"loss": "sse"}).scenario)
    assert latex(app) == [step.numeric_latex for step in expected.derivation]
    assert any("*sum* of squared errors" in item.value for item in app.caption)


def test_a_tampered_link_warns_and_falls_back():
    app = open_page(DERIVATION, {"symbols": "both", "f": ["a,1,0"], "x": "1"})
    assert not app.exception
    warning = "\n".join(item.value for item in app.warning).replace("\\", "")
    assert "symbols: ignored 'both'" in warning
    assert "features[0].high: must be greater than low" in warning
    assert "ignored unknown parameter 'x'" in warning
    assert app.segmented_control(key="derivation.symbols").value == "numbers"
    assert latex(app)


def test_the_scenario_line_escapes_feature_names():
    app = open_page(DERIVATION, {"f": ["*a*_$x$,0,1", "b,1,1000"]})
    line = next(item.value for item in app.markdown if item.value.startswith("**Scenario:**"))
    assert r"\*a\*\_\$x\$" in line


def test_an_uploaded_table_follows_the_learner_from_explore():
    from explainer import parse_csv
    from tests.pages.test_explore import EXPLORE

    app = open_page(EXPLORE)
    app.radio(key="explore.mode").set_value("data").run()
    rows = "x,y\n" + "\n".join(f"{i},{3 * i + (i % 7)}" for i in range(1, 301))
    app.file_uploader[0].set_value(("mine.csv", rows.encode(), "text/csv")).run()
    params = dict(app.query_params)
    assert "data" not in params  # 600 values: the link carries the column's range instead
    app.switch_page(DERIVATION)
    for key, value in params.items():
        app.query_params[key] = value
    app.run()
    expected = explain(Scenario(data=parse_csv(rows.encode(), "y")))
    assert latex(app) == [step.numeric_latex for step in expected.derivation]
    assert any("your table (300 rows, target y)" in item.value for item in app.markdown)
