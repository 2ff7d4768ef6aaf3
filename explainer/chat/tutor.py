"""How the chat behaves with one message: route it, answer it, or say plainly why not.

- A confident reading is answered; a follow-up ("what about Adam?") leans on the conversation.
- Off topic (a database's normal forms, audio loudness, small talk): a short, friendly decline and
  three questions it can answer, never an ML answer.
- Not clearly one topic: the first is answered and the runners-up offered as "Did you mean …?".
- Two asks in one message: the main reply, then a shorter section for the second.
- Numbers the engine cannot solve (1e-300 to 1e-299): a plain sentence naming the problem and
  what would work; the conversation keeps its previous scenario.
"""

from __future__ import annotations

import contextlib
import math
from dataclasses import replace

from explainer.chat import (
    beyond_training_range,
    model_runs,
    new_values,
    normality,
    normalize_argument,
    sayback,
    target_intervals,
    unit_range,
    whole_array_statistics,
)
from explainer.chat.answers import Answer
from explainer.chat.conversation import Conversation, UnsolvableNumbersError, apply_message
from explainer.chat.measure import explanation_for
from explainer.chat.reading.entities import recognise
from explainer.chat.reading.numbers import MAX_TEXT, Quantities, clean_text, parse_quantities
from explainer.chat.reading.senses import machine_learning_evidence
from explainer.chat.replies import REPLIES
from explainer.chat.topics import STARTER_QUESTIONS, TOPIC_GUIDE, title
from explainer.chat.understand import Understanding, prepare, understand
from explainer.chat.wording import Context, Reply, follow_ups, name
from explainer.scenario.spec import Feature, Scenario, ScenarioError
from explainer.text import patterns
from explainer.text.formatting import escape_markdown, number

SURE = 0.7  # a follow-up that changes the scenario keeps its own topic only when the reading is this sure
SOLVABLE_CONDITION = 1e15  # past about 10¹⁶ double precision cannot tell the raw problem from a singular one
SECOND_SECTION_CHARACTERS = 900
LIKELIEST_WORDS = 12  # an unclear message this long is a real question: answered at its likeliest topic
# … and the classifier not this sure it is off topic: bare ranges read at 0.43-0.69, "my kids are 3-5 and 7-9" at 0.82
RANGES_OFF_TOPIC = 0.8
RANGE_WORDS = 4  # "height in cm (150-200) and weight in kg (40-120)": 3.5 words per range, names and units

_FOLLOW_UP_START = patterns.compile(
    r"^\s*(?:and|but|so|ok|okay|now|then|also|what\s+about|how\s+about|what\s+if|and\s+if|with|using|try|same"
    r"|instead|if)\b",
    patterns.IGNORECASE,
)
_GREETING = patterns.compile(
    r"^\s*(?:hi|hello|hey|hiya|howdy|yo|good\s+(?:morning|afternoon|evening|day)|greetings)\b", patterns.IGNORECASE
)
_THANKS = patterns.compile(r"\b(?:thanks|thank\s+you|thx|ty|cheers|much\s+appreciated)\b", patterns.IGNORECASE)
_ACKNOWLEDGED = patterns.compile(
    r"^\s*(?:(?:ok|okay|cool|great|nice|got\s+it|i\s+see|makes\s+sense|awesome|perfect|understood)\b[\s,.!]*)+$",
    patterns.IGNORECASE,
)
# topics about fitting and applying a scaler, where "would the test values come out above 1?" is the question asked
_SCALER_TOPICS = frozenset({"data_leakage", "method_choice", "mean_std", "not_needed", "why_normalize"})
SMALL_TALK_WORDS = 6  # "hi!", "thanks a lot": short messages that are only a greeting or thanks
THANKS_WORDS = 20  # "thanks, that makes sense now, the zig-zag was the part I was missing": still only thanks


