"""Start the app warm: do the slow work first, then hand over to Streamlit's own `streamlit run`.

    python -m deploy.serve streamlit_app.py --server.port 8501 [any streamlit run options]

Before the server listens (so `/_stcore/health` answers only once the app is warm), this process:
imports the engine, the pages' modules, Altair and SymPy; explains the default scenario into the
shared cache; builds the SymPy derivation for both loss conventions; fits the chat classifier and
answers one question; converts each kind of chart once, so Altair's classes are warm; and fills
inspect's table of module files, which Streamlit's first element reads. Then
Streamlit's CLI runs in this same process and finds all of that already in memory.
"""

from __future__ import annotations

import inspect
import sys
import time


def warm() -> float:
    """The first visitor's slow work, done now; returns the seconds it took."""
    start = time.perf_counter()
    from explainer import default_scenario
    from explainer.budget.workers import shared_pool
    from explainer.chat import answer
    from explainer.chat.understand import classifier
    from explainer.explanation.cache import cached_explain
    from explainer.explanation.charts import gradient_chart, loss_chart, ravine_side_chart, sweep_chart
    from explainer.explanation.theory import derive

    shared_pool().start()  # the heavy-work processes, warm before the first visitor
    explanation = cached_explain(default_scenario())
    derive(explanation.analysis)
    sse = cached_explain(default_scenario().with_changes(loss="sse"))
    derive(sse.analysis)
    classifier()
    answer("my features go from 0 to 1 and 1 to 1000, why normalize?")
    import ui.cache  # the pages' own modules, imported once here
    import ui.chat_view
    import ui.explore_inputs
    import ui.scenarios_view
    import ui.share  # noqa: F401
    from ui.render import _finished_spec

    figures = explanation.figures
    for chart in (loss_chart(figures.loss), gradient_chart(figures.gradients), sweep_chart(figures.sweep)):
        _finished_spec(chart)  # each chart kind's Altair classes, once
    for side in figures.ravine.sides:
        _finished_spec(ravine_side_chart(side))
    # On the first element any script draws, Streamlit checks once whether it runs in a REPL, with
    # inspect.stack(): that looks up the module of each frame's file by scanning every loaded module,
    # about 0.13 s with ours and half of a first visitor's script time (py-spy). inspect keeps that scan.
    inspect.stack()
    return time.perf_counter() - start


def main(argv: list[str] | None = None) -> None:
    arguments = list(sys.argv[1:] if argv is None else argv)
    seconds = warm()
    print(f"why-normalize: warm in {seconds:.1f} s; starting Streamlit", file=sys.stderr, flush=True)
    from streamlit.web.cli import main as streamlit_main

    sys.argv = ["streamlit", "run", *arguments]
    streamlit_main(prog_name="streamlit")


if __name__ == "__main__":
    main()
