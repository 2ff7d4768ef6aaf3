"""Ask in a real headless Chromium against a real `streamlit run` server: type, press Enter, read, click.

Expected numbers come from the engine, formatted as the app formats them.
"""

from __future__ import annotations

import re
import time

import pytest
from playwright.sync_api import Page, expect

from explainer import OptimizerSettings, Scenario, explain
from explainer.text.formatting import number

pytestmark = pytest.mark.browser

FIRST_ANSWER_SECONDS = 30  # a cold server fits the classifier and derives the theory once; the time is printed
QUESTION = "My features go from 0 to 1 and from 1 to 1000. Why does normalizing speed up learning?"


def ask(page: Page, text: str) -> None:
    box = page.get_by_test_id("stChatInputTextArea")
    expect(box).to_be_visible(timeout=FIRST_ANSWER_SECONDS * 1000)
    box.fill(text)
    box.press("Enter")


def test_a_question_gets_its_numbers_and_the_ravine_chart(app_server, page, output_dir):
    expected = explain(Scenario.from_ranges({"x1": (0, 1), "x2": (1, 1000)}))
    page.goto(app_server)
    ask(page, QUESTION)
    started = time.perf_counter()
    answer = page.get_by_test_id("stChatMessage").nth(1)
    expect(answer).to_contain_text(
        f"κ = λmax/λmin = {number(expected.raw.condition_number)}", timeout=FIRST_ANSWER_SECONDS * 1000
    )
    charts = answer.get_by_test_id("stVegaLiteChart")
    expect(charts).to_have_count(2)
    expect(charts.first.locator("svg").first).to_be_visible()
    expect(answer.get_by_text("Raw features: the descent path", exact=True).first).to_be_visible()
    print(f"answer and chart visible {time.perf_counter() - started:.2f} s after Enter")
    expect(answer).to_contain_text("Topic: Why normalizing speeds up learning · confidence")
    expect(page.get_by_test_id("stChatMessageContent").first).to_have_text(QUESTION)
    page.screenshot(path=str(output_dir / "answer.png"), full_page=True)


def test_clicking_a_follow_up_asks_it_and_the_explore_link_carries_the_scenario(app_server, page, output_dir):
    page.goto(app_server)
    ask(page, QUESTION)
    messages = page.get_by_test_id("stChatMessage")
    expect(messages).to_have_count(2, timeout=FIRST_ANSWER_SECONDS * 1000)
    page.get_by_role("button", name="What about Adam?").click()
    expect(messages).to_have_count(4, timeout=FIRST_ANSWER_SECONDS * 1000)
    expect(messages.nth(3)).to_contain_text("Topic: Adam, momentum and scaling", timeout=FIRST_ANSWER_SECONDS * 1000)
    page.screenshot(path=str(output_dir / "follow-up.png"), full_page=True)
    messages.nth(3).get_by_role("link", name="Open these numbers in Explore").click()
    expect(page).to_have_url(re.compile(r"/Explore\?f=x1%2C0%2C1%2Cuniform&f=x2%2C1%2C1000%2Cuniform&opt=adam$"))
    expected = explain(Scenario.from_ranges({"x1": (0, 1), "x2": (1, 1000)}, optimizer=OptimizerSettings("adam")))
    raw_kappa = page.get_by_test_id("stMetric").filter(has_text="Condition number κ (raw)")
    expect(raw_kappa.get_by_test_id("stMetricValue")).to_have_text(
        number(expected.raw.condition_number), timeout=FIRST_ANSWER_SECONDS * 1000
    )
    iterations = page.get_by_test_id("stMetric").filter(has_text="Iterations (raw)")
    expect(iterations.get_by_test_id("stMetricValue")).to_have_text(f"{expected.raw.simulated_iterations:,}")


def test_user_markup_is_shown_as_text_not_run(app_server, page):
    page.goto(app_server)
    text = "<img src=x onerror=alert(1)> **bold** why normalize?"
    ask(page, text)
    question = page.get_by_test_id("stChatMessageContent").first
    expect(question).to_have_text(text, timeout=FIRST_ANSWER_SECONDS * 1000)
    expect(question.locator("img, strong")).to_have_count(0)


