"""A lesson on the Scenarios page through the agent API: opened by its link, stepped with Next, a step
picked by name; each step's numbers are explain()'s for that step's scenario."""

from __future__ import annotations

import pytest

from deploy.agent import interact
from explainer import explain
from explainer.lessons.gallery import load_gallery
from tests.support.agent_api import metric, metric_value, nodes, texts

KAPPA_RAW = r"Condition number κ \(raw\)"


def step_shown(snapshot: dict) -> str:
    return next(text for text in texts(snapshot, "subheader") if text.startswith("Step "))


def assert_step(snapshot: dict, lesson, number: int) -> None:
    assert step_shown(snapshot).startswith(f"Step {number} of {len(lesson.steps)}")
    assert snapshot["query_params"]["step"] == [str(number)]  # the share link follows the step
    kappa, precision = metric_value(metric(snapshot, KAPPA_RAW))
    assert kappa == pytest.approx(explain(lesson.step(number).scenario).raw.condition_number, rel=precision)


def test_step_through_a_lesson_with_next_then_pick_a_step_by_name(agent_server):
    lesson = load_gallery("why-normalize")
    snapshot = interact(agent_server, {"page": "Scenarios", "query_params": {"lesson": ["why-normalize"]}})
    assert_step(snapshot, lesson, 1)
    actions = {action["key"]: action for action in snapshot["actions"]}
    assert "scenarios.next" in actions and "scenarios.previous" not in actions  # disabled on step 1

    for number in range(2, len(lesson.steps) + 1):
        snapshot = interact(agent_server, {"session_id": snapshot["session_id"], "trigger": {"key": "scenarios.next"}})
        assert_step(snapshot, lesson, number)
    assert "scenarios.next" not in {action["key"] for action in snapshot["actions"]}  # the last step

    step = next(node for node in nodes(snapshot, "selectbox") if node["key"] == "scenarios.step")
    snapshot = interact(
        agent_server,
        {"session_id": snapshot["session_id"], "widget_state": {"scenarios.step": step["props"]["options"][2]}},
    )
    assert_step(snapshot, lesson, 3)


def test_a_tampered_lesson_link_warns_and_still_shows_a_step(agent_server):
    snapshot = interact(
        agent_server, {"page": "Scenarios", "query_params": {"lesson": ["why-normalize"], "step": ["99"]}}
    )
    assert not list(nodes(snapshot, "exception"))
    assert any("step" in text for text in texts(snapshot, "warning"))
    assert step_shown(snapshot).startswith("Step ")