def reply(conversation: Conversation, message: str, topic: str | None = None) -> Answer:
    """Answer one message and return the Answer, which carries the updated conversation.

    `topic` answers the message as that topic (a "Did you mean …?" button), skipping the routing.
    """
    message = "" if message is None else str(message)
    text = clean_text(message, MAX_TEXT).strip()  # reads at most 2 × MAX_TEXT characters, whatever was sent
    notes: list[str] = [cut_note(len(message))] if len(message) >= MAX_TEXT else []
    quantities = parse_quantities(text) if text else Quantities()
    wordless = not patterns.search(r"[^\W\d_]", prepare(text))  # "0-1, 1e3-1e6": numbers only, nothing to classify
    if wordless and not quantities.ranges:
        return _empty(conversation, text, notes)
    notes.extend(quantities.problems)
    entities = recognise(text) if not wordless else None
    try:
        scenario, own_numbers, changed, problems = apply_message(conversation, quantities, text)
    except UnsolvableNumbersError as refused:  # the core's bounds refuse these ranges before any computing
        reading = understand(text)
        return _unsolvable(conversation, text, refused.features, refused.error, reading, quantities, entities, notes)
    notes.extend(problems)
    reading = understand(text)
    ranking = reading.ranking
    if scenario != conversation.scenario:
        try:
            explanation_for(scenario)  # cached: the reply below reuses it
        except ScenarioError as error:
            features = scenario.features if scenario.data is None else ()
            return _unsolvable(conversation, text, features, error, reading, quantities, entities, notes)
    if topic in REPLIES:
        confidence, route = reading.probability(topic), "chosen"
    elif _small_talk(text, quantities):
        topic, confidence, route = "off_topic", reading.probability("off_topic"), "off_topic"
    else:
        if wordless:
            reading = Understanding(reading.topic, 0.0, reading.ranking)
        topic, confidence, route, ranking = _route(conversation, text, reading, quantities, changed, wordless)
    if route in ("unsure", "off_topic"):
        return _decline(
            conversation, text, topic, confidence, route, ranking, quantities, entities, notes, reading.other_sense
        )
    context = Context(scenario, quantities, own_numbers, changed if conversation.last_topic else "", entities)
    try:
        composed = REPLIES[topic](context)
    except ScenarioError as error:
        return _unsolvable(conversation, text, scenario, error, reading, quantities, entities, notes)
    asked = (*conversation.asked, topic)
    run = model_runs.model_run(context, topic)
    cited = run.cites if run is not None else frozenset()
    markdown, extra = sayback.personalize(composed.markdown, topic, context, composed.scenario or scenario, cited)
    if run is not None:
        markdown = model_runs.placed(markdown, run.markdown, topic, _lead_paragraphs(markdown, composed.markdown))
    markdown = sayback.with_linear_figures_note(markdown, composed.markdown, entities)
    penalty = quantities.penalty if quantities.penalty_kind in ("ridge", "lasso") else None
    # the direct answer to what the code in the message did, first: "Ridge(normalize=True) differs from a
    # pipeline", "`X.mean()` with no axis: shouldn't it be axis=0?", computed on the scenario
    with contextlib.suppress(ScenarioError):
        direct = [
            normalize_argument.section(text, scenario, penalty),
            whole_array_statistics.section(text, scenario),
            beyond_training_range.section(text, scenario) if topic in _SCALER_TOPICS else None,
            normality.section(text),  # "z-scoring assumes normally distributed data?": no, shown
            new_values.section(text),  # "do I compute (3 − 2)/10 for the new data?": yes, computed
            target_intervals.section(text, scenario),  # "[−0.5, 0.5] and not [0, 1]?": κ for each
            unit_range.section(text, scenario, own_numbers),  # "already in [0, 1]: still normalize?": mostly no
        ]
        markdown = "\n\n".join([*(part for part in direct if part), markdown])
    second = getattr(reading, "second_ask", None) if route != "chosen" else None
    second = second if second in REPLIES and second != topic else None
    if second is not None:
        section = _second_section(second, context)
        if section:
            markdown += "\n\n" + section
            extra = (TOPIC_GUIDE[second].question, *extra)
        else:
            second = None
    if notes:
        markdown = "\n\n".join(f"*{escape_markdown(note)}*" for note in notes) + "\n\n" + markdown
    offered = () if route == "chosen" else _did_you_mean(reading, topic, second, every=route == "likeliest")
    return Answer(
        question=text,
        topic=topic,
        confidence=confidence,
        markdown=markdown,
        figures=composed.figures,
        scenario=composed.scenario,
        follow_ups=follow_ups(topic, (*asked, *(t for t, _ in offered)), (*extra, *composed.follow_ups)),
        quantities=quantities,
        route=route,
        alternatives=tuple(ranking),
        notes=tuple(notes),
        did_you_mean=offered,
        second_ask=second,
        entities=entities,
        measured_live=composed.measured_live,
        model_run=run,
        conversation=Conversation(scenario, own_numbers, topic, text, asked, confidence),
        asked_in=conversation,
    )


