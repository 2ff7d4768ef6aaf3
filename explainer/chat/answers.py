"""The Answer value the chat returns: one message's reply, and what it was read as.

An answer is data: Markdown (user text in it is escaped), the topic and a confidence, the keys
of the figures to draw, the scenario they were computed for (the Explore link opens it), two or
three follow-up questions, "did you mean" alternatives, and what the message named (entities).
The page, the CLI and the tests all read this one value.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from explainer.chat.conversation import Conversation
from explainer.chat.reading.numbers import Quantities
from explainer.chat.wording import FigureRef
from explainer.formats.link import scenario_to_params
from explainer.scenario.spec import Scenario

DECLINED = ("unsure", "off_topic", "empty", "unsolvable")  # routes that do not answer a topic


@dataclass(frozen=True)
class Answer:
    question: str  # the message as read: cleaned and capped; raw text, escape it to show it
    topic: str
    confidence: float
    markdown: str
    figures: tuple[FigureRef, ...] = ()
    scenario: Scenario | None = None
    follow_ups: tuple[str, ...] = ()
    quantities: Quantities = field(default_factory=Quantities)
    # classifier | likeliest (unsure, answered at its likeliest topic) | follow_up | numbers | chosen (a "did you
    # mean" picked) | unsure | off_topic | empty | unsolvable
    route: str = "classifier"
    alternatives: tuple[tuple[str, float], ...] = ()  # every candidate topic with its probability, best first
    notes: tuple[str, ...] = ()
    did_you_mean: tuple[tuple[str, str], ...] = ()  # (topic, the question offered as a button), best first
    second_ask: str | None = None  # the topic of the shorter second section, when the message asked two things
    entities: Any = None  # what the message named: model family, activation, scaler, data kind (or None)
    measured_live: tuple[str, ...] = ()  # wall-clock figures measured on this server (not in `markdown`)
    model_run: Any = None  # the computed run of the model the message named (explainer.chat.model_runs.ModelRun)
    conversation: Conversation | None = field(default=None, repr=False, compare=False)
    asked_in: Conversation | None = field(default=None, repr=False, compare=False)  # the state before this message

    @property
    def answered(self) -> bool:
        """False when the chat declined to guess (off topic, unsure, empty) or could not compute (unsolvable)."""
        return self.route not in DECLINED

    @property
    def explore_params(self) -> dict[str, str | list[str]] | None:
        return scenario_to_params(self.scenario) if self.scenario is not None else None

    def entity_labels(self) -> dict[str, str]:
        """What was recognised, in words ({"model": "k-means", …}); empty when nothing was."""
        labels = getattr(self.entities, "labels", None)
        return dict(labels()) if callable(labels) else {}

    def to_dict(self) -> dict[str, Any]:
        """The JSON form (`explainer ask --json`): one object per question."""
        quantities = self.quantities
        entities = getattr(self.entities, "to_dict", None)
        return {
            "question": self.question,
            "topic": self.topic,
            "confidence": round(self.confidence, 4),
            "route": self.route,
            "answered": self.answered,
            "ranges": quantities.range_pairs or None,
            "lr": quantities.learning_rate,
            "optimizer": quantities.optimizer,
            "feature_count": quantities.feature_count,
            "entities": entities() if callable(entities) else {},
            "answer_markdown": self.markdown,
            "figures": [figure.key for figure in self.figures],
            "follow_ups": list(self.follow_ups),
            "did_you_mean": [{"topic": topic, "question": question} for topic, question in self.did_you_mean],
            "second_ask": self.second_ask,
            "explore_params": self.explore_params,
            "alternatives": [{"topic": topic, "confidence": round(p, 4)} for topic, p in self.alternatives],
            "measured_live": list(self.measured_live),
            "model_run": self.model_run.to_dict() if self.model_run is not None else None,
            "notes": list(self.notes),
        }
