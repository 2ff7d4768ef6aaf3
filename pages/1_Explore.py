"""Explore: the learner's features (or data) raw beside normalized — numbers, the ravine, the race."""

import streamlit as st

from ui.shell import page_setup

# The frame and title first: on a just-started server the engine's imports take about 1.5 s more.
navigation = page_setup("Explore")
st.title("Explore: why normalizing speeds up learning")
st.markdown(
    "Describe your features by their ranges (or upload your own data), pick a normalization and an optimizer,"
    " and see linear regression's gradient descent on the raw features beside the normalized ones:"
    " the shape of the loss, the largest learning rate that works, and how many iterations each needs."
)

from functools import partial  # noqa: E402

from explainer import scenario_to_params  # noqa: E402
from explainer.explanation.explain import Explanation  # noqa: E402
from explainer.explanation.figures import RavineFigure  # noqa: E402
from explainer.explanation.numbers import AnswerInNumbers  # noqa: E402
from explainer.formats.parse import pair_text, parameter_pairs  # noqa: E402
from explainer.lessons.notebook import needs_csv_beside, scenario_files  # noqa: E402
from explainer.scenario.describe import loss_convention  # noqa: E402
from explainer.scenario.spec import Scenario  # noqa: E402
from explainer.text.formatting import escape_markdown  # noqa: E402
from ui import explore_inputs as inputs  # noqa: E402
from ui import first_paint, models_view, share, turns  # noqa: E402
from ui.cache import explanation_key, explanation_or_stop, numbers_by_key, ravine_by_key  # noqa: E402
from ui.notebook_download import notebook_button  # noqa: E402
from ui.page_state import ExploreView, add_link_warnings, publish_explore_view  # noqa: E402
from ui.render import (  # noqa: E402
    STEP_COLUMNS,
    prefetch_chart_specs,
    render_caveats,
    render_figure,
    render_headline,
    render_ravine,
    render_step_text,
)

PAGE_PATH = "Explore"


def draw_answer(numbers: AnswerInNumbers, convention: str) -> None:
    """The answer in numbers: κ raw and normalized, the largest stable step, the iterations each needs."""
    st.header("The answer in numbers")
    render_headline(numbers)
    st.markdown(
        numbers.summary + " Each iteration costs the same either way; normalizing only changes how many are needed."
    )
    st.caption(convention)


link = share.load(inputs.PAGE) if share.needs_loading(inputs.PAGE, inputs.WIDGET_KEYS) else None
if link is not None:
    inputs.seed(models_view.seed(link))
notices = st.container()
answer = st.container()  # the numbers above the inputs: what a shared link's visitor came for, and drawn first
first = None
if link is not None and not link.scenario.dataset and not first_paint.painted(inputs.PAGE, "numbers"):
    # A browser's first run: the numbers from the link alone; the inputs, then the charts, follow its paint reports.
    first = numbers_by_key(explanation_key(link.scenario), link.scenario)
if first is not None:
    with answer:
        draw_answer(first, loss_convention(link.scenario))
        first_paint.report_paint(inputs.PAGE, "numbers")
    first_paint.draw_pending()
    turns.first_run_done()
    st.stop()

st.header("Your features and training settings")
entered = models_view.draw(inputs.draw())  # the model, and a bundled dataset in place of the features
scenario = entered.scenario
pair, pair_warnings = inputs.selected_pair(scenario)
if pair_warnings:
    add_link_warnings(inputs.PAGE, pair_warnings)
view = {"pair": pair_text(pair)} if pair != parameter_pairs(scenario)[0] else {}
if st.session_state.get(inputs.K_SYMBOLS):
    view["symbols"] = st.session_state[inputs.K_SYMBOLS]  # the Derivation page's choice, kept for the way back
link_scenario = entered.link_scenario or scenario
params = {**scenario_to_params(link_scenario), **view}
share.write(inputs.PAGE, params)
navigation.carry(params)
# for the Derivation page: an uploaded table is in the session, not the link
publish_explore_view(ExploreView(share.as_lists(params), scenario, entered.table_key, link_scenario, entered.link_note))

