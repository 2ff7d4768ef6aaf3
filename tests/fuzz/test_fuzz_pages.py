"""A few fuzzed links opened on the real pages: a page with warnings, never "This app has encountered an error"."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.formats.link import SCENARIO_KEYS
from tests.fuzz.conftest import FUZZ
from tests.fuzz.strategies import number_texts, texts
from tests.support.pages import open_page

PAGES = st.sampled_from(["pages/1_Explore.py", "pages/2_Derivation.py", "pages/3_Scenarios.py"])
links = st.dictionaries(
    st.sampled_from([*SCENARIO_KEYS, "pair", "symbols", "lesson", "step"]), st.one_of(number_texts, texts), max_size=4
)


@settings(FUZZ, max_examples=6)  # each example starts the whole app (about a second)
@given(PAGES, links)
def test_any_link_opens_a_page_without_an_exception(page, params):
    app = open_page(page, params)
    assert not app.exception, [item.value for item in app.exception]
