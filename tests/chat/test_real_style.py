"""The classifier on questions written like real ones, held out by the public thread they were modelled on."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from explainer.chat import parse_quantities, understand
from explainer.chat.reading.senses import other_sense
from explainer.chat.understand import TOPICS, real_style_questions

HELDOUT = sorted((Path(__file__).parent / "heldout").glob("*.toml"))
CASES = [item for path in HELDOUT for item in tomllib.loads(path.read_text(encoding="utf-8"))["question"]]
TRAINING = real_style_questions()


def test_the_real_style_sets_are_large_cover_every_topic_and_are_split_by_thread():
    assert len(CASES) >= 150 and len(CASES) + len(TRAINING) >= 400
    assert set(Counter(case["topic"] for case in CASES)) == set(TOPICS)
    assert set(Counter(example.topic for example in TRAINING)) == set(TOPICS)
    assert {case["source"] for case in CASES} & {example.source for example in TRAINING} == set()
    assert all(case.get("also") in (None, *TOPICS) for case in CASES)


def test_held_out_real_style_topics_are_read_right_at_least_90_percent_and_in_the_top_three_97():
    readings = [(case, understand(case["text"])) for case in CASES]
    first = sum(reading.topic == case["topic"] for case, reading in readings) / len(CASES)
    top3 = sum(case["topic"] in [topic for topic, _ in reading.ranking[:3]] for case, reading in readings) / len(CASES)
    assert first >= 0.90, f"topic right {first:.1%}"
    assert top3 >= 0.97, f"top-3 {top3:.1%}"


def test_held_out_off_topic_questions_are_all_recognised_and_few_ml_questions_are_declined():
    missed = [
        case["text"][:80]
        for case in CASES
        if case["topic"] == "off_topic" and understand(case["text"]).topic != "off_topic"
    ]
    declined = [
        case["text"][:80]
        for case in CASES
        if case["topic"] != "off_topic" and understand(case["text"]).topic == "off_topic"
    ]
    assert len(missed) <= 1, missed  # 84 or 85 of 85 today
    assert len(declined) <= 2, declined


def test_held_out_ranges_are_read_exactly_in_at_least_95_percent():
    ranged = [case for case in CASES if "ranges" in case]
    exact = [case for case in ranged if parse_quantities(case["text"]).range_pairs == case["ranges"]]
    assert len(exact) / len(ranged) >= 0.95, [case["text"][:60] for case in ranged if case not in exact]


def test_another_fields_vocabulary_never_turns_away_a_machine_learning_question():
    on_topic = [case["text"] for case in CASES if case["topic"] != "off_topic"]
    on_topic += [example.text for example in TRAINING if example.topic != "off_topic"]
    assert [text[:80] for text in on_topic if other_sense(text)] == []


@pytest.mark.parametrize(
    ("text", "sense"),
    [
        ("How do I normalize my tables to third normal form? I have orders and customers in one table.", "database"),
        ("ffmpeg loudnorm: how do I normalize the volume of all my podcast episodes to -16 LUFS?", "audio"),
        ("Should I NFC-normalize unicode strings before comparing them in Python?", "Unicode"),
        ("Is it normal that my puppy sleeps 18 hours a day?", "everyday"),
        ("normalize.css or a CSS reset, which one should I use for a new site?", "CSS"),
        # issue 18's newest blind group: fields it had no words for, and a word the two fields share
        (
            "My input is sometimes NFD, sometimes NFC: should unicodedata.normalize run before comparing strings?",
            "Unicode",
        ),
        ("Standardize the NaOH solution against KHP: how many moles of acid does the titration need?", "chemistry"),
        ("The card scales up on hover and its text turns blurry in Chrome; how do I zoom it crisply?", "CSS"),
        (
            "A midterm raw score of 85 against a class mean of 79: how do standardized scores compare two exams?",
            "statistics",
        ),
        (
            "Why isn't the orders table fully normalized? The same customer string repeats in public.orders table.",
            "database",
        ),
        (
            "Why isn't the transfers table normalized? Long wallet addresses and strings repeat in public.tx table.",
            "database",
        ),
    ],
)
def test_homonyms_are_off_topic_and_the_field_is_named(text, sense):
    reading = understand(text)
    assert reading.topic == "off_topic"
    assert reading.other_sense is not None and sense.lower() in reading.other_sense.lower()


def test_two_asks_in_one_message_are_both_read():
    reading = understand("Do I need to scale my features for xgboost? And what about the target, should I scale y too?")
    assert {reading.topic, reading.second_ask} == {"tree_models", "target_scaling"}


def test_second_asks_are_found_more_often_and_without_more_false_sections_than_before():
    """The held-out set's labelled second asks (issue 18: 5 of 29 found, with 4 false sections in the 264
    other messages, by the sentences' own threshold alone; 7 of 29 and still 4 false with marked second asks)."""
    readings = [(case, understand(case["text"])) for case in CASES]
    labelled = [(case, reading) for case, reading in readings if case.get("also")]
    found = sum(reading.second_ask == case["also"] for case, reading in labelled)
    false = sum(reading.second_ask is not None for case, reading in readings if not case.get("also"))
    assert found >= 7, f"{found} of {len(labelled)} second asks found"
    assert false <= 4, f"{false} false second sections"


def test_a_marked_second_question_is_read_and_a_general_one_is_not_taken_for_one():
    marked = understand("Why does the loss turn into nan after a few steps? And should I scale the target as well?")
    assert {marked.topic, marked.second_ask} == {"cost_blowup", "target_scaling"}
    general = understand("Why does my SGD diverge on raw inputs? And why normalize at all?")
    assert general.second_ask is None


