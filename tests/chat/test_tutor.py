"""The tutor's behaviour with one message: decline off-topic, offer "did you mean", answer two asks, say back
what the message names, and explain numbers it cannot solve.

The routing tests use a stub reading (an `Understanding` built by hand), so they test the behaviour,
not the classifier's probabilities of the day.
"""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from explainer.chat import STARTER_QUESTIONS, TOPIC_GUIDE, TOPICS, Understanding, answer, tutor
from explainer.chat.measure import explanation_for
from explainer.chat.topics import title
from explainer.scenario.spec import Scenario
from explainer.text.formatting import number


def reading(topic: str, confidence: float = 0.9, second: str | None = None, did_you_mean: tuple[str, ...] = ()):
    """A stub classifier that reads every message as `topic`."""
    others = [key for key in TOPICS if key != topic]
    ranking = ((topic, confidence), *((key, (1 - confidence) / len(others)) for key in others))
    return lambda text: Understanding(topic, confidence, ranking, second, did_you_mean)


@dataclass(frozen=True)
class Named:
    """A stand-in for explainer.chat.reading.entities.Entities: ids plus their labels."""

    model: str | None = None
    activation: str | None = None
    scaler: str | None = None
    data_kind: str | None = None
    shown: tuple[tuple[str, str], ...] = ()

    def labels(self) -> dict[str, str]:
        return dict(self.shown)

    def to_dict(self) -> dict[str, str | None]:
        return {"model": self.model, "activation": self.activation, "scaler": self.scaler, "data_kind": self.data_kind}


@pytest.mark.parametrize(
    "question",
    [
        "How do I get my tables into third normal form?",
        "My podcast episodes have different loudness, how do I normalize the audio?",
        "Is it normal that my cat sleeps 16 hours a day?",
    ],
)
def test_off_topic_gets_a_short_decline_and_three_questions_it_can_answer(monkeypatch, question):
    monkeypatch.setattr(tutor, "understand", reading("off_topic", 0.8, did_you_mean=("why_normalize",)))
    result = answer(question)
    assert (result.route, result.answered) == ("off_topic", False)
    assert result.markdown.startswith("That is outside what I answer")
    assert result.follow_ups == STARTER_QUESTIONS[:3]
    assert result.scenario is None and result.figures == () and result.did_you_mean == ()
    assert "κ" not in result.markdown  # no ML answer at all


@pytest.mark.parametrize(
    ("message", "opening"), [("hi!", "Hello!"), ("thanks a lot", "You're welcome!"), ("ok, got it", "Glad that helps!")]
)
def test_greetings_and_thanks_get_a_friendly_short_reply_whatever_the_classifier_says(monkeypatch, message, opening):
    monkeypatch.setattr(tutor, "understand", reading("why_normalize", 0.9))
    result = answer(message)
    assert result.route == "off_topic" and result.markdown.startswith(opening)
    assert len(result.follow_ups) == 3


def test_close_runners_up_are_offered_as_did_you_mean_and_the_first_topic_is_answered(monkeypatch):
    monkeypatch.setattr(tutor, "understand", reading("learning_rate", 0.3, did_you_mean=("cost_blowup", "off_topic")))
    result = answer("my features are 0 to 1 and 1 to 1000 and training goes weird")
    assert result.topic == "learning_rate" and result.answered
    assert result.did_you_mean == (("cost_blowup", TOPIC_GUIDE["cost_blowup"].question),)
    assert TOPIC_GUIDE["cost_blowup"].question not in result.follow_ups  # offered once, as "did you mean"


def test_choosing_a_did_you_mean_answers_that_topic_for_the_same_message_and_numbers(monkeypatch):
    monkeypatch.setattr(tutor, "understand", reading("learning_rate", 0.3, did_you_mean=("cost_blowup",)))
    first = answer("features 0 to 1 and 1 to 1,000,000 and it does weird things")
    chosen = answer(first.question, first.asked_in, topic="cost_blowup")
    assert (chosen.topic, chosen.route, chosen.did_you_mean) == ("cost_blowup", "chosen", ())
    assert chosen.conversation.scenario == first.conversation.scenario
    assert "1 × 10⁶" in chosen.markdown


