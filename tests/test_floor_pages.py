"""The page floor benchmarks/first_visit.py measures a shared link against: the floor page, served at /Explore."""

from pathlib import Path

from streamlit.testing.v1 import AppTest

FLOOR_PAGES = Path(__file__).resolve().parent.parent / "benchmarks" / "floor_pages"


def test_the_page_floor_shows_the_floor_pages_two_metrics_at_explore():
    app = AppTest.from_file(str(FLOOR_PAGES / "floor_home.py"))
    app.run()
    assert [title.value for title in app.title] == ["Floor"] and len(app.metric) == 0
    app.switch_page("pages/1_Explore.py").run()
    assert not app.exception
    assert [(metric.label, metric.value) for metric in app.metric] == [
        ("Condition number", "5.04 × 10⁶"),
        ("Largest stable rate", "3.1 × 10⁻⁶"),
    ]
