"""Which question is being asked: a text classifier trained on questions written like real ones.

It learns from two sets shipped with the package: short phrasings (`phrasings.toml`) and longer
real-style questions (`questions/*.toml`: back stories, pasted code and errors, two asks in one,
typos, and off-topic messages that use "normal" or "scale" in another sense), each written for
this project after a public thread whose address it keeps. Features: TF-IDF over words (what is
said) and TF-IDF over character n-grams (so "normalizaton" and "gradiant" still match); a linear
model with calibrated probabilities reads them, fitted once per process and cached.
`benchmarks/bench_chat.py` prints the ablation on held-out questions from other threads, including
WordLlama's static sentence embeddings: they did not earn their place (no better on any figure once
the real-style questions were in training), so they live in the benchmark, not here.

Beyond the topic it reports a second ask in the same message ("…and what about the target?"),
found by reading the message's sentences one by one, and the runners-up close enough to the
first topic to offer as "Did you mean …?".
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
from sklearn.base import TransformerMixin
from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from explainer.chat.reading.numbers import clean_text
from explainer.chat.reading.senses import machine_learning_evidence, model_inputs_scaled, other_sense
from explainer.chat.topics import TOPICS
from explainer.text import patterns

OVERRULED = 0.8  # how sure an off-topic reading is made when another field is named and no ML word is
CONFIDENT = 0.40  # below this calibrated probability the chat asks instead of answering
CLOSE = 0.5  # a runner-up with at least this share of the first topic's probability is offered as "Did you mean"
SECOND_ASK = 0.85  # a sentence's own topic must be at least this probable to count as a second question
# … or this probable when the learner marks it as another question ("And …?", "Also, …", "Two questions:") and
# it is a specific topic, not a general one. On the held-out threads (tests/chat/heldout): 9 of 29 second asks
# found (5 by the sentences' own threshold alone, 7 with marked ones, 9 once the first question asked leads)
# and 4 false second sections in 264 messages, as before. Unmarked general topics and line tails of three words
# or fewer no longer count (real posts: 35 false second sections to 20, still 11 of 86 found; held-out: 2 false).
MARKED_SECOND_ASK = 0.5
FIRST_ASK_LEADS = 0.75  # how sure the first asking sentence's own topic must be to lead (_first_ask_leads)
GENERAL_TOPICS = frozenset({"why_normalize", "mean_std", "method_choice"})
# The asking sentences' share of the topic, beside the whole message's: a long story or pasted code before
# "why would a network care?" should not outvote the question. Chosen on the held-out sets (benchmarks/
# chat_realworld.py): from 0.2 to 0.5 every value lifts the real posts' top-3 from 96% to 98-99%.
ASKED_WEIGHT = 0.35
FEATURE_SETS: tuple[str, ...] = ("words", "characters")  # chosen on held-out questions (bench_chat's ablation)
READ_LIMIT = 6000  # characters the classifier reads; real questions with code rarely need more
_NUMBER = patterns.compile(r"[-+]?(?:\d[\d,]*\.?\d*|\.\d+)(?:e[-+]?\d+)?[kKM]?")
# Where one sentence ends: after "?", "!" or "." (kept with the sentence), at new lines and ";", and before an
# "and what …" that starts a second ask (the words stay with it); `_sentences` cuts at those points.
_SENTENCE_END = patterns.compile(
    r"(?P<stop>[?!.])\s+|\n+|;\s+|\s+(?P<next>(?:and|also|plus|but)\s+(?:what|how|why|do|does|should|is|can)\b)"
)
_SCALER_NAMED = patterns.compile(r"\b[A-Z]\w*Scaler\b")
_MARKED_AS_ANOTHER = patterns.compile(  # a sentence that says it is another question
    r"^\s*(?:and\b|also\b|plus\b|second(?:ly)?\b|separately\b|besides\b|another\b|what\s+about\b|how\s+about\b"
    r"|or\b|related\b|on\s+top\b|follow[\s-]?up\b|bonus\b|p\.?s\.?\b|\(?[2-9][.)]\s|q[2-9]\b)",
    patterns.IGNORECASE,
)
_SEVERAL_QUESTIONS = patterns.compile(  # a message that says it holds several
    r"\btwo\s+questions|\b(?:2|two|couple\s+of)\s+(?:related\s+)?(?:questions|things)|\bseparately\b",
    patterns.IGNORECASE,
)
_LIST_NUMBER = patterns.compile(r"\(?[1-9][.)]")
FOLLOWING_LINES = 2  # statements read with a question marked as another (_asked_and_followed)
_ASKING = patterns.compile(
    r"\?|^\s*(?:and\s+|also\s+|plus\s+|but\s+)?(?:why|how|what|when|which|should|do|does|is|are|can|could|would|will)\b",
    patterns.IGNORECASE,
)


@dataclass(frozen=True)
class Understanding:
    """The classifier's reading of a message: the topic, its probability, and the runners-up."""

    topic: str
    confidence: float
    ranking: tuple[tuple[str, float], ...]  # every topic, most probable first
    second_ask: str | None = None  # the topic of a second question asked in the same message, if any
    did_you_mean: tuple[str, ...] = ()  # runners-up close enough to the first topic to offer as buttons
    other_sense: str | None = None  # the other field an off-topic message is about ("database normalization")

    @property
    def confident(self) -> bool:
        return self.confidence >= CONFIDENT

    def probability(self, topic: str) -> float:
        return dict(self.ranking).get(topic, 0.0)

    def first_choices(self, count: int = 3) -> tuple[str, ...]:
        """The topics the chat could put before the learner, best first. Off topic only when it is the reading:
        an answer about ML never offers "outside what I answer" as a runner-up, so it takes no place among them."""
        ranked = [topic for topic, _ in self.ranking]
        if self.topic != "off_topic":
            ranked = [topic for topic in ranked if topic != "off_topic"]
        return tuple(ranked[:count])


