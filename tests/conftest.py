"""Shared test settings: the repository root, and a Hypothesis profile without wall-clock deadlines."""

from __future__ import annotations

from pathlib import Path

from hypothesis import settings

ROOT = Path(__file__).resolve().parent.parent

# Timing belongs in benchmarks/, not in assertions that flake on a busy two-core machine.
settings.register_profile("default", deadline=None)
settings.load_profile("default")
