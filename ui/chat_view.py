"""Drawing the Ask page's conversation: the learner's words (escaped), the answers, their charts and buttons.

The chat itself (understanding, numbers, answers) lives in `explainer.chat`; this module only
renders an `Answer` and keeps the conversation in `st.session_state`. The conversation's scenario
is also kept in the address bar, in the query parameters Explore reads, so a reloaded or
reconnected page carries on with the learner's numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import streamlit as st

from explainer import Scenario, default_scenario, scenario_to_params
from explainer.budget.memory import size_of
from explainer.chat import MAX_TEXT, Answer, Conversation, answer
from explainer.chat.measure import explanation_for
from explainer.chat.topics import STARTER_QUESTIONS, TOPIC_GUIDE, title
from explainer.explanation.figures import ravine_figure
from explainer.explanation.text_alternatives import FigureTable, figure_tables, figure_text
from explainer.text.formatting import escape_markdown, number
from ui import share
from ui.render import draw_specs, figure_specs, prefetch_chart_specs, render_figure
from ui.shell import opened_by_link

HISTORY = "ask.history"
CONVERSATION = "ask.conversation"
PENDING = "ask.pending"
RESTORED = "ask.restored"  # set once per session: the address bar's scenario has been read
PAGE = "ask"  # the key ui.share uses for this page's link state
CHAT_INPUT_KEY = "chat_question"  # a stable key, so scripts and agents can drive the chat box
MAX_QUESTION = MAX_TEXT  # the chat box's max_chars: what the chat reads, and all the history keeps
ECHO_CHARACTERS = 2000  # a pasted 100 kB message is echoed in part, not in full
# What a session keeps to redraw its conversation without recomputing it: the last KEPT_TURNS exchanges,
# and the finished charts of the latest answers within CHART_HISTORY_BYTES (a chart is 10-100 kB).
KEPT_TURNS = 40
CHART_HISTORY_BYTES = 8 * 2**20
DROPPED = "ask.dropped"  # how many of the earliest exchanges were let go
EXPLORE = "pages/1_Explore.py"
ROUTES = {
    "classifier": "",
    "follow_up": " · read as a follow-up to your previous question",
    "numbers": " · answered from the numbers in your message",
    "likeliest": " · my likeliest reading of your question: see Did you mean",
    "unsure": " · not sure what you meant",
    "off_topic": " · outside what I can answer",
    "empty": "",
    "chosen": " · the topic you picked",
    "unsolvable": " · these numbers could not be computed",
}


@dataclass(frozen=True)
class Panel:
    """One figure of an answer as drawn: its key, its finished chart specs and their side labels."""

    key: str
    specs: tuple[dict, ...]
    labels: tuple[str, ...] = ()
    text: str = ""  # the figure in words, with its numbers (explanation.text_alternatives)
    tables: tuple[FigureTable, ...] = ()  # its data, shown under it


@dataclass(frozen=True)
class Exchange:
    question: str  # as typed, up to MAX_QUESTION characters (the echo escapes it)
    answer: Answer
    chosen: str | None = None  # the topic picked with a "Did you mean" button, if this answers one
    # the answer's charts, finished when it was asked, so a rerun redraws them without recomputing;
    # None once let go to keep the session's memory bounded (or when the answer has none)
    panels: tuple[Panel, ...] | None = None
    chart_bytes: int = 0


@dataclass(frozen=True)
class Request:
    """What to ask on this run: a question, and for a "Did you mean" click the topic and the exchange it refines."""

    question: str
    topic: str | None = None
    source: int | None = None


def history() -> list[Exchange]:
    return st.session_state.setdefault(HISTORY, [])


def conversation() -> Conversation:
    return st.session_state.get(CONVERSATION) or Conversation()


def queue(question: str) -> None:
    """Button callback: ask `question` on this run, as if typed."""
    st.session_state[PENDING] = Request(question)


def queue_choice(source: int, topic: str) -> None:
    """ "Did you mean" callback: answer exchange `source`'s message again, as `topic`."""
    st.session_state[PENDING] = Request(history()[source].question, topic, source)


