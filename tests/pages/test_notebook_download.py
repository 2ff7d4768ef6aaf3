"""Explore and a lesson step on Scenarios offer the scenario as a notebook (issue 20)."""

from __future__ import annotations

import json

from explainer import explain
from explainer.lessons.gallery import load_gallery
from explainer.lessons.notebook import lesson_step_files, scenario_files, scenario_share_link
from explainer.scenario.spec import default_scenario
from tests.support.pages import open_page


def download_buttons(app) -> list:
    return [element for element in app.get("download_button") if element.proto.label == "Download notebook"]


def test_explore_offers_the_notebook_without_building_it():
    app = open_page("pages/1_Explore.py")
    assert not app.exception
    (button,) = download_buttons(app)
    assert button.proto.deferred_file_id or not button.proto.url  # built on click, not on every render


def test_a_lesson_step_offers_its_own_notebook():
    app = open_page("pages/3_Scenarios.py", {"lesson": "why-normalize", "step": "2"})
    assert not app.exception
    assert len(download_buttons(app)) == 1


def test_what_the_buttons_download_is_a_notebook_with_the_share_link():
    scenario = default_scenario()
    link = scenario_share_link(scenario, "https://normalize.example.org")
    files = scenario_files(scenario, link, explain(scenario))
    document = json.loads(files.notebook_bytes())
    assert document["metadata"]["kernelspec"]["name"] == "python3"
    assert link.replace("(", "%28").replace(")", "%29") in "".join(document["cells"][0]["source"])
    lesson = load_gallery("why-normalize")
    step = lesson_step_files(lesson, 2, "https://normalize.example.org/Scenarios?lesson=why-normalize&step=2")
    sources = ["".join(cell.source) for cell in step.notebook.cells if cell.cell_type == "markdown"]
    assert f"## Step 2 of {len(lesson.steps)}" in sources[0] and lesson.step(2).title in sources[0]