with notices:
    dropped = share.dropped_query_warning(inputs.PAGE)
    share.show_link_warnings([*share.link_warnings(inputs.PAGE), *([dropped] if dropped else [])])
    if entered.warnings:
        lines = "\n".join(f"- {escape_markdown(text)}" for text in entered.warnings)
        st.warning(f"**Some inputs could not be used** and were left out:\n\n{lines}", icon=":material/warning:")
    if scenario.title:
        st.caption(f"Scenario: {escape_markdown(scenario.title)}")

share_column, derivation_column = st.columns(2)
with share_column:
    share_link = share.share_control(PAGE_PATH, link_scenario, view, note=entered.link_note)
with derivation_column:
    st.page_link(
        "pages/2_Derivation.py",
        label="The derivation, with these numbers",
        icon=":material/function:",
        query_params=params,
    )

models_view.render(scenario, entered.table_key)
convention = loss_convention(scenario)
with answer:
    key, explanation = explanation_or_stop(scenario, entered.table_key, "change them and try again")
    draw_answer(explanation.in_numbers, convention)
    first_paint.report_paint(inputs.PAGE, "numbers")


@st.fragment
def draw_step_by_step(
    scenario: Scenario, key: str, explanation: Explanation, pair: tuple[str, str], share_link: str, convention: str
) -> None:
    """The steps with their charts, the caveats and the code: the heaviest part of the page, drawn once the browser
    has painted the inputs. A fragment, so the browser's report of that paint (and a chart's words opened) reruns
    only this part, not the navigation, the numbers and the inputs again."""
    if not first_paint.report_paint(inputs.PAGE, "inputs"):
        first_paint.draw_pending()
        return
    if inputs.selected_pair(scenario)[0] != pair:
        st.rerun()  # another pair of axes: the whole page, so its share link and navigation carry it
    turns.give_way()  # the charts are the heaviest part: newly arrived visitors' numbers first
    ravine = explanation.figures.ravine if pair == parameter_pairs(scenario)[0] else ravine_by_key(key, pair, scenario)
    prefetch_chart_specs(explanation, ravine)  # by an idle worker while other sessions are served
    draw_steps(scenario, explanation, ravine, convention)
    draw_caveats_and_code(scenario, explanation, share_link)


def draw_steps(scenario: Scenario, explanation: Explanation, ravine: RavineFigure, convention: str) -> None:
    st.header("Step by step")
    for index, step in enumerate(explanation.steps, start=1):
        if step.figure == "ravine" and step.key != "normalized":
            render_step_text(step, index)
            inputs.draw_pair_selector(scenario)
            render_ravine(ravine, chart_key=f"ravine-{index}")
            st.caption(
                "Each dot is one gradient-descent step from all weights 0 (black diamond: start and best fit)."
                " Hover for values."
            )
        elif step.figure == "ravine":
            text, chart = st.columns(STEP_COLUMNS, gap="medium")
            with text:
                render_step_text(step, index)
            with chart:
                render_ravine(ravine, sides=("normalized",), chart_key=f"ravine-{index}")
        elif step.figure:
            text, chart = st.columns(STEP_COLUMNS, gap="medium")
            with text:
                render_step_text(step, index)
            with chart:
                render_figure(explanation, step.figure, chart_key=f"{step.figure}-{index}")
                if step.figure == "sweep":
                    st.caption(convention)
        else:
            render_step_text(step, index)


def draw_caveats_and_code(scenario: Scenario, explanation: Explanation, share_link: str) -> None:
    st.header("Caveats")
    render_caveats(explanation)

    st.header("The same in scikit-learn")
    st.markdown("Fit the scaler inside a pipeline, so it learns its statistics from the training rows only:")
    st.code(explanation.code, language="python", wrap_lines=True)  # no sideways scrolling: keyboard users read it all
    notebook_button(
        scenario.title or "why-normalize",
        key="explore.notebook",
        large_table=needs_csv_beside(scenario),
        make=partial(scenario_files, scenario, share_link, explanation),
    )
    st.caption(
        "The whole experiment as a notebook: the same data, Hessian, κ, largest stable step and gradient-descent"
        " counts, in plain NumPy and scikit-learn, with the plots. Its first cell links back here."
    )


draw_step_by_step(scenario, key, explanation, pair, share_link, convention)
