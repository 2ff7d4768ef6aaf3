"""Explore through the agent API: a share link's numbers are explain()'s, and a hostile link gets the
browser's warning, never more access and never an exception."""

from __future__ import annotations

import pytest

from deploy.agent import AgentError, interact, post
from explainer import explain, scenario_from_params
from tests.support.agent_api import metric, metric_value, nodes, texts, unescaped
from tests.support.pages import open_page

LEARNER = {"f": ["a,0,1,uniform", "b,1,1000,uniform"]}
KAPPA_RAW = r"Condition number κ \(raw\)"
MAX_LR_RAW = r"Largest stable (learning rate|η) \(raw\)"
MAX_LR_NORMALIZED = r"Largest stable (learning rate|η) \(normalized\)"
EXPLORE_KEYS = {"explore.norm", "explore.opt", "explore.lr", "explore.steps", "explore.pair"}


def open_explore(base: str, query: dict[str, list[str]]) -> dict:
    return interact(base, {"page": "Explore", "query_params": query})


def test_a_share_link_reads_the_same_kappa_and_largest_stable_rate_as_explain(agent_server):
    snapshot = open_explore(agent_server, LEARNER)
    expected = explain(scenario_from_params(LEARNER).scenario)

    assert snapshot["status"] == "ready" and snapshot["page"]["url_path"] == "Explore"
    kappa, precision = metric_value(metric(snapshot, KAPPA_RAW))
    assert kappa == pytest.approx(expected.raw.condition_number, rel=precision)
    max_lr, precision = metric_value(metric(snapshot, MAX_LR_RAW))
    assert max_lr == pytest.approx(expected.raw.max_stable_lr, rel=precision)
    max_lr, precision = metric_value(metric(snapshot, MAX_LR_NORMALIZED))
    assert max_lr == pytest.approx(expected.normalized.max_stable_lr, rel=precision)
    assert snapshot["query_params"]["f"] == LEARNER["f"]  # the page kept the link as given


def test_explore_inputs_are_addressed_by_their_documented_keys(agent_server):
    snapshot = open_explore(agent_server, LEARNER)
    keys = {action["key"] for action in snapshot["actions"]}
    assert keys >= EXPLORE_KEYS
    assert not any(key.startswith("$$ID") for key in keys)


def test_a_widget_change_in_the_same_session_changes_the_numbers(agent_server):
    opened = open_explore(agent_server, LEARNER)
    changed = interact(agent_server, {"session_id": opened["session_id"], "widget_state": {"explore.lr": "1e-7"}})
    assert changed["query_params"]["lr"] == ["1e-07"] or changed["query_params"]["lr"] == ["1e-7"]
    help_text = metric(changed, r"Iterations( to tolerance)? \(raw\)").get("help", "")
    assert "10⁻⁷" in help_text


def test_the_browser_only_query_guard_hides_nothing_an_agent_needs(agent_server):
    """`query_guard` is the page's only browser_required element: an empty, zero-height probe that
    reports links too long for Streamlit. The agent API refuses such a link itself, with a reason.
    The feature table (an agent sends `f`) and the notebook download (`explainer notebook` writes
    it) are the only actions an agent cannot take."""
    snapshot = open_explore(agent_server, LEARNER)
    marked = [node for node in nodes(snapshot) if node.get("support") == "browser_required"]
    assert [node["props"]["component_name"] for node in marked] == ["query_guard"]
    assert not marked[0].get("children")
    unsupported = {node["type"]: node for node in nodes(snapshot) if node.get("support") == "action_unsupported"}
    assert set(unsupported) == {"data_editor", "download_button"}
    # the notebook a browser downloads is what `explainer notebook` writes for the same scenario
    assert unsupported["download_button"]["props"]["file_name"].endswith(".ipynb")
    editor = next(nodes(snapshot, "data_editor"))  # a browser edits the rows; an agent sends `f` instead
    assert editor["support"] == "action_unsupported"
    assert editor["data"]["preview"]["rows"] == [["a", 0.0, 1.0, "uniform"], ["b", 1.0, 1000.0, "uniform"]]

    status, body = post(agent_server, {"page": "Explore", "query_params": {"f": [f"x{i},0,1" for i in range(10_000)]}})
    assert status == 400 and body["error"]["code"] == "invalid_request"
    assert "query_params` is too large" in body["error"]["message"]


TAMPERED = {"f": ["a,5,1", "b,1,1000"], "lr": ["fast"], "steps": ["1e40"], "evil": ["<script>alert(1)</script>"]}


def test_a_tampered_link_gets_the_warning_a_browser_gets_and_no_exception(agent_server):
    snapshot = open_explore(agent_server, TAMPERED)
    assert snapshot["status"] == "ready"
    assert not list(nodes(snapshot, "exception"))
    warning = unescaped("\n".join(texts(snapshot, "warning")))
    for message in ("ignored unknown parameter 'evil'", "lr: ignored 'fast'", "features[0].high: must be greater"):
        assert message in warning
    assert "evil" not in snapshot["query_params"]  # the address now holds only what was used

    browser = open_page("pages/1_Explore.py", TAMPERED)  # the same page in AppTest
    assert [item.value for item in browser.warning] == texts(snapshot, "warning")


def test_a_subnormal_learning_rate_in_a_link_warns_as_in_the_browser(agent_server):
    query = {**LEARNER, "lr": ["1e-320"]}
    snapshot = open_explore(agent_server, query)
    assert snapshot["status"] == "ready" and not list(nodes(snapshot, "exception"))
    warning = unescaped("\n".join(texts(snapshot, "warning")))
    assert "lr" in warning or "learning_rate" in warning
    kappa, precision = metric_value(metric(snapshot, KAPPA_RAW))  # the ranges still get their answer
    assert kappa == pytest.approx(explain(scenario_from_params(LEARNER).scenario).raw.condition_number, rel=precision)

    browser = open_page("pages/1_Explore.py", query)
    assert [item.value for item in browser.warning] == texts(snapshot, "warning")


def test_a_request_from_a_web_page_is_refused(agent_server):
    """CORS origins are empty: a page on any origin (this app's own included) cannot drive the app."""
    status, body = post(agent_server, {}, headers={"Origin": "https://evil.example"})
    assert status == 403 and body["error"]["code"] == "origin_not_allowed"
    status, body = post(agent_server, {}, headers={"Origin": agent_server})
    assert status == 403 and body["error"]["code"] == "origin_not_allowed"


def test_an_unknown_page_is_an_error_not_a_traceback(agent_server):
    with pytest.raises(AgentError) as refused:
        interact(agent_server, {"page": "../../etc/passwd"})
    assert refused.value.code == "unknown_page"
