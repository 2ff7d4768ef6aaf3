"""Which question is being asked: a text classifier trained on the phrasings shipped with the package.

TF-IDF over words (what is said) and character n-grams (so "normalizaton" and "gradiant" still
match), then a linear model with calibrated probabilities, fitted once per process and cached.
The confidence is the calibrated probability of the chosen topic: low means "not sure", and the
chat then says what it can answer instead of guessing.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

from sklearn.calibration import CalibratedClassifierCV
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.svm import LinearSVC

from explainer.chat.numbers import clean_text

TOPICS: tuple[str, ...] = (
    "why_normalize",
    "speed_per_iteration",
    "ravine_contours",
    "learning_rate",
    "gradient_scale",
    "mean_std",
    "method_choice",
    "batch_norm",
    "weight_init",
    "adaptive_optimizers",
    "tree_models",
    "correlated_whitening",
    "not_needed",
    "data_leakage",
    "interpret_weights",
    "regularization",
    "distance_models",
    "target_scaling",
    "condition_number",
    "vanishing_exploding",
    "cost_blowup",
    "skewed_log",
    "off_topic",
)
CONFIDENT = 0.40  # below this calibrated probability the chat asks instead of answering
_NUMBER = re.compile(r"[-+]?(?:\d[\d,]*\.?\d*|\.\d+)(?:e[-+]?\d+)?[kKM]?")


@dataclass(frozen=True)
class Understanding:
    """The classifier's reading of a message: the topic, its probability, and the runners-up."""

    topic: str
    confidence: float
    ranking: tuple[tuple[str, float], ...]  # every topic, most probable first
    second_ask: str | None = None  # the topic of a second question asked in the same message, if any
    did_you_mean: tuple[str, ...] = ()  # runners-up close enough to the first topic to offer as buttons

    @property
    def confident(self) -> bool:
        return self.confidence >= CONFIDENT

    def probability(self, topic: str) -> float:
        return dict(self.ranking).get(topic, 0.0)


def training_phrasings() -> dict[str, list[str]]:
    """The phrasing set shipped in the package: topic → example questions."""
    text = resources.files("explainer.chat").joinpath("phrasings.toml").read_text(encoding="utf-8")
    table = tomllib.loads(text)
    unknown = set(table) - set(TOPICS)
    if unknown:
        raise ValueError(f"phrasings.toml: unknown topics {sorted(unknown)}")
    return {topic: list(table[topic]["phrasings"]) for topic in TOPICS if topic in table}


def prepare(text: str) -> str:
    """What the classifier reads: cleaned, lower case, every number the same token."""
    return _NUMBER.sub(" 0 ", clean_text(text).lower())


def build_classifier() -> Pipeline:
    """Words (1–2 grams) and characters (2–5 grams within words), then a calibrated linear SVM."""
    features = FeatureUnion(
        [
            ("words", TfidfVectorizer(analyzer="word", ngram_range=(1, 2), sublinear_tf=True, min_df=1)),
            ("characters", TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 5), sublinear_tf=True, min_df=2)),
        ]
    )
    model = CalibratedClassifierCV(
        LinearSVC(C=1.0, class_weight="balanced", random_state=0), method="sigmoid", cv=5, ensemble=False
    )
    return Pipeline([("features", features), ("model", model)])


@lru_cache(maxsize=1)
def classifier() -> Pipeline:
    """Fitted once per process on the shipped phrasings (about a second), then reused."""
    texts, labels = [], []
    for topic, phrasings in training_phrasings().items():
        texts.extend(prepare(phrasing) for phrasing in phrasings)
        labels.extend([topic] * len(phrasings))
    return build_classifier().fit(texts, labels)


def understand(text: str) -> Understanding:
    """Classify one message into a topic with a calibrated confidence."""
    model = classifier()
    probabilities = model.predict_proba([prepare(text)])[0]
    ranking = tuple(
        sorted(((str(topic), float(p)) for topic, p in zip(model.classes_, probabilities)), key=lambda item: -item[1])
    )
    return Understanding(ranking[0][0], ranking[0][1], ranking)