def cut_note(length: int) -> str:
    """What the learner is told when a message reached the cap: the chat box stops at MAX_TEXT characters,
    so a message of exactly that length was most likely cut there."""
    told = f" of your {length:,}" if length > MAX_TEXT else ""
    return (
        f"Only the first {MAX_TEXT:,}{told} characters were read (the chat box holds {MAX_TEXT:,}). Ask one"
        " question at a time for the best answer."
    )


def _lead_paragraphs(markdown: str, composed: str) -> int:
    """How many paragraphs the say-back and steering put before the topic's own prose (0 if none)."""
    first, _, rest = composed.partition("\n\n")
    body = rest if sayback.is_lead(first) and rest else composed
    return markdown.count("\n\n") - body.count("\n\n") if markdown.endswith(body) else 0


# --- routing ---------------------------------------------------------------------------------------


def _route(
    conversation: Conversation,
    text: str,
    reading: Understanding,
    quantities: Quantities,
    changed: str,
    wordless: bool,
) -> tuple[str, float, str, tuple[tuple[str, float], ...]]:
    """(topic, confidence, route, ranking): trust a confident reading; else lean on context or numbers."""
    follow_up = bool(conversation.last_topic) and (bool(changed) or bool(_FOLLOW_UP_START.match(text)))
    if follow_up and wordless and conversation.last_topic:  # bare numbers: the same question, new numbers
        return conversation.last_topic, conversation.last_confidence, "follow_up", reading.ranking
    # A follow-up that changes the numbers ("and if the first one went from 0 to 50?") is never off topic.
    changes_numbers = follow_up and bool(changed)
    reads_as_follow_up = changes_numbers and bool(_FOLLOW_UP_START.match(text))
    unsure_of_change = changes_numbers and reading.confidence < SURE
    if (
        reading.topic == "off_topic"
        and reading.other_sense is None
        and reading.confidence < RANGES_OFF_TOPIC
        and _only_feature_ranges(text, quantities)
    ):
        # "age 18-90, income 20000-250000": a learner's feature ranges with a few names and no other field
        # named are the numbers this chat exists for, not a question about something else
        if changes_numbers and conversation.last_topic:
            return conversation.last_topic, reading.probability(conversation.last_topic), "follow_up", reading.ranking
        return "why_normalize", reading.probability("why_normalize"), "numbers", reading.ranking
    if reading.confident and not (unsure_of_change or (reads_as_follow_up and reading.topic == "off_topic")):
        route = "off_topic" if reading.topic == "off_topic" else "classifier"
        return reading.topic, reading.confidence, route, reading.ranking
    if follow_up:
        in_context = understand(f"{conversation.last_question} {text}")
        if in_context.confident and in_context.topic != "off_topic":
            return in_context.topic, in_context.confidence, "follow_up", in_context.ranking
        if changed:
            topic = conversation.last_topic
            return topic, in_context.probability(topic), "follow_up", in_context.ranking
    if reading.topic in REPLIES and _did_you_mean(reading, reading.topic, None):
        # not clearly ahead, but the classifier names close runners-up: answer the first, offer the others
        return reading.topic, reading.confidence, "classifier", reading.ranking
    if _states_features(quantities):
        return "why_normalize", reading.probability("why_normalize"), "numbers", reading.ranking
    if changed and not conversation.last_topic:
        return "why_normalize", reading.probability("why_normalize"), "numbers", reading.ranking
    if reading.topic in REPLIES and _substantial(text):
        # a real question the classifier cannot place with confidence: its likeliest topic, with the runners-up
        # offered as "Did you mean"; asking back is for short, vague messages ("what about the other thing?")
        return reading.topic, reading.confidence, "likeliest", reading.ranking
    return reading.topic, reading.confidence, "unsure", reading.ranking


