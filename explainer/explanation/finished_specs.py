"""An explanation's charts as the finished Vega-Lite specs a page sends, buildable without Streamlit.

A page's charts cost the serving process about a quarter of an Explore rerun (tables to Arrow bytes, the specs
assembled), and that process is one core for every session. While it serves other requests, an idle worker
process builds the specs instead (cache.py's `chart_specs_in_worker`) and the serving process only copies
them out; the page builds them itself, the same way, when no worker is free.

Each spec is kept under what it draws (`content_key`): a learning-rate edit leaves the gradient and sweep
figures unchanged, so their specs are found again, and the page looks a spec up the same way whoever built it.
"""

from __future__ import annotations

import dataclasses
import hashlib
import textwrap
import weakref
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from explainer.explanation.explain import Figures
    from explainer.explanation.figures import RavineFigure

SUBTITLE_CHARACTERS = 58  # a subtitle line that fits a phone-width chart; Vega cuts longer lines with "…"
# Stretch to the column's width but keep the chart's own height for the plot: Streamlit's default ("fit")
# squeezes the plot into the height left over after titles and legends.
AUTOSIZE = {"type": "fit-x", "contains": "padding"}

Dataset = Callable[[Any, dict], dict]  # (a table, the spec's datasets) → the reference the spec carries


def content_key(kind: str, figure: object) -> str:
    """A chart's cache key from what it draws ("loss", "gradients", "sweep", or "ravine" for one side).

    Hashed value by value, not from its pickle: a figure that travelled from a worker pickles to other bytes
    (an array's memory layout, shared references) while it draws the same chart. Each figure object is hashed
    once: a page asks for its key on every rerun, and hashing it took about a tenth of a rerun (py-spy)."""
    known = _KEYS_BY_FIGURE.get((kind, id(figure)))
    if known is not None and known[0]() is figure:
        return known[1]
    digest = hashlib.sha256(kind.encode())
    _feed(digest, figure)
    key = f"{kind} {digest.hexdigest()}"
    _remember_key(kind, figure, key)
    return key


# (kind, id of a figure) → (a weak reference to it, its key). Figures are immutable, so a key stays right for
# the figure's life; an entry goes when its figure does, so this holds only the keys of figures some cache
# (or page) still holds: a few hundred bytes each.
_KEYS_BY_FIGURE: dict[tuple[str, int], tuple[weakref.ref, str]] = {}


def _remember_key(kind: str, figure: object, key: str) -> None:
    slot = (kind, id(figure))
    try:
        reference = weakref.ref(figure, lambda gone, slot=slot: _forget_key(slot, gone))
    except TypeError:
        return  # not weakly referable (a plain tuple): hashed again next time
    _KEYS_BY_FIGURE[slot] = (reference, key)


def _forget_key(slot: tuple[str, int], gone: weakref.ref) -> None:
    entry = _KEYS_BY_FIGURE.get(slot)
    if entry is not None and entry[0] is gone:  # not a newer figure that took the same id
        _KEYS_BY_FIGURE.pop(slot, None)


def _feed(digest: Any, value: object) -> None:
    import numpy as np

    if isinstance(value, np.ndarray):
        digest.update(f"array {value.dtype.str} {value.shape}".encode())
        digest.update(np.ascontiguousarray(value).tobytes())
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        digest.update(type(value).__qualname__.encode())
        for item in dataclasses.fields(value):
            _feed(digest, getattr(value, item.name))
    elif isinstance(value, (tuple, list)):
        digest.update(f"{type(value).__name__} {len(value)}".encode())
        for item in value:
            _feed(digest, item)
    elif isinstance(value, dict):
        digest.update(f"dict {len(value)}".encode())
        for key in sorted(value, key=repr):
            _feed(digest, key)
            _feed(digest, value[key])
    else:
        digest.update(f"{type(value).__name__} {value!r};".encode())


def arrow_dataset(frame: Any, datasets: dict) -> dict:
    """A table as Arrow IPC bytes under a name hashed from them, as Streamlit's chart data transformer stores it
    (pyarrow's conversion of the pandas table, BLAKE2b with a 16-byte digest): the same bytes, the same name."""
    import pyarrow as pa

    table = pa.Table.from_pandas(frame)
    sink = pa.BufferOutputStream()
    with pa.RecordBatchStreamWriter(sink, table.schema) as writer:
        writer.write_table(table)
    data = sink.getvalue().to_pybytes()
    name = hashlib.blake2b(data, digest_size=16).hexdigest()
    datasets[name] = data
    return {"name": name}


def finished_spec(direct: Callable[[Callable], dict], dataset: Dataset = arrow_dataset) -> dict:
    """The spec `direct` (charts.py's `*_spec`) describes, as a page draws it: its tables as Arrow bytes,
    as wide as its column, its subtitle wrapped to lines a phone-width chart shows whole."""
    datasets: dict[str, object] = {}
    spec = direct(lambda frame: dataset(frame, datasets))
    spec["autosize"] = dict(AUTOSIZE)
    subtitle = spec["title"].get("subtitle")
    if isinstance(subtitle, (str, list)):
        lines = [subtitle] if isinstance(subtitle, str) else subtitle
        spec["title"]["subtitle"] = [piece for line in lines for piece in textwrap.wrap(line, SUBTITLE_CHARACTERS)]
    spec["datasets"] = datasets
    return spec


def direct_specs() -> dict[str, Callable]:
    """The figures drawn as one chart each, by name: charts.py's spec builders (Altair imported here, where used)."""
    from explainer.explanation.charts import gradient_spec, loss_spec, sweep_spec

    return {"loss": loss_spec, "gradients": gradient_spec, "sweep": sweep_spec}


def specs_of(pieces: tuple[tuple[str, object], ...]) -> dict[str, dict]:
    """Finished specs by `content_key` of each (kind, figure): "ravine" with one side, or "loss", "gradients",
    "sweep" with its figure. The job a worker runs for a busy server (cache.py's `chart_specs_in_worker`)."""
    from explainer.explanation.charts import ravine_side_spec

    builders = {"ravine": ravine_side_spec, **direct_specs()}
    return {
        content_key(kind, figure): finished_spec(
            lambda dataset, build=builders[kind], figure=figure: build(figure, dataset)
        )
        for kind, figure in pieces
    }


def figure_pieces(figures: Figures, ravine: RavineFigure | None = None) -> tuple[tuple[str, object], ...]:
    """Every chart of an explanation's figures as (kind, figure): both ravine panels (of `ravine` when a page
    draws another pair of parameters), the loss curves, the gradient sizes and the learning-rate sweep."""
    sides = tuple(("ravine", side) for side in (ravine or figures.ravine).sides)
    return sides + tuple((kind, getattr(figures, kind)) for kind in direct_specs())
