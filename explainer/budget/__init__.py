"""Every request has a budget: heavy work in warm worker processes, each kind with a time limit,
and one byte budget for every cache (`explainer.budget.memory`).

No Streamlit here: the pages, the chat and the CLI call `explainer.budget.costs`' entry points.
"""

from explainer.budget.costs import (
    EXPLAIN_SECONDS,
    LESSON_SECONDS,
    MODEL_FIT_SECONDS,
    answer_model,
    explain_within_budget,
    fit_models,
    parse_lesson,
)
from explainer.budget.workers import (
    BudgetExceededError,
    WorkerLostError,
    WorkerPool,
    shared_pool,
    warm_up_in_background,
)

__all__ = [
    "EXPLAIN_SECONDS",
    "LESSON_SECONDS",
    "MODEL_FIT_SECONDS",
    "BudgetExceededError",
    "WorkerLostError",
    "WorkerPool",
    "answer_model",
    "explain_within_budget",
    "fit_models",
    "parse_lesson",
    "shared_pool",
    "warm_up_in_background",
]
