"""Scenario and lesson files: TOML read with the standard library, every problem reported at once.

A file holds one scenario (the keys of `explainer.formats.schema`, plus a `description`) or a lesson
(`title`, `description`, and `[[steps]]`, each with a full `scenario` table or the `changes`
to the previous step's). Problems are reported as `file: key.path: reason`, all of them.
Data can be inline (`data = { columns = {...}, target = "y" }`) or a CSV file next to the
TOML file (`data = { csv = "houses.csv", target = "price" }`); a CSV path may not leave the
TOML file's folder.
"""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import tomli_w

from explainer.budget import limits
from explainer.budget.workers import BudgetExceededError, shared_pool
from explainer.explanation.explain import FIGURE_KEYS
from explainer.formats.files import UnreadableFileError, read_bounded
from explainer.formats.schema import scenario_from_dict, scenario_to_dict
from explainer.formats.table import read_csv_file
from explainer.lessons.lesson import DEFAULT_FIGURES, Lesson, LessonStep, unknown_figures
from explainer.scenario.spec import Scenario, ScenarioError
from explainer.text.echo import key_text, printable, shown

MAX_FILE_BYTES = 5_000_000  # inline data larger than this belongs in a CSV next to the file
MAX_LESSON_STEPS = 50
MAX_QUESTIONS = 10
MAX_QUESTION_LENGTH = 500
MAX_TEXT_LENGTH = 20_000  # a description or narrative
LESSON_KEYS = ("title", "description", "steps")
STEP_KEYS = ("title", "scenario", "changes", "narrative", "questions", "figures")


class ScenarioFileError(ScenarioError):
    """A file's problems, each (key path, reason); printed as one `file: path: reason` per problem."""

    def __init__(self, source: str, problems: Iterable[tuple[str, str]]):
        super().__init__(problems)
        self.source = source
        self.args = ("; ".join(self.lines()),)

    def __reduce__(self) -> Any:
        return (type(self), (self.source, self.problems))

    def lines(self) -> list[str]:
        return [
            f"{self.source}: {path}: {reason}" if path else f"{self.source}: {reason}" for path, reason in self.problems
        ]


def load(path: str | Path) -> Scenario | Lesson:
    """A scenario file gives its Scenario, a lesson file its Lesson."""
    lesson = load_lesson(path)
    return lesson.scenario if lesson.kind == "scenario" else lesson


def load_scenario(path: str | Path) -> Scenario:
    """The scenario in a scenario file (a lesson file is refused: pick a step with load_lesson)."""
    lesson = load_lesson(path)
    if lesson.kind != "scenario":
        raise ScenarioFileError(
            Path(path).name, [("steps", f"this is a lesson of {len(lesson.steps)} steps, not a single scenario")]
        )
    return lesson.scenario


def load_lesson(path: str | Path) -> Lesson:
    """Any file as a Lesson (a scenario file becomes a one-step lesson of kind "scenario")."""
    file = Path(path)
    name = printable(file.name or str(file))
    try:  # only a regular file, read up to the bound: a device, FIFO or unreadable file is one line
        data = read_bounded(file, MAX_FILE_BYTES)
    except UnreadableFileError as problem:
        raise ScenarioFileError(name, [("", problem.reason)]) from None
    return parse(data, source=name, folder=file.parent, lesson_id=file.stem)


def validate_file(path: str | Path) -> list[str]:
    """Every problem in the file as `file: path: reason` lines; empty when the file is valid."""
    try:
        load_lesson(path)
    except ScenarioFileError as error:
        return error.lines()
    return []


