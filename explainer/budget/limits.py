"""What each kind of heavy work may cost: the time budgets, and what is small enough to run in-process.

Three kinds of work get a time budget (seconds, overridable by environment variable, listed in the
README's "Budgets" section): a model fit (raw and normalized, with its loss curves), a large
explanation, and reading an uploaded lesson. Each runs in the worker pool (`explainer.budget.workers`);
past its budget the worker is killed and the caller gets a `BudgetExceededError` naming the cause and a
cheaper setting. The budgeted entry points live with their concepts: `explainer.models.budgeted`,
`explainer.explanation.cache` and `explainer.lessons.files`.
"""

from __future__ import annotations

import os
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from explainer.scenario.spec import Scenario


def _seconds(name: str, default: float) -> float:
    return float(os.environ.get(name, default))


MODEL_FIT_SECONDS = _seconds("WHY_NORMALIZE_MODEL_FIT_SECONDS", 30)  # saga on digits: 12 s quiet, 21 s loaded
EXPLAIN_SECONDS = _seconds("WHY_NORMALIZE_EXPLAIN_SECONDS", 30)  # 20 × 100,000: 13.6 s loaded
LESSON_SECONDS = _seconds("WHY_NORMALIZE_LESSON_SECONDS", 10)
# explanations up to this many data values (rows × (features + 1)) may run in-process; measured ≈ 0.1 s
INLINE_EXPLAIN_VALUES = int(os.environ.get("WHY_NORMALIZE_INLINE_EXPLAIN_VALUES", "30000"))
# How long a cheap explanation waits for a worker to free up before the serving process computes it itself: under
# 25 sessions at once workers free up every few tens of milliseconds, while a model fit may hold both for 30 s.
CHEAP_WAIT_SECONDS = float(os.environ.get("WHY_NORMALIZE_CHEAP_WAIT_SECONDS", "0.5"))


def data_values(scenario: Scenario) -> int:
    """Rows × (features + 1): what an explanation's cost grows with."""
    return scenario.sample_count * (len(scenario.feature_names) + 1)
