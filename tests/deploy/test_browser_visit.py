"""A visit as a browser makes it, over Streamlit's protocol (deploy/protocol.py, what benchmarks/load.py sends):
Explore's first run has only the numbers, and each paint report brings the rest, with the same numbers; the last
reruns only the step-by-step fragment, so the navigation, numbers and inputs are not drawn a third time."""

from __future__ import annotations

import pytest

from deploy.hostile import run_apart
from deploy.local import Cluster
from deploy.protocol import Session
from explainer import Scenario, explain
from explainer.text.formatting import number

pytestmark = pytest.mark.server
QUERY = "f=a,0,1&f=b,1,3000"


def test_a_browser_like_visit_gets_the_numbers_first_then_the_inputs_then_only_the_charts():
    async def visit() -> list:
        async with Session(cluster.url, as_browser=True) as tab:
            first = await tab.run("Explore", QUERY)
            return [first, *await tab.report_paints("Explore", QUERY)]

    with Cluster() as cluster:
        runs = run_apart(visit())
    kinds = [{kind for kind, _ in run.elements} for run in runs]
    assert [run.problem for run in runs] == [None, None, None]
    assert "metric" in kinds[0] and not kinds[0] & {"dataframe", "text_input", "vega_lite_chart"}
    assert {"dataframe", "text_input"} <= kinds[1] and "vega_lite_chart" not in kinds[1]
    assert "vega_lite_chart" in kinds[2] and not kinds[2] & {"metric", "dataframe", "text_input", "page_link"}
    kappa = number(explain(Scenario.from_ranges({"a": (0, 1), "b": (1, 3000)})).raw.condition_number)
    assert kappa in runs[0].texts("metric") and runs[0].texts("metric") == runs[1].texts("metric")
