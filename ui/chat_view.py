"""Drawing the Ask page's conversation: the learner's words (escaped), the answers, their charts and buttons.

The chat itself (understanding, numbers, answers) lives in `explainer.chat`; this module only
renders an `Answer` and keeps the conversation in `st.session_state`.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st

from explainer.chat import Answer, Conversation, answer
from explainer.chat.measure import explanation_for
from explainer.chat.topics import STARTER_QUESTIONS, TOPIC_GUIDE
from explainer.figures import ravine_figure
from explainer.formatting import escape_markdown, number
from ui.render import render_figure

HISTORY = "ask.history"
CONVERSATION = "ask.conversation"
PENDING = "ask.pending"
ECHO_CHARACTERS = 2000  # a pasted 100 kB message is echoed in part, not in full
EXPLORE = "pages/1_Explore.py"
ROUTES = {
    "classifier": "",
    "follow_up": " · read as a follow-up to your previous question",
    "numbers": " · answered from the numbers in your message",
    "unsure": " · not sure what you meant",
    "off_topic": " · outside what I can answer",
    "empty": "",
}


@dataclass(frozen=True)
class Exchange:
    question: str  # as typed (the echo escapes it)
    answer: Answer


def history() -> list[Exchange]:
    return st.session_state.setdefault(HISTORY, [])


def conversation() -> Conversation:
    return st.session_state.get(CONVERSATION) or Conversation()


def queue(question: str) -> None:
    """Button callback: ask `question` on this run, as if typed."""
    st.session_state[PENDING] = question


def reset() -> None:
    st.session_state[HISTORY] = []
    st.session_state.pop(CONVERSATION, None)
    st.session_state.pop(PENDING, None)


def ask(question: str) -> Exchange:
    with st.spinner("Working it out…"):
        result = answer(question, conversation())
    st.session_state[CONVERSATION] = result.conversation
    exchange = Exchange(question, result)
    history().append(exchange)
    return exchange


def echo(question: str) -> str:
    """The learner's message as inert Markdown text: no HTML, links, emphasis or $…$ maths."""
    shown = question[:ECHO_CHARACTERS]
    text = escape_markdown(shown) if shown.strip() else "*(empty message)*"
    if len(question) > ECHO_CHARACTERS:
        text += f"\n\n*… and {len(question) - ECHO_CHARACTERS:,} more characters*"
    return text


def render_exchange(exchange: Exchange, index: int, latest: bool) -> None:
    with st.chat_message("user"):
        st.markdown(echo(exchange.question))
    with st.chat_message("assistant"):
        render_answer(exchange.answer, index, latest)


def render_answer(result: Answer, index: int, latest: bool) -> None:
    st.markdown(result.markdown)
    if result.scenario is not None and result.figures:
        explanation = explanation_for(result.scenario)
        for figure in result.figures:
            ravine = ravine_figure(explanation.analysis, figure.pair) if figure.pair else None
            render_figure(explanation, figure.key, chart_key=f"ask-{index}-{figure.key}", ravine=ravine)
    guide = TOPIC_GUIDE.get(result.topic)
    label = guide.title if guide else "Outside what I can answer"
    st.caption(f"Topic: {label} · confidence {number(result.confidence * 100, 2)}%{ROUTES.get(result.route, '')}")
    if result.explore_params is not None:
        st.page_link(
            EXPLORE,
            label="Open these numbers in Explore",
            icon=":material/landscape:",
            query_params=result.explore_params,
        )
    if result.follow_ups:
        with st.container(horizontal=True):
            for position, follow_up in enumerate(result.follow_ups):
                st.button(
                    follow_up,
                    key=f"ask-follow-{index}-{position}",
                    on_click=queue,
                    args=(follow_up,),
                    type="primary" if latest else "secondary",
                )


def render_welcome() -> None:
    with st.chat_message("assistant"):
        st.markdown("Some questions to start with:")
        columns = st.columns(2)
        for index, question in enumerate(STARTER_QUESTIONS):
            columns[index % 2].button(
                question, key=f"ask-starter-{index}", on_click=queue, args=(question,), width="stretch"
            )


def render_sidebar() -> None:
    with st.sidebar:
        st.divider()
        scenario = conversation().scenario
        if scenario.data is not None:
            about = f"{scenario.data.samples:,} data points"
        else:
            about = "; ".join(
                f"{escape_markdown(f.name)} {number(f.low)}…{number(f.high)}" for f in scenario.features[:6]
            )
        st.caption(f"**Chat scenario:** {about}")
        st.button("New conversation", on_click=reset, icon=":material/restart_alt:", key="ask-reset")
