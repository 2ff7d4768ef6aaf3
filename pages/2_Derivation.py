"""Derivation: the SymPy derivation of why scale matters, in general symbols or with the learner's numbers."""

import streamlit as st

from ui.shell import page_setup

# The frame and title first: on a just-started server the engine's imports take about 1.5 s more.
navigation = page_setup("Derivation")
st.title("Derivation: why a feature's scale sets the speed")
st.markdown(
    "Linear regression's loss, its gradient and its curvature, derived symbolically with SymPy; then the"
    " largest stable learning rate and the number of iterations gradient descent needs. Switch between the"
    " general formulas and the same formulas with the numbers of the scenario below."
)

from explainer import scenario_to_params  # noqa: E402
from explainer.scenario.describe import describe, loss_convention  # noqa: E402
from explainer.text.echo import shown  # noqa: E402
from explainer.text.formatting import escape_markdown  # noqa: E402
from ui import models_view, share  # noqa: E402
from ui.cache import explanation_or_stop  # noqa: E402
from ui.page_state import add_link_warnings, explore_view  # noqa: E402
from ui.render import render_formula  # noqa: E402

PAGE, PAGE_PATH = "derivation", "Derivation"
K_SYMBOLS = "derivation.symbols"
SYMBOL_VIEWS = {"numbers": "With your numbers", "general": "In general symbols"}

if share.needs_loading(PAGE, (K_SYMBOLS,)):
    state = share.load(PAGE)
    choice = state.view.get("symbols", "numbers")
    if choice not in SYMBOL_VIEWS:
        add_link_warnings(PAGE, [f"symbols: ignored {shown(choice)}, expected one of {', '.join(SYMBOL_VIEWS)}"])
        choice = "numbers"
    st.session_state[K_SYMBOLS] = choice
    st.session_state[f"{PAGE}.scenario"] = state.scenario
    st.session_state[f"{PAGE}.pair"] = state.view.get("pair", "")
scenario = st.session_state[f"{PAGE}.scenario"]

# Arriving from Explore with an uploaded table: the link only holds the table's ranges, the session holds the rows.
explored = explore_view()
table_key = None
if explored is not None and explored.params == share.current_params():
    scenario, table_key = explored.scenario, explored.table_key

notices = st.container()
st.segmented_control(
    "Show the formulas",
    list(SYMBOL_VIEWS),
    format_func=SYMBOL_VIEWS.get,
    key=K_SYMBOLS,
    required=True,
)
view = {"symbols": st.session_state[K_SYMBOLS]} if st.session_state[K_SYMBOLS] != "numbers" else {}
if st.session_state[f"{PAGE}.pair"]:
    view["pair"] = st.session_state[f"{PAGE}.pair"]  # Explore's choice, kept for the way back
link_scenario = explored.link_scenario if explored is not None and table_key else scenario
params = {**scenario_to_params(link_scenario), **view}
share.write(PAGE, params)
navigation.carry(params)

with notices:
    dropped = share.dropped_query_warning(PAGE)
    share.show_link_warnings([*share.link_warnings(PAGE), *([dropped] if dropped else [])])
    st.markdown(f"**Scenario:** {describe(scenario)}")
    if scenario.title:
        st.caption(f"{escape_markdown(scenario.title)}")

share_column, explore_column = st.columns(2)
with share_column:
    share.share_control(
        PAGE_PATH, link_scenario, view, note=explored.link_note if explored is not None and table_key else None
    )
with explore_column:
    st.page_link(
        "pages/1_Explore.py",
        label="Change the scenario in Explore",
        icon=":material/landscape:",
        query_params={key: value for key, value in params.items() if key != "symbols"},
    )

_, explanation = explanation_or_stop(scenario, table_key, "change them in Explore")
numbers = st.session_state[K_SYMBOLS] == "numbers"

for index, step in enumerate(explanation.derivation, start=1):
    st.header(f"{index}. {step.title}")  # h2 under the page's h1: no heading level skipped
    st.markdown(step.text)
    render_formula(step.numeric_latex if numbers else step.general_latex)
models_view.render_logistic_hessian(scenario, table_key)

st.caption(loss_convention(scenario))
