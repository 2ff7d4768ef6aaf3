"""Share links in AppTest: the page's state lives in the URL, a link reopens it, a tampered link is survived."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest
from streamlit.testing.v1 import AppTest

from explainer import default_scenario, explain, scenario_from_params
from explainer.formats.link import SCENARIO_KEYS, VIEW_KEYS
from explainer.text.formatting import number
from tests.support.pages import open_link, open_page

EXPLORE, DERIVATION = "pages/1_Explore.py", "pages/2_Derivation.py"
HEADLINE = (
    "Condition number κ (raw)",
    "Condition number κ (normalized)",
    "Largest stable η (raw)",
    "Largest stable η (normalized)",
    "Iterations (raw)",
    "Iterations (normalized)",
    "Speed-up",
)


def headline(app) -> dict[str, str]:
    return {item.label: item.value for item in app.metric}


def params_of(app) -> dict[str, list[str]]:
    return {key: [value] if isinstance(value, str) else list(value) for key, value in app.query_params.items()}


def warnings_text(app) -> str:
    return "\n".join(item.value for item in app.warning).replace("\\", "")


def share_link(app) -> str:
    """The link in the "Share this view" control."""
    return next(item.value for item in app.code if item.value.startswith("http"))


def open_with_context(page: str, url: str, query: dict | None = None) -> AppTest:
    """Like open_page, then with the browser's address as st.context.url (what a real browser sends).

    The address comes on the second run: on a browser's first run the page draws only its numbers and waits
    for the browser to report their paint (ui/first_paint.py), which AppTest cannot do."""
    app = open_page(page, query)
    app.context["url"] = url
    return app.run()


def test_every_input_round_trips_through_the_link():
    app = open_page(EXPLORE)
    key = next(k for k in (f"explore.editor.{n}" for n in range(5)) if k in app.session_state)
    app.session_state[key] = {
        "edited_rows": {1: {"high": 5000.0, "distribution": "normal"}},
        "added_rows": [{"name": "rooms", "low": 1.0, "high": 5.0, "distribution": "uniform"}],
        "deleted_rows": [],
    }
    app.run()
    app.selectbox(key="explore.norm").set_value("minmax").run()
    app.selectbox(key="explore.opt").set_value("momentum").run()
    app.number_input(key="explore.momentum").set_value(0.8).run()
    app.text_input(key="explore.lr").input("2e-7").run()
    app.number_input(key="explore.steps").set_value(50_000).run()
    app.number_input(key="explore.samples").set_value(500).run()
    app.number_input(key="explore.seed").set_value(7).run()
    app.number_input(key="explore.correlation").set_value(0.3).run()
    app.selectbox(key="explore.pair").set_value(("b", "rooms")).run()
    assert not app.exception and not app.warning
    params = params_of(app)
    assert params["pair"] == ["b,rooms"] and params["opt"] == ["momentum"] and params["mom"] == ["0.8"]

    reopened = open_page(EXPLORE, params)
    assert not reopened.warning
    assert headline(reopened) == headline(app)
    assert params_of(reopened) == params
    assert reopened.selectbox(key="explore.pair").value == ("b", "rooms")
    assert reopened.number_input(key="explore.momentum").value == 0.8
    assert reopened.text_input(key="explore.lr").value == "2e-07"
    # the link's scenario is exactly the one the page computed
    expected = explain(scenario_from_params(params).scenario)
    assert headline(reopened)["Condition number κ (raw)"] == number(expected.raw.condition_number)


def test_the_share_control_builds_the_link_from_the_address_the_app_is_served_at():
    app = open_with_context(EXPLORE, "https://apps.example.org/why-normalize/Explore", {"f": ["a,0,1", "b,1,10"]})
    link = share_link(app)
    parts = urlsplit(link)
    assert (parts.scheme, parts.netloc, parts.path) == ("https", "apps.example.org", "/why-normalize/")
    assert parse_qs(parts.query)["page"] == ["Explore"]
    assert parse_qs(parts.query)["f"] == ["a,0,1,uniform", "b,1,10,uniform"]


def test_the_share_link_without_a_browser_address_falls_back_to_the_local_server():
    app = open_page(EXPLORE)
    assert share_link(app).startswith("http://localhost:8501/?page=Explore&f=a,0,1,uniform&f=b,1,1000,uniform")


def test_a_share_link_opens_the_same_numbers_in_a_fresh_session():
    app = open_page(EXPLORE, {"f": ["x,0,10", "y,-5,5000,normal"], "norm": "robust", "lr": "1e-7"})
    link = share_link(app)
    fresh = open_page(EXPLORE, parse_qs(urlsplit(link).query))
    assert headline(fresh) == headline(app)
    assert [h for h in HEADLINE if h in headline(fresh)] == list(HEADLINE)


def test_explore_and_derivation_links_carry_the_scenario_both_ways():
    app = open_page(EXPLORE, {"f": ["x,0,10", "y,5,5000"], "pair": "x,bias"})
    links = {item.value: item.proto.query_string for item in app.get("page_link")}
    carried = parse_qs(links["The derivation, with these numbers"])
    assert carried["f"] == ["x,0,10,uniform", "y,5,5000,uniform"] and carried["pair"] == ["x,bias"]
    sidebar = [item.proto for item in app.get("page_link") if item.proto.label in ("Explore", "Derivation")]
    assert all(parse_qs(proto.query_string)["f"] == carried["f"] for proto in sidebar)

    derivation = open_page(DERIVATION, carried)
    back = {item.value: item.proto.query_string for item in derivation.get("page_link")}
    assert parse_qs(back["Change the scenario in Explore"]) == carried


TAMPERED = [
    ({"foo": "bar"}, "ignored unknown parameter 'foo'"),
    ({"lr": "fast"}, "lr: ignored 'fast'"),
    ({"steps": "many"}, "steps: ignored 'many', expected a whole number"),
    ({"f": ["a,5,1", "b,1,1000"]}, "features[0].high: must be greater than low"),
    ({"f": [f"x{i},0,1" for i in range(500)]}, "500 features given, at most 20"),
    ({"steps": "1e40"}, "steps: '1e40' is outside"),
    ({"n": "-3"}, "n: '-3' is outside"),
    ({"norm": "<script>alert(1)</script>"}, "norm: ignored"),
    ({"pair": "nonsense"}, "pair: ignored 'nonsense', expected two of a, b, bias"),
    ({"tol": "0"}, "tol: ignored '0'"),
    ({"corr": "NaN"}, "corr: ignored 'NaN'"),
]


@pytest.mark.parametrize(("query", "message"), TAMPERED, ids=[message.split(":")[0] for _, message in TAMPERED])
def test_a_tampered_link_warns_naming_what_was_ignored_and_still_shows_numbers(query, message):
    app = open_page(EXPLORE, query)
    assert not app.exception
    assert message in warnings_text(app)
    assert headline(app)["Condition number κ (raw)"]
    assert set(app.query_params) <= {*SCENARIO_KEYS, *VIEW_KEYS}  # the address now holds only what was used


@pytest.mark.parametrize("optimizer", ["gd", "momentum", "adam"])
def test_huge_step_caps_finish(optimizer):
    # default_timeout bounds the run: the engine solves GD and momentum in closed form and caps Adam's work
    app = open_page(EXPLORE, {"steps": "1e15", "opt": optimizer, "lr": "1e-9"}, timeout=30)
    assert not app.exception and not app.warning
    assert headline(app)["Iterations (raw)"]


def test_the_warning_goes_once_the_learner_changes_something():
    app = open_page(EXPLORE, {"foo": "bar"})
    assert "foo" in warnings_text(app)
    app.selectbox(key="explore.norm").set_value("minmax").run()
    assert "foo" not in warnings_text(app)


def test_an_empty_address_is_the_default_scenario():
    app = open_page(EXPLORE)
    expected = explain(default_scenario())
    assert headline(app)["Condition number κ (raw)"] == number(expected.raw.condition_number)
    assert not app.warning


def test_a_small_table_travels_inside_the_link():
    app = open_page(EXPLORE)
    app.radio(key="explore.mode").set_value("data").run()
    rows = b"x,y\n10,1.01\n20,2.02\n30,2.88\n40,4.1\n"  # the Stack Exchange answer's four points
    app.file_uploader[0].set_value(("post.csv", rows, "text/csv")).run()
    link = share_link(app)
    query = parse_qs(urlsplit(link).query)
    assert query["data"] == ["x:10,20,30,40;y:1.01,2.02,2.88,4.1"] and query["target"] == ["y"]
    fresh = open_page(EXPLORE, query)
    assert headline(fresh) == headline(app)
    assert fresh.radio(key="explore.mode").value == "data"
    assert any("the link: 4 rows × 2 columns" in item.value for item in fresh.caption)


@pytest.mark.parametrize("page", [EXPLORE, DERIVATION])
def test_a_share_link_opens_at_the_root_and_shows_its_page_with_the_same_numbers_and_link(page):
    app = open_page(page, {"f": ["size,0,2000", "rooms,1,5"], "lr": "0.01"})
    link = share_link(app)
    assert urlsplit(link).path == "/" and parse_qs(urlsplit(link).query)["page"] == [page[8:-3]]
    opened = open_link(link)
    assert not opened.exception and not opened.warning
    assert headline(opened) == headline(app) and share_link(opened) == link
    assert "page" not in params_of(opened)  # the page's own address carries the scenario alone


def test_a_page_named_in_lower_case_by_hand_opens_too():
    app = open_link("http://localhost:8501/?page=derivation&f=a,0,1&f=b,1,1000")
    assert not app.exception and app.title[0].value.startswith("Derivation")


def test_an_old_link_to_the_page_url_still_opens_it_and_a_page_key_there_is_no_warning():
    app = open_page(EXPLORE, {"page": "Explore", "f": ["a,0,1", "b,1,5000"]})
    assert not app.exception and not app.warning
    assert headline(app)["Condition number κ (raw)"] == number(
        explain(scenario_from_params({"f": ["a,0,1", "b,1,5000"]}).scenario).raw.condition_number
    )


def test_the_link_switches_once_a_session_so_back_to_its_address_leaves_instead_of_looping():
    """The browser's Back passes the Ask page (with the link's numbers and no talk of lost messages) and then the
    link's own address, which must not send the learner forward to Explore again (tests/e2e checks it in Chromium)."""
    app = open_link("http://localhost:8501/?page=Explore&f=size,0,2000&f=rooms,1,5")
    assert app.title[0].value.startswith("Explore")
    app.switch_page("streamlit_app.py")
    app.query_params["f"] = ["size,0,2000", "rooms,1,5"]
    app.run()
    assert app.title[0].value.startswith("Why does normalizing")
    notes = [item.value for item in app.info]
    assert notes and notes[0].startswith("I carry on with the numbers of the link you opened")
    app.query_params["page"] = "Explore"
    app.run()
    assert app.title[0].value.startswith("Why does normalizing") and not app.exception


def test_a_link_to_a_page_the_app_lacks_says_so_on_ask_and_shows_the_name_as_text():
    app = open_link("http://localhost:8501/?page=*Explorer*&f=size,0,2000&f=rooms,1,5")
    assert app.title[0].value.startswith("Why does normalizing") and not app.exception
    warnings = [item.value for item in app.warning]
    assert warnings and "\\*Explorer\\*" in warnings[0] and "Explore, Derivation, Scenarios" in warnings[0]
    assert not open_link("http://localhost:8501/?page=Explore&f=size,0,2000").warning
    assert not open_link("http://localhost:8501/?page=ask").warning