def test_two_asks_get_the_main_reply_then_a_shorter_section_for_the_second(monkeypatch):
    monkeypatch.setattr(tutor, "understand", reading("tree_models", 0.8, second="target_scaling"))
    result = answer("do I need to scale for xgboost, and what about the target?")
    main, _, second = result.markdown.partition(f"#### {title('target_scaling')}")
    assert result.second_ask == "target_scaling"
    assert "decision tree" in main and second
    full = answer("should I scale the target?", topic="target_scaling").markdown
    assert len(second) < len(full) and "condition number κ" in second  # its first paragraph and its table
    assert result.follow_ups[0] == TOPIC_GUIDE["target_scaling"].question


def test_a_second_ask_on_the_same_topic_adds_nothing(monkeypatch):
    monkeypatch.setattr(tutor, "understand", reading("tree_models", 0.8, second="tree_models"))
    result = answer("do trees need scaling? and forests?")
    headings = result.markdown.count("####") - result.model_run.markdown.count("####")  # the run has its own
    assert result.second_ask is None and headings == 0


@pytest.mark.parametrize(
    ("question", "said"),
    [
        ("features from 1e-300 to 1e-299, why normalize?", "varies by only 9 × 10⁻³⁰⁰"),
        ("one feature from -1e12 to 1e12 and another from -5 to -4, why normalize?", "1 × 10²⁴"),
        ("20 features from 0 to 1e12 with 100000 samples, why normalize?", "reaches 1 × 10¹²"),
    ],
)
def test_numbers_the_engine_cannot_solve_get_a_plain_sentence_and_keep_the_previous_scenario(question, said):
    before = answer("My features go from 0 to 1 and from 1 to 1000. Why normalize?")
    result = answer(question, before.conversation)
    assert (result.route, result.answered) == ("unsolvable", False)
    assert result.markdown.startswith("I cannot solve these numbers raw") and said in result.markdown
    assert "z-score" in result.markdown  # what would work
    assert result.conversation.scenario == before.conversation.scenario
    assert "I kept your previous numbers (two features spanning 0–1 and 1–1,000)" in result.markdown


def test_unsolvable_numbers_in_a_first_message_say_the_example_stands_in_not_that_numbers_were_kept():
    # a Caffe gradient dump read as two features, one spanning 9 × 10⁻³⁰⁰: no numbers of the learner's to keep
    result = answer("top diff from 1e-300 to 1e-299 and weight diff from 0 to 1e6, why normalize?")
    assert result.route == "unsolvable"
    assert "previous" not in result.markdown and "the answer below uses an example instead" in result.markdown
    # and the question is still answered, on the example: its κ and the figure that goes with it
    assert "κ = λmax/λmin = 5.04 × 10⁶" in result.markdown and result.figures
    # the message's learning rate still counts on the example
    stepped = answer("features 1e-300 to 1e-299 and 0 to 1e6, with learning rate 0.1 it diverges, why?")
    assert "1 to 1,000 (η = 0.1)" in stepped.markdown


@pytest.mark.parametrize(
    ("question", "opening", "rebuttal"),
    [
        # a template's opening answers its own topic, whichever way the learner put the question
        ("Is it true that StandardScaler is often not used for random forests?", "Trees do not need it.", "No."),
        (
            "My tanh network's loss is NaN with learningRate=1. Vanishing gradients?",
            "mostly a matter of depth",
            "Mostly a different problem",
        ),
        (
            "Why is the gradient so much bigger for my large feature?",
            "Large features dominate the *gradient*",
            "half right",
        ),
    ],
)
def test_template_openings_state_the_point_instead_of_rebutting_a_claim_no_one_made(question, opening, rebuttal):
    markdown = answer(question).markdown
    assert opening in markdown and rebuttal not in markdown.replace(opening, "")


def test_what_the_message_names_is_said_back_first_with_the_learners_numbers(monkeypatch):
    monkeypatch.setattr(tutor, "understand", reading("why_normalize", 0.9))
    monkeypatch.setattr(tutor, "recognise", lambda text: Named(model="kmeans", shown=(("model", "k-means"),)))
    result = answer("my k-means on attributes 0.25 to 0.75, -12.5 to 48 and 1200 to 5600 looks wrong, why scale?")
    first_line = result.markdown.split("\n\n")[0]
    assert first_line.startswith(r"For your k\-means on three features spanning 0.25–0.75, −12.5–48 and 1,200–5,600"), (
        first_line
    )
    # the scikit-learn run gives the distance shares, so the say-back does not give a second figure for them
    share = dict(result.model_run.figures)["largest_distance_share_raw"]
    assert f"carries {share:.1%} of the squared distances raw" in result.markdown
    assert "of the average squared distance" not in result.markdown
    assert TOPIC_GUIDE["distance_models"].question in result.follow_ups