def parse(text: str | bytes, source: str = "scenario.toml", folder: Path | None = None, lesson_id: str = "") -> Lesson:
    """Read TOML text. `folder` is where a `data.csv` path is looked up; None (an upload) refuses CSV paths."""
    if isinstance(text, bytes):
        if len(text) > MAX_FILE_BYTES:
            raise ScenarioFileError(source, [("", f"larger than {MAX_FILE_BYTES // 1_000_000} MB")])
        try:
            text = text.decode("utf-8-sig")
        except UnicodeDecodeError:
            raise ScenarioFileError(source, [("", "is not UTF-8 text (is it a TOML file?)")]) from None
    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ScenarioFileError(source, [("", f"is not valid TOML: {error}")]) from None
    except RecursionError:  # tomllib recurses once per nested array or table
        raise ScenarioFileError(source, [("", "is nested too deeply (arrays or tables inside each other)")]) from None
    reader = _Reader(folder)
    lesson = reader.lesson(raw, lesson_id) if "steps" in raw else reader.scenario_file(raw, lesson_id)
    if reader.problems or lesson is None:
        raise ScenarioFileError(source, reader.problems)
    return lesson


class _Reader:
    """Builds a Lesson from parsed TOML, collecting (key path, reason) problems instead of stopping."""

    def __init__(self, folder: Path | None) -> None:
        self.folder = folder
        self.problems: list[tuple[str, str]] = []

    def add(self, path: str, reason: str) -> None:
        self.problems.append((path, reason))

    def add_all(self, prefix: str, error: ScenarioError) -> None:
        for path, reason in error.prefixed(prefix).problems if prefix else error.problems:
            if reason.startswith("unknown key") and "expected one of: " in reason:
                allowed = reason.split("expected one of: ", 1)[1].rstrip(")").split(", ")
                key = path.rsplit(".", 1)[-1]
                reason = _with_suggestion(key, reason, [*allowed, "description"] if "." not in path else allowed)
            self.problems.append((path, reason))

    def text(self, raw: dict[str, Any], key: str, path: str, required: bool = False, limit: int = 200) -> str:
        value = raw.get(key)
        if value is None:
            if required:
                self.add(path, "is required")
            return ""
        if not isinstance(value, str):
            self.add(path, f"must be text (got {value!r})")
            return ""
        if required and not value.strip():
            self.add(path, "must not be empty")
        if len(value) > limit:
            self.add(path, f"must be at most {limit:,} characters (got {len(value):,})")
            return value[:limit]
        return value

    def figures(self, text: str, path: str) -> None:
        for name in unknown_figures(text):
            self.add(path, f"unknown figure {{{name}}} (see docs/scenarios.md for the figures a text can quote)")

    def scenario_file(self, raw: dict[str, Any], lesson_id: str) -> Lesson | None:
        fields = dict(raw)
        description = self.text(fields, "description", "description", limit=MAX_TEXT_LENGTH)
        fields.pop("description", None)
        self.figures(description, "description")
        scenario = self.scenario(fields, "", None)
        if scenario is None:
            return None
        title = scenario.title or lesson_id
        return Lesson(title, (LessonStep(title, scenario, description),), description, "scenario", lesson_id)

    def lesson(self, raw: dict[str, Any], lesson_id: str) -> Lesson | None:
        for key in raw:
            if key not in LESSON_KEYS:
                reason = f"unknown key in a lesson (expected one of: {', '.join(LESSON_KEYS)})"
                self.add(key_text(key), _with_suggestion(key, reason, LESSON_KEYS))
        title = self.text(raw, "title", "title", required=True)
        description = self.text(raw, "description", "description", limit=MAX_TEXT_LENGTH)
        self.figures(description, "description")
        steps_raw = raw["steps"]
        if not isinstance(steps_raw, list) or not steps_raw:
            self.add("steps", "must be a list of steps ([[steps]] tables), at least one")
            return None
        if len(steps_raw) > MAX_LESSON_STEPS:
            self.add("steps", f"at most {MAX_LESSON_STEPS} steps (got {len(steps_raw)})")
            steps_raw = steps_raw[:MAX_LESSON_STEPS]
        steps: list[LessonStep] = []
        previous: Scenario | None = None
        for index, item in enumerate(steps_raw):
            step = self.step(item, f"steps[{index}]", previous, first=index == 0)
            if step is not None:
                steps.append(step)
                previous = step.scenario
        if len(steps) != len(steps_raw):
            return None
        return Lesson(title, tuple(steps), description, "lesson", lesson_id)

    def step(self, raw: Any, path: str, previous: Scenario | None, first: bool) -> LessonStep | None:
        if not isinstance(raw, dict):
            self.add(path, "must be a table with title, narrative and scenario (or changes)")
            return None
        for key in raw:
            if key not in STEP_KEYS:
                reason = f"unknown key in a step (expected one of: {', '.join(STEP_KEYS)})"
                self.add(f"{path}.{key_text(key)}", _with_suggestion(key, reason, STEP_KEYS))
        title = self.text(raw, "title", f"{path}.title", required=True)
        narrative = self.text(raw, "narrative", f"{path}.narrative", limit=MAX_TEXT_LENGTH)
        self.figures(narrative, f"{path}.narrative")
        questions = self.questions(raw.get("questions", []), f"{path}.questions")
        figures = self.figure_keys(raw.get("figures", list(DEFAULT_FIGURES)), f"{path}.figures")
        has_scenario, has_changes = "scenario" in raw, "changes" in raw
        if has_scenario and has_changes:
            self.add(path, "give either scenario (a full scenario) or changes (to the previous step's), not both")
            return None
        if not has_scenario and not has_changes:
            self.add(path, "needs a scenario table, or a changes table to the previous step's scenario")
            return None
        if has_changes and first:
            self.add(f"{path}.changes", "the first step has no previous step to change: give a full scenario")
            return None
        key = "scenario" if has_scenario else "changes"
        table = raw[key]
        if not isinstance(table, dict):
            self.add(f"{path}.{key}", f"must be a table of scenario keys (got {type(table).__name__})")
            return None
        base = None if has_scenario else previous
        if base is None and has_changes:  # the previous step was invalid: its problems are already listed
            return None
        if base is not None and "title" not in table:
            base = base.with_changes(title="")
        scenario = self.scenario(table, f"{path}.{key}", base)
        if scenario is None:
            return None
        if not scenario.title and title:
            scenario = scenario.with_changes(title=title[:200])
        return LessonStep(title, scenario, narrative, questions, figures)

    def figure_keys(self, raw: Any, path: str) -> tuple[str, ...]:
        allowed = ", ".join(FIGURE_KEYS)
        if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
            self.add(path, f"must be a list of figure names ({allowed})")
            return DEFAULT_FIGURES
        for index, item in enumerate(raw):
            if item not in FIGURE_KEYS:
                self.add(f"{path}[{index}]", f"unknown figure {item!r} (expected one of: {allowed})")
        return tuple(dict.fromkeys(item for item in raw if item in FIGURE_KEYS))

    def questions(self, raw: Any, path: str) -> tuple[str, ...]:
        if not isinstance(raw, list) or not all(isinstance(item, str) for item in raw):
            self.add(path, "must be a list of questions (text)")
            return ()
        if len(raw) > MAX_QUESTIONS:
            self.add(path, f"at most {MAX_QUESTIONS} questions (got {len(raw)})")
        for index, question in enumerate(raw):
            if not question.strip() or len(question) > MAX_QUESTION_LENGTH:
                self.add(f"{path}[{index}]", f"must be a question of 1 to {MAX_QUESTION_LENGTH} characters")
        return tuple(question.strip() for question in raw[:MAX_QUESTIONS])

    def scenario(self, raw: dict[str, Any], prefix: str, base: Scenario | None) -> Scenario | None:
        fields = dict(raw)
        data_path = f"{prefix}.data" if prefix else "data"
        if isinstance(fields.get("data"), dict) and "csv" in fields["data"]:
            data = self.csv_data(fields["data"], data_path)
            if data is None:  # still check every other key, so the file lists all its problems at once
                fields["data"] = _STAND_IN_DATA
                try:
                    scenario_from_dict(fields, base=base)
                except ScenarioError as error:
                    others = [(p, r) for p, r in error.problems if p != "data" and not p.startswith("data.")]
                    self.add_all(prefix, ScenarioError(others))
                return None
            fields["data"] = data
        try:
            return scenario_from_dict(fields, base=base)
        except ScenarioError as error:
            self.add_all(prefix, error)
            return None

    def csv_data(self, raw: dict[str, Any], path: str) -> dict[str, Any] | None:
        """`data = { csv = "file.csv", target = "column" }` as inline columns, the path kept inside the folder."""
        usable = True
        for key in raw:
            if key not in ("csv", "target"):
                hint = "give either csv or columns, not both" if key == "columns" else "expected csv and target"
                self.add(f"{path}.{key_text(key)}", f"unknown key next to csv ({hint})")
                usable = False
        name, target = raw.get("csv"), raw.get("target")
        if not isinstance(name, str) or not name.strip() or not name.isprintable():
            self.add(f"{path}.csv", f"must be the name of a CSV file next to this file (got {shown(name)})")
            return None
        if target is not None and not isinstance(target, str):
            self.add(f"{path}.target", f"must be a column name (got {shown(target)})")
            return None
        if self.folder is None:
            self.add(f"{path}.csv", "an uploaded file cannot refer to other files: write the data inline with columns")
            return None
        folder = self.folder.resolve()
        candidate = (folder / name).resolve()
        if Path(name).is_absolute() or not candidate.is_relative_to(folder):
            self.add(f"{path}.csv", f"must be a file in this file's folder or below it (got {shown(name)})")
            return None
        try:
            table = read_csv_file(candidate, target, field=f"{path}.csv")
        except ScenarioError as error:
            self.problems.extend((f"{path}.target" if p == "target" else p, reason) for p, reason in error.problems)
            return None
        if not usable:
            return None
        columns = {column: list(values) for column, values in zip(table.feature_names, table.columns)}
        columns[table.target_name] = list(table.target)
        return {"columns": columns, "target": table.target_name}


