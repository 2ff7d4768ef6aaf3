"""What every hostile request must leave intact: the neighbour's rerun and health within a second, no traceback."""

from __future__ import annotations

from deploy.hostile import Measurement
from explainer.budget.limits import EXPLAIN_SECONDS, LESSON_SECONDS, MODEL_FIT_SECONDS

NEIGHBOUR_BUDGET = 1.0  # seconds: a classmate's rerun while the hostile request runs
HEALTH_BUDGET = 1.0  # seconds: a load balancer's health check meanwhile
# seconds: the hostile visitor's answer, or the message that it is beyond budget: the largest time budget
# of the work a request may start, plus the page around it (a kill lands within 0.2 s of the budget)
HOSTILE_BUDGET = max(MODEL_FIT_SECONDS, EXPLAIN_SECONDS, LESSON_SECONDS) + 10.0
HOSTILE_WAIT = HOSTILE_BUDGET + 20.0  # seconds: past this the request counts as a hang, and the measurement stops


def assert_within_budget(measured: Measurement) -> None:
    """The neighbour and health answered in time, and the hostile visitor got a page without a traceback."""
    figures = measured.summary()
    assert measured.hostile_error is None, figures
    assert measured.hostile_seconds <= HOSTILE_BUDGET, f"{figures}; over the {HOSTILE_BUDGET:.0f} s budget"
    run = measured.hostile_run
    assert run is not None and run.ok, f"{figures}; the hostile page showed {run and run.problem}"
    assert not any("Traceback" in text for text in run.texts()), figures
    if measured.hostile.is_chat:
        assert ("chat_message", "assistant") in run.elements, f"{figures}; no answer in the chat"
    assert not measured.neighbour_problems, f"{figures}; neighbour: {measured.neighbour_problems}"
    assert measured.worst_neighbour <= NEIGHBOUR_BUDGET, figures
    assert measured.health_seconds and measured.worst_health <= HEALTH_BUDGET, figures