def pending(typed: str | None) -> Request | None:
    """This run's request: what was typed, else what a button queued."""
    queued = st.session_state.pop(PENDING, None)
    return Request(typed) if typed is not None else queued


def reset() -> None:
    st.session_state[HISTORY] = []
    st.session_state.pop(DROPPED, None)
    st.session_state.pop(CONVERSATION, None)
    st.session_state.pop(PENDING, None)


def ask(request: Request | str) -> Exchange:
    if isinstance(request, str):
        request = Request(request)
    before = conversation()
    if request.source is not None and request.source < len(history()):
        before = history()[request.source].answer.asked_in or before
    with st.spinner("Working it out…"):
        result = answer(request.question, before, request.topic)
    st.session_state[CONVERSATION] = result.conversation
    panels = answer_panels(result)
    kept = request.question[:MAX_QUESTION]  # only what was read is kept
    exchange = Exchange(kept, result, request.topic, panels, size_of(panels) if panels else 0)
    history().append(exchange)
    keep_bounded(history())
    return exchange


def answer_panels(result: Answer) -> tuple[Panel, ...] | None:
    """The answer's figures as finished chart specs, computed once, when it is asked."""
    if result.scenario is None or not result.figures:
        return None
    try:
        explanation = explanation_for(result.scenario)
        shown = tuple(dict.fromkeys(figure.key for figure in result.figures if not figure.pair))
        prefetch_chart_specs(explanation, kinds=shown)  # by an idle worker while other sessions are served
        panels = []
        for figure in result.figures:
            ravine = ravine_figure(explanation.analysis, figure.pair) if figure.pair else None
            labels = tuple(side.label for side in (ravine or explanation.figures.ravine).sides)
            specs = figure_specs(explanation, figure.key, ravine)
            text = figure_text(explanation.figures, figure.key, ravine)
            tables = figure_tables(explanation.figures, figure.key, ravine)
            panels.append(Panel(figure.key, specs, labels, text, tables))
        return tuple(panels)
    except Exception:  # the spec path leans on Streamlit internals: without it, charts are drawn the public way
        return None


def keep_bounded(exchanges: list[Exchange]) -> None:
    """At most KEPT_TURNS exchanges, and charts only for the latest within CHART_HISTORY_BYTES."""
    if len(exchanges) > KEPT_TURNS:
        dropped = len(exchanges) - KEPT_TURNS
        del exchanges[:dropped]
        st.session_state[DROPPED] = st.session_state.get(DROPPED, 0) + dropped
    kept = 0
    for position in range(len(exchanges) - 1, -1, -1):
        exchange = exchanges[position]
        if exchange.panels is None:
            continue
        kept += exchange.chart_bytes
        if kept > CHART_HISTORY_BYTES and position < len(exchanges) - 1:
            exchanges[position] = replace(exchange, panels=None, chart_bytes=-1)  # -1: its charts were let go


def restore_from_address() -> str | None:
    """Once per session: continue with the scenario in the address bar (a reload, a reconnect, a shared link).

    Returns the one-line note to show when that scenario is not the default, else None.
    """
    if st.session_state.get(RESTORED):
        return None
    st.session_state[RESTORED] = True
    if history() or not share.current_params():
        return None
    state = share.load(PAGE)
    if state.scenario == default_scenario():
        return None
    st.session_state[CONVERSATION] = Conversation(scenario=state.scenario, own_numbers=True)
    if opened_by_link():  # back from the page a share link opened: nothing was lost
        note = f"I carry on with the numbers of the link you opened: {scenario_text(state.scenario)}."
    else:
        note = (
            "Earlier messages are not kept when the page reloads or reconnects, but your numbers are: I carry on with"
            f" {scenario_text(state.scenario)}."
        )
    if state.warnings:
        note += " Parts of the address could not be used and were ignored."
    return note


