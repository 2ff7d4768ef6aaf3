"""The classifier on questions written like real ones, held out by the public thread they were modelled on."""

from __future__ import annotations

import tomllib
from collections import Counter
from pathlib import Path

import pytest

from explainer.chat import answer, parse_quantities, understand
from explainer.chat.reading.senses import machine_learning_evidence, other_sense
from explainer.chat.understand import TOPICS, real_style_questions, thread_key

HELDOUT = sorted((Path(__file__).parent / "heldout").glob("*.toml"))
CASES = [item for path in HELDOUT for item in tomllib.loads(path.read_text(encoding="utf-8"))["question"]]
TRAINING = real_style_questions()


def test_the_real_style_sets_are_large_cover_every_topic_and_are_split_by_thread():
    assert len(CASES) >= 150 and len(CASES) + len(TRAINING) >= 400
    assert set(Counter(case["topic"] for case in CASES)) == set(TOPICS)
    assert set(Counter(example.topic for example in TRAINING)) == set(TOPICS)
    assert {thread_key(case["source"]) for case in CASES} & {example.thread for example in TRAINING} == set()
    assert all(case.get("also") in (None, *TOPICS) for case in CASES)


OTHER_WRITERS = [
    item
    for path in sorted((Path(__file__).parent / "heldout_other_writers").glob("*.toml"))
    for item in tomllib.loads(path.read_text(encoding="utf-8"))["question"]
]


def test_questions_other_writers_wrote_apart_from_training_stay_at_or_above_their_first_measurement():
    """120 questions written apart from the training set (topic 85, top-3 105, 3 of 104 declined when first
    measured): far below the 96% of the held-out set written beside it, and kept from sliding further."""
    readings = [(case, understand(case["text"])) for case in OTHER_WRITERS]
    right = sum(reading.topic == case["topic"] for case, reading in readings)
    top3 = sum(case["topic"] in reading.first_choices() for case, reading in readings)
    declined = sum(case["topic"] != "off_topic" and reading.topic == "off_topic" for case, reading in readings)
    assert len(OTHER_WRITERS) == 120
    assert right >= 85 and top3 >= 105, (right, top3)
    assert declined <= 3


def test_no_thread_is_both_trained_on_and_measured():
    """Every test set (held-out and real-world) against every training file, threads compared however their
    addresses are written: with a slug or without, `/q/` or `/questions/`, an issue's owner in any case."""
    tested = {
        thread_key(case["source"]): path.name
        for path in sorted(Path(__file__).parent.glob("*/*.toml"))
        for case in tomllib.loads(path.read_text(encoding="utf-8")).get("question", [])
    }
    shared = sorted(f"{example.thread} ({tested[example.thread]})" for example in TRAINING if example.thread in tested)
    assert shared == []


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("https://math.stackexchange.com/questions/2285282/why-is-it", "https://math.stackexchange.com/q/2285282"),
        ("https://github.com/LC-John/Fashion-MNIST/issues/4", "https://github.com/lc-john/fashion-mnist/issues/4/"),
        ("https://community.deeplearning.ai/t/some-title/158433/2", "https://community.deeplearning.ai/t/158433"),
    ],
)
def test_one_thread_written_two_ways_is_one_thread(one, other):
    assert thread_key(one) == thread_key(other)
    assert thread_key(one) != thread_key(one.replace("2285282", "2285283").replace("/4", "/5").replace("158433", "1"))


