"""The fuzz suite: bounded examples so the whole folder runs in CI in well under two minutes.

FUZZ_EXAMPLES=500 FUZZ_SEED=random pytest tests/fuzz   # a longer, fresh hunt (not for CI)
"""

from __future__ import annotations

import os
from datetime import timedelta

from hypothesis import HealthCheck, settings

# Each property runs at most this many examples; every single call must finish within the deadline
# (a generous budget: the point is to catch a hang or a runaway computation, not to time anything).
FUZZ = settings(
    max_examples=int(os.environ.get("FUZZ_EXAMPLES", "40")),
    deadline=timedelta(seconds=20),
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.filter_too_much],
    derandomize=os.environ.get("FUZZ_SEED") != "random",
    database=None,
)
