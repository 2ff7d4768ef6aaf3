"""Scenarios: the built-in gallery and lessons, stepped through one at a time, and the visitor's own files."""

from functools import partial

import streamlit as st

from explainer import lesson_url, scenario_to_params, share_url
from explainer.lessons.gallery import gallery_ids, load_gallery
from explainer.lessons.notebook import lesson_step_files, needs_csv_beside
from explainer.text.formatting import escape_markdown
from explainer.text.markup import safe_markdown
from ui import scenarios_view as view
from ui import share
from ui.notebook_download import notebook_button
from ui.page_state import remember_link
from ui.shell import page_setup

page_setup("Scenarios")

PAGE = "scenarios"  # the prefix of this page's session state (and of ui.share's bookkeeping)
K_ITEM, K_STEP, K_UPLOAD = f"{PAGE}.item", f"{PAGE}.step", f"{PAGE}.upload"
K_LINKED, K_UPLOADED, K_UPLOAD_ID = f"{PAGE}.linked", f"{PAGE}.uploaded", f"{PAGE}.upload_id"
K_UPLOAD_PROBLEMS = f"{PAGE}.upload_problems"

st.title("Scenarios and lessons")
st.markdown(
    "Ready-made scenarios and step-by-step lessons on why normalizing speeds up gradient descent. Pick one,"
    " step through it, open any step in Explore, or upload a scenario or lesson file of your own."
)

# The URL decides what is shown whenever the page is entered or a link is opened; then the widgets do.
if share.needs_loading(PAGE, [K_ITEM, K_STEP]):
    opened = view.resolve_link(share.current_params())
    st.session_state[K_LINKED] = opened.linked
    st.session_state[K_ITEM] = opened.item or gallery_ids()[0]
    st.session_state[K_STEP] = opened.step
    remember_link(PAGE, opened.warnings)  # kept on screen until the visitor moves on

items = {item: load_gallery(item) for item in gallery_ids()}
if st.session_state.get(K_LINKED) is not None:
    items[view.LINKED] = st.session_state[K_LINKED]

chooser, content = st.sidebar, st.container()  # the list in the sidebar leaves the page its full width
with chooser:
    listing = st.container()
    uploaded = st.file_uploader(
        "Your own scenario or lesson file", type=["toml"], key=K_UPLOAD, help="A .toml file; see docs/scenarios.md."
    )
    with st.expander("How to write one"):
        st.markdown(
            "A TOML file: one scenario, or a lesson of steps. Texts may quote computed figures such as"
            " `{raw.condition_number}`. The full format is in `docs/scenarios.md`; every gallery item can be"
            " downloaded as a starting point."
        )
        # no sideways scrolling: keyboard users read it all
        st.code(view.EXAMPLE_FILE, language="toml", wrap_lines=True)
    if uploaded is None:
        st.session_state.pop(K_UPLOADED, None)
        st.session_state.pop(K_UPLOAD_ID, None)
    elif uploaded.file_id != st.session_state.get(K_UPLOAD_ID):
        st.session_state[K_UPLOAD_ID] = uploaded.file_id
        lesson, problems = view.read_upload(uploaded.name, uploaded.getvalue())
        st.session_state[K_UPLOADED] = lesson
        st.session_state[K_UPLOAD_PROBLEMS] = problems
        if lesson is not None:
            st.session_state[K_ITEM], st.session_state[K_STEP] = view.UPLOADED, 1
    if uploaded is not None and st.session_state.get(K_UPLOADED) is None:
        lines = "\n".join(f"- {escape_markdown(text)}" for text in st.session_state.get(K_UPLOAD_PROBLEMS, []))
        st.error(f"**{escape_markdown(uploaded.name)} could not be used:**\n\n{lines}", icon=":material/error:")
    if st.session_state.get(K_UPLOADED) is not None:
        items[view.UPLOADED] = st.session_state[K_UPLOADED]
    if st.session_state.get(K_ITEM) not in items:
        st.session_state[K_ITEM] = gallery_ids()[0]

    def reset_step() -> None:
        st.session_state[K_STEP] = 1

    with listing:
        item = st.radio(
            "Gallery: lessons and scenarios",
            options=list(items),
            format_func=lambda key: view.item_label(key, items[key]),
            captions=[view.item_caption(lesson) for lesson in items.values()],
            key=K_ITEM,
            on_change=reset_step,
        )