def _with_suggestion(key: str, reason: str, allowed: Iterable[str]) -> str:
    """`learnin_rate` → "… did you mean learning_rate?"."""
    close = difflib.get_close_matches(key, list(allowed), n=1, cutoff=0.75)
    return f"{reason}; did you mean {close[0]}?" if close else reason


_STAND_IN_DATA = {"columns": {"x": [0.0, 1.0, 2.0, 3.0], "y": [0.0, 1.0, 2.0, 3.0]}, "target": "y"}


# --- writing --------------------------------------------------------------------------------


def scenario_to_toml(scenario: Scenario, description: str = "") -> str:
    """A scenario file for `scenario`: only the keys that differ from the defaults, so it reads like a note."""
    values = scenario_to_dict(scenario)
    defaults = scenario_to_dict(Scenario(features=scenario.features, data=scenario.data, dataset=scenario.dataset))
    document: dict[str, Any] = {}
    if scenario.title:
        document["title"] = scenario.title
    if description:
        document["description"] = description
    for key, value in values.items():
        if key in ("title", "features", "data", "optimizer") or value is None:
            continue
        if value != defaults.get(key) or key in ("normalization", "learning_rate", "dataset"):
            document[key] = value
    optimizer, default_optimizer = values["optimizer"], defaults["optimizer"]
    changed = {k: v for k, v in optimizer.items() if k != "name" and v != default_optimizer[k]}
    document["optimizer"] = {"name": optimizer["name"], **changed}
    if scenario.dataset:
        pass  # `dataset = "wine"` above names scikit-learn's bundled copy
    elif scenario.data is not None:
        document["data"] = {"target": scenario.data.target_name, "columns": values["data"]["columns"]}
    else:
        document["features"] = values["features"]
    header = "# A scenario for `explainer run` and the app's Scenarios page (schema: docs/scenarios.md)\n"
    return header + tomli_w.dumps(document)


def parse_within_budget(data: bytes, source: str, folder: Path | None, lesson_id: str) -> Any:
    """`parse(...)` of an uploaded file in a worker, within limits.LESSON_SECONDS."""

    def message(budget: float) -> BudgetExceededError:
        return BudgetExceededError(
            "",
            f"Reading {source} ({len(data) / 1e6:.1f} MB) stopped after its {budget:g} s budget; a lesson with fewer"
            " steps or a smaller table reads faster",
        )

    try:
        return shared_pool().run(parse, (data, source, folder, lesson_id), limits.LESSON_SECONDS, message)
    except BudgetExceededError as error:
        raise ScenarioFileError(source, error.problems) from None
