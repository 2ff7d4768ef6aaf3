"""What a visitor sees of the server's budgets: refused rows, a chat redrawn without recomputing."""

from __future__ import annotations

import importlib
import json

import pytest

from explainer.budget.memory import MEMORY
from explainer.scenario.spec import MAX_FEATURES
from tests.support.pages import open_page
from ui import chat_view

EXPLORE = "pages/1_Explore.py"


def charts(app) -> list[dict]:
    return [json.loads(element.proto.spec) for element in app.get("vega_lite_chart")]


def ask(app, text: str):
    app.chat_input[0].set_value(text).run()
    assert not app.exception
    return app


def test_rows_added_beyond_the_feature_bound_are_refused_with_a_message():
    app = open_page(EXPLORE)
    key = next(key for key in (f"explore.editor.{n}" for n in range(5)) if key in app.session_state)
    added = [{"name": f"f{i}", "low": 0.0, "high": float(i + 1), "distribution": "uniform"} for i in range(4000)]
    app.session_state[key] = {"edited_rows": {}, "added_rows": added, "deleted_rows": []}
    app.run()
    assert not app.exception
    shown = "\n".join(item.value for item in app.warning).replace("\\", "")
    refused = 4000 - (MAX_FEATURES - 2)  # the page starts with two features
    assert f"at most {MAX_FEATURES}" in shown and f"{refused:,} added rows beyond row {MAX_FEATURES}" in shown
    assert len(app.query_params["f"]) == MAX_FEATURES
    app.run()  # Streamlit keeps the edits: a rerun refuses them again, still ≤ the bound
    assert not app.exception and len(app.query_params["f"]) == MAX_FEATURES


def test_a_rerun_redraws_past_answers_without_recomputing_them(monkeypatch):
    app = ask(open_page(), "My features go from 0 to 1 and from 1 to 1000. Why does normalizing help?")
    ask(app, "what if my features go from 0 to 5 and 1 to 50?")
    before = charts(app)
    assert len(before) >= 4
    MEMORY.clear()  # every cache emptied: past answers fell out of them

    def refuse(*_args, **_kwargs):
        raise AssertionError("a past answer was recomputed")

    monkeypatch.setattr(importlib.import_module("explainer.explanation.explain"), "explain", refuse)
    app.run()
    assert not app.exception
    assert charts(app) == before


@pytest.mark.parametrize("kept", [2])
def test_old_turns_and_charts_are_let_go_and_the_page_says_so(monkeypatch, kept):
    monkeypatch.setattr(chat_view, "KEPT_TURNS", kept)
    monkeypatch.setattr(chat_view, "CHART_HISTORY_BYTES", 1)  # only the latest answer keeps its charts
    app = open_page()
    for high in (10, 100, 1000):
        ask(app, f"My features go from 0 to 1 and from 1 to {high}. Why does normalizing help?")
    captions = "\n".join(item.value for item in app.caption)
    assert "The first 1 exchange of this conversation was let go" in captions
    assert "charts of this earlier answer were let go" in captions
    assert len(app.chat_message) == 2 * kept
