"""The app as a remote MCP server (`/_stcore/agent/mcp`), through the official `mcp` Python SDK."""

from __future__ import annotations

import asyncio
import json
from concurrent.futures import ThreadPoolExecutor

import mcp  # the official SDK, from the test extra
import pytest
from mcp.client.streamable_http import streamable_http_client

from explainer import explain, scenario_from_params
from tests.support.agent_api import metric, metric_value

LEARNER = {"f": ["a,0,1,uniform", "b,1,1000,uniform"]}


async def list_tools_and_open_explore(url: str):
    async with streamable_http_client(url) as (read, write), mcp.ClientSession(read, write) as session:
        await session.initialize()
        tools = await session.list_tools()
        result = await session.call_tool("interact", {"page": "Explore", "query_params": LEARNER})
        return tools, result


def test_an_mcp_client_lists_the_tools_and_reads_kappa_through_interact(agent_server):
    # A thread of its own: the browser tests' Playwright may hold this thread's event loop open.
    with ThreadPoolExecutor(max_workers=1) as pool:
        tools, result = pool.submit(
            asyncio.run, list_tools_and_open_explore(f"{agent_server}/_stcore/agent/mcp")
        ).result()

    assert {tool.name for tool in tools.tools} == {"interact", "get_data"}
    assert not result.is_error
    snapshot = json.loads(result.content[0].text)  # the interact route's response, as the tool's text
    assert snapshot["page"]["url_path"] == "Explore"
    kappa, precision = metric_value(metric(snapshot, r"Condition number κ \(raw\)"))
    assert kappa == pytest.approx(explain(scenario_from_params(LEARNER).scenario).raw.condition_number, rel=precision)
