"""Explore in AppTest: what the learner sees for their features, data and settings.

Expected numbers come from the engine (`explain`) and the app's own formatting, never typed in.
"""

from __future__ import annotations

import json

import pyarrow as pa
import pytest

from explainer import Feature, OptimizerSettings, Scenario, default_scenario, explain
from explainer.text.formatting import number
from tests.support.pages import open_page

EXPLORE = "pages/1_Explore.py"


def metric(app, label: str) -> str:
    return next(item.value for item in app.metric if item.label == label)


def editor_key(app) -> str:
    return next(key for key in (f"explore.editor.{n}" for n in range(5)) if key in app.session_state)


def edit_rows(app, edited=None, added=None, deleted=None):
    app.session_state[editor_key(app)] = {
        "edited_rows": edited or {},
        "added_rows": added or [],
        "deleted_rows": deleted or [],
    }
    return app.run()


def warnings_text(app) -> str:
    """The warnings as the learner reads them (Markdown's escaping backslashes removed)."""
    return "\n".join(item.value for item in app.warning).replace("\\", "")


def chart_specs(app) -> list[dict]:
    return [json.loads(element.proto.spec) for element in app.get("vega_lite_chart")]


def chart_rows(app, spec: dict) -> list[dict]:
    """The rows of every dataset a chart carries (Streamlit sends them as Arrow streams)."""
    rows = []
    for dataset in app.get("vega_lite_chart")[chart_specs(app).index(spec)].proto.datasets:
        rows += pa.ipc.open_stream(dataset.data.data).read_all().to_pylist()
    return rows


def test_default_scenario_shows_the_blog_posts_numbers():
    app = open_page(EXPLORE)
    assert not app.exception
    expected = explain(default_scenario())
    assert metric(app, "Condition number κ (raw)") == number(expected.raw.condition_number)
    assert metric(app, "Condition number κ (normalized)") == number(expected.normalized.condition_number)
    assert metric(app, "Largest stable η (raw)") == number(expected.raw.max_stable_lr)
    assert metric(app, "Iterations (normalized)") == f"{expected.normalized.simulated_iterations:,}"
    assert metric(app, "Speed-up") == f"{number(expected.speedup)} times"
    assert not dict(app.query_params)  # an address without parameters already means this default view


def test_changing_a_range_changes_the_metrics_and_the_link():
    app = open_page(EXPLORE)
    before = metric(app, "Condition number κ (raw)")
    edit_rows(app, edited={1: {"high": 10.0}})
    expected = explain(Scenario.from_ranges({"a": (0, 1), "b": (1, 10)}))
    assert metric(app, "Condition number κ (raw)") == number(expected.raw.condition_number) != before
    assert app.query_params["f"] == ["a,0,1,uniform", "b,1,10,uniform"]


def test_rows_can_be_added_and_deleted():
    app = open_page(EXPLORE)
    edit_rows(app, added=[{"name": "income", "low": 0.0, "high": 1e6, "distribution": "lognormal"}], deleted=[0])
    assert "a lognormal feature needs low > 0" in warnings_text(app)
    assert app.query_params["f"] == "b,1,1000,uniform"
    edit_rows(app, added=[{"name": "income", "low": 1.0, "high": 1e6, "distribution": "lognormal"}], deleted=[0])
    assert not app.warning
    expected = explain(Scenario(features=(Feature("b", 1, 1000), Feature("income", 1, 1e6, "lognormal"))))
    assert metric(app, "Condition number κ (raw)") == number(expected.raw.condition_number)
    assert app.query_params["f"] == ["b,1,1000,uniform", "income,1,1000000,lognormal"]


def test_a_refused_row_is_left_out_with_a_warning_naming_it():
    app = open_page(EXPLORE)
    edit_rows(app, edited={0: {"high": -5.0}}, added=[{"low": 3.0}])
    text = warnings_text(app)
    assert "feature row 1" in text and "must be greater than low" in text
    assert "feature row 3" in text and "needs a name" in text
    assert not app.exception
    expected = explain(Scenario.from_ranges({"b": (1, 1000)}))
    assert metric(app, "Condition number κ (raw)") == number(expected.raw.condition_number)


def test_no_usable_rows_falls_back_to_the_default_features_and_says_so():
    app = open_page(EXPLORE)
    edit_rows(app, deleted=[0, 1])
    assert "no complete feature rows" in warnings_text(app)
    assert metric(app, "Condition number κ (raw)") == number(explain(default_scenario()).raw.condition_number)


def test_normalization_choice_changes_the_normalized_side_only():
    app = open_page(EXPLORE)
    raw_before = metric(app, "Condition number κ (raw)")
    app.selectbox(key="explore.norm").set_value("none").run()
    assert metric(app, "Condition number κ (normalized)") == raw_before == metric(app, "Condition number κ (raw)")
    assert app.query_params["norm"] == "none"
    app.selectbox(key="explore.norm").set_value("minmax").run()
    expected = explain(default_scenario().with_changes(normalization="minmax"))
    assert metric(app, "Condition number κ (normalized)") == number(expected.normalized.condition_number)