def _words(text: str) -> int:
    """Words in letters, not numbers: what the thresholds on a message's length count."""
    return len(patterns.findall(r"[^\W\d_]+", text))


def _only_feature_ranges(text: str, quantities: Quantities) -> bool:
    """Two or more feature ranges and little else (at most RANGE_WORDS words per range): "I work 9-5", "call me at
    555-1234" and "my kid is between 3 and 5 years old, which toys?" are about something else."""
    words = _words(text)
    return len(quantities.ranges) >= 2 and words <= RANGE_WORDS * len(quantities.ranges)


def _substantial(text: str) -> bool:
    """A question with something to go on: code, a model or data set named, or at least LIKELIEST_WORDS words."""
    words = _words(text)
    return words >= LIKELIEST_WORDS or machine_learning_evidence(text)


def _states_features(quantities: Quantities) -> bool:
    """Whether the message gives features to compute with: ranges, pasted data, a table or distributions."""
    return bool(quantities.ranges or quantities.data_x or getattr(quantities, "table", None) or _drawn(quantities))


def _drawn(quantities: Quantities) -> bool:
    return bool(getattr(quantities, "distributions", ()))


def _thanks_only(text: str) -> bool:
    """ "Thanks, that helped" — not a long post that ends with "Thanks in advance!", which asks something else."""
    short = _words(text) <= THANKS_WORDS
    return short and bool(_THANKS.search(text) or _ACKNOWLEDGED.match(text))


def _small_talk(text: str, quantities: Quantities) -> bool:
    """A short greeting or thanks with nothing else in it."""
    short = _words(text) <= SMALL_TALK_WORDS and not quantities.has_numbers
    return short and bool(_GREETING.match(text) or _THANKS.search(text) or _ACKNOWLEDGED.match(text))


def _did_you_mean(
    reading: Understanding, topic: str, second: str | None, every: bool = False
) -> tuple[tuple[str, str], ...]:
    """The classifier's close runners-up, as (topic, question) buttons: at most two, never the topics answered.
    `every`: the next topics however far behind, for an answer given at the likeliest of unsure readings."""
    offered = getattr(reading, "did_you_mean", ()) or ()
    if every:
        offered = (*offered, *(key for key, _ in reading.ranking[1:]))
    keys = [key for key in dict.fromkeys(offered) if key in TOPIC_GUIDE and key not in (topic, second)]
    return tuple((key, TOPIC_GUIDE[key].question) for key in keys[:2])


# --- two asks in one message -------------------------------------------------------------------------


def _second_section(topic: str, context: Context) -> str:
    """The second topic's reply, shortened: its opening paragraph(s) with a number in them, under its title."""
    try:
        composed = REPLIES[topic](Context(context.scenario, context.quantities, context.own_numbers))
    except ScenarioError:
        return ""
    return f"#### {title(topic)}\n\n" + shorten(composed) + f"\n\n*Ask “{TOPIC_GUIDE[topic].question}” for the rest.*"


def shorten(composed: Reply) -> str:
    """The first prose paragraph after the lead line, and the first paragraph with a figure if that had none."""
    paragraphs = [part for part in composed.markdown.split("\n\n") if part.strip()]
    if len(paragraphs) > 1 and sayback.is_lead(paragraphs[0]):
        paragraphs = paragraphs[1:]
    kept = [paragraphs[0]]
    if paragraphs[0].rstrip().endswith(":") and len(paragraphs) > 1:
        kept.append(paragraphs[1])  # the table or list the first paragraph introduces
    elif not patterns.search(r"\d", paragraphs[0]):
        kept += [part for part in paragraphs[1:] if patterns.search(r"\d", part)][:1]
    text = "\n\n".join(kept)
    if len(text) > SECOND_SECTION_CHARACTERS and "|" not in text:
        text = text[:SECOND_SECTION_CHARACTERS].rsplit(" ", 1)[0] + " …"
    return text


