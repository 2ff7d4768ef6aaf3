"""Page tests run the real app through streamlit.testing.v1.AppTest (tests/support/pages.py), each cold."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import streamlit as st


@pytest.fixture(autouse=True)
def fresh_cache() -> Iterator[None]:
    """st.cache_data is shared by every AppTest in the process: start each test cold."""
    st.cache_data.clear()
    yield
    st.cache_data.clear()