def test_momentum_shows_its_beta_and_the_numbers_follow_it():
    app = open_page(EXPLORE)
    assert "explore.momentum" not in [item.key for item in app.number_input]  # β only when it applies
    app.selectbox(key="explore.opt").set_value("momentum").run()
    app.number_input(key="explore.momentum").set_value(0.5).run()
    expected = explain(default_scenario().with_changes(optimizer=OptimizerSettings("momentum", momentum=0.5)))
    assert metric(app, "Iterations (normalized)") == f"{expected.normalized.simulated_iterations:,}"
    assert app.query_params["opt"] == "momentum" and app.query_params["mom"] == "0.5"
    assert any("Momentum (β = 0.5)" in item.value for item in app.markdown)


def test_a_learning_rate_above_the_bound_diverges_and_text_is_refused():
    app = open_page(EXPLORE)
    app.text_input(key="explore.lr").input("0.001").run()
    assert metric(app, "Iterations (raw)").startswith("diverged")
    assert app.query_params["lr"] == "0.001"
    app.text_input(key="explore.lr").input("fast please").run()
    assert 'learning rate: expected a positive number or "auto"' in warnings_text(app)
    assert "lr" not in app.query_params
    assert not app.exception


def test_the_mean_squared_error_convention_is_stated_beside_learning_rates():
    app = open_page(EXPLORE)
    captions = [item.value for item in app.caption]
    assert sum("*mean* of squared errors (MSE)" in text for text in captions) >= 2  # headline and sweep
    app.radio(key="explore.loss").set_value("sse").run()
    captions = [item.value for item in app.caption]
    assert any("*sum* of squared errors" in text and "m = 1,000" in text for text in captions)
    assert app.query_params["loss"] == "sse"


def test_csv_upload_uses_the_learners_rows_and_target():
    app = open_page(EXPLORE)
    app.radio(key="explore.mode").set_value("data").run()
    assert any("Upload a CSV" in item.value for item in app.info)
    rows = b"x,size,price\n10,1000,1.01\n20,1500,2.02\n30,1200,2.88\n40,2000,4.1\n50,1700,5.3\n"
    app.file_uploader[0].set_value(("houses.csv", rows, "text/csv")).run()
    assert not app.exception and not app.warning
    from explainer import parse_csv

    expected = explain(Scenario(data=parse_csv(rows, "price")))
    assert metric(app, "Condition number κ (raw)") == number(expected.raw.condition_number)
    assert app.query_params["target"] == "price"  # five rows fit in the link
    app.selectbox(key="explore.target").set_value("size").run()
    expected = explain(Scenario(data=parse_csv(rows, "size")))
    assert metric(app, "Condition number κ (raw)") == number(expected.raw.condition_number)
    assert app.query_params["target"] == "size"


def test_a_large_upload_is_described_by_ranges_in_the_link_and_the_page_says_so():
    app = open_page(EXPLORE)
    app.radio(key="explore.mode").set_value("data").run()
    q = [(i * 37) % 1000 for i in range(1, 301)]
    lines = ["p,q,y"] + [f"{i},{q[i - 1]},{i + 2 * q[i - 1]}" for i in range(1, 301)]
    app.file_uploader[0].set_value(("big.csv", "\n".join(lines).encode(), "text/csv")).run()
    assert not app.exception
    assert "data" not in app.query_params
    assert app.query_params["f"] == ["p,1,300,uniform", f"q,{min(q)},{max(q)},uniform"]
    assert any("at most 400 values and your table has 900" in item.value for item in app.caption)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"a,b\n1,x\n2,3\n", "is not a number"),
        (b"\x00\x01binary", "binary data"),
        (b"only_one_column\n1\n2\n", "at least two columns"),
    ],
)
def test_a_bad_csv_gives_a_warning_naming_the_problem(content, message):
    app = open_page(EXPLORE)
    app.radio(key="explore.mode").set_value("data").run()
    app.file_uploader[0].set_value(("mine.csv", content, "text/csv")).run()
    assert not app.exception
    assert message in warnings_text(app)
    assert metric(app, "Condition number κ (raw)")  # the page still shows numbers


def test_pair_selector_redraws_the_ravine_for_that_pair():
    app = open_page(EXPLORE)
    titles = {spec["layer"][0]["encoding"]["y"]["title"] for spec in chart_specs(app) if "layer" in spec}
    assert "weight of b (y per unit of b)" in titles
    app.selectbox(key="explore.pair").set_value(("a", "bias")).run()
    titles = {spec["layer"][0]["encoding"]["y"]["title"] for spec in chart_specs(app) if "layer" in spec}
    assert "bias b (units of y)" in titles and "weight of b (y per unit of b)" not in titles
    assert app.query_params["pair"] == "a,bias"