@dataclass(frozen=True)
class Example:
    """One training question: its text, its topic, the thread it was modelled on, and a second ask if any."""

    text: str
    topic: str
    source: str
    also: str | None = None

    @property
    def thread(self) -> str:
        return thread_key(self.source)


def thread_key(source: str) -> str:
    """The public thread an address names, however it was written: a Stack Exchange question by its number
    (with or without its slug), a GitHub issue or pull request by owner/repo#number, a Discourse topic by its id.
    Training and held-out sets are split by this key, so a thread never sits on both sides."""
    from urllib.parse import urlsplit

    address = urlsplit(source.strip())
    host = address.netloc.lower().removeprefix("www.")
    parts = [part for part in address.path.split("/") if part]
    if host == "github.com" and len(parts) >= 4 and parts[2] in ("issues", "pull", "discussions"):
        return f"github.com/{parts[0].lower()}/{parts[1].lower()}#{parts[3]}"
    if len(parts) >= 2 and parts[0] in ("questions", "q") and parts[1].isdigit():
        return f"{host}/q/{parts[1]}"
    if len(parts) >= 2 and parts[0] == "t":
        number = next((part for part in parts[1:] if part.isdigit()), None)
        if number is not None:
            return f"{host}/t/{number}"
    return f"{host}/{'/'.join(parts)}" + (f"?{address.query}" if address.query else "")


def _toml(name: str) -> dict:
    return tomllib.loads(resources.files("explainer.chat").joinpath(name).read_text(encoding="utf-8"))


def training_phrasings() -> dict[str, list[str]]:
    """The short phrasings shipped in the package: topic → example questions."""
    table = _toml("phrasings.toml")
    unknown = set(table) - set(TOPICS)
    if unknown:
        raise ValueError(f"phrasings.toml: unknown topics {sorted(unknown)}")
    return {topic: list(table[topic]["phrasings"]) for topic in TOPICS if topic in table}


def real_style_questions() -> list[Example]:
    """The real-style training questions shipped in `questions/*.toml`, with their provenance."""
    folder = resources.files("explainer.chat").joinpath("questions")
    examples: list[Example] = []
    if not folder.is_dir():
        return examples
    for entry in sorted(folder.iterdir(), key=lambda item: item.name):
        if not entry.name.endswith(".toml"):
            continue
        for item in tomllib.loads(entry.read_text(encoding="utf-8")).get("question", []):
            if item["topic"] not in TOPICS:
                raise ValueError(f"{entry.name}: unknown topic {item['topic']!r}")
            examples.append(Example(item["text"].strip(), item["topic"], item["source"], item.get("also")))
    return examples


def training_examples() -> list[Example]:
    """Everything the classifier learns from: the short phrasings and the real-style questions."""
    short = [
        Example(text, topic, "phrasings.toml")
        for topic, phrasings in training_phrasings().items()
        for text in phrasings
    ]
    return short + real_style_questions()


def prepare(text: str) -> str:
    """What the classifier reads: cleaned, lower case, every number the same token."""
    return _NUMBER.sub(" 0 ", clean_text(text, READ_LIMIT).lower())


def build_classifier(
    feature_sets: Sequence[str] = FEATURE_SETS, extra: Mapping[str, TransformerMixin] | None = None, c: float = 1.0
) -> Pipeline:
    """Words (1–2 grams) and characters (2–5 grams within words), then a calibrated linear SVM.

    `extra` names further feature transformers a benchmark may compare (bench_chat's sentence embeddings).
    """
    parts = {
        "words": TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=1),
        "characters": TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2),
        **(extra or {}),
    }
    features = FeatureUnion([(name, parts[name]) for name in feature_sets])
    model = CalibratedClassifierCV(
        LinearSVC(C=c, class_weight="balanced", random_state=0), method="sigmoid", cv=5, ensemble=False
    )
    return Pipeline([("features", features), ("model", model)])