def test_held_out_real_style_topics_are_read_right_at_least_90_percent_and_in_the_top_three_97():
    readings = [(case, understand(case["text"])) for case in CASES]
    first = sum(reading.topic == case["topic"] for case, reading in readings) / len(CASES)
    top3 = sum(case["topic"] in reading.first_choices() for case, reading in readings) / len(CASES)
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
    other messages, by the sentences' own threshold alone; 7 of 29 and still 4 false with marked second asks;
    9 of 29 and still 4 false once the first question asked leads; 10 of 29 with 3 false later, and 10 with 2 false
    once a general topic or a fragment of a line asked inside the story no longer counts unless marked)."""
    readings = [(case, understand(case["text"])) for case in CASES]
    labelled = [(case, reading) for case, reading in readings if case.get("also")]
    found = sum(reading.second_ask == case["also"] for case, reading in labelled)
    false = sum(reading.second_ask is not None for case, reading in readings if not case.get("also"))
    assert found >= 10, f"{found} of {len(labelled)} second asks found"
    assert false <= 2, f"{false} false second sections"


@pytest.mark.parametrize(
    "text",
    [
        "Two things. 1. Why does my loss turn into nan after a few epochs? 2. Is the order right? I fit the"
        " StandardScaler on the whole dataset and only then call train_test_split.",
        "1. Why does my loss turn into nan after a few epochs?\n2. Is my preprocessing order right?\nI fit the"
        " StandardScaler on the whole dataset and only then call train_test_split.",
    ],
)
def test_a_numbered_question_is_read_with_the_lines_that_say_what_it_asks(text):
    """ "2." ends no sentence: it marks the question after it, which is read with the statement that follows."""
    reading = understand(text)
    assert (reading.topic, reading.second_ask) == ("cost_blowup", "data_leakage")


@pytest.mark.parametrize(
    "text",
    [
        # a general question inside the story restates the first one
        "The loss goes to NaN after three steps. Why does it blow up? Does that mean the inputs were never"
        " standardized with mean and std?",
        # the tail of a hard-wrapped line is no question of its own
        "The loss is NaN after 10 epochs with inputs in the thousands. How do I fix that? My inputs are already\nskewed?",
    ],
)
def test_a_general_question_in_the_story_and_a_lines_tail_are_no_second_ask(text):
    assert understand(text).second_ask is None


def test_a_scaler_named_in_a_later_question_is_a_second_ask_of_its_own():
    reading = understand(
        "If I fit MinMaxScaler on the training set only, a test house bigger than any in training scales above 1."
        " Is that a problem? Would RobustScaler be safer here?"
    )
    assert "method_choice" in (reading.topic, reading.second_ask)


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


@pytest.mark.parametrize(
    "text",
    [
        "The model seems to expect pixels in [0,255]. Edit: I now see an InstanceNorm2d at the start. Does that mean"
        " the network doesn't care whether I give it 0-255 or 0-1? My own code breaks with 0-255.",
        "Raw thermal frames go from 0 to 65535 into the first Conv2d. Is that a problem, or does the LayerNorm after"
        " it take care of it?",
    ],
)
def test_a_layer_named_as_its_library_names_it_keeps_the_question_ours(text):
    assert answer(text).route not in ("off_topic", "unsure")


def test_a_javascript_network_is_machine_learning_though_the_classifier_leans_away():
    text = (
        "I'm trying to get a brain.js network to estimate what a small apartment building is worth."
        " Each record has the year built and the sale price. Every prediction is exactly 1."
    )
    assert understand(text).topic != "off_topic"


def test_the_first_question_asked_leads_and_the_later_marked_one_is_the_second_section():
    # read whole, the message leans to its second question, whose words are the more typical
    reading = understand(
        "Does He initialization keep the variance stable if the inputs are not standardized?"
        " And would standardizing the inputs also fix the exploding gradients?"
    )
    assert (reading.topic, reading.second_ask) == ("weight_init", "vanishing_exploding")


def test_a_numbered_second_question_is_marked_as_another():
    reading = understand(
        "We train on raw house prices. 1) Which learning rate is safe for gradient descent here?"
        " 2) Do I scale the target price too?"
    )
    assert (reading.topic, reading.second_ask) == ("learning_rate", "target_scaling")


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (
            "Imported model too large: I exported a 1 inch cube from SketchUp as STL and imported it back at 304.8:1",
            "3D",
        ),
        (
            "How do I put positive and negative values on one color gradient, and show -4..4 in the color bar legend?",
            "chart",
        ),
        ("Unclassed bubble map: can the marker width be proportional to the value, like a choropleth ramp?", "map"),
        ("Should I keep my database normalized and join three tables, or denormalize for speed? Thanks!", "database"),
        (
            "analog.am_demod in gnuradio assumes its input is normalized: do I divide the baseband by its peak?",
            "signal",
        ),
        ("Where does the H&E reference stain matrix of the Macenko normalizer come from? Is there a paper?", "stain"),
        (
            "The text scaling slider is confusing: with an 80pt font the scale goes bigger or smaller than the theme",
            "font",
        ),
        (
            "Make normalize the default when plotting the price history of the compared stocks, and add a trendline",
            "stock",
        ),
        (
            "The plate calculator assumes a 20 kg bar even when I enter 225 lbs: weights in kg vs lbs are mixed up",
            "weight",
        ),
        ("After raking, one multiple response table differs a lot from my cell-weighted SPSS results", "survey"),
        ("When normalizing Latin spelling, is replacing j with i and v with u enough for the orthography?", "spelling"),
        (
            "For the course project, may we design the tables differently and split records into smaller tables?",
            "database",
        ),
        (
            "KEDA with a Prometheus scaler won't let MinReplicaCount be 0 for my ScaledObject; kubectl shows 1 pod",
            "servers",
        ),
        ("My scaled text is blurry in the UI; fontSize 36 with scale 2 looks worse than fontSize 72", "UI rendering"),
    ],
)
def test_another_fields_question_is_declined_naming_that_field_even_when_it_ends_with_thanks(text, field):
    reading, reply = understand(text), answer(text)
    assert reading.topic == "off_topic" and field.lower() in (reading.other_sense or "").lower()
    assert reply.route == "off_topic"
    assert field.lower() in reply.markdown.lower() and "welcome" not in reply.markdown.lower()


@pytest.mark.parametrize(
    "text",
    [
        "Why are the autoencoder inputs divided by a constant scaling factor before training? 5 for one molecule, 20 for another.",
        "Do we need to normalize the datasets before the dimensionality reduction, or not?",
    ],
)
def test_an_autoencoder_or_a_dimensionality_reduction_is_machine_learning(text):
    assert answer(text).route != "off_topic"


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


# The real ML posts still declined (issue 18's target is at most 1%): a DCASE repository's "feature class" divides
# the wav by 2^15, and nothing else in it says ML; "feature class" is also a GIS layer, so it is not taken as a cue
# … and a single-cell tool's thread whose title alone was readable ("counts or logcounts as the upload"), which the
# second reading took for bioinformatics: nothing in it says ML, so it is declined as the rule says; and a stock
# predictor's issue about "stock/currency rates" scaled "between 1 and 0" in a notebook, with no model, layer or
# code named (one finance word declines; two would be needed only by letting a real finance post through)
KNOWN_DECLINED = (
    "Why divide the wav by 2^15 and add an epsilon when loading audio?",
    "Explore effect of uploading counts vs logcounts",
    "Using alternative stock/currency rates",
    # an ML tool's input file of mass spectra, asked about in proteomics' words alone (the second reading: off topic)
    "Does the input file need any pre-processing?",
)


# Off-topic posts declined under a neighbouring field's name: a Likert questionnaire's norms (labelled survey research,
# named "psychology tests and norms"; its norms and cut-off scores are both), and crime rates per 100,000
KNOWN_NAMED_OTHERWISE = (
    "How do I set norms and cut-off scores for a 3-point Likert scale?",
    # crime rates "per 100,000", named as epidemiology's rates: a crime field of its own, tried, declined plain ML
    # questions with a crime column and a population
    "Just a comment, but maybe others find it interesting. Places with small populations",
)


def test_the_real_world_set_turns_no_ml_question_away_and_declines_every_other_field():
    declined = [
        case["text"][:80]
        for case in REALWORLD
        if case["topic"] != "off_topic"
        and understand(case["text"]).topic == "off_topic"
        and not case["text"].strip().startswith(KNOWN_DECLINED)
    ]
    kept = [
        case["text"][:80]
        for case in REALWORLD
        if case["topic"] == "off_topic" and understand(case["text"]).topic != "off_topic"
    ]
    unnamed = [
        case["text"][:80]
        for case in REALWORLD
        if case["topic"] == "off_topic"
        and not case["text"].strip().startswith(KNOWN_NAMED_OTHERWISE)
        and not any(
            word.lower() in (understand(case["text"]).other_sense or "").lower()
            for word in case.get("field", "").split("|")
        )
    ]
    assert declined == [] and kept == [] and unnamed == []


# Groups written blind to the classifier, with top-3 at their first measurement (40 posts each, 46 in the second)
BLIND_FIRST_TOP3 = {
    "blind_new_sources.toml": 30,
    "blind_untried_sources.toml": 38,
    "blind_fourth_sources.toml": 36,
    "blind_fifth_sources.toml": 39,
    "blind_sixth_sources.toml": 33,
    "blind_seventh_sources.toml": 31,
    "blind_eighth_sources.toml": 31,
    "blind_ninth_sources.toml": 28,
    "blind_tenth_sources.toml": 33,
    "blind_eleventh_sources.toml": 37,
    "blind_twelfth_sources.toml": 31,
    "blind_thirteenth_sources.toml": 36,
    "blind_fourteenth_sources.toml": 35,
    "blind_fifteenth_sources.toml": 27,
    "blind_sixteenth_sources.toml": 36,
    "blind_seventeenth_sources.toml": 39,
    "blind_eighteenth_sources.toml": 35,
    "blind_nineteenth_sources.toml": 37,
    "blind_twentieth_sources.toml": 36,
    "blind_twentyfirst_sources.toml": 34,
    "blind_twentysecond_sources.toml": 35,
    "blind_twentythird_sources.toml": 36,
    "blind_twentyfourth_sources.toml": 35,
    "blind_twentyfifth_sources.toml": 35,
    "blind_twentysixth_sources.toml": 35,
    "blind_twentyseventh_sources.toml": 38,
    "blind_twentyeighth_sources.toml": 35,
    "blind_twentyninth_sources.toml": 35,
    "blind_thirtieth_sources.toml": 33,
    "blind_thirtyfirst_sources.toml": 35,
    "blind_thirtysecond_sources.toml": 35,
    "blind_thirtythird_sources.toml": 35,
}


def test_real_posts_have_their_topic_among_the_first_three_no_less_often_than_measured():
    """The groups the chat was developed beside keep their top-3 (139 of 144, 96.5%: issue 18's 97% held there at 140
    until train_h.toml, which raised the blind groups' topic by 9 and cost one here); each blind group stays at or
    above its first measurement (75%, 83%, 90%, 98%, 82%, 78%, 78%, 70%, 82%, 92%, 78%, 90%, 88%, 68%, 90%, 98%, 88%, 92%, 90%, 85%, 88%, 90%, 88%, 88%, 88%, 95%, 88%, 88%, 82%, 88%, 88% and 88%), the honest figure for communities never seen."""
    groups: dict[str, list[bool]] = {}
    for path in sorted((Path(__file__).parent / "realworld").glob("*.toml")):
        group = path.name if path.name in BLIND_FIRST_TOP3 else "developed"
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["question"]:
            ranked = understand(case["text"]).first_choices()
            groups.setdefault(group, []).append(case["topic"] in ranked)
    developed = groups.pop("developed")
    assert len(developed) == 144 and sum(developed) >= 139, f"top-3 {sum(developed)} of {len(developed)}"
    below = {name: sum(found) for name, found in groups.items() if sum(found) < BLIND_FIRST_TOP3[name]}
    assert below == {}, f"blind groups below their first top-3: {below}"


@pytest.mark.parametrize(
    "text",
    [
        "RNN for sequence classification, raw values anywhere in [0, 10000]; dividing by 100 made accuracy drop. Why?",
        "x = torch.rand(64, 3) * torch.tensor([1., 100., 1000.]) how do I make each column 0 mean 1 variance?",
        "Copied the mnist_mlp example and I'm stuck at 30%; then x_train /= 255 gave 97%. Why?",
        "polyfit with degree 12 on x from 1900 to 2020 gives a wild curve, while degree 3 looks fine. Bug?",
        "new PolynomialRegression(x, y, 2) throws 'matrix is singular' when every x is close to 512.3",
        "I set the targets to 10, 20 and 30 but the network only learns to output values between 0 and 1",
        "I want to train on my own dataset: where do the MEAN and STD lists in the loader come from?",
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


def test_every_real_post_has_one_second_reading_and_every_reading_names_a_post():
    """The second reading is what tells an ambiguous post from a classifier's miss (benchmarks/chat_realworld.py),
    so a new group of real posts comes with its own, and an edited post keeps its reading matched."""
    posts = [
        (path.stem, case["source"], " ".join(case["text"].split())[:60])
        for path in sorted((Path(__file__).parent / "realworld").glob("*.toml"))
        for case in tomllib.loads(path.read_text(encoding="utf-8"))["question"]
    ]
    table = (Path(__file__).parent / "realworld_second_reading.toml").read_text(encoding="utf-8")
    readings = [(item["group"], item["source"], item["opens"]) for item in tomllib.loads(table)["reading"]]
    assert len(set(posts)) == len(posts), "two posts of one thread open with the same words"
    assert sorted(readings) == sorted(posts)
    topics = {item["topic"] for item in tomllib.loads(table)["reading"]}
    assert topics <= set(TOPICS), topics - set(TOPICS)


@pytest.mark.parametrize(
    ("text", "field"),
    [
        ("In Postgres, should I normalize the schema so the table fits the data better?", "database normalization"),
        ("Which running shoes are better for training for a marathon, and should I scale my mileage?", None),
    ],
)
def test_weak_ml_cues_never_veto_another_field(text, field):
    """'fits the data', 'better for training': evidence of ML only when no other field is named."""
    sense = other_sense(text)
    assert sense is not None and (field is None or sense == field)


@pytest.mark.parametrize(
    "text",
    [
        "Which normalizers should I use, min-max or z-score, for my data?",
        "My model takes rainfall, river flow rates and temperature; should I normalize them?",
        "Why does the error peak at the start when I don't normalize? It peaks at 1e6.",
        "I have queries per day (0-1e6) and latency (0-2 s); normalize before the model?",
        # the ninth group's fields share words with ML posts on a code host: a commit, a vertex, a scraped table
        "after the latest commit my model trains much slower, did you change the normalization?",
        "the vertex coordinates go 0-1000 and I feed them to a network, should I normalize?",
        "I scrape house prices (100k-2M) and sizes (30-300 m2) to train a regression, normalize?",
        "my features include the country code, age 0-100 and income, should I scale?",
        "git clone of your repo: why do you divide by 255 in the data loader?",
    ],
)
def test_the_new_senses_generic_words_turn_no_ml_question_away(text):
    assert other_sense(text) is None
    assert answer(text).route != "off_topic"


@pytest.mark.parametrize(
    ("text", "field"),
    [
        (
            "Our Solr index misses results: should the keyword fields get a lowercase normalizer at index time and query"
            " time, or an asciifolding analyzer?",
            "search engines",
        ),
        (
            "The runoff plot shows flow rates normalized to the watershed area; could it show the actual discharge at"
            " the outlet instead?",
            "hydrology",
        ),
        (
            "In MZmine, when I normalize to an internal standard, are my peak areas divided by the standard's peak area"
            " in each sample?",
            "analytical chemistry",
        ),
        (
            "When I scale the SVG up, the stroke-width stays the same; how do I make strokes scale with the viewBox?",
            "vector graphics",
        ),
        (
            "The QGIS raster calculator gives wrong statistics after I normalise the population density raster to 0-1.",
            "maps, gis and cartography",
        ),
        (
            "Should I normalize the raw repeat-element counts by library size in edgeR, or use the TPM values from"
            " the output files? Thanks in advance!",
            "genomics",
        ),
        ("Each spectrum in the plot is renormalized; we want to keep the flux scale of the spectra.", "astronomy"),
        ("My sprite goes 40% faster when moving diagonally: shouldn't the direction vector be normalized?", "game"),
        ("How do I normalize a note like B# or Fb to C and E? The accidentals and octaves get messy.", "music"),
        ("Changing the serving size of a recipe gives 'this value does not scale' for the ingredients.", "cooking"),
        ("The LJ tutorial never explains reduced units: how do I pick dimensionless units for my atoms?", "molecular"),
        (
            "Forcing 4 mA into the AI channel reads 1.24% instead of 0%: how do I scale the channel to 0-100%?",
            "process",
        ),
        (
            "Why does the age-standardization need a reference population when we have the age groups already?",
            "epidemi",
        ),
        (
            "MoveIt ignores setMaxVelocityScalingFactor(0.6): the robot follows the cartesian path far too slowly",
            "robot",
        ),
        ("My heat pump's heating curve jumps between 39 and 47 C while outside stays at 12 C: is it working?", "hvac"),
        ("jsPrintSetup.setOption('scaling', 50) does not shrink the printing to fit the paper size", "printing"),
        ("Elo ratings for my pool league feel volatile: which k-factor should a leaderboard use?", "sports"),
        ("Normalising REE data to PAAS shale for a spiderplot leaves a hole at Pm", "geochemistry"),
        ("Should the signup form store +44 and 0044 phone numbers the same way, in E.164?", "phone numbers"),
        ("os.path.normpath keeps the trailing slash on Windows but not on Linux; which is right?", "file paths"),
        ("Our crawler treats example.com and example.com/ as two pages: which URL normalization fixes that?", "web"),
        ("After adding .gitattributes, git add --renormalize shows every file changed: CRLF or LF?", "line endings"),
        ("With normalizr, should the Redux store keep comments by id under entities, or nested in posts?", "state"),
        ("How do I flat-field correct the fluorescence images before measuring each cell in Fiji?", "microscopy"),
        ("The mesh normals point inward after import in CloudCompare; how do I flip them?", "meshes"),
        # the tenth group's: fields whose words the senses lacked
        ("Should sign-up lowercase john.doe@gmail.com and strip the dots before we check for duplicates?", "email"),
        ("The normalizer turns every field of my @article entry into MISSING once the .bib uses tabs. Why?", "bibtex"),
        ("Calling normalize() on a zero-length Vec3 gives NaN in my movement code; shouldn't it stay 0?", "vectors"),
        # the eleventh group's
        ("How do I rebase a CPI series from 2010 = 100 to 2015 = 100 without losing the monthly detail?", "economics"),
        (
            "After re-referencing to the average reference, my EEG channels look different. Which montage should I use?",
            "eeg",
        ),
        ("Are the nutrient values in the USDA database normalized to 100 g, or per serving?", "nutrition"),
        ("Comparing two granolas, should the salt be normalized per kcal or per gram of sodium?", "nutrition"),
        (
            "Our seismograms get normalized trace by trace in the record section; how do I keep relative amplitudes?",
            "seismology",
        ),
        ("Can peer evaluation scores from the rubric be normalized per group before they become grades?", "grading"),
        (
            "Should I download climate anomalies or absolute temperatures from CMIP6, and add back the reference period mean?",
            "climate",
        ),
        (
            "Can the dashboard normalize county spending per capita so small and large counties compare?",
            "public finance",
        ),
        # the thirteenth group's: fields that normalize scans, beads, grid values, floats, cells, reads and Ct values
        (
            "After spatial normalization to MNI152 the subject's T1w looks stretched; is the FSL template wrong?",
            "neuro",
        ),
        ("Half my tubes lost their beads; can I still bead-normalize that CyTOF run with the others?", "cytometry"),
        ("Why must the bus voltages go in per-unit on a 100 MVA system base for the power flow to converge?", "power"),
        ("Do denormals on this FPU make the filter slow enough to turn on flush-to-zero?", "floating point"),
        (
            "Standardizing the unit cell to its conventional setting moved my Wyckoff positions; is the space group wrong?",
            "crystallography",
        ),
        ("Should I rarefy every sample to the same sampling depth before comparing OTU tables?", "microbiome"),
        ("Which reference gene should normalize my qPCR Ct values before the delta-delta fold change?", "qpcr"),
        ("The forcing series are fed to the climate model after detrending; normalize them to 1850-1900?", "climate"),
        # a review's: an ORM's model, a grid fed power, a training period and an fMRI analysis's model are not ours
        ("Should I denormalize the orders table before I pass the data to the model in Django?", "database"),
        ("How do I convert the active power fed into the network by my solar inverter to per-unit values?", "power"),
        (
            "How do I normalize the temperature anomalies over the training period of 1961-1990 in the reanalysis?",
            "climate",
        ),
        (
            "I normalize the brain images to MNI space before the first-level generalized linear model in FSL. Right?",
            "neuroimaging",
        ),
    ],
)
def test_the_new_groups_fields_are_declined_by_name_even_when_the_post_ends_with_thanks(text, field):
    """The sixth to eleventh blind groups' other fields, each named; a post ending in thanks is not a thank-you."""
    reply = answer(text)
    assert reply.route == "off_topic"
    assert field in reply.markdown.lower() and "welcome" not in reply.markdown.lower()


@pytest.mark.parametrize(
    "text",
    [
        "1. Do the 8 input features have to be normalized? 2. I want to train on a new dataset: which network"
        " architecture would you use?",
        "When I don't normalise the inputs the network still runs fine and converges. Did you compare the two?",
        "Thermal frames are raw 16-bit PNGs; how should we normalize the data for training, per image percentiles?",
        "scRNA-seq counts are log-normalized first: why take the log of the counts before they go into the network?",
        # the tenth group's: a model named by its kind among a market's words, the range the inputs should be in
        "My stock universe trades anywhere from 1-10 to 1000-2000 per share. What's a good way to make price-based"
        " indicators comparable across stocks, for a supervised model?",
        "I can't work out which range the input values need to be in: between 0 and 1, or between -1 and +1? Same for"
        " the output.",
        # the eleventh group's: a model trained on the data, what the network saw in training, among a recording's words
        "Thanks for the benchmark! Its ECG records look already normalized next to my smartwatch ones. If a model trained"
        " on them is to work on mine, which statistics do I standardize with?",
        "Should I normalize the teacher's logits before distillation?",  # a teacher network, not a class's
        # a review's ML questions in the new fields' words: each was declined by a draft of those fields' senses
        "I'm training a UNet on ERA5 reanalysis for climate downscaling. Should I normalize temperature per channel?",
        "Fine-tuning ResNet50 on Food-101: should I use ImageNet mean/std or compute food-specific stats?",
        "For my EEG seizure detection model, should I normalize each electrode's signal before feeding it in?",
        "I'm predicting kcal per serving from the nutrient columns (protein, sodium, fat). Do the features need scaling?",
        "We train a model to predict student grades from rubric scores. Do I scale the rubric columns?",
        "My instructor told me to always normalize the data. Is that really necessary?",
        "With a small compute budget, is it worth normalizing my data before training?",
        "Temperature anomaly forecasting with a transformer, normalize by decadal mean?",
        "My model outputs vec3 directions. Normalizing gives NaN for length zero. How do people handle this?",
        "Tokenizing LaTeX for an im2latex model: should I normalize the LaTeX tokens?",
        "Our instructor says min-max scaling is better than z-score. Is that true?",
        "The A/D gain of these recordings differs between sources. Which scaling should I apply before feeding the model"
        " so it matches what the network saw during training?",
        # the thirteenth group's: a data split among a climate record's words, an agent's spaces, a fitted GLM, and
        # the MEAN and STD of someone's code
        "Our reanalysis temperatures get min-max scaled with one min and max over train, val and test. Is that fair?",
        "My PPO agent learns nothing until the observation space is scaled; should the rewards be normalized too?",
        "In glm(deaths ~ dose + age, family = poisson()) what does a standardized coefficient of 0.8 mean?",
        "Your demo divides by STD and MEAN lists before the images go in; is that just normalisation? Where do they"
        " come from?",
        # a review's: ML words the senses' veto lacked beside the new fields' words, and words two fields share
        "I'm training a network on microbiome data; should I normalize?",
        "In a mixture of experts, should the gating scores be normalized with softmax?",
        "Is there a good primer on min-max scaling vs standardization?",
        "In the KV cache of my transformer, should the keys be normalized?",
        "Should the epsilon in my z-score normalization be machine epsilon?",
        "The training takes 16s per run. Should I normalize the data to make it faster?",
        # a review's: another field's values fed to a model are the model's inputs
        "Should I normalize qPCR Ct values before feeding them to my model?",
        "Do I pass the per-unit bus voltages to my network as they are, or standardize them?",
    ],
)
def test_data_prepared_for_training_or_fed_to_a_network_is_never_turned_away(text):
    assert answer(text).route != "off_topic"


def test_a_regression_formula_fitted_in_r_is_a_model_not_another_field():
    """MCMC words (Stan, chains, cores) read as another field's until the model's formula counts as ML evidence."""
    text = (
        "Stan code from brm(y ~ x, data = dat, chains = 4, cores = 4) only centres x; the docs of the normalize"
        " argument don't say more. Is that all it does?"
    )
    assert understand(text).topic == "mean_std"


def test_columns_scaled_for_a_clustering_are_machine_learning():
    text = (
        "What does the scaleColumns argument do? I ran my experiment with a list of columns to scale and once"
        " without, and the results differ. Which one should I trust for the clustering?"
    )
    assert answer(text).route != "off_topic"


@pytest.mark.parametrize(
    "text",
    [
        "After deployment, how do I scale one incoming sample the same way as in training?",
        "Once it is deployed, each request must be standardized like during training: which mean do I use?",
    ],
)
def test_scaling_new_data_as_in_training_is_ml_even_beside_a_deployment(text):
    """Deployment words name server scaling, but data scaled as in training is meeting a trained model."""
    assert answer(text).route != "off_topic"


def test_scaling_servers_for_a_deployment_is_still_declined_by_name():
    reply = answer("How do I scale the kubernetes deployment replicas like in staging?")
    assert reply.route == "off_topic" and "scaling servers" in reply.markdown


@pytest.mark.parametrize(
    ("text", "field"),
    [
        # issue 18's twelfth blind group: fields it had no words for, each written in our own words
        (
            "After MolStandardize the SMILES of two identical structures still differ. Why isn't RDKit canonical?",
            "chemistry",
        ),
        ("libpostal's expand_address maps 'St' to 'saint'; how do I normalize street names for matching?", "addresses"),
        ("Should every equity start at 1.0 in a relative performance chart, or compare them in dollars?", "finance"),
        ("ReplayGain on my MP3 collection: track or album mode for normalization?", "audio"),
        (
            "For the relation (email, address, city) the email determines every other column; is city a non-prime"
            " attribute I must split out to normalize it?",
            "database",
        ),
        (
            "svydesign with weights below 1 warns that the sample size exceeds the population size: must the weights"
            " be scaled to sum to n? The weights come from a propensity model's ATT weights.",
            "statistics",
        ),
    ],
)
def test_the_twelfth_groups_fields_are_declined_by_name_though_they_share_words_with_ours(text, field):
    reply = answer(text)
    assert reply.route == "off_topic" and field in reply.markdown.lower()


@pytest.mark.parametrize(
    "text",
    [
        "Our course quiz: midterm and final exam scores, x2 = midterm squared. Which feature scaling and mean"
        " normalization formula gives x2 of the second student?",
        "The multispectral tiles are uint16, every band with its own range (1002 to 1534, 905 to 1664). How do I"
        " bring them to float in [0, 1]?",
        "A Cox model's hazard ratio for a ratio that spans 0.8 to 1.1 is 146; multiplied by 100 it becomes 1.03."
        " Why does multiplying one column change it so much?",
        # questions a training batch's writer found declined: point-cloud networks, a tutorial's leaking windows
        "PointNet training normalizes every cloud into a unit sphere. Can I skip that when the absolute size matters?",
        "zero-mean + unit sphere: is that the same as a z-score for point clouds fed to a DGCNN?",
        "The jena climate tutorial normalizes before building the windows: are the targets leaking into the statistics?",
    ],
)
def test_exam_scores_in_a_feature_scaling_quiz_image_bands_in_code_and_a_survival_model_are_ours(text):
    assert understand(text).topic != "off_topic"
    assert answer(text).answered


@pytest.mark.parametrize(
    ("text", "ours"),
    [
        # a review's probes of the twelfth group's mends: words the new senses must not take for another field
        ("After a data leak at my company, how should we notify users and reset all their passwords?", False),
        (
            "Training a smile detector: the labels are smiles vs neutral faces, images 64x64 with values 0-255;"
            " should I scale them to 0-1 first?",
            True,
        ),
        ("Airbnb listings: price 10-1000, reviews 0-500, minimum nights 1-365 - scale them before fitting?", True),
    ],
)
def test_the_new_senses_keep_to_their_fields(text, ours):
    assert answer(text).answered is ours


@pytest.mark.parametrize(
    ("text", "ours"),
    [
        # a review's probes of the new fields: one of their words, or a word shared with ours, names nothing
        (
            "I'm training an evaluation network on Stockfish positions; centipawn targets range from -3000 to 3000,"
            " should I scale them down?",
            True,
        ),
        ("I predict a paper's citations from its author count; citations go from 0 to 5000. Log them first?", True),
        ("My inputs are euler angles and quaternions from a drone, in degrees and in [-1, 1]. Normalize?", True),
        ("Satellite images are 16-bit; should I divide by 65535 or by the max per band?", True),
        ("For human activity recognition from smartwatch accelerometer data, should I standardize each axis?", True),
        # … and the new cues of ML keep to ML
        ("How do I normalize my running pace for interval training?", False),
        ("Should I normalize the database before setting up SQL Server failover clustering?", False),
        ("In QGIS, how do I normalize population by area in a feature class of the shapefile?", False),
        ("How do I normalize a sound file after feature extraction in Audacity?", False),
    ],
)
def test_the_new_fields_need_more_than_one_word_and_the_new_ml_cues_need_a_model(text, ours):
    assert (answer(text).route not in ("off_topic", "unsure")) is ours


# The fourteenth to twenty-first blind groups' fields and ML posts that use their words, each in our own words
FOURTEENTH_GROUP_FIELDS = [
    # the fourteenth group's fields, in our own words: a package index, an image store, an engine's score,
    # an orientation filter, a web address, a satellite scene
    (
        "Does pip treat my_package and My.Package as one project name on PyPI? Where is that normalization written?",
        "Python packaging",
    ),
    (
        "Our registry keeps 'alpine' and 'docker.io/library/alpine' as two image references. Should the image"
        " store normalize them when it saves a build?",
        "container images",
    ),
    ("Should the chess engine normalize its eval so that +1.00 (100 cp) means a 50% win rate?", "computer chess"),
    (
        "After integrating the gyro rates my quaternion's norm drifts to 1.0003. Should the Kalman filter"
        " renormalize it every step?",
        "attitude estimation and quaternions",
    ),
    (
        "Is https://a.org/x the same resource as https://a.org/x/ ? Which URL normalization steps are safe under"
        " RFC 3986?",
        "web crawling and URLs",
    ),
    (
        "Radiometric normalization of two Landsat scenes from different dates: how are the pseudo-invariant"
        " pixels picked?",
        "remote sensing",
    ),
]

FIFTEENTH_GROUP_FIELDS = [
    # the fifteenth group's fields, in our own words
    ("Does QuTiP's unit() divide a ket by its norm, or by something else?", "quantum physics"),
    (
        "In the Pythia example, why are the dN/deta histograms scaled by 5 / nEvent and pTHard by sigmaGen?",
        "particle physics",
    ),
    (
        "How should I time-normalize ground reaction force curves from two runners before comparing them?",
        "biomechanics",
    ),
    (
        "Must my Navier-Stokes variables be nondimensional already, or does the CFD solver scale by viscosity and"
        " the Prandtl number itself?",
        "fluid dynamics",
    ),
    ("What does the normalized citation count NTC mean in the manuscripts table?", "bibliometrics"),
    ("Could LLVM get a loop-normalization pass so counted loops start at 0 with step 1?", "compilers"),
    ("Should phylogenetic diversity rescale each tree by its longest root-to-tip path?", "phylogenetics"),
]

SIXTEENTH_GROUP_FIELDS = [
    # the sixteenth group's fields, in our own words
    (
        "Why is my normalized power 240 watts when the ride averaged 150? Garmin and Strava disagree.",
        "cycling training",
    ),
    (
        "Luxon: a Duration of 400 days normalized with shiftTo gives 1 year and 35 days. Is that right?",
        "date and time libraries",
    ),
    (
        "Does the detrending use regional curve standardization for tree-ring widths, as dplR does?",
        "dendrochronology",
    ),
    (
        "The anthro package gives NA for a weight-for-age z-score at exactly 60 months; the WHO tables have it.",
        "child growth assessment",
    ),
    ("Should the D65 white point be normalized to Y = 1 before converting XYZ to Oklab?", "color science"),
    (
        "How should case citations like '12 F. Supp. 34' be normalized when reporters have several spellings?",
        "legal citations",
    ),
    (
        "Per 36 minutes or per game: how do I normalize NBA box score stats for players with few minutes played?",
        "basketball analytics",
    ),
]

SEVENTEENTH_GROUP_FIELDS = [
    # the seventeenth group's fields, in our own words: a darkroom's flat field, a URL library, a motion sensor,
    # a plotting library's density histogram
    (
        "Darktable's flat-field step: should the dark frame come off the flat before it is normalized to its"
        " brightest percentile?",
        "photography, brightness and contrast",
    ),
    ("Should url_normalize('http://A.com/x/') drop the trailing slash and lower the host?", "web crawling and URLs"),
    (
        "After calibrating the IMU my accelerometer reads 1 at rest instead of 9.81, and the magnetometer changed"
        " units too. Which units are these?",
        "inertial sensor calibration",
    ),
    (
        "ax.hist(values, bins=4, density=True): the bar heights add to 0.5, not 1. Is density broken?",
        "statistical plotting (histograms)",
    ),
]

SEVENTEENTH_GROUP_ML_POSTS = [
    # a chemistry toolkit's descriptors scaled as features; a species' trait before a log; the fields' words in ML
    "RDKit descriptors from 0 to 700 as inputs: plain min-max or z-scores, or a fitted distribution per descriptor?",
    "My gene's trait values run from 3 to 140; should I log-transform them before relating them to the rates?",
    "Accelerometer and gyroscope windows feed my activity classifier: standardize each axis or each window?",
    "Should the flat-field corrected images be scaled to [0, 1] before the CNN sees them?",
]

EIGHTEENTH_GROUP_FIELDS = [
    # the eighteenth group's fields, in our own words
    (
        "Our viewer computes SUVbw from PET_raw times the rescale slope; should the decay-corrected injected dose be"
        " the one at scan time?",
        "nuclear medicine (PET and SUV)",
    ),
    (
        "MaxQuant's LFQ intensities already look normalized across runs; can I turn that off for my peptides?",
        "proteomics",
    ),
    (
        "My phone records limited range (16-235) but the player shows full range; should HandBrake expand it when"
        " re-encoding?",
        "video encoding",
    ),
    ("Total-sum normalization or PQN for the metabolite feature table from MZmine?", "metabolomics"),
    (
        "Some transects were walked twice; how do I normalize the bird abundances for sampling effort?",
        "ecology (field surveys)",
    ),
    (
        "Should Cmax be dose-normalized by the total of all doses or by the dose in each dosing interval?",
        "pharmacokinetics",
    ),
    ("Is salinity-normalizing alkalinity to 35 the usual way before comparing seawater samples?", "oceanography"),
]

EIGHTEENTH_GROUP_ML_POSTS = [
    # the fields' words inside plain ML questions
    "PET scans as input to a CNN for tumour segmentation: scale the SUV maps to [0, 1] first?",
    "I predict species abundances with a random forest from temperature and rainfall; do the inputs need scaling?",
    "A neural network predicts drug clearance from weight (40-150 kg) and dose (5-500 mg); should I standardize?",
    "Why does the error peak at the start when I don't normalize my features? It peaks at 1e6.",
]

NINETEENTH_GROUP_FIELDS = [
    # the nineteenth group's fields, in our own words
    (
        "Is the dij matrix in Gy per monitor unit, and how is the photon fluence normalized for a VMAT plan?",
        "radiation therapy",
    ),
    ("Should dF/F use F0 from each ROI's baseline, or are the calcium traces already normalized?", "calcium imaging"),
    (
        "Our PV performance ratio exceeds 1 in winter: normalize by tilted irradiance rather than GHI?",
        "solar photovoltaics",
    ),
    (
        "Can the loader normalize capacity to active mass, mAh/g, or per electrode area, mAh/cm2?",
        "battery electrochemistry",
    ),
    ("How is eGFR per 1.73 m2 of body surface area written in UCUM?", "clinical laboratory units"),
    ("How do I normalize pfSense and Apache logs into one format with rsyslog?", "security log management"),
    (
        "Why does FORM print prf(-a,-b) in one run and prf(a,b) in another; is polyratfun normalization fixed?",
        "computer algebra",
    ),
]

NINETEENTH_GROUP_ML_POSTS = [
    # a prediction's chart in scaled units; the fields' words inside plain ML questions
    "The stock price prediction chart shows values between 0 and 1 instead of prices. How do I get real prices back?",
    "Each neuron's activity in my hidden layer saturates when the inputs run 0-1000. Should I normalize them?",
    "Spike inference from calcium traces with a CNN: z-score each dF/F trace first?",
    "My regression predicts PV output from irradiance (0-1000 W/m2) and temperature (-10 to 40): scale them?",
]

# ML questions that use the newest fields' words with no ML word to veto them, in our own words: a plural, a second
# `.hist` call or a column named after an ocean is still one word, and a dose, a pet or a peptide is no field alone
SHARED_WORDS_ML_POSTS = [
    "Housing prices: standardize median_income before one-hot encoding ocean_proximity (NEAR OCEAN, INLAND)?",
    "After standardizing, auc_roc rose from 0.71 to 0.83 and auc_pr from 0.40 to 0.61. Why?",
    "df.hist() and then plt.hist(df['income']) show income skewed from 0 to 1e6. Log it or standardize it?",
    "Should pixel values be stretched to the full range or kept in a limited range before the detector?",
    "How should I normalize accelerometer and gyroscope data for my activity recognition pipeline?",
    "IMU readings from 3 IMUs on wrist, ankle and chest: standardize each axis separately?",
    "Species abundances run from 0 to 10,000 and the abundance of rare ones is near 0. Log before fitting?",
    "Classifying peptides by length and peptide charge: should I normalize them?",
    "For a dosing recommendation the doses range 0-500 mg; should I standardize?",
    "My data loader gives pet images in 0-255 and each pet's body weight in 2-40 kg. Scale both?",
    "Metabolite concentrations span 1e-3 to 1e4 in my feature table; log and then z-score?",
    "Income from this census and two earlier censuses runs 0 to 1e6; should I standardize it?",
]

TWENTIETH_GROUP_FIELDS = [
    # the twentieth group's fields, in our own words
    ("Is CPUE per haul hour right when a 20-minute trawl reports 900 fish an hour?", "fisheries science"),
    (
        "At air density 1.0 should the power curve shift, with rated power reached later, or the turbine output scale?",
        "wind energy",
    ),
    (
        "Should AccessModel min-max the access scores to 0-100 by default, or keep normalize_type as z-score?",
        "urban accessibility analysis",
    ),
    (
        "The app sends gyro values over OSC in radians; should it normalize them to 0-1 for Pure Data?",
        "music software and OSC",
    ),
    (
        "Traffic deaths per 100,000 residents or per vehicle miles traveled for our Vision Zero dashboard?",
        "traffic safety",
    ),
    (
        "Is dividing monthly electricity use by heating degree days the right way to weather-normalize it?",
        "household energy efficiency",
    ),
]

TWENTIETH_GROUP_ML_POSTS = [
    # a depth benchmark, mean-image subtraction, arrays saved for training: ML without ML's usual words
    "The NYUDv2 depth images go up to 19576 with many zeros. How should they be scaled into 0-255?",
    "The camera's depth is re-ranged to 0-255 and the mean image is chosen to be 144. Why 144 and not 128?",
    "The spectrograms saved in the npy files run from -0.2 to 0.8. Why that range?",
    # the fields' words inside plain ML questions
    "A random forest predicts turbine power from wind speed and air density: do the inputs need scaling?",
]

TWENTYFIRST_GROUP_FIELDS = [
    # the twenty-first group's lab instrument, in our own words; its other six fields already had a name
    (
        "What does the 'internal standard' option in the OPUS software do to an NIR spectrum, mathematically?",
        "chemical spectroscopy (NIR, IR, Raman)",
    ),
    (
        "Our FT-IR absorbance spectra drift between runs on the spectrometer: apply SNV or a baseline correction?",
        "chemical spectroscopy (NIR, IR, Raman)",
    ),
    (
        "Rescale a moisture index raster to 0-100 with raster algebra in QGIS: which formula?",
        "maps, GIS and cartography",
    ),
]

TWENTYSECOND_GROUP_FIELDS = [
    # the twenty-second group's fields that had no name, in our own words
    (
        "In Blender, why apply the scale and rotation in Object Mode before a rigid body simulation?",
        "3D modeling and CAD",
    ),
    (
        "Thin films of two thicknesses: can I normalize their XRD peak intensities by thickness?",
        "crystallography and unit cells",
    ),
    (
        "Should the tracker show Corsi and Fenwick per 60 minutes of time on ice for each defenceman?",
        "ice hockey analytics",
    ),
]

TWENTYSECOND_GROUP_ML_POSTS = [
    # the same fields' words inside plain ML questions
    "A CNN predicts crystallite size from XRD patterns given as 4000 intensities: scale each pattern to [0, 1]?",
    "My model predicts NHL goals from time on ice (0-30 minutes) and shots (0-12): do I standardize the features?",
]

TWENTYTHIRD_GROUP_FIELDS = [
    # the twenty-third group's fields that had no name or the wrong one, in our own words
    (
        "With butter(4, 0.25) and a 2 kHz sampling rate, is freqz's axis normalized to Nyquist?",
        "radio and signal processing",
    ),
    (
        "KBr pellets of different thickness: how do I normalize the FTIR spectra to compare samples?",
        "chemical spectroscopy (NIR, IR, Raman)",
    ),
    ("My NDVI from the L2A images comes out between -3000 and 8000 instead of -1 and 1: why?", "remote sensing"),
    (
        "Can I compare one participant's raw score against the normalized scores of the big five norms?",
        "psychology tests and norms",
    ),
    (
        "Show a striker's shots on target and tackles per 90 minutes beside the league percentiles?",
        "football (soccer) analytics",
    ),
    (
        "The reset sets margin-bottom to 0 after normalize.css gave the h1 a margin: which rule wins in the scss?",
        "CSS, page layout and UI rendering",
    ),
]

TWENTYTHIRD_GROUP_ML_POSTS = [
    # ML posts of the twenty-third group that were declined, in our own words
    "Why do deep RL codebases normalize rewards and value targets but rarely the observations?",
    "My made-up data set of 25 features mixes latitude and longitude with counts in the thousands: scale it all?",
    "The state_normalizer keeps a running mean and std of observations: should it be frozen at evaluation?",
    "Trajectories of a walking robot are normalized before training the world model: per joint or over all joints?",
    # the new fields' words inside plain ML questions
    "A CNN classifies minerals from FTIR spectra of 1800 wavenumbers: scale each spectrum or each wavenumber?",
    "A random forest predicts crop yield from NDVI (-1 to 1) and rainfall (0-2000 mm): scale the features first?",
]

TWENTYFOURTH_GROUP_FIELDS = [
    # the twenty-fourth group's field that had no name, in our own words
    (
        "In Imagick, which contrastStretchImage arguments match convert's -contrast-stretch 2%?",
        "photography, brightness and contrast",
    ),
]

TWENTYFOURTH_GROUP_ML_POSTS = [
    # the same words inside a plain ML question
    "Contrast stretching with ImageMagick before my CNN sees the images: per image, or over the whole data set?",
]

TWENTYFIFTH_GROUP_FIELDS = [
    # the twenty-fifth group's field that was answered as ML, in our own words: stacking software's normalization
    (
        "Siril asks which normalization to use when stacking: what does additive with scaling change?",
        "photography, brightness and contrast",
    ),
    (
        "Should the light frames be normalized before DeepSkyStacker combines them?",
        "photography, brightness and contrast",
    ),
]

NAMED_WRONGLY_FIELDS = [
    # declined under another field's name once each label was read as a word the reply must say (our own words):
    # a shell's `cat` of a file read as a pet, a simulation box's atoms read as molecular dynamics
    (
        "`cat test-ö.txt` works from tab completion, `cat test-ö.*` too, but a typed `cat test-ö.*` finds nothing:"
        " which Unicode normalization should the shell use?",
        "text and Unicode normalization",
    ),
    (
        "I average FEFF xmu.dat spectra over 250 absorbing atoms in my MD box; how do I normalize the post-edge to 1?",
        "X-ray absorption spectroscopy",
    ),
    ("Which normalization of EXAFS data makes two samples comparable?", "X-ray absorption spectroscopy"),
]

TWENTYEIGHTH_GROUP_FIELDS = [
    # the twenty-eighth group's other fields, in our own words: a field's own tool beside numpy, which every
    # science imports, and fields whose words were another's (NIR is a satellite band as well as a lab's light)
    (
        "import numpy as np\nimport scanpy as sc\nsc.pp.normalize_total(adata)\nWhy does the log undo the equal"
        " totals per cell?",
        "genomics read counts",
    ),
    (
        "In Prism, I normalize the means of my time course experiments to the 0 min values: what are 0% and 100%?",
        "lab data analysis (GraphPad Prism)",
    ),
    (
        "Does MODIStsp's scaling just multiply the bands by 0.0001? Then NDVI = (NIR-RED)/(NIR+RED) would not change.",
        "remote sensing",
    ),
    (
        "plt.imshow(img, vmin=lo, vmax=hi, norm=simple_norm(img, stretch='asinh')) warns that norm with vmin is"
        " deprecated: how do I combine percentiles with the asinh stretch?",
        "astronomy: spectra, flux and images",
    ),
]

TWENTYEIGHTH_GROUP_ML_POSTS = [
    # the same tools in ML questions stay ours: a model beside scanpy, and numpy with no field named
    "I train a classifier on scanpy's normalized counts with numpy; should I also standardize the genes?",
    "import numpy as np\nX = np.random.rand(100, 2) * [1, 1000]\nWhy does normalizing the inputs help?",
    # a review's ML posts that the field words of this group once declined: pandas beside another field's term,
    # x - mu named xmu, a z-score helper named zscale, "fits" as a verb, one satellite word, "0 min value",
    # a size factor, library sizes and an assay
    "How do I transform my pandas column to a normal form before scaling? It is very skewed.",
    "I computed RDKit descriptors into a pandas DataFrame; some go 0 to 1, others 0 to 500. Should I standardize them?",
    "In pandas, I use unicodedata to clean the text column, then how do I scale the numeric columns from 0 to 1?",
    "mu = np.mean(x, axis=0)\nxmu = x - mu\nxhat = xmu / np.sqrt(np.mean(xmu**2, axis=0) + eps)\nWhy add eps?",
    "import numpy as np\ndef zscale(x): return (x - x.mean(axis=0)) / x.std(axis=0)\nIs this the way to standardize?",
    "Which normalization fits images better: dividing by 255 or subtracting the per-channel mean?",
    "My features are NDVI, rainfall and temperature. Do I need to scale them? NDVI is -1 to 1, rainfall 0 to 3000.",
    "Should I standardize MODIS land surface temperature before clustering?",
    "My column has a 0 min value and 255 max value. Should I divide everything by 255?",
    "I augment images by a random size factor between 0.8 and 1.2; should I normalize pixels before resizing?",
    "My dataframe has counts per sample with very different library sizes; divide each row by its total first?",
    "The assay values go from 0.01 to 5000. Should I log transform them before z-scoring?",
]

THIRTIETH_GROUP_FIELDS = [
    # the thirtieth group's other field, in our own words: a blot's words, and a cell's pathway switched on is not a
    # network's activation
    (
        "After stripping the membrane I reprobed with the phospho antibody; how do I normalize each band to its loading"
        " control when the lysates differ?",
        "molecular biology: qPCR and western blots",
    ),
    (
        "Our blots show T cell activation at 2 h in every lane: normalize the phospho signal to the total protein?",
        "molecular biology: qPCR and western blots",
    ),
]

THIRTIETH_GROUP_ML_POSTS = [
    # an R package that prepares a model's inputs, a design matrix and a fitted model back in the predictors' units
    "How do I back-transform the predictors? The design matrix came out of prepare() already shifted and scaled.",
    "Where can I find the shift and scale vtreat applied, so I can explain the fitted model in the original units?",
    "I want the coefficients of the fitted model in the units of X. Where is the centering and scaling stored?",
    # an activation function stays ours
    "Does the sigmoid activation saturate when inputs go from 0 to 1000?",
]

TWENTYNINTH_GROUP_ML_POSTS = [
    # gradient descent's theory without its name, and teaching data sets whose columns read like another field's
    "The momentum article's figure says 2 is the optimal step size, but the largest eigenvalue never converges there."
    " What is the largest step size that converges?",
    "Boston housing dataset: CRIM per capita crime rate by town, ZN, INDUS... should I normalize these columns?",
    "In the communities and crime data set, population and police per pop are already scaled to 0-1. Why?",
]

TWENTYSIXTH_GROUP_ML_POSTS = [
    # the twenty-sixth group's declined post, in our own words: a model's inputs scaled, and no other field named
    "Neat project! Do the inputs have to be normalized first, or would this pair well with a helper library?",
    "Quick one: must the features be standardized beforehand, or does the package do it?",
    "Neat project! Do features have to be normalized first, or would this pair well with a helper library?",
    "Neat project! Are my features supposed to be normalized first, or would this pair well with a helper library?",
]

TWENTYSEVENTH_GROUP_ML_POSTS = [
    # the twenty-seventh group's declined post, in our own words: a physics-informed network that will not train
    "Rescaled my shallow-water domain to 1 m, but training won't converge and the loss on the initial condition stays",
    "Does a PINN need its inputs rescaled when the domain is 16,500 m wide?",
]

NOT_A_MODELS = [
    # training that does not converge, with no loss beside it: a runner's, not a model's
    "My marathon training won't converge to a steady pace, how do I normalize my heart-rate zones?",
    # features and scaling that are not a model's inputs
    "Are the features of this phone normalized across carriers?",
    "The scaled features of the building in the architectural drawing look off",
]


@pytest.mark.parametrize("text", NOT_A_MODELS)
def test_training_and_features_that_are_not_a_models_are_still_declined(text):
    assert understand(text).topic == "off_topic"


TWENTYFIFTH_GROUP_ML_POSTS = [
    # "additive" and "scaling" inside plain ML questions stay ours
    "Additive attention with scaling by the square root of d: why do transformers divide the scores?",
    "My CNN classifies galaxies from stacked telescope images in 0-65535: divide by 65535 or z-score each band?",
]

TWENTYFIRST_GROUP_ML_POSTS = [
    # spectra fed to a regression or a network are ours, whatever the instrument
    "Partial least squares regression on NIR spectra, one variable per wavelength: should I center each wavelength?",
    "My Raman spectra go into a CNN classifier: normalize each spectrum, or each wavenumber across the samples?",
    # a network named only by its units, in a simulator's forum
    "With normalization on the 1st output neuron, the 4th pattern comes out right and the other three wrong. A bug?",
]


def test_a_brains_output_neurons_are_not_a_networks():
    """ "The 1st output neuron" is a network's unit; "the output neurons of the cerebellar cortex" are a brain's."""
    text = "Purkinje cells are the output neurons of the cerebellar cortex; how do I normalize their firing rates across animals?"
    assert understand(text).topic == "off_topic"


FOURTEENTH_GROUP_ML_POSTS = [
    # a speech network's features, a model's extra input, a clustering's units: ML among another field's words
    "In the Tacotron hparams the mel frames are clipped to [0, 1] after converting to dB. Why not a mean and std?",
    "How should I normalize mel spectrograms for vocoder training? Every repo does it differently.",
    "I added trading volume as an extra input feature beside the prices and it did not help; volume swings far"
    " more. Is there a better way to scale it?",
    "What units are eps and min_samples in when clustering GPS points given in degrees?",
    # the new fields' words inside plain ML questions
    "pip install scikit-learn worked; now how do I standardize my features before the SVM?",
    "My IMU accelerometer (±16 g) and gyro (±2000 dps) channels go into an LSTM; should I scale each one?",
    "Training a neural network to evaluate chess positions: should the centipawn targets be scaled to [-1, 1]?",
    "Landsat bands as inputs to a random forest for land-cover classification: do I need to scale reflectance?",
]

FIFTEENTH_GROUP_ML_POSTS = [
    # audio read for a model's feature extraction; the fields' words in plain ML questions
    "Why does the feature extraction divide the wav samples by 32768 before the log-mel step?",
    "My quantum chemistry dataset has energies from -500 to 0 and dipoles 0-10: scale before the neural network?",
    "Gait features (stride 0.5-2 m, cadence 80-140) go into a random forest and an SVM: which one needs scaling?",
    "Citation counts from 0 to 20000 as an input feature of a regression: log them or standardize?",
]

SIXTEENTH_GROUP_ML_POSTS = [
    "Our textbook calls subtracting the mean and dividing by the standard deviation 'normalization', and the homework"
    " asks whether that makes a variable normal. Does it?",
    # the sixteenth group's fields' words in plain ML questions
    "Predicting a rider's power in watts from speed and grade with a neural network: scale the inputs?",
    "My LSTM forecasts NBA points per game from minutes played (0-48) and usage rate; should I standardize?",
    "For a regression on tree-ring widths (0.1-5 mm) and temperature, do I need to scale the features?",
]


@pytest.mark.parametrize(
    ("text", "field"),
    FOURTEENTH_GROUP_FIELDS
    + FIFTEENTH_GROUP_FIELDS
    + SIXTEENTH_GROUP_FIELDS
    + SEVENTEENTH_GROUP_FIELDS
    + EIGHTEENTH_GROUP_FIELDS
    + NINETEENTH_GROUP_FIELDS
    + [("How do I normalize the volume across my video files?", "audio loudness")]
    + TWENTIETH_GROUP_FIELDS
    + TWENTYFIRST_GROUP_FIELDS
    + TWENTYSECOND_GROUP_FIELDS
    + TWENTYTHIRD_GROUP_FIELDS
    + TWENTYFOURTH_GROUP_FIELDS
    + TWENTYFIFTH_GROUP_FIELDS
    + NAMED_WRONGLY_FIELDS
    + TWENTYEIGHTH_GROUP_FIELDS
    + THIRTIETH_GROUP_FIELDS,
)
def test_the_newest_groups_fields_are_declined_and_named(text, field):
    assert other_sense(text) == field
    reply = answer(text)
    assert reply.route == "off_topic" and field.lower() in reply.markdown.lower()


@pytest.mark.parametrize(
    "text",
    FOURTEENTH_GROUP_ML_POSTS
    + FIFTEENTH_GROUP_ML_POSTS
    + SIXTEENTH_GROUP_ML_POSTS
    + SEVENTEENTH_GROUP_ML_POSTS
    + EIGHTEENTH_GROUP_ML_POSTS
    + NINETEENTH_GROUP_ML_POSTS
    + SHARED_WORDS_ML_POSTS
    + TWENTIETH_GROUP_ML_POSTS
    + TWENTYFIRST_GROUP_ML_POSTS
    + TWENTYSECOND_GROUP_ML_POSTS
    + TWENTYTHIRD_GROUP_ML_POSTS
    + TWENTYFOURTH_GROUP_ML_POSTS
    + TWENTYFIFTH_GROUP_ML_POSTS
    + TWENTYSIXTH_GROUP_ML_POSTS
    + TWENTYSEVENTH_GROUP_ML_POSTS
    + TWENTYEIGHTH_GROUP_ML_POSTS
    + TWENTYNINTH_GROUP_ML_POSTS
    + THIRTIETH_GROUP_ML_POSTS,
)
def test_the_newest_groups_ml_posts_are_answered(text):
    assert answer(text).route not in ("off_topic", "unsure")


@pytest.mark.parametrize(
    ("text", "evidence"),
    [
        (TWENTYNINTH_GROUP_ML_POSTS[0], True),
        ("Which step size should my ODE solver take so the orbit's energy converges?", False),
        ("The momentum of the ball doubles when its mass does; why?", False),
        ("The momentum balance in my Navier-Stokes solver needs a smaller step size. How small?", False),
    ],
)
def test_a_step_size_beside_momentum_is_gradient_descent(text, evidence):
    assert machine_learning_evidence(text) is evidence


@pytest.mark.parametrize(
    ("text", "declined"),
    [
        # a lab's words name its field only without a model at work beside them, and a split keeps a post ours
        ("Should I z-score phosphorylation and phosphatase levels before splitting into train and test?", False),
        (
            "I use the CD4 and CD8 levels to predict T cell activation; the network trains poorly. Should I normalize"
            " CD4 and CD8 first?",
            False,
        ),
        ("The data loader reads lysate plate images; should each lysate well be normalized separately?", False),
        # predictors and a fitted model are a regression's only where the words say so
        ("Our fitted kitchen model is 3 m long; how do I scale the drawing to 1:20?", True),
        ("In my dissertation on burnout, are workload scales significant predictors of turnover intention?", True),
    ],
)
def test_the_thirtieth_groups_cues_keep_to_their_side(text, declined):
    assert (answer(text).route == "off_topic") is declined


def test_phosphate_in_a_river_is_no_western_blot():
    assert other_sense("How do I normalize phosphate and phosphorus readings from my river sampling sites?") != (
        "molecular biology: qPCR and western blots"
    )
