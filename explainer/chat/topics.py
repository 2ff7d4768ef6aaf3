"""The topics the chat answers: a short title, the question it offers as a button, and what to ask next.

The one list of topics: the classifier's labels (TOPICS), the replies (chat.replies.REPLIES) and the
follow-up buttons all read it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Topic:
    key: str
    title: str
    question: str  # offered as a follow-up button; routes back to this topic (tested)
    related: tuple[str, ...]  # topics worth offering after this one, best first


_TOPICS = (
    Topic(
        "why_normalize",
        "Why normalizing speeds up learning",
        "Why does normalizing the inputs speed up learning?",
        ("speed_per_iteration", "learning_rate", "adaptive_optimizers", "mean_std", "correlated_whitening"),
    ),
    Topic(
        "speed_per_iteration",
        "Same cost per iteration, fewer iterations",
        "How is it faster if each iteration costs the same?",
        ("learning_rate", "ravine_contours", "mean_std", "why_normalize"),
    ),
    Topic(
        "ravine_contours",
        "The ravine and the zig-zag",
        "Why does gradient descent zig-zag in a ravine?",
        ("correlated_whitening", "learning_rate", "condition_number", "speed_per_iteration"),
    ),
    Topic(
        "learning_rate",
        "Learning rates and divergence",
        "What is the largest learning rate I can use?",
        ("cost_blowup", "speed_per_iteration", "adaptive_optimizers", "condition_number"),
    ),
    Topic(
        "gradient_scale",
        "Gradients follow the feature's scale",
        "Why is the gradient bigger for the larger feature?",
        ("ravine_contours", "learning_rate", "mean_std", "speed_per_iteration"),
    ),
    Topic(
        "mean_std",
        "What the mean and the standard deviation do",
        "What do the mean and standard deviation have to do with normalizing?",
        ("method_choice", "ravine_contours", "correlated_whitening", "interpret_weights"),
    ),
    Topic(
        "method_choice",
        "Min-max, z-score or robust scaling?",
        "Should I use min-max scaling or standardization?",
        ("skewed_log", "mean_std", "data_leakage", "correlated_whitening"),
    ),
    Topic(
        "batch_norm",
        "Batch normalization vs input normalization",
        "How is batch normalization different from normalizing the inputs?",
        ("why_normalize", "weight_init", "vanishing_exploding", "speed_per_iteration"),
    ),
    Topic(
        "weight_init",
        "Input scale and weight initialization",
        "How does the input scale affect weight initialization?",
        ("vanishing_exploding", "batch_norm", "why_normalize"),
    ),
    Topic(
        "adaptive_optimizers",
        "Adam, momentum and scaling",
        "Does Adam make feature scaling unnecessary?",
        ("correlated_whitening", "learning_rate", "speed_per_iteration", "why_normalize"),
    ),
    Topic(
        "tree_models",
        "Tree models ignore scale",
        "Do random forests need feature scaling?",
        ("distance_models", "not_needed", "why_normalize"),
    ),
    Topic(
        "correlated_whitening",
        "Correlated features and whitening",
        "What if my features are correlated?",
        ("condition_number", "method_choice", "ravine_contours", "adaptive_optimizers"),
    ),
    Topic(
        "not_needed",
        "When scaling is unnecessary",
        "When is feature scaling unnecessary?",
        ("tree_models", "interpret_weights", "why_normalize"),
    ),
    Topic(
        "data_leakage",
        "Fit the scaler on the training data only",
        "Should I normalize before or after the train/test split?",
        ("method_choice", "target_scaling", "interpret_weights"),
    ),
    Topic(
        "interpret_weights",
        "Weights back in original units",
        "How do I interpret the coefficients after standardizing?",
        ("regularization", "not_needed", "data_leakage"),
    ),
    Topic(
        "regularization",
        "Scaling and regularization",
        "Why standardize before ridge or lasso?",
        ("interpret_weights", "distance_models", "method_choice"),
    ),
    Topic(
        "distance_models",
        "kNN, k-means, SVM and PCA",
        "Why do kNN and k-means need feature scaling?",
        ("method_choice", "correlated_whitening", "data_leakage"),  # which scaler, PCA's whitening, the split
    ),
    Topic(
        "target_scaling",
        "Scaling the target",
        "Should I scale the target variable too?",
        ("data_leakage", "interpret_weights", "cost_blowup"),
    ),
    Topic(
        "condition_number",
        "The condition number",
        "What is the condition number and why does it matter?",
        ("learning_rate", "correlated_whitening", "speed_per_iteration"),
    ),
    Topic(
        "vanishing_exploding",
        "Vanishing and exploding gradients",
        "Does normalizing prevent vanishing or exploding gradients?",
        ("batch_norm", "weight_init", "cost_blowup"),
    ),
    Topic(
        "cost_blowup",
        "When the cost explodes",
        "Why does my cost blow up to huge values or NaN?",
        ("learning_rate", "why_normalize", "speed_per_iteration"),
    ),
    Topic(
        "skewed_log",
        "Skewed features and log transforms",
        "Should I log-transform a feature that spans orders of magnitude?",
        ("method_choice", "distance_models", "why_normalize"),
    ),
)

TOPIC_GUIDE: dict[str, Topic] = {topic.key: topic for topic in _TOPICS}
OFF_TOPIC = "off_topic"  # what the classifier says of a message about something else; it has no reply of its own
TOPICS: tuple[str, ...] = (*TOPIC_GUIDE, OFF_TOPIC)  # every label the classifier knows, in this one list
STARTER_QUESTIONS = (
    "Why does normalizing the inputs speed up learning?",
    "My features go from 0 to 1 and from 1 to 1000. How much faster is it after normalizing?",
    "How is it faster if each iteration costs the same?",
    "Why does my cost blow up to huge values or NaN?",
)


def title(topic: str) -> str:
    return TOPIC_GUIDE[topic].title if topic in TOPIC_GUIDE else "Something else"
