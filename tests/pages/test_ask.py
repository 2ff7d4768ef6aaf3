"""Ask in AppTest: type a question, read the answer and its chart, click follow-ups, open Explore.

Expected numbers come from the engine (`explain`) and the app's own formatting, never typed in.
"""

from __future__ import annotations

import json
from urllib.parse import parse_qs

from explainer import explain, scenario_from_params
from explainer.chat import STARTER_QUESTIONS, TOPICS, Understanding, answer, tutor
from explainer.chat.reading.numbers import MAX_TEXT
from explainer.text.formatting import escape_markdown, number
from tests.support.pages import open_page

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


def test_an_answer_from_the_numbers_alone_shows_no_classifier_confidence():
    app = ask(open_page(), "age 18-90, income 20000-250000")
    caption = app.chat_message[1].caption[0].value
    assert caption == "Topic: Why normalizing speeds up learning · answered from the numbers in your message"


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
    assert f"Only the first {MAX_TEXT:,}" in answered


def test_an_off_topic_question_gets_the_polite_decline_and_three_questions_to_click():
    app = ask(open_page(), "How do I bring my database tables into third normal form?")
    assert messages(app)[1][1].startswith("That sounds like a question about database normalization.")
    assert "That is outside what I answer" in messages(app)[1][1]
    assert "outside what I can answer" in app.chat_message[1].caption[0].value
    assert not explore_links(app) and not charts(app)
    offered = [button.label for button in app.button if button.key and button.key.startswith("ask-follow-0-")]
    assert offered == list(STARTER_QUESTIONS[:3])


def test_an_ambiguous_question_shows_did_you_mean_buttons_and_clicking_one_answers_that_topic(monkeypatch):
    ranking = (("learning_rate", 0.3), ("cost_blowup", 0.28), *((t, 0.01) for t in TOPICS[2:] if t != "cost_blowup"))
    reading = Understanding("learning_rate", 0.3, ranking, None, ("cost_blowup",))
    monkeypatch.setattr(tutor, "understand", lambda text: reading)
    app = ask(open_page(), "features 0 to 1 and 1 to 1000, training acts weird")
    assert app.chat_message[1].caption[0].value.startswith("Topic: Learning rates and divergence")
    button = app.button(key="ask-did-you-mean-0-0")
    assert button.label == "Did you mean: When the cost explodes?"
    button.click().run()
    assert not app.exception
    assert messages(app)[2] == ("user", escape_markdown("features 0 to 1 and 1 to 1000, training acts weird"))
    assert app.chat_message[2].caption[0].value == "Answer as: When the cost explodes"
    assert app.chat_message[3].caption[0].value.startswith("Topic: When the cost explodes · the topic you picked")
    assert app.chat_message[3].caption[0].value.endswith("the topic you picked")
    assert "confidence" not in app.chat_message[3].caption[0].value  # the learner's choice, not the classifier's
    assert explore_links(app)[-1]["f"] == ["x1,0,1,uniform", "x2,1,1000,uniform"]


def test_a_pasted_numpy_snippet_is_answered_with_its_ranges_and_a_working_explore_link():
    snippet = (
        "I generate my inputs like this:\n"
        "X1 = np.random.randint(5, 500, 2000)\n"
        "X2 = np.random.uniform(0, 1, 2000)\n"
        "and plain gradient descent takes forever. Why does normalizing help?"
    )
    app = ask(open_page(), snippet)
    text = messages(app)[1][1]
    assert "5 to 500" in text and "0 to 1" in text
    link = explore_links(app)[-1]
    state = scenario_from_params(link)
    assert state.warnings == ()
    assert [(f.low, f.high) for f in state.scenario.features] == [(5, 500), (0, 1)]
    explore = open_page(EXPLORE, query=link)
    assert not explore.exception
    shown = {item.label: item.value for item in explore.metric}
    assert shown["Condition number κ (raw)"] == number(explain(state.scenario).raw.condition_number)


def test_two_asks_in_one_message_get_two_sections(monkeypatch):
    ranking = (("tree_models", 0.6), ("target_scaling", 0.3), *((t, 0.005) for t in TOPICS[2:]))
    reading = Understanding("tree_models", 0.6, ranking, "target_scaling", ())
    monkeypatch.setattr(tutor, "understand", lambda text: reading)
    app = ask(open_page(), "do I need to scale for xgboost, and what about the target?")
    text = messages(app)[1][1]
    main, heading, second = text.partition("#### Scaling the target")
    assert heading and "decision tree" in main and "condition number κ" in second
    assert app.button(key="ask-follow-0-0").label == "Should I scale the target variable too?"


def test_a_range_the_engine_cannot_solve_gets_a_plain_sentence_not_an_error():
    app = ask(open_page(), QUESTION)
    ask(app, "and features from 1e-300 to 1e-299?")
    text = messages(app)[3][1]
    assert text.startswith("I cannot solve these numbers raw") and "9 × 10⁻³⁰⁰" in text
    assert app.chat_message[3].caption[0].value.endswith("these numbers could not be computed")
    assert not app.exception and not app.error
    assert "x2 1…1,000" in app.sidebar.caption[-1].value  # the previous scenario is kept


def test_the_chat_box_has_a_stable_key():
    app = open_page()
    app.chat_input(key="chat_question").set_value("why normalize?").run()
    assert not app.exception and len(app.chat_message) == 2


def test_the_conversations_scenario_is_kept_in_the_address_and_a_reload_carries_on_with_it():
    app = ask(open_page(), QUESTION)
    assert app.query_params["f"] == ["x1,0,1,uniform", "x2,1,1000,uniform"]

    reloaded = open_page(query={"f": ["x1,0,1,uniform", "x2,1,1000000,uniform"]})
    assert not reloaded.exception
    assert reloaded.info[0].value.startswith("Earlier messages are not kept when the page reloads or reconnects")
    assert "x2 1…1 × 10⁶" in reloaded.info[0].value
    ask(reloaded, "why does normalizing help?")
    assert explore_links(reloaded) == [{"f": ["x1,0,1,uniform", "x2,1,1000000,uniform"]}]
    assert not reloaded.info  # the note is said once


def test_new_conversation_forgets_the_scenario():
    app = ask(open_page(), QUESTION)
    app.button(key="ask-reset").click().run()
    assert not app.chat_message[0].markdown[0].value.startswith(escape_markdown(QUESTION))
    ask(app, "why normalize?")
    assert explore_links(app) == [{"f": ["a,0,1,uniform", "b,1,1000,uniform"]}]


def test_a_named_model_gets_its_computed_run_on_the_page_saying_whose_data_it_is():
    question = "does kNN need scaling?"
    run = answer(question).model_run
    app = ask(open_page(), question)
    shown = messages(app)[-1][1]
    assert f"#### Run with scikit-learn's {run.estimator} on the wine dataset: raw vs z-scoring" in shown
    assert escape_markdown(run.which) in shown
    score = dict(run.figures)["score_normalized"]
    assert f"{score:.1%} normalized" in shown