AMBIGUOUS_CANDIDATES = (  # the first one the classifier reads with close runners-up is used
    "what does scaling do to the learning rate and the condition number",
    "my gradient descent is slow",
    "normalize?",
    "is scaling about the gradients or the learning rate?",
)


def test_a_tutor_declines_off_topic_offers_did_you_mean_and_reads_a_numpy_snippet(app_server, page, output_dir):
    from explainer.chat import TOPIC_GUIDE, understand

    ambiguous = next(
        (
            text
            for text in AMBIGUOUS_CANDIDATES
            if understand(text).did_you_mean and understand(text).topic != "off_topic"
        ),
        None,
    )
    assert ambiguous is not None, "none of the candidate questions reads as ambiguous any more: pick another"
    other = next(key for key in understand(ambiguous).did_you_mean if key in TOPIC_GUIDE)
    page.goto(app_server)
    messages = page.get_by_test_id("stChatMessage")

    ask(page, "How do I put my database tables into third normal form?")
    expect(messages.nth(1)).to_contain_text("That is outside what I answer", timeout=FIRST_ANSWER_SECONDS * 1000)
    expect(messages.nth(1).get_by_role("button")).to_have_count(3)

    ask(page, "X1 = np.random.randint(5, 500, 2000)\nX2 = np.random.uniform(0, 1, 2000)\nwhy is gradient descent slow?")
    expect(messages).to_have_count(4, timeout=FIRST_ANSWER_SECONDS * 1000)
    expect(messages.nth(3)).to_contain_text("5 to 500", timeout=FIRST_ANSWER_SECONDS * 1000)

    ask(page, ambiguous)
    choice = page.get_by_role("button", name=f"Did you mean: {TOPIC_GUIDE[other].title}?")
    expect(choice).to_be_visible(timeout=FIRST_ANSWER_SECONDS * 1000)
    choice.click()
    expect(messages).to_have_count(8, timeout=FIRST_ANSWER_SECONDS * 1000)
    expect(messages.nth(7)).to_contain_text(f"Topic: {TOPIC_GUIDE[other].title} · the topic you picked")
    page.screenshot(path=str(output_dir / "tutor.png"), full_page=True)

    messages.nth(3).get_by_role("link", name="Open these numbers in Explore").click()
    expect(page).to_have_url(re.compile(r"/Explore\?f=X1%2C5%2C500%2Cuniform&f=X2%2C0%2C1%2Cuniform&n=2000$"))
    expected = explain(Scenario.from_ranges({"X1": (5, 500), "X2": (0, 1)}, samples=2000))
    raw_kappa = page.get_by_test_id("stMetric").filter(has_text="Condition number κ (raw)")
    expect(raw_kappa.get_by_test_id("stMetricValue")).to_have_text(
        number(expected.raw.condition_number), timeout=FIRST_ANSWER_SECONDS * 1000
    )


def test_a_reloaded_page_carries_on_with_the_conversations_numbers(app_server, page):
    expected = explain(Scenario.from_ranges({"x1": (0, 1), "x2": (1, 1_000_000)}))
    page.goto(app_server)
    ask(page, "My features go from 0 to 1 and from 1 to 1,000,000. Why does normalizing help?")
    expect(page).to_have_url(re.compile(r"\?f=x1%2C0%2C1%2Cuniform&f=x2%2C1%2C1000000%2Cuniform$"), timeout=30_000)
    page.reload()
    expect(page.get_by_text("Earlier messages are not kept when the page reloads or reconnects")).to_be_visible()
    ask(page, "why does normalizing help?")
    answer = page.get_by_test_id("stChatMessage").nth(1)
    expect(answer).to_contain_text(
        f"κ = λmax/λmin = {number(expected.raw.condition_number)}", timeout=FIRST_ANSWER_SECONDS * 1000
    )
