"""Hostile links: the most expensive model fits a share link can ask for, and a title crafted to plant links.

The costly links are opened by one visitor while another reruns and health is polled. The crafted title
is opened in a real browser, which is the only judge of what Markdown became a link or an image.
"""

from __future__ import annotations

from urllib.parse import urlencode

import pytest

from deploy.hostile import LINK_REQUESTS, measure, run_apart
from explainer.text.formatting import WORD_JOINER
from tests.hostile.budget import HOSTILE_WAIT, assert_within_budget

CRAFTED_TITLE = "[click](https://evil.example) ![x](https://evil.example/t.png)"


@pytest.mark.parametrize("hostile", LINK_REQUESTS, ids=[hostile.name for hostile in LINK_REQUESTS])
def test_costly_link_leaves_the_neighbours_alone(server, hostile):
    measured = run_apart(measure(server.url, hostile, wait=HOSTILE_WAIT))
    assert_within_budget(measured)
    shown = measured.hostile_run.elements
    assert any(kind in ("metric", "warning", "error", "info") for kind, _ in shown), shown[:20]


@pytest.mark.browser
def test_crafted_title_stays_text(server, browser):
    """A link's title is shown as typed: no link and no image to evil.example anywhere on the page."""
    query = urlencode({"title": CRAFTED_TITLE, "f": ["a,0,1", "b,1,1000"]}, doseq=True)
    context = browser.new_context(viewport={"width": 1400, "height": 1600})
    context.set_default_timeout(30_000)
    try:
        page = context.new_page()
        page.goto(f"{server.url}/Scenarios?{query}")
        page.get_by_text("Scenarios and lessons").first.wait_for()
        page.locator("[data-testid='stSidebar']").get_by_text("click", exact=False).first.wait_for()
        planted_links = page.locator("a[href*='//evil.example']").evaluate_all("links => links.map(a => a.href)")
        planted_links = [href for href in planted_links if href.split("?")[0].startswith("https://evil.example")]
        assert planted_links == [], "the title became a link"
        assert page.locator("img[src*='evil.example']").count() == 0, "the title became an image"
        shown = page.locator("[data-testid='stSidebar']").inner_text().replace(WORD_JOINER, "")
        assert CRAFTED_TITLE in shown, "the title is not shown as typed"  # word joiners aside, which stop linking
    finally:
        context.close()
