"""The Scenarios page as a visitor sees it: the gallery, stepping through a lesson, links, uploads."""

from __future__ import annotations

import json
import re
from urllib.parse import parse_qs, urlsplit

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from explainer import explain, load_gallery, scenario_to_params
from explainer.cli import main
from explainer.lessons.gallery import gallery_ids
from explainer.text.formatting import WORD_JOINER, number
from tests.support.pages import open_link, open_page
from ui.scenarios_view import LINKED, resolve_link

PAGE = "pages/3_Scenarios.py"
BASE = "http://localhost:8501"  # where AppTest's page says it is served (no browser URL, default port)


def visible(markdown: str) -> str:
    """Markdown source as the visitor reads it: backslash escapes and the invisible word joiners removed."""
    return re.sub(r"\\(.)", r"\1", markdown).replace(WORD_JOINER, "")


def step_heading(app) -> str:
    return visible(app.subheader[0].value)


def metrics(app) -> dict[str, str]:
    return {metric.label: metric.value for metric in app.metric}


def cli_link(capsys, *argv: str) -> str:
    assert main(["link", *argv, "--base-url", BASE]) == 0
    return capsys.readouterr().out.strip()


def query(url: str) -> dict[str, list[str]]:
    """The link's scenario and view, without the page it names (the page's own address no longer carries it)."""
    return {key: value for key, value in parse_qs(urlsplit(url).query).items() if key != "page"}


def as_lists(params) -> dict[str, list[str]]:
    return {key: [value] if isinstance(value, str) else list(value) for key, value in params.items()}


def page_query(app) -> dict[str, list[str]]:
    return as_lists(dict(app.query_params))


def warnings(app) -> list[str]:
    return [visible(warning.value) for warning in app.warning]


def shown_links(app) -> list[str]:
    return [code.value for code in app.code if code.value.startswith("http")]


def test_page_lists_the_gallery_and_opens_the_first_lesson(capsys):
    app = open_page(PAGE)
    assert not app.exception
    listing = app.radio[0]
    assert len(listing.options) == len(gallery_ids())
    options = [visible(option) for option in listing.options]  # options are Markdown: titles come escaped
    assert options[0] == "Lesson: Why normalize? From feature scales to whitening"
    assert any(option.startswith("Scenario: The post's four-point regression") for option in options)
    assert step_heading(app) == "Step 1 of 5: The claim: 0–1 beside 1–1000"
    assert not app.warning


def test_cli_link_opens_the_lesson_step_with_the_same_figures_as_explainer_run(capsys, tmp_path):
    url = cli_link(capsys, "gallery:why-normalize", "--step", "3")
    app = open_link(url)
    assert not app.exception and not app.warning
    assert step_heading(app) == "Step 3 of 5: The mean matters too"
    report = tmp_path / "step3.json"
    assert main(["run", "gallery:why-normalize", "--step", "3", "--out", str(report), "--quiet"]) == 0
    figures = json.loads(report.read_text(encoding="utf-8"))["steps"][0]["explanation"]
    shown = metrics(app)
    assert shown["Condition number κ (raw)"] == number(figures["raw"]["condition_number"])
    assert shown["Condition number κ (normalized)"] == number(figures["normalized"]["condition_number"])
    assert shown["Largest stable η (raw)"] == number(figures["raw"]["max_stable_lr"])
    # link → app state → link again is stable: the address bar and the page's own share link
    assert page_query(app) == query(url)
    assert shown_links(app) == [url]


def test_cli_link_to_a_gallery_scenario_opens_explore_with_it(capsys):
    url = cli_link(capsys, "gallery:four-points")
    assert (urlsplit(url).path, parse_qs(urlsplit(url).query)["page"]) == ("/", ["Explore"])
    app = open_page("pages/3_Scenarios.py", {"gallery": "four-points"})
    explore = next(link for link in app.get("page_link") if link.proto.label == "Open in Explore")
    assert explore.proto.page == "Explore"
    assert parse_qs(explore.proto.query_string) == query(url)


def test_next_previous_and_the_step_picker_move_through_the_lesson():
    app = open_page(PAGE, {"lesson": "post-experiment", "step": "1"})
    assert step_heading(app) == "Step 1 of 4: The experiment as posted"
    next(button for button in app.button if button.label == "Next").click().run()
    assert step_heading(app) == "Step 2 of 4: A smaller learning rate: 0.0001"
    assert app.query_params["step"] == "2" and app.query_params["lr"] == "0.0001"
    app.selectbox[0].set_value(4).run()
    assert step_heading(app) == "Step 4 of 4: A fair race"
    assert next(button for button in app.button if button.label == "Next").disabled
    next(button for button in app.button if button.label == "Previous").click().run()
    assert step_heading(app) == "Step 3 of 4: Watch the parameters, not only the cost"
    assert not app.exception


