"""A conversation: follow-ups change its scenario, bad input gets a clear note, odd input never raises."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer import Feature, default_scenario
from explainer.chat import Conversation, Understanding, answer, tutor
from explainer.chat.measure import explanation_for
from explainer.chat.reading.numbers import MAX_TEXT
from explainer.text.formatting import count, number

FIRST = "My features go from 0 to 1 and from 1 to 1000. Why does normalizing speed things up?"


@pytest.fixture(scope="module")
def first():
    return answer(FIRST)


def test_numbers_in_the_first_message_become_the_conversations_scenario(first):
    scenario = first.conversation.scenario
    assert [(f.name, f.low, f.high) for f in scenario.features] == [("x1", 0, 1), ("x2", 1, 1000)]
    assert first.conversation.own_numbers
    assert first.scenario == scenario
    assert (first.topic, first.route) == ("why_normalize", "classifier")


def test_what_about_adam_swaps_the_optimizer_and_keeps_the_features(first):
    follow = answer("what about Adam?", first.conversation)
    assert follow.topic == "adaptive_optimizers"
    assert follow.conversation.scenario.optimizer.name == "adam"
    assert follow.conversation.scenario.features == first.conversation.scenario.features
    adam = explanation_for(follow.scenario)
    assert f"raw converged in {count(adam.raw.simulated_iterations)} iterations" in follow.markdown
    assert follow.markdown.startswith("Now Adam.")


def test_and_with_lr_changes_the_learning_rate(first):
    follow = answer("and with lr 0.1?", first.conversation)
    assert follow.conversation.scenario.learning_rate == 0.1
    assert follow.topic == "learning_rate"
    explanation = explanation_for(follow.scenario)
    assert explanation.raw.diverged
    assert f"Your η = 0.1 is {number(0.1 / explanation.raw.max_stable_lr)} times the raw bound" in follow.markdown


def test_what_if_the_second_feature_went_to_a_million(first):
    follow = answer("what if the second feature went to a million?", first.conversation)
    features = follow.conversation.scenario.features
    assert [(f.low, f.high) for f in features] == [(0, 1), (1, 1_000_000)]
    assert follow.route in ("classifier", "follow_up")
    assert follow.topic == "why_normalize"
    explanation = explanation_for(follow.scenario)
    assert number(explanation.raw.condition_number) in follow.markdown
    assert "**x2** from 1 to 1 × 10⁶" in follow.markdown


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        ("what if both features were 0 to 1?", [(0, 1), (0, 1)]),
        ("and if the first one went from 0 to 50?", [(0, 50), (1, 1000)]),
        ("what if the bigger feature only went up to 10", [(0, 1), (1, 10)]),
        ("add a third feature from 0 to 1e6", [(0, 1), (1, 1000), (0, 1_000_000)]),
        ("and with 4 features?", [(0, 1), (1, 1000), (0, 1), (1, 1000)]),
    ],
)
def test_follow_ups_change_the_features_they_name(first, message, expected):
    follow = answer(message, first.conversation)
    assert [(f.low, f.high) for f in follow.conversation.scenario.features] == expected


def test_a_method_named_alone_becomes_the_normalization(first):
    follow = answer("what about min-max scaling?", first.conversation)
    assert follow.conversation.scenario.normalization == "minmax"


def test_an_impossible_change_is_refused_with_the_field_named_and_the_scenario_kept(first):
    follow = answer("what if the second feature went to 1e15?", first.conversation)
    assert follow.conversation.scenario == first.conversation.scenario
    assert any("features[1].high: must be within" in note for note in follow.notes)
    assert "features\\[1\\]" in follow.markdown  # the note is escaped Markdown


def test_bare_numbers_after_a_question_are_the_same_question_with_new_numbers(first):
    follow = answer("0-1, 1e3-1e6", first.conversation)
    assert (follow.topic, follow.route) == ("why_normalize", "follow_up")
    assert [(f.low, f.high) for f in follow.conversation.scenario.features] == [(0, 1), (1000, 1_000_000)]


def test_the_posts_data_points_are_used_as_data():
    result = answer(
        "x = 10, 20, 30, 40 and y = 1.01, 2.02, 2.88, 4.1, lr 0.01, 50 iterations: why does the cost explode?"
    )
    data = result.conversation.scenario.data
    assert data is not None and data.columns == ((10, 20, 30, 40),) and data.target == (1.01, 2.02, 2.88, 4.1)
    assert result.topic == "cost_blowup"
    explanation = explanation_for(result.scenario)
    assert explanation.raw.diverged and f"step {count(explanation.raw.diverged_at)}" in result.markdown


def test_a_general_question_is_illustrated_on_the_default_example():
    result = answer("why do we normalize?")
    assert result.scenario == default_scenario()
    assert not result.conversation.own_numbers
    assert result.markdown.startswith("On the classic example")


def test_more_features_than_the_engine_allows_are_capped_with_a_note():
    result = answer("I have 500 features from 0 to 1, is scaling useful?")
    assert len(result.conversation.scenario.features) == 20
    assert "You mentioned 500 features; I illustrate with at most 20." in result.notes


def test_epochs_are_run_as_full_batch_steps_and_the_answer_says_so():
    result = answer("Features 0-1 and 1-1000: after 10 epochs with lr 0.0001 the loss is still high. Why?")
    assert result.conversation.scenario.max_steps == 10
    assert any(note.startswith("“10 epochs” count as 10 full-batch gradient steps here") for note in result.notes)
    plain = answer("Features 0-1 and 1-1000: after 10 iterations with lr 0.0001 the loss is still high. Why?")
    assert plain.conversation.scenario.max_steps == 10
    assert not any("epoch" in note for note in plain.notes)


def test_off_topic_says_what_it_can_answer_and_offers_those_questions():
    result = answer("what's the weather in Paris tomorrow?")
    assert (result.topic, result.route, result.answered) == ("off_topic", "off_topic", False)
    assert result.markdown.startswith(("That is outside what I answer", "That sounds like a question about"))
    assert "That is outside what I answer" in result.markdown
    assert len(result.follow_ups) == 3 and all(question in result.markdown for question in result.follow_ups)
    assert result.scenario is None and result.figures == ()


def test_thanks_gets_a_polite_reply():
    assert answer("thanks a lot!").markdown.startswith("You're welcome!")


def test_an_unclear_message_is_not_answered_confidently(monkeypatch):
    ranking = (("mean_std", 0.2), ("why_normalize", 0.15), ("off_topic", 0.1))
    monkeypatch.setattr(tutor, "understand", lambda text: Understanding("mean_std", 0.2, ranking))
    result = answer("hmm what about the other thing")
    assert result.route == "unsure" and not result.answered
    assert result.confidence < 0.4
    assert "I'm not sure what you're asking" in result.markdown
    assert 2 <= len(result.follow_ups) <= 3


@pytest.mark.parametrize("message", ["", "   ", "???", "1234", "\u200b\u200b"])
def test_an_empty_message_asks_for_words(message):
    result = answer(message)
    assert result.route == "empty" and result.follow_ups
    assert "Ask me a question in words" in result.markdown


def test_a_100_kb_message_gets_a_short_polite_answer():
    message = "why normalize 0 to 1 and 1 to 1000? " * 2800
    result = answer(message)
    assert len(message) > 100_000
    assert len(result.question) == MAX_TEXT
    assert result.notes[0].startswith(f"Only the first {MAX_TEXT:,} of your {len(message):,} characters were read")
    assert result.topic == "why_normalize"


def test_user_text_never_reaches_the_answer_unescaped():
    result = answer("**age** from 0 to 1 and <script>alert(1)</script> from 1 to 1000 $\\frac{1}{2}$ why normalize")
    assert "<script>" not in result.markdown and "$" not in result.markdown
    names = [f.name for f in result.conversation.scenario.features]
    assert names[0] == "age"


def test_a_feature_name_with_markdown_is_escaped_where_it_is_shown():
    conversation = Conversation(
        scenario=default_scenario().with_changes(features=(Feature("a_b*", 0, 1), Feature("[c](x)", 1, 1000)))
    )
    result = answer("why normalize?", conversation)
    assert "**a\\_b\\***" in result.markdown and "**\\[c\\]\\(x\\)**" in result.markdown


@settings(max_examples=60)
@given(st.text(max_size=400))
def test_any_message_gets_an_answer_without_error(message):
    result = answer(message)
    assert 0 <= result.confidence <= 1
    assert result.markdown
    json.dumps(result.to_dict())


def test_an_off_topic_message_leaves_the_scenario_alone(first):
    result = answer("what's the weather between 10 and 20 degrees tomorrow?", first.conversation)
    assert result.route == "off_topic"
    assert result.conversation == first.conversation


@pytest.mark.parametrize(
    ("message", "expected"),
    [
        # "scale all features by 100" multiplies each range, both ends; it does not make 100 their upper end
        (
            "If I scale all features by some number, say 100.0, the output comes out slightly different.",
            [(0, 100), (100, 100_000)],
        ),
        ("What if I multiply both features by 10?", [(0, 10), (10, 10_000)]),
    ],
)
def test_features_scaled_by_a_factor_are_multiplied(message, expected):
    scenario = answer(message).conversation.scenario
    assert [(feature.low, feature.high) for feature in scenario.features] == expected
