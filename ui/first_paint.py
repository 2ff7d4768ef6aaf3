"""A page's first paint in a browser: the answer in numbers alone first, the rest right after it.

On a first visit the browser, not the server, decides when the numbers show. Every kind of element
brings its own script files, and the browser loads and runs those of a whole run before it shows its
metrics: on a warm server the metric showed 2.1-2.4 s after opening Explore with the inputs drawn in the
same run (wherever the numbers stood in it), 1.5-1.6 s with only the title and the numbers, where the
floor page shows its metric at 1.3-1.6 s; with the charts too, 4.6 s. So a page's first run in a browser
draws its title and numbers from the link alone and stops there; a tiny component reports once the browser
has painted that, and the rerun it causes draws the inputs; a second report, and the charts follow (drawn
in the inputs' run, they kept the inputs from showing until the charts did: 4.1-4.4 s). That second reporter
stands inside the page's step-by-step fragment, so its report reruns only the fragment: the charts, without
the navigation, numbers and inputs drawn a third time. Every later run draws everything at once. Without a browser (AppTest, a protocol-level client) there is no paint to wait
for: the whole page at once.
"""

from __future__ import annotations

import uuid
from collections.abc import Mapping

import streamlit as st

PENDING_TEXT = "Drawing the rest of the page…"

# Runs when the component mounts, which can be before the elements above it are drawn: Streamlit shows a
# placeholder (stSkeleton) while an element's script file loads. So it waits until no placeholder is left,
# then two animation frames (the browser has painted), and reports; after 5 s it reports anyway. Setting a
# state value to what it already is causes no rerun, so later mounts cost nothing.
# It holds its report while the learner is leaving the page: a link clicked in this tab (the sidebar's or a
# page link), back or forward. A report sent just after such a click asked for a rerun of the page being left,
# 3 ms after the request for the new page, and the server ran only the last: 4 of 30 quick clicks on "The
# derivation, with these numbers" on a busy machine came back to Explore, whose widgets then drew from their
# minimums (a step cap of 1, 3 samples); 0 of 30 with the report held. The address bar is no guide: it changes
# only when the new page's run has begun. The click is noted once per browser tab, by the first reporter: one
# mounted after the click (later in the same run) must hold too. Leaving unmounts the reporters; one still there
# 5 s after a click (it went nowhere) reports after all, so the page never stays half drawn.
_REPORT_PAINT_JS = """
export default function (component) {
  const started = performance.now();
  let gone = false;
  if (!window.whyNormalizeLeaving) {
    const leaving = { at: -Infinity };
    window.whyNormalizeLeaving = leaving;
    document.addEventListener("click", (event) => {
      const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
      const newTab = event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0;
      const here = link && (link.target || "_self") === "_self" && link.origin === window.location.origin;
      if (here && !newTab) leaving.at = performance.now();
    }, true);
    window.addEventListener("popstate", () => {
      leaving.at = performance.now();
    });
  }
  const holding = () => performance.now() - window.whyNormalizeLeaving.at < 5000;
  const report = () => {
    if (gone) return;
    if (holding()) {
      setTimeout(report, 250);
    } else {
      component.setStateValue("painted", true);
    }
  };
  const check = () => {
    if (gone) return;
    if (document.querySelector("[data-testid=stSkeleton]") && performance.now() - started < 5000) {
      requestAnimationFrame(check);
    } else {
      requestAnimationFrame(() => requestAnimationFrame(report));
    }
  };
  requestAnimationFrame(check);
  return () => {
    gone = true;
  };
}
"""


def _reporter_key(page: str, stage: str) -> str:
    """Unique to this server session: a browser that reconnects to a new one (a replica restarted) keeps its
    page and its components, so a reporter under the old key would not mount again, nor report again."""
    token = st.session_state.setdefault("first_paint.session", uuid.uuid4().hex[:12])
    return f"{page}.painted.{stage}.{token}"


def painted(page: str, stage: str) -> bool:
    """Whether this browser has painted `stage` of `page` (read before anything is drawn); always without one."""
    if st.context.url is None:
        return True
    state = st.session_state.get(_reporter_key(page, stage))
    return bool(state.get("painted")) if isinstance(state, Mapping) else bool(getattr(state, "painted", False))


def report_paint(page: str, stage: str) -> bool:
    """Draw the reporter of `stage` (right after what it stands for) and say whether it has reported.

    Draw it on every run from then on, at the same place: a reporter keeps its state only while drawn."""
    if st.context.url is None:
        return True
    reporter = st.components.v2.component("first_paint", js=_REPORT_PAINT_JS)
    result = reporter(key=_reporter_key(page, stage), on_painted_change=lambda: None, height=0)
    return bool(getattr(result, "painted", False))


def draw_pending() -> None:
    """What stands below the numbers until the browser reports its paint (a moment later)."""
    st.caption(PENDING_TEXT)
