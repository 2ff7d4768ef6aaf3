"""The Ask page's chat through the agent API: a question with the learner's ranges gets their computed
numbers, a follow-up in the same session keeps the scenario, and a 1 MB message is cut to what the chat reads."""

from __future__ import annotations

from deploy.agent import interact
from explainer import explain, scenario_from_params
from explainer.chat import MAX_TEXT
from explainer.text.formatting import number
from tests.support.agent_api import nodes, texts
from tests.support.pages import open_page
from ui.chat_view import ECHO_CHARACTERS

QUESTION = "my features go from 0 to 1 and 1 to 1000, why normalize?"
CHAT_KEY = "chat_question"


def ask(base: str, session_id: str, question: str) -> dict:
    return interact(base, {"session_id": session_id, "trigger": {"key": CHAT_KEY, "value": question}})


def answers(snapshot: dict) -> list[str]:
    """The text of each assistant message, in order."""
    return [
        "\n".join(texts({"tree": message}, "markdown"))
        for message in nodes(snapshot, "chat_message")
        if message["props"]["name"] == "assistant"
    ]


def explore_link(snapshot: dict) -> dict[str, list[str]]:
    """The query parameters of the latest answer's "Open these numbers in Explore" link."""
    links = [node["props"] for node in nodes(snapshot, "page_link") if node["props"]["page"] == "Explore"]
    return [props for props in links if props.get("query_params")][-1]["query_params"]


def test_the_chat_answers_with_the_learners_numbers_then_follows_up_in_the_same_session(agent_server):
    home = interact(agent_server, {})
    assert {"key": CHAT_KEY, "kind": "trigger", "type": "chat_input"} in home["actions"]

    first = ask(agent_server, home["session_id"], QUESTION)
    assert first["status"] == "ready" and first["session_id"] == home["session_id"]
    expected = explain(scenario_from_params(explore_link(first)).scenario)
    answer = answers(first)[-1]
    assert "0 to 1" in answer and "1,000" in answer
    assert number(expected.raw.condition_number) in answer  # 5.04 × 10⁶
    assert number(expected.raw.max_stable_lr) in answer  # 3.1 × 10⁻⁶

    follow_up = ask(agent_server, home["session_id"], "what about Adam?")
    assert len(answers(follow_up)) == 2
    assert "Adam" in answers(follow_up)[-1]
    assert explore_link(follow_up)["f"] == explore_link(first)["f"]  # the same ranges, kept from the first question
    assert explore_link(follow_up).get("opt") == ["adam"]


def test_a_1_mb_message_is_answered_in_part_as_in_the_browser(agent_server):
    message = (QUESTION + " ") * (1_000_000 // (len(QUESTION) + 1) + 1)
    message = message[:1_000_000]
    home = interact(agent_server, {})
    snapshot = ask(agent_server, home["session_id"], message)
    assert snapshot["status"] == "ready" and not list(nodes(snapshot, "exception"))
    echoed = next(texts({"tree": node}, "markdown")[0] for node in nodes(snapshot, "chat_message"))
    assert len(echoed) < 5000 and echoed.endswith("more characters*")  # not echoed back in full
    # the chat box's max_chars cuts the message through the agent API as in the browser: 20,000 are kept and read
    assert echoed.endswith(f"… and {MAX_TEXT - ECHO_CHARACTERS:,} more characters*")
    assert f"Only the first {MAX_TEXT:,} characters were read" in answers(snapshot)[-1]

    browser = open_page()  # the same message typed in AppTest
    browser.chat_input(key=CHAT_KEY).set_value(message).run()
    assert not browser.exception
    shown = [item.value for item in browser.chat_message[1].markdown]
    assert shown == texts({"tree": list(nodes(snapshot, "chat_message"))[1]}, "markdown")
