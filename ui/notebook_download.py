"""The *Download notebook* button: the scenario as a Jupyter notebook, built only when clicked.

Streamlit calls the data callable on its own thread when the button is pressed (a deferred download),
so drawing the page costs nothing; the callable uses only the values captured here, never `st`.
A table too large to embed in the notebook comes as a .zip: the notebook and the CSV it reads.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable
from typing import TYPE_CHECKING

import streamlit as st

from explainer.text import patterns

if TYPE_CHECKING:
    from explainer.lessons.notebook import NotebookFiles

LABEL = "Download notebook"
HELP = (
    "This scenario as a Jupyter notebook (Jupyter, VS Code or Colab) that reproduces these numbers in plain NumPy"
    " and scikit-learn: the data, the Hessian, κ, the largest stable step, gradient descent raw beside normalized,"
    " the plots and the Pipeline. It needs numpy, pandas, scikit-learn and matplotlib, not this app."
)
_UNSAFE_NAME = patterns.compile(r"[^A-Za-z0-9._-]+")


def notebook_button(stem: str, key: str, large_table: bool, make: Callable[[str | None], NotebookFiles]) -> None:
    """A download button for `make(csv_stem)`'s notebook, named after `stem`; a .zip when a large table
    must travel beside it (`make` gets the CSV's stem then, else None and embeds any table)."""
    stem = _UNSAFE_NAME.sub("-", stem).strip("-")[:60] or "scenario"
    zipped = large_table
    st.download_button(
        LABEL,
        data=_builder(stem, zipped, make),
        file_name=f"{stem}.zip" if zipped else f"{stem}.ipynb",
        mime="application/zip" if zipped else "application/x-ipynb+json",
        key=key,
        icon=":material/description:",
        help=HELP,
        on_click="ignore",
    )


def _builder(stem: str, zipped: bool, make: Callable[[str | None], NotebookFiles]) -> Callable[[], bytes]:
    def build() -> bytes:
        files = make(stem if zipped else None)
        if not zipped:
            return files.notebook_bytes()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr(f"{stem}.ipynb", files.notebook_bytes())
            for name, text in files.tables.items():
                archive.writestr(name, text)
        return buffer.getvalue()

    return build
