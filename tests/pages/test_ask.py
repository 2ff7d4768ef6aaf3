"""Ask in AppTest: type a question, read the answer and its chart, click follow-ups, open Explore.

Expected numbers come from the engine (`explain`) and the app's own formatting, never typed in.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from explainer import explain, scenario_from_params
from explainer.chat import STARTER_QUESTIONS
from explainer.formatting import escape_markdown, number
from tests.pages.conftest import open_page

EXPLORE = "pages/1_Explore.py"
QUESTION = "My features go from 0 to 1 and from 1 to 1000. Why does normalizing help?"


def ask(app, text: str):
    app.chat_input[0].set_value(text).run()
    assert not app.exception
    return app


def messages(app) -> list[tuple[str, str]]:
    """(author, first Markdown block) for every chat message, in order."""
    return [(message.name, message.markdown[0].value) for message in app.chat_message]


def explore_links(app) -> list[dict[str, list[str]]]:
    """The query parameters of every "Open these numbers in Explore" link."""
    return [
        parse_qs(link.proto.query_string)
        for link in app.get("page_link")
        if link.proto.label == "Open these numbers in Explore"
    ]


def charts(app) -> list[dict]:
    return [json.loads(element.proto.spec) for element in app.get("vega_lite_chart")]


def test_the_page_opens_with_starter_questions_and_an_empty_chat_box():
    app = open_page()
    assert not app.exception
    assert app.title[0].value == "Why does normalizing input features speed up learning?"
    assert sorted(button.label for button in app.button if button.label in STARTER_QUESTIONS) == sorted(
        STARTER_QUESTIONS
    )
    assert len(app.chat_input) == 1


def test_a_question_gets_an_answer_with_its_numbers_and_a_chart():
    app = ask(open_page(), QUESTION)
    (user, echoed), (assistant, text) = messages(app)
    assert (user, assistant) == ("user", "assistant")
    assert echoed == escape_markdown(QUESTION)
    scenario = app.session_state["ask.conversation"].scenario
    expected = explain(scenario)
    assert number(expected.raw.condition_number) in text
    assert number(expected.normalized.condition_number) in text
    assert len(charts(app)) == 2  # the ravine: raw beside normalized
    caption = app.chat_message[1].caption[0].value
    assert caption.startswith("Topic: Why normalizing speeds up learning · confidence ")
    assert explore_links(app) == [{"f": ["x1,0,1,uniform", "x2,1,1000,uniform"]}]


def test_each_answer_ends_with_follow_up_buttons_and_clicking_one_asks_it():
    app = ask(open_page(), QUESTION)
    follow_ups = [button for button in app.button if button.key and button.key.startswith("ask-follow-0-")]
    assert 2 <= len(follow_ups) <= 3
    label = follow_ups[0].label
    assert label == "What about Adam?"
    follow_ups[0].click().run()
    assert not app.exception
    assert messages(app)[2] == ("user", escape_markdown(label))
    assert app.chat_message[3].caption[0].value.startswith("Topic: Adam, momentum and scaling")
    assert scenario_from_params(explore_links(app)[1]).scenario.optimizer.name == "adam"


def test_a_follow_up_question_changes_the_scenario_and_the_explore_link_opens_it():
    app = ask(open_page(), QUESTION)
    ask(app, "what if the second feature went to a million?")
    link = explore_links(app)[-1]
    assert link["f"] == ["x1,0,1,uniform", "x2,1,1000000,uniform"]
    state = scenario_from_params(link)
    assert state.warnings == ()
    expected = explain(state.scenario)
    assert number(expected.raw.condition_number) in messages(app)[3][1]

    explore = open_page(EXPLORE, query=link)
    assert not explore.exception
    shown = {item.label: item.value for item in explore.metric}
    assert shown["Condition number κ (raw)"] == number(expected.raw.condition_number)


def test_a_starter_button_asks_its_question():
    app = open_page()
    next(button for button in app.button if button.label == STARTER_QUESTIONS[2]).click().run()
    assert not app.exception
    assert messages(app)[0] == ("user", escape_markdown(STARTER_QUESTIONS[2]))
    assert "costs the same" in messages(app)[1][1]
    assert [chart["layer"][0]["mark"] for chart in charts(app)]  # the loss curves are drawn


def test_markdown_html_and_latex_in_the_question_are_shown_literally():
    text = "**bold** <b>tag</b> [link](http://example.com) $x^2$ why normalize?"
    app = ask(open_page(), text)
    assert messages(app)[0][1] == escape_markdown(text)
    assert not app.get("html")


def test_a_100_kb_message_gets_a_polite_answer_and_a_shortened_echo():
    app = ask(open_page(), "why normalize? " * 7000)
    echoed, answered = messages(app)[0][1], messages(app)[1][1]
    assert echoed.endswith("more characters*") and len(echoed) < 5000
    assert "I read the first 2,000" in answered


def test_an_off_topic_question_offers_what_the_chat_can_answer():
    app = ask(open_page(), "what's the best pizza in Naples?")
    assert messages(app)[1][1].startswith("That is outside what I answer")
    assert "outside what I can answer" in app.chat_message[1].caption[0].value
    assert not explore_links(app) and not charts(app)


def test_new_conversation_forgets_the_scenario():
    app = ask(open_page(), QUESTION)
    app.button(key="ask-reset").click().run()
    assert not app.chat_message[0].markdown[0].value.startswith(escape_markdown(QUESTION))
    ask(app, "why normalize?")
    assert explore_links(app) == [{"f": ["a,0,1,uniform", "b,1,1000,uniform"]}]