lesson = items[item]
steps = len(lesson.steps)
st.session_state[K_STEP] = min(max(int(st.session_state.get(K_STEP, 1)), 1), steps)

with content:
    notices = st.container()
    st.header(escape_markdown(lesson.title))
    if lesson.kind == "lesson":
        if lesson.description:
            st.markdown(safe_markdown(lesson.description, links=False))  # a file's text: no links, images or HTML

        def move(delta: int) -> None:
            st.session_state[K_STEP] = min(max(st.session_state[K_STEP] + delta, 1), steps)

        picker, back, forward = st.columns([4, 1, 1], vertical_alignment="bottom")
        picker.selectbox(
            "Step",
            options=list(range(1, steps + 1)),
            format_func=lambda number: f"{number}. {lesson.step(number).title}",
            key=K_STEP,
        )
        back.button(
            "Previous",
            key="scenarios.previous",
            on_click=move,
            args=(-1,),
            disabled=st.session_state[K_STEP] == 1,
            width="stretch",
        )
        forward.button(
            "Next",
            key="scenarios.next",
            on_click=move,
            args=(1,),
            disabled=st.session_state[K_STEP] == steps,
            width="stretch",
        )
    step = int(st.session_state[K_STEP])
    chosen = lesson.step(step)

    share.write(PAGE, view.view_params(item, lesson, step))
    with notices:
        share.show_link_warnings(share.link_warnings(PAGE))

    explore, link = st.columns(2)
    explore.page_link(
        "pages/1_Explore.py",
        label="Open this step in Explore" if lesson.kind == "lesson" else "Open in Explore",
        icon=":material/landscape:",
        query_params=scenario_to_params(chosen.scenario),
    )
    with link.popover("Share this step" if lesson.kind == "lesson" else "Share this scenario", icon=":material/share:"):
        base = share.app_base_url(view.PAGE_PATH)
        if item == view.UPLOADED:
            st.markdown("A link cannot carry your file. This link opens the step's scenario in Explore:")
            st.code(share_url(base, "Explore", chosen.scenario), language=None, wrap_lines=True)
        elif item == view.LINKED:
            st.code(share_url(base, view.PAGE_PATH, chosen.scenario), language=None, wrap_lines=True)
        elif lesson.kind == "lesson":
            st.markdown("Anyone opening this link sees this lesson at this step:")
            st.code(lesson_url(base, lesson, step), language=None, wrap_lines=True)
        else:
            st.code(share_url(base, view.PAGE_PATH, chosen.scenario, {"gallery": item}), language=None, wrap_lines=True)

    if item in gallery_ids():
        st.download_button(
            "Download this file",
            data=view.gallery_file(item),
            file_name=f"{item}.toml",
            mime="application/toml",
            icon=":material/download:",
            help="Start your own scenario or lesson from it; the format is described in docs/scenarios.md.",
        )

    explanation = view.explained(chosen)
    if explanation is not None:
        notebook_link = (
            lesson_url(base, lesson, step)
            if lesson.kind == "lesson" and item in gallery_ids()
            else share_url(base, "Explore", chosen.scenario)
        )
        notebook_button(
            f"{lesson.id or 'lesson'}-step{step}" if lesson.kind == "lesson" else (lesson.id or "scenario"),
            key="scenarios.notebook",
            large_table=needs_csv_beside(chosen.scenario),
            make=partial(lesson_step_files, lesson, step, notebook_link, explanation),
        )
        if lesson.kind == "lesson":
            view.show_lesson_step(lesson, step, explanation)
        else:
            view.show_scenario(lesson, explanation)