def test_a_tree_model_is_told_that_it_ignores_scale(monkeypatch):
    monkeypatch.setattr(tutor, "understand", reading("learning_rate", 0.9))
    monkeypatch.setattr(
        tutor, "recognise", lambda text: Named(model="random_forest", shown=(("model", "random forest"),))
    )
    result = answer("random forest, features 0 to 1 and 1 to 1000, what learning rate?")
    assert result.markdown.startswith("For your random forest on two features spanning 0–1 and 1–1,000")
    assert "**Your random forest itself ignores scale.**" in result.markdown


@pytest.mark.parametrize(
    ("text", "pixels"),
    [
        ("why do we divide images by 255 before training a CNN?", True),
        ("my image features are pixel values 0-255 and I train a logistic regression, why normalize?", True),
        # an image's own measurements, or a score predicted from an image, are not pixel values
        ("I classify images with an SVM using two features: area 100-5000 and perimeter 10-300. Why scale?", False),
        (
            "X holds 880 image-quality readings from 50 to 300 and y goes 0.5 to 12; with alpha = 0.01 theta is NaN",
            False,
        ),
    ],
)
def test_the_note_on_pixels_divided_by_255_is_given_only_for_values_a_pixel_can_take(text, pixels):
    assert ("**Dividing pixels by 255**" in answer(text).markdown) is pixels


def test_tanh_steers_the_reply_to_saturation_computed_for_the_data(monkeypatch):
    monkeypatch.setattr(tutor, "understand", reading("why_normalize", 0.9))
    named = Named(model="mlp", activation="tanh", shown=(("model", "MLP"), ("activation", "tanh")))
    monkeypatch.setattr(tutor, "recognise", lambda text: named)
    result = answer("my MLP with tanh, inputs 0 to 1 and 1 to 1000, learns slowly")
    assert result.markdown.startswith("For your MLP with tanh on two features spanning 0–1 and 1–1,000")
    assert result.markdown.count("First-layer pre-activations at initialization: spread") == 1  # the MLP run's
    assert "**With tanh, raw inputs saturate the first layer.**" not in result.markdown  # not a second figure
    assert result.to_dict()["entities"] == named.to_dict()


def test_names_echoed_from_the_message_are_escaped(monkeypatch):
    monkeypatch.setattr(tutor, "understand", reading("why_normalize", 0.9))
    monkeypatch.setattr(tutor, "recognise", lambda text: Named(model="x", shown=(("model", "**net** <b>"),)))
    result = answer("my net on 0 to 1 and 1 to 1000")
    assert result.markdown.startswith(r"For your \*\*net\*\* \<b\>")


def test_without_entities_the_reply_opens_as_before(monkeypatch):
    monkeypatch.setattr(tutor, "recognise", lambda text: None)
    result = answer("My features go from 0 to 1 and from 1 to 1000. Why normalize?")
    assert result.markdown.startswith("For **x1** from 0 to 1 and **x2** from 1 to 1,000")


def test_the_json_form_lists_every_topic_and_what_was_recognised(monkeypatch):
    monkeypatch.setattr(
        tutor, "understand", reading("learning_rate", 0.3, second="target_scaling", did_you_mean=("cost_blowup",))
    )
    monkeypatch.setattr(tutor, "recognise", lambda text: Named(model="svm", shown=(("model", "SVM"),)))
    data = answer("SVM, lr 0.1 on 0-1 and 1-1000, and should I scale y?").to_dict()
    assert data["alternatives"][0]["topic"] == "learning_rate"
    assert sorted(item["topic"] for item in data["alternatives"]) == sorted(TOPICS)
    assert data["did_you_mean"] == [{"topic": "cost_blowup", "question": TOPIC_GUIDE["cost_blowup"].question}]
    assert data["second_ask"] == "target_scaling"
    assert data["entities"]["model"] == "svm"