def test_every_chart_has_a_title_labelled_axes_and_tooltips():
    app = open_page(EXPLORE)
    specs = chart_specs(app)
    assert len(specs) >= 6  # gradients, ravine ×2, sweep, loss, normalized ravine
    for spec in specs:
        assert spec["title"]["text"]
        layers = spec.get("layer", [spec])
        axes = [layer["encoding"][axis] for layer in layers for axis in ("x", "y") if axis in layer["encoding"]]
        assert any(axis.get("title") for axis in axes)
        assert any("tooltip" in layer["encoding"] for layer in layers)


def test_the_ravine_path_is_the_engines_descent():
    app = open_page(EXPLORE)
    expected = explain(default_scenario()).figures.ravine.sides[0]
    spec = next(s for s in chart_specs(app) if s["title"]["text"].startswith("Raw features"))
    steps = {row["step"] for row in chart_rows(app, spec) if "step" in row}
    assert steps == {int(step) for step in expected.path_steps[expected.drawn]}  # the dots a reader can tell apart
    assert {0, int(expected.path_steps[-1])} <= steps


def test_steps_caveats_and_scikit_learn_code_are_shown():
    app = open_page(EXPLORE)
    expected = explain(default_scenario())
    steps = [item.value for item in app.markdown if item.value.startswith("### ") and item.value[4:5].isdigit()]
    assert [text.split("\n\n")[0] for text in steps] == [
        f"### {i}. {step.title}" for i, step in enumerate(expected.steps, start=1)
    ]
    assert all(step.markdown in text for step, text in zip(expected.steps, steps))  # each heading above its text
    assert any(item.value == expected.code.strip() for item in app.code)
    caveats = [item.value for item in app.markdown if expected.caveats[0].text in item.value]
    assert caveats == ["\n".join(f"- {caveat.text}" for caveat in expected.caveats)]  # one list, every caveat


def test_user_text_is_escaped_not_rendered():
    app = open_page(EXPLORE, {"f": ["**x** <b>$y$</b>,0,1", "b,1,1000"], "title": "[click](javascript:alert(1))"})
    assert not app.exception
    shown = "\n".join(item.value for item in [*app.markdown, *app.caption])
    assert "**x**" not in shown and "<b>" not in shown and "[click](" not in shown
    assert r"\*\*x\*\* \<b\>\$y\$\</b\>" in shown


def test_a_table_without_a_unique_fit_says_so_instead_of_failing():
    app = open_page(EXPLORE)
    app.radio(key="explore.mode").set_value("data").run()
    rows = "a,b,y\n" + "\n".join(f"{i},{2 * i},{i + 1}" for i in range(1, 20))  # b = 2a: no unique weights
    app.file_uploader[0].set_value(("twins.csv", rows.encode(), "text/csv")).run()
    assert not app.exception
    assert "no unique answer" in warnings_text(app) and "linearly dependent" in warnings_text(app)
    assert not app.metric


def test_charts_are_drawn_the_public_way_if_streamlits_internals_change(monkeypatch):
    from ui import render

    def changed(*_):
        raise TypeError("a Streamlit release changed the private conversion helpers")

    render.clear_chart_cache()
    monkeypatch.setattr(render, "_finished_spec", changed)
    app = open_page("pages/1_Explore.py")
    render.clear_chart_cache()
    assert not app.exception
    assert len(app.get("vega_lite_chart")) >= 4  # gradients, both ravine panels, the sweep, the loss


def test_a_browsers_first_run_draws_the_links_numbers_alone_and_says_the_rest_is_coming():
    """ui/first_paint.py: with a browser address and no paint reported yet, only the numbers are drawn."""
    from streamlit.testing.v1 import AppTest

    from tests.support.pages import ENTRY
    from ui.first_paint import PENDING_TEXT

    app = AppTest.from_file(ENTRY, default_timeout=60)
    app.run()
    app.switch_page(EXPLORE)
    app.context["url"] = "http://localhost:8501/Explore"
    app.query_params["f"] = ["a,0,1", "b,1,5000"]
    app.run()
    expected = explain(Scenario.from_ranges({"a": (0, 1), "b": (1, 5000)}))
    assert metric(app, "Condition number κ (raw)") == number(expected.raw.condition_number)
    assert metric(app, "Iterations (normalized)") == f"{expected.normalized.iterations:,}"
    assert len(app.radio) == len(app.selectbox) == len(app.text_input) == len(app.number_input) == 0  # no inputs yet
    assert app.caption[-1].value == PENDING_TEXT
    assert not app.exception