# --- answers that decline ----------------------------------------------------------------------------


def _decline(
    conversation: Conversation,
    text: str,
    topic: str,
    confidence: float,
    route: str,
    ranking: tuple[tuple[str, float], ...],
    quantities: Quantities,
    entities: object,
    notes: list[str],
    sense: str | None = None,
) -> Answer:
    """Off topic or unsure: say plainly what the chat can answer and offer those questions (the scenario stays)."""
    lines = [f"*{escape_markdown(note)}*" for note in notes]
    if route == "off_topic":
        if sense:  # another field's question that ends with "Thanks!" is still that field's question
            lines.append(f"That sounds like a question about {sense}.")
            lines.append(
                "That is outside what I answer: I only explain why and how scaling the input features changes"
                " training — computed for your own feature ranges, learning rate and optimizer. For example:"
            )
        elif _thanks_only(text):
            lines.append(
                ("You're welcome!" if _THANKS.search(text) else "Glad that helps!")
                + " Ask me anything else about scaling input features — with your own numbers if you"
                " have them. For example:"
            )
        elif _GREETING.match(text):
            lines.append(
                "Hello! I answer questions about why and how scaling input features changes training, computed for"
                " your own feature ranges, learning rate and optimizer. For example:"
            )
        else:
            lines.append(
                "That is outside what I answer: I only explain why and how scaling the input features changes"
                " training — computed for your own feature ranges, learning rate and optimizer. For example:"
            )
        offered = list(STARTER_QUESTIONS[:3])
    else:
        candidates = [key for key, _ in ranking if key in TOPIC_GUIDE][:2]
        lines.append(
            f"I'm not sure what you're asking (my best guess, \"{title(topic)}\", has confidence"
            f" {confidence:.0%}). I can answer, with your numbers:"
        )
        offered = [TOPIC_GUIDE[key].question for key in candidates]
        if TOPIC_GUIDE["why_normalize"].question not in offered:
            offered.append(TOPIC_GUIDE["why_normalize"].question)
    lines.append("\n".join(f"- {question}" for question in offered))
    if route != "off_topic":
        lines.append('Pick one below, or rephrase; feature ranges such as "0 to 1 and 1 to 1000" help.')
    return Answer(
        question=text,
        topic=topic,
        confidence=confidence,
        markdown="\n\n".join(lines),
        follow_ups=tuple(offered[:3]),
        quantities=quantities,
        route=route,
        alternatives=tuple(ranking),
        notes=tuple(notes),
        entities=entities,
        conversation=conversation,
        asked_in=conversation,
    )


def _empty(conversation: Conversation, text: str, notes: list[str]) -> Answer:
    lines = [f"*{escape_markdown(note)}*" for note in notes]
    lines.append("Ask me a question in words, for example:")
    lines.append("\n".join(f"- {question}" for question in STARTER_QUESTIONS[:3]))
    return Answer(
        question=text,
        topic="off_topic",
        confidence=0.0,
        markdown="\n\n".join(lines),
        follow_ups=STARTER_QUESTIONS[:3],
        route="empty",
        notes=tuple(notes),
        conversation=conversation,
        asked_in=conversation,
    )