def test_a_chosen_topic_skips_the_classifier_route_even_for_an_off_topic_reading(monkeypatch):
    monkeypatch.setattr(tutor, "understand", reading("off_topic", 0.9))
    result = answer("features 0 to 1 and 1 to 1000", topic="condition_number")
    assert (result.topic, result.route) == ("condition_number", "chosen")
    assert result.scenario == Scenario.from_ranges({"x1": (0, 1), "x2": (1, 1000)})


def test_a_follow_up_that_changes_the_numbers_is_never_declined_as_off_topic(monkeypatch):
    first = answer("My features go from 0 to 1 and from 1 to 1000. Why normalize?")
    monkeypatch.setattr(tutor, "understand", reading("off_topic", 0.9))
    follow = answer("and if the first one went from 0 to 50?", first.conversation)
    assert (follow.route, follow.topic) == ("follow_up", "why_normalize")
    assert [(f.low, f.high) for f in follow.conversation.scenario.features] == [(0, 50), (1, 1000)]
    weather = answer("what's the weather between 10 and 20 degrees tomorrow?", first.conversation)
    assert weather.route == "off_topic" and weather.conversation == first.conversation


def test_a_small_pasted_table_is_fitted_as_the_learners_own_data(monkeypatch):
    monkeypatch.setattr(tutor, "understand", reading("cost_blowup", 0.9))
    result = answer("x1 = [1, 2, 3, 4], x2 = [100, 400, 200, 900], y = [1, 2, 3, 5]. Why does my cost blow up?")
    data = result.scenario.data
    assert data is not None and data.feature_names == ("x1", "x2") and data.target == (1, 2, 3, 5)
    assert data.columns == ((1, 2, 3, 4), (100, 400, 200, 900))
    assert result.markdown.startswith("Computed for your 4 data points (**x1**, **x2**)")
    expected = explanation_for(result.scenario)
    assert f"2/λmax = {number(expected.raw.max_stable_lr)}" in result.markdown


def test_a_normal_draw_becomes_a_normal_feature_spanning_three_standard_deviations(monkeypatch):
    monkeypatch.setattr(tutor, "understand", reading("why_normalize", 0.9))
    result = answer("X = np.random.normal(50, 10, 1000) and Z = np.random.uniform(0, 1, 1000), why is gd slow?")
    features = {(f.low, f.high, f.distribution) for f in result.scenario.features}
    assert features == {(0, 1, "uniform"), (20, 80, "normal")}


@pytest.mark.parametrize(
    ("message", "features"),
    [
        ("age 18-90, income 20000-250000", [("age", 18, 90), ("income", 20000, 250000)]),
        ("height in cm (150-200) and weight in kg (40-120)", [("height", 150, 200), ("weight", 40, 120)]),
        ("0-1 and 1-1000", [("x1", 0, 1), ("x2", 1, 1000)]),
    ],
)
def test_a_message_of_feature_ranges_alone_is_answered_with_them_even_when_read_as_off_topic(
    monkeypatch, message, features
):
    monkeypatch.setattr(tutor, "understand", reading("off_topic", 0.7))
    result = answer(message)
    assert (result.route, result.topic, result.answered) == ("numbers", "why_normalize", True)
    assert [(f.name, f.low, f.high) for f in result.scenario.features] == features
    assert not result.markdown.startswith("That is outside what I answer")


@pytest.mark.parametrize(
    "message",
    [
        "my kid is between 3 and 5 years old, which toys?",
        "I earn between 3000 and 5000 a month, how much should I save?",
        "the room is 3-4 m wide and 10-12 m long, how much paint?",
        "hi, my kid is 3-5",
        "I work 9-5",
        "call me at 555-1234",
    ],
)
def test_numbers_inside_a_question_about_something_else_are_still_declined(monkeypatch, message):
    monkeypatch.setattr(tutor, "understand", reading("off_topic", 0.7))
    assert answer(message).route == "off_topic"


def test_two_short_ranges_the_classifier_is_sure_are_off_topic_are_declined():
    assert answer("my kids are 3-5 and 7-9").route == "off_topic"


