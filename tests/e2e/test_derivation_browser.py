"""Derivation in a real browser: reached from Explore with the same scenario, formulas typeset, the toggle in the URL."""

from __future__ import annotations

import re
from urllib.parse import parse_qs, urlsplit

import pytest
from playwright.sync_api import expect
from streamlit.proto.BackMsg_pb2 import BackMsg

from explainer import Scenario, explain
from explainer.text.formatting import number
from tests.support.browser import FIRST_PAINT_SECONDS, metric, open_explore

pytestmark = pytest.mark.browser


def test_derivation_opens_from_explore_with_the_same_scenario_and_toggles_symbols(app_server, page, output_dir):
    open_explore(page, f"{app_server}/Explore?f=size,0,2000&f=rooms,1,5")
    page.get_by_role("link", name="The derivation, with these numbers").click()
    expect(page.get_by_role("heading", name="1. The loss")).to_be_visible(timeout=FIRST_PAINT_SECONDS * 1000)
    assert urlsplit(page.url).path.endswith("/Derivation")
    assert parse_qs(urlsplit(page.url).query)["f"] == ["size,0,2000,uniform", "rooms,1,5,uniform"]

    expected = explain(Scenario.from_ranges({"size": (0, 2000), "rooms": (1, 5)}))
    formulas = page.locator(".katex-display")
    # the formulas are typeset as their runs arrive: on a busy machine the last ones come after the heading
    expect(formulas).to_have_count(len(expected.derivation), timeout=FIRST_PAINT_SECONDS * 1000)
    with_numbers = formulas.first.inner_text()
    assert "size" in with_numbers and "1000" in with_numbers.replace(",", "")  # m = 1,000 samples substituted

    page.get_by_test_id("stButtonGroup").get_by_text("In general symbols").click()
    expect(page).to_have_url(re.compile(r"[?&]symbols=general"))
    expect(formulas.first).not_to_have_text(with_numbers)
    expect(formulas).to_have_count(len(expected.derivation))
    page.screenshot(path=output_dir / "derivation-general.png", full_page=True)

    page.get_by_test_id("stSidebar").get_by_role("link", name="Explore").click()
    expect(metric(page, "Condition number κ (raw)")).to_have_text(
        number(expected.raw.condition_number), timeout=FIRST_PAINT_SECONDS * 1000
    )
    assert parse_qs(urlsplit(page.url).query)["f"] == ["size,0,2000,uniform", "rooms,1,5,uniform"]


# Clicks the derivation link the moment Explore's inputs run puts it in the page, while the paint reporters
# mounted in that same run have yet to report: a page left mid-paint.
_CLICK_ON_ARRIVAL = """
new MutationObserver((changes, observer) => {
  const link = [...document.querySelectorAll("a[href]")].find((a) => a.innerText.includes("The derivation, with"));
  if (link) {
    observer.disconnect();
    link.click();
  }
}).observe(document, {childList: true, subtree: true});
"""
HOLD_SECONDS = 2.0


def test_leaving_explore_while_it_paints_opens_the_derivation_not_explore_again(app_server, page):
    """The server's answer to the click is held back for 2 s, as a busy server's is: a reporter that spoke in the
    meantime asked for a rerun of Explore after the request for the Derivation, and the learner was sent back."""
    held: list = []
    holding = {"on": False, "page": None}

    def route(socket) -> None:
        server = socket.connect_to_server()

        def to_server(message) -> None:
            if isinstance(message, bytes):
                request = BackMsg()
                request.ParseFromString(message)
                if request.WhichOneof("type") == "rerun_script" and request.rerun_script.page_script_hash:
                    asked = request.rerun_script.page_script_hash
                    holding["on"] |= holding["page"] is not None and asked != holding["page"]
                    holding["page"] = holding["page"] or asked
            server.send(message)

        def to_browser(message) -> None:
            if holding["on"]:
                held.append(message)
            else:
                socket.send(message)

        socket.on_message(to_server)
        server.on_message(to_browser)
        holding["socket"] = socket

    page.route_web_socket(re.compile(r"/_stcore/stream"), route)
    page.add_init_script(_CLICK_ON_ARRIVAL)
    page.goto(f"{app_server}/Explore?f=size,0,2000&f=rooms,1,5&steps=500")
    deadline = FIRST_PAINT_SECONDS * 1000
    while not holding["on"] and deadline > 0:
        page.wait_for_timeout(50)
        deadline -= 50
    assert holding["on"], "the browser never asked for the Derivation page"
    page.wait_for_timeout(HOLD_SECONDS * 1000)
    holding["on"] = False
    for message in held:
        holding["socket"].send(message)

    expected = explain(Scenario.from_ranges({"size": (0, 2000), "rooms": (1, 5)}))
    expect(page.get_by_role("heading", name="1. The loss")).to_be_visible(timeout=FIRST_PAINT_SECONDS * 1000)
    expect(page.locator(".katex-display")).to_have_count(len(expected.derivation), timeout=FIRST_PAINT_SECONDS * 1000)
    page.wait_for_timeout(3000)  # a rerun of Explore asked for in the meantime would have drawn it by now
    assert urlsplit(page.url).path.endswith("/Derivation")
    assert parse_qs(urlsplit(page.url).query)["steps"] == ["500"]
    expect(page.get_by_role("heading", name="1. The loss")).to_be_visible()