def test_a_step_shows_its_narrative_figures_and_questions():
    app = open_page(PAGE, {"lesson": "post-experiment", "step": "1"})
    explanation = explain(load_gallery("post-experiment").step(1).scenario)
    text = [re.sub(r"\$\$.*?\$\$", " ", block.value, flags=re.DOTALL) for block in app.markdown]  # formulas: LaTeX
    narrative = " ".join(visible(value) for value in text).replace("\n", " ")
    narrative = " ".join(narrative.split())
    assert "the post prints the cost before each update, so its last line is the cost after 49" in narrative
    assert "1.75" in narrative and "{normalized" not in narrative
    assert metrics(app)["Iterations (raw)"] == "diverged"
    captions = " ".join(caption.value for caption in app.caption)
    assert f"Raw: the run diverged at step {explanation.raw.diverged_at}" in captions
    titles = [chart.proto.spec for chart in app.get("vega_lite_chart")]
    assert any('"Loss vs iteration"' in spec for spec in titles)
    assert any("Learning-rate sweep" in spec for spec in titles)
    questions = [code.value for code in app.code if code.language != "toml" and not code.value.startswith("http")]
    assert questions == list(load_gallery("post-experiment").step(1).questions)


def test_choosing_a_gallery_scenario_shows_its_explanation():
    app = open_page(PAGE)
    app.radio[0].set_value("mean-offset").run()
    explanation = explain(load_gallery("mean-offset").scenario)
    assert metrics(app)["Condition number κ (raw)"] == number(explanation.raw.condition_number)
    assert app.query_params["gallery"] == "mean-offset"
    assert "lesson" not in app.query_params
    assert not app.exception


@pytest.mark.parametrize(
    ("params", "expected_warning", "expected_step"),
    [
        ({"lesson": "why-normalize", "step": "abc"}, "step: ignored 'abc'", "Step 1 of 5"),
        ({"lesson": "why-normalize", "step": "99"}, "step: 99 is outside 1..5", "Step 5 of 5"),
        ({"lesson": "no-such-lesson"}, "no built-in lesson or scenario is called 'no-such-lesson'", "Step 1 of 5"),
        (
            {"lesson": "why-normalize", "step": "2", "lr": "-1"},
            "lr: ignored '-1'",
            "Step 2 of 5",
        ),
        (
            {"lesson": "why-normalize", "step": "2", "lr": "0.5"},
            "differ from step 2 of this lesson",
            "Step 2 of 5",
        ),
    ],
)
def test_tampered_links_warn_and_still_show_a_lesson_step(params, expected_warning, expected_step):
    app = open_page(PAGE, params)
    assert not app.exception
    assert any(expected_warning in warning for warning in warnings(app)), warnings(app)
    assert step_heading(app).startswith(expected_step)


def test_link_naming_an_unknown_lesson_shows_the_scenario_it_carries():
    scenario = load_gallery("why-normalize").step(4).scenario
    params = {**as_lists(scenario_to_params(scenario)), "lesson": ["my-course"], "step": ["2"]}
    app = open_page(PAGE, params)
    assert not app.exception
    assert any("'my-course' is not a built-in lesson" in warning for warning in warnings(app))
    assert app.radio[0].value == "link"
    assert metrics(app)["Condition number κ (normalized)"] == number(explain(scenario).normalized.condition_number)


LESSON = b"""\
title = "My course"
[[steps]]
title = "Scales"
narrative = "Raw kappa: {raw.condition_number}."
questions = ["Why normalize?"]
[steps.scenario]
features = [{ name = "age", low = 0, high = 100 }, { name = "income", low = 0, high = 100000 }]
[[steps]]
title = "Whitened"
[steps.changes]
normalization = "whiten"
"""


def test_uploading_a_lesson_steps_through_it():
    app = open_page(PAGE)
    app.file_uploader[0].set_value(("course.toml", LESSON, "application/toml")).run()
    assert not app.exception
    assert app.radio[0].value == "upload"
    assert visible(app.header[0].value) == "My course"
    assert step_heading(app) == "Step 1 of 2: Scales"
    from explainer import Scenario

    raw_kappa = explain(Scenario.from_ranges({"age": (0, 100), "income": (0, 100_000)})).raw.condition_number
    assert f"Raw kappa: {number(raw_kappa)}." in [visible(block.value) for block in app.markdown]
    assert dict(app.query_params) == {}  # a link cannot carry an uploaded file
    next(button for button in app.button if button.label == "Next").click().run()
    assert step_heading(app) == "Step 2 of 2: Whitened"


def test_uploading_a_broken_file_lists_every_problem_without_a_traceback():
    broken = b'title = "x"\n[[steps]]\ntitle = "s"\n[steps.scenario]\nlearning_rate = -1\ndata = { csv = "x.csv" }\n'
    app = open_page(PAGE)
    app.file_uploader[0].set_value(("broken.toml", broken, "application/toml")).run()
    assert not app.exception
    (error,) = [visible(error.value) for error in app.error]
    assert "broken.toml could not be used" in error
    assert "- steps[0].scenario.data.csv: an uploaded file cannot refer to other files" in error
    assert "- steps[0].scenario.learning_rate: must be a positive number" in error
    assert app.radio[0].value == "why-normalize"  # the page carries on with the gallery


