"""benchmarks/floor_app.py, unchanged, served as the page /Explore of a multipage app."""

import runpy
from pathlib import Path

runpy.run_path(str(Path(__file__).resolve().parents[2] / "floor_app.py"))
