"""The model and the dataset in a share link: `model=knn&dataset=wine`, options only when not the default.

Read tolerantly, like the rest of a link: a value that cannot be used is dropped with a warning
naming the parameter. A bundled dataset travels by name; its values are loaded here.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from explainer.scenario.model_choice import (
    ACTIVATIONS,
    BUNDLED_DATASETS,
    MAX_ITERATION_CAP,
    MAX_PCA_COMPONENTS,
    MODELS,
    SOLVERS,
    TREE_KINDS,
    ModelSettings,
    max_iterations,
)

MODEL_KEYS = ("model", "dataset", "solver", "act", "trees", "maxiter", "pca")
_CHOICES = {"solver": ("solver", SOLVERS), "act": ("activation", ACTIVATIONS), "trees": ("tree_kind", TREE_KINDS)}
_INTEGERS = {"maxiter": ("max_iter", 1, MAX_ITERATION_CAP), "pca": ("pca_components", 1, MAX_PCA_COMPONENTS)}


def model_to_params(model: ModelSettings, dataset: str) -> dict[str, str]:
    """Only what differs from the defaults, in a fixed order."""
    default = ModelSettings()
    params: dict[str, str] = {}
    if dataset:
        params["dataset"] = dataset
    if model.name != default.name:
        params["model"] = model.name
    for key, (field_name, _) in _CHOICES.items():
        if getattr(model, field_name) != getattr(default, field_name):
            params[key] = str(getattr(model, field_name))
    for key, (field_name, _, _) in _INTEGERS.items():
        value = getattr(model, field_name)
        if value and value != getattr(default, field_name):
            params[key] = str(value)
    return params


def model_from_params(single: Mapping[str, str], base: ModelSettings, warnings: list[str]) -> dict[str, Any]:
    """Scenario changes for the link's model keys: `model` always, `dataset`/`data`/`features` with a dataset."""
    values: dict[str, Any] = dict(base.__dict__)
    if "model" in single:
        if single["model"] in MODELS:
            values["name"] = single["model"]
        else:
            warnings.append(f"model: ignored {single['model'][:40]!r}, expected one of {', '.join(MODELS)}")
    for key, (field_name, choices) in _CHOICES.items():
        if key in single:
            if single[key] in choices:
                values[field_name] = single[key]
            else:
                warnings.append(f"{key}: ignored {single[key][:40]!r}, expected one of {', '.join(choices)}")
    for key, (field_name, low, high) in _INTEGERS.items():
        if key in single:
            text = single[key].strip()
            bound = max_iterations(values["name"]) if key == "maxiter" else high
            if text.isdecimal() and len(text) < 7 and bound < int(text) <= high:
                values[field_name] = bound  # a cost knob above this model's bound: clamped, and said
                warnings.append(f"{key}: {int(text)} is above {values['name']}'s bound of {bound}; using {bound}")
            elif text.isdecimal() and len(text) < 7 and low <= int(text) <= high:
                values[field_name] = int(text)
            else:
                warnings.append(f"{key}: ignored {single[key][:40]!r}, expected a whole number from {low} to {high}")
    changes: dict[str, Any] = {"model": ModelSettings(**values)}
    if "dataset" in single:
        name = single["dataset"]
        if name in BUNDLED_DATASETS:
            from explainer.formats.datasets import bundled_dataset

            changes.update(dataset=name, data=bundled_dataset(name), features=())
        elif name:
            warnings.append(f"dataset: ignored {name[:40]!r}, expected one of {', '.join(BUNDLED_DATASETS)}")
    return changes


MODEL_FILE_KEYS = ("name", "solver", "activation", "tree_kind", "max_iter", "pca_components")


def model_to_plain(model: ModelSettings) -> dict[str, Any]:
    """The model as a TOML/JSON table: its name and the options that differ from the defaults."""
    default = ModelSettings()
    return {"name": model.name} | {
        key: getattr(model, key)
        for key in MODEL_FILE_KEYS[1:]
        if getattr(model, key) != getattr(default, key) and getattr(model, key) is not None
    }


def model_from_plain(raw: Any) -> tuple[ModelSettings, list[tuple[str, str]]]:
    """`model = "knn"` or `model = { name = "mlp", activation = "relu" }`; problems with their key paths."""
    if isinstance(raw, str):
        raw = {"name": raw}
    if not isinstance(raw, dict):
        return ModelSettings(), [("model", f"must be a model name or a table (got {raw!r})")]
    problems = [
        (f"model.{key}", f"unknown key (expected one of: {', '.join(MODEL_FILE_KEYS)})")
        for key in raw
        if key not in MODEL_FILE_KEYS
    ]
    values = {key: raw[key] for key in MODEL_FILE_KEYS if key in raw}
    return ModelSettings(**values), problems  # the Scenario validates the values themselves
