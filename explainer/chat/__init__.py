"""Ask: answer a learner's question about normalizing, with numbers computed for their scenario.

from explainer.chat import answer
first = answer("My features go from 0 to 1 and from 1 to 1000. Why normalize?")
first.topic, first.confidence          # "why_normalize", 0.9…
follow = answer("what about Adam?", first.conversation)
follow.scenario.optimizer.name          # "adam"
picked = answer(first.question, first.asked_in, topic="learning_rate")  # a "Did you mean" choice

Offline. Reading a message: `understand` (the topic), `entities` (what it names), `numbers` (its
ranges and settings). Then `conversation` (the state between messages), `tutor` (routing,
declining, two asks, unsolvable numbers), `sayback` (what the message named, said back),
`model_runs` (a named model fitted with scikit-learn, raw vs normalized), `replies/` (each topic
family's prose and the computations it cites) and `answers` (the value).
"""

from __future__ import annotations

from explainer.chat.answers import Answer
from explainer.chat.conversation import Conversation
from explainer.chat.reading.numbers import MAX_TEXT, NamedRange, Quantities, parse_number, parse_quantities
from explainer.chat.topics import STARTER_QUESTIONS, TOPIC_GUIDE
from explainer.chat.tutor import reply
from explainer.chat.understand import TOPICS, Understanding, understand
from explainer.chat.wording import FigureRef


def answer(message: str, conversation: Conversation | None = None, topic: str | None = None) -> Answer:
    """Answer one message; pass the previous answer's `.conversation` to ask a follow-up.

    `topic` answers it as that topic (a "Did you mean …?" choice): pass the answer's `asked_in`
    conversation and the same message.
    """
    return reply(conversation or Conversation(), message, topic)


__all__ = [
    "MAX_TEXT",
    "STARTER_QUESTIONS",
    "TOPICS",
    "TOPIC_GUIDE",
    "Answer",
    "Conversation",
    "FigureRef",
    "NamedRange",
    "Quantities",
    "Understanding",
    "answer",
    "parse_number",
    "parse_quantities",
    "understand",
]
