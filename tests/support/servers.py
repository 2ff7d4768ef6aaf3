"""The app started as the README says, `streamlit run streamlit_app.py`, for tests that need a real server."""

from __future__ import annotations

from deploy.local import Cluster


def streamlit_run(*extra_args: str) -> Cluster:
    """One `streamlit run` on a free loopback port with more Streamlit options; use it as `with … as server:`.

    Plain `streamlit run` rather than the warm launcher: its first request is a learner's first visit.
    """
    return Cluster(replicas=1, launcher=False, extra_args=extra_args)