def _unsolvable(
    conversation: Conversation,
    text: str,
    features: tuple[Feature, ...],
    error: ScenarioError,
    reading: Understanding,
    quantities: Quantities,
    entities: object,
    notes: list[str],
) -> Answer:
    """Numbers the engine cannot solve: say which and what would work; keep the previous scenario."""
    lines = [f"*{escape_markdown(note)}*" for note in notes]
    lines.append(unsolvable_text(features, error))
    kept = conversation.scenario
    spans = f" ({sayback.spans(kept.features)})" if kept.data is None and kept.features else ""
    # a first message has no numbers of the learner's to keep: the example stands in, and is called that
    example = None if conversation.own_numbers else _on_the_example(kept, reading, quantities, entities)
    if conversation.own_numbers:
        lines.append(f"I kept your previous numbers{spans}.")
    elif example is None:
        lines.append(f"So my answers use the classic example{spans} until you give numbers it can solve.")
    else:  # the question still gets its answer, on the example, said so before it starts
        lines.append("Until you give numbers it can solve, the answer below uses an example instead.")
        lines.append(example.markdown)
    return Answer(
        question=text,
        topic=reading.topic,
        confidence=reading.confidence,
        markdown="\n\n".join(lines),
        figures=example.figures if example is not None else (),
        scenario=example.scenario if example is not None else None,
        follow_ups=STARTER_QUESTIONS[1:3],
        quantities=quantities,
        route="unsolvable",
        alternatives=tuple(reading.ranking),
        notes=tuple(notes),
        entities=entities,
        conversation=conversation,
        asked_in=conversation,
    )


def _on_the_example(
    scenario: Scenario, reading: Understanding, quantities: Quantities, entities: object
) -> Reply | None:
    """The asked topic's answer on the example scenario, for a first message whose own numbers cannot be solved:
    its other settings (a learning rate, an optimizer) still count; its refused ranges and tables do not."""
    if reading.topic not in REPLIES:
        return None
    kept = replace(quantities, ranges=(), table=None, data_x=None, data_y=None, constant_columns=())
    settings: dict[str, object] = {}
    if quantities.learning_rate is not None:
        settings["learning_rate"] = quantities.learning_rate
    if quantities.optimizer is not None:
        settings["optimizer"] = replace(scenario.optimizer, name=quantities.optimizer)
    with contextlib.suppress(ScenarioError):  # a setting the core refuses: the plain example, as before
        scenario = scenario.with_changes(**settings) if settings else scenario
    try:
        return REPLIES[reading.topic](Context(scenario, kept, False, "", entities))
    except ScenarioError:
        return None


def unsolvable_text(features: tuple[Feature, ...], error: ScenarioError) -> str:
    """One plain paragraph: why these numbers cannot be solved raw, and what would work instead."""
    advice = (
        " That is the strongest case for normalizing there is: z-score (or min-max scale) the features first and"
        " the problem becomes easy (κ near 1). To see the figures here, ask again with the ranges rescaled, for"
        " example 0 to 1 for each feature."
    )
    if features:
        # The design matrix holds the features and the bias's constant 1; its conditioning is roughly
        # (largest magnitude / smallest spread)², counting the 1 on both sides, and float64 runs out near 10¹⁶.
        big = max(features, key=lambda f: max(abs(f.low), abs(f.high)))
        small = min(features, key=lambda f: f.spread)
        largest = max(abs(big.low), abs(big.high))
        if small.spread < 1e-150:
            return (
                f"I cannot solve these numbers raw: {name(small.name)} varies by only {number(small.spread)}. Beside"
                " the bias's constant 1 that is below what double-precision arithmetic resolves (its squares"
                " underflow to 0), so the column looks constant and the best fit is not defined." + advice
            )
        ratio = max(largest, 1.0) / min(small.spread, 1.0)
        condition = ratio * ratio if ratio < 1e154 else math.inf
        if condition > SOLVABLE_CONDITION:
            high = f"{name(big.name)} reaches {number(largest)}" if largest > 1 else "the bias's column is a constant 1"
            low = (
                f"{name(small.name)} varies by only {number(small.spread)}"
                if small.spread < 1
                else "the bias's column is a constant 1"
            )
            if small.spread >= 1 and largest <= 1:
                low = f"{name(small.name)} varies by {number(small.spread)}"
            return (
                f"I cannot solve these numbers raw: {high} while {low}, so the raw problem's condition number would"
                f" be about {number(condition)}, past the roughly 10¹⁶ at which double-precision arithmetic can no"
                " longer tell its columns apart." + advice
            )
    reasons = "; ".join(f"{path}: {reason}" for path, reason in error.problems) or str(error)
    return (
        f"I cannot compute an answer for these numbers ({escape_markdown(reasons)}). Rescaling the features, or"
        " giving their ranges in more ordinary units, would let me."
    )