def keep_in_address() -> dict[str, str | list[str]]:
    """Write the conversation's scenario to the address bar (Explore's parameters); returns them.

    Only once the learner has given numbers: until then the address is left as it came (a link to
    another page's parameters is not overwritten with the default example).
    """
    params = scenario_to_params(conversation().scenario)
    if conversation().own_numbers:
        share.write(PAGE, params)
    return params


def scenario_text(scenario: Scenario) -> str:
    if scenario.data is not None:
        return f"{scenario.data.samples:,} data points"
    return "; ".join(f"{escape_markdown(f.name)} {number(f.low)}…{number(f.high)}" for f in scenario.features[:6])


def echo(question: str) -> str:
    """The learner's message as inert Markdown text: no HTML, links, emphasis or $…$ maths."""
    shown = question[:ECHO_CHARACTERS]
    text = escape_markdown(shown) if shown.strip() else "*(empty message)*"
    if len(question) > ECHO_CHARACTERS:
        text += f"\n\n*… and {len(question) - ECHO_CHARACTERS:,} more characters*"
    return text


def render_dropped() -> None:
    """Says that the earliest exchanges were let go, when they were."""
    dropped = st.session_state.get(DROPPED, 0)
    if dropped:
        st.caption(
            f"The first {dropped:,} exchange{'s' if dropped != 1 else ''} of this conversation"
            f" {'were' if dropped != 1 else 'was'} let go: a conversation keeps its last {KEPT_TURNS} answers."
        )


def render_exchange(exchange: Exchange, index: int, latest: bool) -> None:
    with st.chat_message("user"):
        st.markdown(echo(exchange.question))
        if exchange.chosen:
            st.caption(f"Answer as: {title(exchange.chosen)}")
    with st.chat_message("assistant"):
        render_answer(exchange.answer, index, latest, exchange)


def render_answer(result: Answer, index: int, latest: bool, exchange: Exchange | None = None) -> None:
    st.markdown(result.markdown)
    if exchange is not None and exchange.panels is not None:
        for panel in exchange.panels:
            draw_specs(panel.specs, f"ask-{index}-{panel.key}", panel.labels, panel.text, panel.tables)
    elif exchange is not None and exchange.chart_bytes < 0:
        st.caption(
            "The charts of this earlier answer were let go to keep this conversation's memory bounded;"
            " ask again to see them."
        )
    elif result.scenario is not None and result.figures:
        explanation = explanation_for(result.scenario)
        for figure in result.figures:
            ravine = ravine_figure(explanation.analysis, figure.pair) if figure.pair else None
            render_figure(explanation, figure.key, chart_key=f"ask-{index}-{figure.key}", ravine=ravine)
    guide = TOPIC_GUIDE.get(result.topic)
    label = guide.title if guide else "Outside what I can answer"
    # a picked topic is the learner's choice, and an answer from the numbers alone is not the classifier's reading:
    # its probability for that topic (often a few percent) would only confuse
    shown = result.route not in ("chosen", "numbers")
    sureness = f" · confidence {number(result.confidence * 100, 2)}%" if shown else ""
    st.caption(f"Topic: {label}{sureness}{ROUTES.get(result.route, '')}")
    for measured in result.measured_live:
        st.caption(f"Measured live on this server (varies from run to run): {measured}")
    if result.did_you_mean:
        with st.container(horizontal=True):
            for position, (topic, _) in enumerate(result.did_you_mean):
                st.button(
                    f"Did you mean: {title(topic)}?",
                    key=f"ask-did-you-mean-{index}-{position}",
                    on_click=queue_choice,
                    args=(index, topic),
                    icon=":material/alt_route:",
                )
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
        st.caption(f"**Chat scenario:** {scenario_text(conversation().scenario)}")
        st.button("New conversation", on_click=reset, icon=":material/restart_alt:", key="ask-reset")
