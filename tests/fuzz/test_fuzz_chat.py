"""Fuzzing the chat: any message gets an answer (a plain sentence when it cannot help), never an exception."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from explainer.chat import answer
from tests.fuzz.conftest import FUZZ
from tests.fuzz.strategies import EDGE_NUMBER_TEXTS, names

CHAT = settings(FUZZ, max_examples=12)  # each answer computes an explanation: fewer examples

templates = st.sampled_from(
    [
        "my features go from {a} to {b} and {c} to {d}, why normalize?",
        "features from {a} to {b}",
        "lr {a}",
        "what about adam with lr {a}?",
        "{n} features on {a} to {b} with {c} samples",
        "features from {a} to {b} and {c} to {d}",
        "between {a} and {b}, correlation {c}",
        "{a}",
    ]
)
words = st.one_of(st.sampled_from(EDGE_NUMBER_TEXTS[:30]), names, st.integers(-(10**6), 10**6).map(str))


@CHAT
@given(templates, st.fixed_dictionaries({key: words for key in "abcdn"}), st.booleans())
def test_any_message_gets_an_answer(template, values, follow_up):
    message = template.format(**values)
    first = answer(message)
    assert first.markdown.strip()
    if follow_up:
        assert answer("and with lr " + values["a"], first.conversation).markdown.strip()


@CHAT
@given(st.text(max_size=300))
def test_any_text_gets_an_answer(message):
    assert answer(message).markdown.strip()