@pytest.mark.parametrize(
    "text",
    [
        "How should analysts normalize net income estimates across companies of different sizes?",
        "What is the best way to normalize delay minutes across lines of our regional train network?",
        "The climate model estimates a 2 degree rise; should I normalize the anomalies to the 1961-1990 baseline?",
        "How do I normalize my track to -14 LUFS? I compute db = 20 * log10(rms) first.",
        "In Excel I normalize prices per unit. Our pricing model uses them to estimate demand.",
    ],
)
def test_a_model_or_a_network_of_another_field_is_not_taken_for_machine_learning(text):
    assert understand(text).topic == "off_topic"


def test_a_word_both_fields_use_keeps_a_message_ours_unless_the_other_field_clearly_outweighs_it():
    # "accuracy" beside dogs and cats: an image classifier's question, not a pet's
    assert other_sense("Dogs vs cats: my accuracy stays at 50% whatever I try") is None
    assert (
        other_sense("Is the input string NFC or NFD? unicodedata says the accent is a separate code point") is not None
    )


@pytest.mark.parametrize(
    "text",
    [
        "mlpack's LinearRegression gives coefficients far from the curve-fitting tool's on x, x^2 and x^3. Why?",
        "In the Docker image the training crashes with a floating point exception once the set has 25k sentences.",
    ],
)
def test_a_library_name_written_as_one_word_or_training_inside_docker_is_machine_learning(text):
    assert understand(text).topic != "off_topic"


def test_a_javascript_network_is_machine_learning_though_the_classifier_leans_away():
    text = (
        "I'm trying to get a brain.js network to estimate what a small apartment building is worth."
        " Each record has the year built and the sale price. Every prediction is exactly 1."
    )
    assert understand(text).topic != "off_topic"


def test_a_single_question_has_no_second_ask():
    assert understand("Why does feature scaling make gradient descent converge faster?").second_ask is None


def test_the_decline_names_the_other_field_and_gives_no_ml_answer():
    from explainer.chat import answer

    reply = answer("ffmpeg loudnorm: how do I normalize the volume of all my podcast episodes to -16 LUFS?")
    assert reply.route == "off_topic"
    assert "audio loudness" in reply.markdown and "outside what I answer" in reply.markdown
    assert "condition number" not in reply.markdown.lower()


def test_follow_up_buttons_never_repeat():
    from explainer.chat import answer

    reply = answer("do I need to scale for xgboost, and what about the target?")
    assert len(reply.follow_ups) == len(set(reply.follow_ups)) >= 2


def test_a_name_only_machine_learning_has_keeps_a_hesitant_reading_on_topic():
    # the issue's own example: number-heavy, no ML verbs; the classifier alone leans off topic
    reading = understand(
        "For my k-means on three attributes spanning 0.25-0.75, -12.5 to 48 and 1200-5600, do I scale?"
    )
    assert reading.topic == "distance_models"
    assert understand("my KNeighborsClassifier: 0-1 for one column and 20000 to 90000 for the other, fine?").topic != (
        "off_topic"
    )


REALWORLD = [
    item
    for path in sorted((Path(__file__).parent / "realworld").glob("*.toml"))
    for item in tomllib.loads(path.read_text(encoding="utf-8"))["question"]
]


def test_the_real_world_set_turns_no_ml_question_away_and_declines_every_other_field():
    declined = [
        case["text"][:80]
        for case in REALWORLD
        if case["topic"] != "off_topic" and understand(case["text"]).topic == "off_topic"
    ]
    kept = [
        case["text"][:80]
        for case in REALWORLD
        if case["topic"] == "off_topic" and understand(case["text"]).topic != "off_topic"
    ]
    assert declined == [] and kept == []


NEWEST_BLIND = "blind_new_sources.toml"  # written blind to the classifier; its first measurement: top-3 30 of 40
NEWEST_BLIND_TOP3 = 30


def test_real_posts_have_their_topic_among_the_first_three_no_less_often_than_measured():
    """Issue 18's top-3 target (97%) holds on the groups the chat was developed beside (the asking sentences'
    weight lifts them: 95% with the whole message alone); the newest blind group stays at its first measurement
    (75%), the honest figure for posts from communities never seen, and must not fall below it."""
    groups: dict[bool, list[bool]] = {True: [], False: []}
    for path in sorted((Path(__file__).parent / "realworld").glob("*.toml")):
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["question"]:
            ranked = [topic for topic, _ in understand(case["text"]).ranking[:3]]
            groups[path.name == NEWEST_BLIND].append(case["topic"] in ranked)
    developed, blind = groups[False], groups[True]
    assert sum(developed) / len(developed) >= 0.97, f"top-3 {sum(developed)} of {len(developed)}"
    assert sum(blind) >= NEWEST_BLIND_TOP3, f"newest blind group: top-3 {sum(blind)} of {len(blind)}"


@pytest.mark.parametrize(
    "text",
    [
        "RNN for sequence classification, raw values anywhere in [0, 10000]; dividing by 100 made accuracy drop. Why?",
        "x = torch.rand(64, 3) * torch.tensor([1., 100., 1000.]) how do I make each column 0 mean 1 variance?",
        "Copied the mnist_mlp example and I'm stuck at 30%; then x_train /= 255 gave 97%. Why?",
    ],
)
def test_code_data_sets_and_model_names_keep_a_question_on_topic(text):
    assert understand(text).topic != "off_topic"


def test_an_autoscaler_is_not_a_scaler_and_a_descaler_neither():
    assert (
        understand("My HorizontalRunnerAutoscaler with minReplicas 3 and maxReplicas 8 never scales up").topic
        == "off_topic"
    )
    assert understand("Do I need to descale my coffee machine, or only use the standard descaler?").topic == "off_topic"
