"""The topic classifier, scored on held-out phrasings it never trained on."""

from __future__ import annotations

import re
from collections import Counter

import pytest

from explainer.chat import TOPIC_GUIDE, TOPICS, parse_quantities, understand
from explainer.chat.replies import REPLIES
from explainer.chat.topics import OFF_TOPIC
from explainer.chat.understand import CONFIDENT, prepare, training_phrasings
from tests.chat.conftest import heldout_cases

CASES = heldout_cases()


def test_every_topic_the_classifier_can_name_has_a_reply_and_every_reply_a_topic():
    assert set(REPLIES) == set(TOPIC_GUIDE) == set(TOPICS) - {OFF_TOPIC}


def test_every_topic_is_trained_and_held_out():
    trained = training_phrasings()
    assert set(trained) == set(TOPICS)
    assert min(len(phrasings) for phrasings in trained.values()) >= 25
    held_out = Counter(case["topic"] for case in CASES)
    assert set(held_out) == set(TOPICS)
    assert min(held_out.values()) >= 6
    assert len(CASES) >= 150


def _words(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", prepare(text)))


def test_held_out_phrasings_are_not_in_the_training_set():
    trained = {_words(phrasing) for phrasings in training_phrasings().values() for phrasing in phrasings}
    assert [case["text"] for case in CASES if _words(case["text"]) in trained] == []


def test_topic_accuracy_on_held_out_phrasings_is_at_least_95_percent():
    wrong = [(case["topic"], understand(case["text"]).topic, case["text"]) for case in CASES]
    wrong = [item for item in wrong if item[0] != item[1]]
    accuracy = 1 - len(wrong) / len(CASES)
    assert accuracy >= 0.95, f"accuracy {accuracy:.3f}; misread: {wrong}"


@pytest.mark.parametrize(
    "case", [case for case in CASES if re.search(r"\d", case["text"])], ids=lambda c: c["text"][:40]
)
def test_every_held_out_phrasing_with_numbers_has_its_ranges_read_exactly(case):
    assert "ranges" in case, "a held-out case with digits must say which ranges it holds"
    quantities = parse_quantities(case["text"])
    assert quantities.range_pairs == case["ranges"]
    if "lr" in case:
        assert quantities.learning_rate == case["lr"]


@pytest.mark.parametrize("case", [case for case in CASES if "optimizer" in case], ids=lambda c: c["text"][:40])
def test_held_out_optimizer_names(case):
    assert parse_quantities(case["text"]).optimizer == case["optimizer"]


@pytest.mark.parametrize("topic", sorted(TOPIC_GUIDE))
def test_the_question_offered_for_a_topic_is_understood_as_that_topic(topic):
    reading = understand(TOPIC_GUIDE[topic].question)
    assert (reading.topic, reading.confident) == (topic, True)


def test_confidences_are_probabilities_and_the_ranking_covers_every_topic():
    reading = understand("why does normalization speed up gradient descent?")
    assert 0 < reading.confidence <= 1
    assert {topic for topic, _ in reading.ranking} == set(TOPICS)
    assert sum(p for _, p in reading.ranking) == pytest.approx(1)
    assert reading.ranking[0] == (reading.topic, reading.confidence)


@pytest.mark.parametrize("text", ["what is the capital of Peru", "recommend me a movie", "hello there"])
def test_unrelated_messages_are_off_topic(text):
    assert understand(text).topic == "off_topic"


def test_gibberish_is_not_read_confidently_as_a_topic():
    reading = understand("qwv zzkp fhhtr blorp")
    assert reading.topic == "off_topic" or reading.confidence < CONFIDENT


def test_misspelled_and_non_native_questions_still_match():
    assert understand("why normalisaton of featres make gradiant decent fast").topic == "why_normalize"
    assert understand("is necesary to scale target y also?").topic == "target_scaling"


# How learners ask three topics the general "why normalize?" reading used to swallow, in this project's own
# words: the authors chose not to normalize (not_needed), scaling at prediction differs from training
# (data_leakage), and why one particular target range (method_choice).
@pytest.mark.parametrize(
    ("text", "topic"),
    [
        (
            "The repository feeds raw sensor values into the net and never normalizes them. Was leaving"
            " normalization out on purpose?",
            "not_needed",
        ),
        ("Why did the authors decide not to normalize the inputs of this model?", "not_needed"),
        (
            "At serving time the app passes raw pixel values to the model, while training used pixels divided"
            " by 255. Is that mismatch a bug?",
            "data_leakage",
        ),
        ("Why do they map the inputs to the interval -1 to 1 rather than 0 to 1?", "method_choice"),
        ("Should the inputs of my network be in 0..1, -1..1 or something else entirely?", "method_choice"),
        (
            "Is there some benefit to squashing the images into this strange range instead of the usual one?",
            "method_choice",
        ),
    ],
    ids=lambda value: value[:40],
)
def test_a_choice_not_to_normalize_a_mismatch_at_prediction_and_a_chosen_range_are_read_as_such(text, topic):
    assert understand(text).topic == topic


# A network that answers the same for every input after training on raw, large numbers: the learner asks why
# normalizing matters, though the words about outputs and predictions used to pull the reading to the target.
@pytest.mark.parametrize(
    "text",
    [
        "My network returns one identical output for every input; the raw inputs are sensor counts in the thousands.",
        "Whatever sample I pass in, the trained model gives back exactly the same prediction. The inputs are raw"
        " prices between 1000 and 90000.",
        "The net outputs the same value for all rows after training on raw numbers up to 5000. What am I doing wrong?",
    ],
    ids=lambda value: value[:40],
)
def test_one_output_for_every_raw_input_is_read_as_why_normalize(text):
    assert understand(text).topic == "why_normalize"


def test_weights_that_turn_nan_only_on_the_whole_data_set_are_read_as_a_blow_up():
    """A subset trains and the whole table ends in NaN: the cost blowing up, not an off-topic message."""
    text = "Training on the complete table gives NaN weights, while a small random slice of it trains normally."
    assert understand(text).topic == "cost_blowup"


def test_the_first_choices_of_an_ml_reading_are_ml_topics_and_an_off_topic_reading_keeps_its_own():
    """ "Outside what I answer" is never offered beside an ML answer, so it takes none of the first three places."""
    from explainer.chat.understand import Understanding

    ranking = (("why_normalize", 0.4), ("off_topic", 0.3), ("method_choice", 0.2), ("mean_std", 0.1))
    assert Understanding("why_normalize", 0.4, ranking).first_choices() == (
        "why_normalize",
        "method_choice",
        "mean_std",
    )
    declined = (("off_topic", 0.5), ("why_normalize", 0.3), ("method_choice", 0.2))
    assert Understanding("off_topic", 0.5, declined).first_choices() == ("off_topic", "why_normalize", "method_choice")


def test_a_close_runner_up_behind_off_topic_is_still_offered():
    """Did-you-mean buttons come from the first two ML runners-up, whatever off topic's place among them."""
    from explainer.chat.understand import close_runners_up

    ranking = (("not_needed", 0.40), ("off_topic", 0.30), ("why_normalize", 0.25), ("mean_std", 0.04))
    assert close_runners_up(ranking) == ("why_normalize",)
    assert close_runners_up(ranking, second="why_normalize") == ()
    assert close_runners_up((("off_topic", 0.6), ("why_normalize", 0.4))) == ()
    far = (("not_needed", 0.80), ("why_normalize", 0.15), ("mean_std", 0.05))
    assert close_runners_up(far) == ()