def fit(
    examples: Sequence[Example],
    feature_sets: Sequence[str] = FEATURE_SETS,
    extra: Mapping[str, TransformerMixin] | None = None,
) -> Pipeline:
    """A classifier fitted on these examples (the benchmark fits several to compare them)."""
    return build_classifier(feature_sets, extra).fit(
        [prepare(example.text) for example in examples], [example.topic for example in examples]
    )


# The one fitted classifier of the process (a few MB, fixed in size, no user input in it): a singleton, so
# it stays outside the memory budget's caches (explainer.budget.memory), which hold what requests vary.
@lru_cache(maxsize=1)
def classifier() -> Pipeline:
    """Fitted once per process on the shipped training questions (a second or two), then reused."""
    return fit(training_examples())


def read(model: Pipeline, text: str) -> Understanding:
    """One message read by a fitted classifier: topic, ranking, a second ask and close runners-up."""
    segments, followed = _asked_and_followed(text)
    texts = [prepare(text)] + [prepare(segment) for segment in segments] + [prepare(each) for each in followed.values()]
    probabilities = model.predict_proba(texts)
    classes = [str(topic) for topic in model.classes_]
    whole = probabilities[0]
    by_sentence = probabilities[1 : 1 + len(segments)]
    if segments:
        whole = (1 - ASKED_WEIGHT) * whole + ASKED_WEIGHT * by_sentence.mean(axis=0)
    ranking = _ranking(classes, whole)
    cleaned = clean_text(text, READ_LIMIT)
    sense = other_sense(cleaned)
    if sense:
        ranking = _off_topic_first(ranking)
    elif ranking[0][0] == "off_topic" and (machine_learning_evidence(cleaned) or model_inputs_scaled(cleaned)):
        # no other field named, and code, a model, a data set, ML words or scaled inputs: ours, however sure the
        # classifier was
        ranking = _on_topic_first(ranking)
    several = bool(_SEVERAL_QUESTIONS.search(text[:READ_LIMIT]))
    if len(segments) > 1 and ranking[0][0] != "off_topic":
        ranking = _first_ask_leads(classes, segments, by_sentence, ranking, several)
    topic, confidence = ranking[0]
    # a question marked as another is read with the lines that follow it, which often say what it is about
    with_lines = by_sentence.copy()
    for row, index in enumerate(followed):
        with_lines[index] = probabilities[1 + len(segments) + row]
    second = _second_ask(classes, segments, with_lines, ranking, several) if len(segments) > 1 else None
    close = close_runners_up(ranking, second)
    return Understanding(topic, confidence, ranking, second, close, sense if topic == "off_topic" else None)


def close_runners_up(ranking: tuple[tuple[str, float], ...], second: str | None = None) -> tuple[str, ...]:
    """The "Did you mean" topics: of the first two ML runners-up (off topic is never offered beside an ML answer, so
    it takes no place among them), those at least CLOSE as probable as the first topic, bar the second ask."""
    topic, confidence = ranking[0]
    if topic == "off_topic":
        return ()
    runners_up = [(other, p) for other, p in ranking[1:] if other != "off_topic"][:2]
    return tuple(other for other, p in runners_up if other != second and p >= CLOSE * confidence)


def understand(text: str) -> Understanding:
    """Classify one message into a topic with a calibrated confidence."""
    return read(classifier(), text)


def asked_sentences(text: str) -> list[str]:
    """The sentences of a message that ask something (a '?' or a question word first), in order."""
    return _asked_and_followed(text)[0]


def _asked_and_followed(text: str) -> tuple[list[str], dict[int, str]]:
    """The asking sentences; and, by their place among them, each one marked as another question (after the
    first) that statements follow, with up to FOLLOWING_LINES of those: "2. Doesn't the order change the
    result?" says what it asks only in its next line, "they split first and then fit StandardScaler"."""
    cleaned = clean_text(text, READ_LIMIT)
    pieces = [piece.strip() for piece in _sentences(cleaned) if piece and piece.strip()]
    asking = [bool(_ASKING.search(piece) and patterns.search(r"[^\W\d_]{3}", piece)) for piece in pieces]
    asked: list[str] = []
    followed: dict[int, str] = {}
    for index, piece in enumerate(pieces):
        if not asking[index]:
            continue
        asked.append(piece)
        if len(asked) == 1 or not _MARKED_AS_ANOTHER.search(piece):
            continue
        after = []
        for later, asks in zip(pieces[index + 1 : index + 1 + FOLLOWING_LINES], asking[index + 1 :], strict=False):
            if asks:
                break
            after.append(later)
        if after:
            followed[len(asked) - 1] = " ".join([piece, *after])
    return asked, followed


