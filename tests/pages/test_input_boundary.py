"""Issue 9 on the pages: every reproduction opens with a warning naming the field, never an exception."""

from __future__ import annotations

import pytest

from tests.support.pages import open_page

EXPLORE, DERIVATION, SCENARIOS = "pages/1_Explore.py", "pages/2_Derivation.py", "pages/3_Scenarios.py"


def warnings_text(app) -> str:
    return "\n".join(item.value for item in app.warning).replace("\\", "")


@pytest.mark.parametrize(
    ("page", "query"),
    [
        (EXPLORE, {"lr": "1e-320"}),
        (DERIVATION, {"lr": "1e-320"}),
        (SCENARIOS, {"lesson": "mine", "step": "1", "lr": "1e-320"}),
        (EXPLORE, {"lr": "5e-324", "opt": "momentum"}),
    ],
)
def test_a_learning_rate_that_underflows_is_a_warning_naming_it(page, query):
    app = open_page(page, query)
    assert not app.exception
    assert "learning_rate" in warnings_text(app) or "lr" in warnings_text(app)


def test_a_tolerance_the_core_accepts_is_kept_from_a_link():
    app = open_page(EXPLORE, {"tol": "0.8"})
    assert not app.exception and "tol" not in warnings_text(app)
    assert app.number_input(key="explore.tolerance").value == 0.8


def test_a_table_link_with_a_duplicate_column_an_unknown_target_and_samples_warns_about_each():
    app = open_page(EXPLORE, {"data": "x:1,2,3,4;x:5,6,7,8;y:1,3,2,5", "target": "zz", "n": "50"})
    text = warnings_text(app)
    assert not app.exception
    assert "column 'x' appears twice" in text
    assert "target: ignored 'zz'" in text
    assert "n: ignored '50': samples only applies to synthetic features" in text


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        (b"a,b\r1,2\r3,5\r4,4\r6,1\r", None),  # CR-only line endings: read like any other
        (b"a,b\n" + b"1" * 140_000 + b",2\n3,4\n5,6\n7,1\n", "too long for a row of numbers"),
    ],
)
def test_an_uploaded_csv_with_odd_lines_is_read_or_refused_with_a_reason(raw, message):
    app = open_page(EXPLORE)
    app.radio(key="explore.mode").set_value("data").run()
    app.file_uploader[0].set_value(("odd.csv", raw, "text/csv")).run()
    assert not app.exception
    if message is None:
        assert "Could not use" not in warnings_text(app)
        assert app.selectbox(key="explore.target").value == "b"
    else:
        assert message in warnings_text(app)


def test_a_scenarios_upload_with_a_400_digit_number_lists_the_problem():
    app = open_page(SCENARIOS)
    text = 'features = [{ name = "a", low = 0, high = 1' + "0" * 400 + " }]\n"
    uploader = next(item for item in app.file_uploader)
    uploader.set_value(("big.toml", text.encode(), "application/toml")).run()
    assert not app.exception
    assert "features[0].high" in "\n".join(item.value for item in app.error).replace("\\", "")
