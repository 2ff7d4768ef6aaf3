"""One record per normalization method and per optimizer: its label, a line of help, its scikit-learn code.

Every page, the CLI, reports and the chat read labels from here instead of keeping their own copy.
"""

from __future__ import annotations

from dataclasses import dataclass

from explainer.scenario.spec import NORMALIZATIONS, OPTIMIZERS


@dataclass(frozen=True)
class Choice:
    """A method or optimizer as people see it: `label` for menus, `phrase` inside a sentence."""

    key: str
    label: str
    phrase: str
    help: str
    sklearn: str  # the scikit-learn expression that does it


METHODS: dict[str, Choice] = {
    choice.key: choice
    for choice in (
        Choice(
            "zscore",
            "Z-score: (x − mean) / standard deviation",
            "z-scoring, (x - mean) / standard deviation",
            "Each feature gets mean 0 and standard deviation 1.",
            "StandardScaler()",
        ),
        Choice(
            "minmax",
            "Min-max to [0, 1]",
            "min-max scaling to [0, 1]",
            "Each feature is mapped linearly onto 0..1; the mean is not removed.",
            "MinMaxScaler()",
        ),
        Choice(
            "minmax_centered",
            "Centred min-max: (x − mean) / (max − min)",
            "centred min-max scaling, (x - mean) / (max - min)",
            "Min-max's scale with the mean taken out, as in the blog post's experiment.",
            "CenteredMinMaxScaler()",
        ),
        Choice(
            "robust",
            "Robust: (x − median) / IQR",
            "robust scaling, (x - median) / interquartile range",
            "Median and interquartile range, so a few outliers do not set the scale.",
            "RobustScaler()",
        ),
        Choice(
            "whiten",
            "Whitening (decorrelates too)",
            "whitening (PCA with whiten=True): decorrelated, unit variance",
            "Rotates and rescales so features are uncorrelated with variance 1.",
            "PCA(whiten=True)",
        ),
        Choice(
            "none",
            "None (compare raw with raw)",
            "no normalization",
            "The normalized side is the raw problem again.",
            "",
        ),
    )
}

OPTIMIZER_CHOICES: dict[str, Choice] = {
    choice.key: choice
    for choice in (
        Choice(
            "gd",
            "Gradient descent",
            "gradient descent",
            "A constant step along the negative gradient.",
            "SGDRegressor(learning_rate='constant', eta0=η)",
        ),
        Choice(
            "momentum",
            "Momentum",
            "momentum",
            "Heavy-ball momentum: a fraction β of the previous step is kept (PyTorch's SGD).",
            "MLPRegressor(hidden_layer_sizes=(), solver='sgd', momentum=β, nesterovs_momentum=False)",
        ),
        Choice(
            "adam",
            "Adam",
            "Adam",
            "Per-parameter steps scaled by running averages of the gradient and its square.",
            "MLPRegressor(hidden_layer_sizes=(), solver='adam', learning_rate_init=η)",
        ),
    )
}

assert set(METHODS) == set(NORMALIZATIONS) and set(OPTIMIZER_CHOICES) == set(OPTIMIZERS)