def _sentences(text: str) -> list[str]:
    pieces, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        pieces.append(text[start : match.end("stop") if match["stop"] else match.start()])
        start = match.start("next") if match["next"] else match.end()
    pieces.append(text[start:])
    # a list's number ("2.") ends no sentence: it marks the one after it as another question
    merged: list[str] = []
    for piece in pieces:
        if merged and _LIST_NUMBER.fullmatch(merged[-1].strip()):
            merged[-1] = merged[-1].strip() + " " + piece.lstrip()
        else:
            merged.append(piece)
    return merged


def _ranking(classes: list[str], probabilities: np.ndarray) -> tuple[tuple[str, float], ...]:
    return tuple(sorted(((topic, float(p)) for topic, p in zip(classes, probabilities)), key=lambda item: -item[1]))


def _off_topic_first(ranking: tuple[tuple[str, float], ...]) -> tuple[tuple[str, float], ...]:
    """Another field's vocabulary and none of ours: off topic first, and at least OVERRULED sure."""
    probabilities = dict(ranking)
    sure = max(probabilities["off_topic"], ranking[0][1], OVERRULED)
    rest = 1.0 - probabilities["off_topic"]
    scale = (1.0 - sure) / rest if rest > 0 else 0.0
    adjusted = {topic: (sure if topic == "off_topic" else p * scale) for topic, p in probabilities.items()}
    return tuple(sorted(adjusted.items(), key=lambda item: -item[1]))


def _on_topic_first(ranking: tuple[tuple[str, float], ...]) -> tuple[tuple[str, float], ...]:
    """The topics' probabilities given that the message is ours; off topic keeps a twentieth of its share, last."""
    off = dict(ranking)["off_topic"]
    kept = off / 20
    scale = (1.0 - kept) / (1.0 - off) if off < 1 else 0.0
    adjusted = [(topic, p * scale) for topic, p in ranking if topic != "off_topic"]
    return (*sorted(adjusted, key=lambda item: -item[1]), ("off_topic", kept))


def _first_ask_leads(
    classes: list[str],
    segments: list[str],
    by_sentence: np.ndarray,
    ranking: tuple[tuple[str, float], ...],
    several: bool,
) -> tuple[tuple[str, float], ...]:
    """ "Would centring change anything? And then should I switch to z-score?": two asks, and the message as a
    whole leans to the second, whose words are more typical. The first question asked leads, when it is
    clearly a topic of its own (FIRST_ASK_LEADS) and a later sentence marked as another question is clearly
    the message's reading; the two topics trade places, so the later one becomes the second section."""
    first = ranking[0][0]
    leading, leading_p = _ranking(classes, by_sentence[0])[0]
    if leading in (first, "off_topic") or leading_p < FIRST_ASK_LEADS:
        return ranking
    later_tops = [(segment, _ranking(classes, row)[0]) for segment, row in zip(segments[1:], by_sentence[1:])]
    later_is_first = any(
        (several or _MARKED_AS_ANOTHER.search(segment)) and topic == first and p >= MARKED_SECOND_ASK
        for segment, (topic, p) in later_tops
    )
    if not later_is_first:
        return ranking
    probabilities = dict(ranking)
    probabilities[first], probabilities[leading] = probabilities[leading], probabilities[first]
    return _ranking(list(probabilities), np.array(list(probabilities.values())))


def _second_ask(
    classes: list[str],
    segments: list[str],
    by_sentence: np.ndarray,
    ranking: tuple[tuple[str, float], ...],
    several: bool,
) -> str | None:
    """A topic that one asking sentence is clearly about and that differs from the message's first topic.

    A later sentence the learner marks as another question needs less certainty (MARKED_SECOND_ASK)
    when its topic is a specific one: "And should I scale the target too?" after a question on NaN."""
    first = ranking[0][0]
    if first == "off_topic":
        return None
    best: tuple[float, str] | None = None
    for index, (segment, probabilities) in enumerate(zip(segments, by_sentence)):
        topic, p = _ranking(classes, probabilities)[0]
        said_another = index > 0 and bool(several or _MARKED_AS_ANOTHER.search(segment))
        marked = said_another and topic not in GENERAL_TOPICS
        if topic in (first, "off_topic") or p < (MARKED_SECOND_ASK if marked else SECOND_ASK):
            continue
        general = topic in GENERAL_TOPICS and not (topic == "method_choice" and _SCALER_NAMED.search(segment))
        if not said_another and (general or len(segment.split()) < 4):
            # "Does that mean …?" inside a story is the same question again, and "skewed?" a line's tail; but
            # "Would RobustScaler be safer?" after a question on the test set asks about a method of its own
            continue
        if best is None or p > best[0]:
            best = (p, topic)
    return best[1] if best else None