def test_uploading_something_that_is_not_toml_says_so():
    app = open_page(PAGE)
    app.file_uploader[0].set_value(("notes.toml", b"\x89PNG\r\n\x1a\n\x00\x00", "application/toml")).run()
    assert not app.exception
    assert "notes.toml could not be used:**\n\n- is not UTF-8 text (is it a TOML file?)" in visible(app.error[0].value)


def test_cli_scenario_link_opened_in_explore_shows_the_reports_figures_and_links_back_the_same(capsys, tmp_path):
    url = cli_link(capsys, "gallery:four-points")
    report = tmp_path / "four.json"
    assert main(["run", "gallery:four-points", "--out", str(report), "--quiet"]) == 0
    figures = json.loads(report.read_text(encoding="utf-8"))["steps"][0]["explanation"]
    app = open_link(url)
    assert not app.exception and not app.warning
    shown = metrics(app)
    assert shown["Condition number κ (raw)"] == number(figures["raw"]["condition_number"])
    assert shown["Largest stable η (normalized)"] == number(figures["normalized"]["max_stable_lr"])
    assert page_query(app) == query(url)  # file → link → app state → link again


@settings(max_examples=200)
@given(
    st.dictionaries(
        st.sampled_from(["lesson", "gallery", "step", "lr", "f", "norm", "zzz"]),
        st.lists(st.text(max_size=30), min_size=1, max_size=2),
        max_size=5,
    )
)
def test_any_link_resolves_to_a_valid_step_without_raising(params):
    opened = resolve_link(params)
    if opened.item in gallery_ids():
        assert 1 <= opened.step <= len(load_gallery(opened.item).steps)
    elif opened.item == LINKED:
        assert opened.linked is not None
    else:
        assert opened.item is None


def test_the_pages_example_file_is_a_valid_lesson():
    from explainer.lessons.files import parse
    from ui.scenarios_view import EXAMPLE_FILE

    lesson = parse(EXAMPLE_FILE, "example.toml")
    assert lesson.kind == "lesson" and len(lesson.steps) == 2
    app = open_page(PAGE)
    assert EXAMPLE_FILE.strip() in [code.value.strip() for code in app.code if code.language == "toml"]


# --- text is text: a link's title and a file's texts never become links, images or HTML ----------------

PHISHING = "Log in [here](https://evil.example/login) ![t](https://evil.example/pixel.png) <b>x</b>"
LIVE_MARKDOWN = re.compile(r"(?<!\\)\[[^\]]*(?<!\\)\]\(|(?<!\\)<[a-z]|(?<!\\)\[[^\]]*(?<!\\)\]:")


def assert_inert(markdown: str, literal: str) -> None:
    """No live link, image, reference definition or tag in the Markdown source, and the text reads literally."""
    assert not LIVE_MARKDOWN.search(markdown), markdown
    assert literal in visible(markdown)


def test_a_link_title_is_shown_as_text_in_the_sidebar_and_the_header():
    scenario = load_gallery("why-normalize").step(1).scenario
    app = open_page(PAGE, {**as_lists(scenario_to_params(scenario)), "title": [PHISHING]})
    assert not app.exception
    assert app.radio[0].value == LINKED
    (option,) = [option for option in app.radio[0].options if "From a link" in option]
    assert_inert(option, f"From a link: {PHISHING}")  # radio options render Markdown
    assert_inert(app.header[0].value, PHISHING)


CRAFTED_LESSON = b"""\
title = "Course [x](https://evil.example)"
description = "Welcome.\\n\\n> [k]: javascript:alert(1)\\n\\n- [m]: https://evil.example/pixel.png\\n\\n![logo][m] [click][k] <img src=x>"
[[steps]]
title = "Step [y](https://evil.example)"
narrative = "**Read** [this](https://evil.example/phish) then ![p](https://evil.example/p.png) www.evil.example"
[steps.scenario]
features = [{ name = "age", low = 0, high = 100 }, { name = "income", low = 0, high = 100000 }]
"""


def test_an_uploaded_lessons_description_and_narrative_show_no_links_images_or_html():
    app = open_page(PAGE)
    app.file_uploader[0].set_value(("crafted.toml", CRAFTED_LESSON, "application/toml")).run()
    assert not app.exception
    assert app.radio[0].value == "upload"
    option = next(option for option in app.radio[0].options if option.startswith("Your file"))
    assert_inert(option, "Your file: Course [x](https://evil.example)")
    blocks = [block.value for block in app.markdown]
    description = next(block for block in blocks if "Welcome" in block)
    assert_inert(description, "> [k]: javascript:alert(1)")
    assert "![logo][m] [click][k] <img src=x>" in visible(description)
    narrative = next(block for block in blocks if "**Read**" in block)  # the author's formatting stays
    assert_inert(narrative, "[this](https://evil.example/phish) then ![p](https://evil.example/p.png)")
    assert (
        "www" + WORD_JOINER + "\\.evil" in narrative
    )  # no autolink either: a word joiner, as Streamlit links past escapes
    assert_inert(app.subheader[0].value, "Step 1 of 1: Step [y](https://evil.example)")