def test_bare_feature_ranges_are_answered_by_the_real_classifier_too():
    result = answer("temperature 10-35, humidity 20-90, wind 0-40")
    assert result.answered and result.markdown.count("**temperature**") >= 1


def test_a_real_question_the_classifier_cannot_place_is_answered_at_its_likeliest_topic_with_the_others_offered(
    monkeypatch,
):
    ranking = (("mean_std", 0.2), ("why_normalize", 0.15), ("off_topic", 0.12), ("method_choice", 0.1))
    monkeypatch.setattr(tutor, "understand", lambda text: Understanding("mean_std", 0.2, ranking))
    result = answer(
        "The inputs are centred and multiplied by the inverse square root of their covariance; does that work"
        " whatever units the inputs come in?"
    )
    assert (result.route, result.topic, result.answered) == ("likeliest", "mean_std", True)
    assert [topic for topic, _ in result.did_you_mean] == ["why_normalize", "method_choice"]
    assert not result.markdown.startswith("I'm not sure")


def test_a_short_unclear_message_with_code_is_answered_too(monkeypatch):
    ranking = (("vanishing_exploding", 0.27), ("cost_blowup", 0.2), ("learning_rate", 0.1))
    monkeypatch.setattr(tutor, "understand", lambda text: Understanding("vanishing_exploding", 0.27, ranking))
    result = answer("scale = 0.00390625 in torch.nn code: why?")
    assert result.route == "likeliest" and [topic for topic, _ in result.did_you_mean] == [
        "cost_blowup",
        "learning_rate",
    ]


def test_a_networks_answer_says_whose_kappa_and_iteration_counts_follow_its_own_run():
    # "For your MLP … 4 iterations are enough" read as the MLP's own count (a review of the thirtieth group's answers)
    markdown = answer("my MLP has features from 0 to 1 and 1 to 1000, why normalize?").markdown
    note = markdown.index("linear regression's on these features, fitted by gradient descent")
    assert markdown.index("#### Run with scikit-learn's MLP") < note < markdown.index("**A ravine, not a bowl.**")
    plain = answer("my linear regression has features 0-1 and 1-1000, why normalize?").markdown
    assert "linear regression's on these features" not in plain


def test_a_table_too_small_to_fit_on_gives_its_columns_ranges_not_an_internal_error():
    # R's neuralnet post: 8 rows of 8 predictors once answered "data.target: needs between 10 and 100000 rows"
    result = answer("x1 x2 y\n1 20 3\n2 40 5\n3 10 2\nwhy does gradient descent not converge?")
    assert "data.target" not in result.markdown and "previous" not in result.markdown
    assert "Your table has 3 rows for 2 feature columns, too few to fit on exactly" in result.markdown.replace("\\", "")
    assert [(f.name, f.low, f.high) for f in result.conversation.scenario.features] == [("x1", 1, 3), ("x2", 10, 40)]


def test_a_table_whose_values_are_refused_names_the_refused_column_and_its_bound():
    # when even the columns' ranges are refused, the refusal is named, not swallowed into "could not use the table"
    rows = "\n".join(f"{i} {2 * i if i != 3 else 1e200} {3 * i + 1}" for i in range(1, 13))
    result = answer(f"x1 x2 y\n{rows}\nwhy does gradient descent not converge?")
    shown = result.markdown.replace("\\", "")
    assert "x2: every value must be a finite number within ±1e+12" in shown


def test_a_sample_count_too_small_for_the_features_gets_one_note_with_the_fewest_that_fit():
    result = answer("I have 2 samples and features 0-1 and 1-1000, why normalize?")
    samples = [note for note in result.notes if "samples" in note]
    assert samples == ["I used samples = 4: 2 are too few to fit 2 features and a bias (at least 4)."]
    assert result.conversation.scenario.samples == 4


def test_a_clustering_question_is_offered_the_scaler_choice_and_whitening_not_trees_or_ridge():
    result = answer("Does k-means need feature scaling? my features are 0-1 and 0-100000")
    assert result.topic == "distance_models"
    assert result.follow_ups[:2] == (
        TOPIC_GUIDE["method_choice"].question,
        TOPIC_GUIDE["correlated_whitening"].question,
    )
    assert not {TOPIC_GUIDE["tree_models"].question, TOPIC_GUIDE["regularization"].question} & set(result.follow_ups)
