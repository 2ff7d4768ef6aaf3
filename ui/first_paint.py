"""A page's first paint in a browser: the headline alone first, the charts right after it.

On a first visit the browser, not the server, decides when the numbers show: Explore's charts bring
Vega-Lite and about 150 script files with them, and while the browser loads and draws those the
headline waits too (measured with a warm server and a fresh browser each time: 4.6 s to the headline
with the whole page, 2.6 s with the page stopped after it). So a page's first run in a browser draws
up to its headline and stops there; a tiny component reports once the browser has painted that, and
the rerun it causes draws the whole page. Every later run draws everything at once. Without a browser
(AppTest, a protocol-level client) there is no paint to wait for, and the whole page is drawn.
"""

from __future__ import annotations

import streamlit as st

PENDING_TEXT = "Drawing the step-by-step charts…"

# Runs when the component mounts, which can be before the elements above it are drawn: Streamlit shows a
# placeholder (stSkeleton) while an element's script file loads. So it waits until no placeholder is left,
# then two animation frames (the browser has painted), and reports; after 5 s it reports anyway. Setting a
# state value to what it already is causes no rerun, so later mounts cost nothing.
_REPORT_PAINT_JS = """
export default function (component) {
  const started = performance.now();
  const report = () => component.setStateValue("painted", true);
  const check = () => {
    if (document.querySelector("[data-testid=stSkeleton]") && performance.now() - started < 5000) {
      requestAnimationFrame(check);
    } else {
      requestAnimationFrame(() => requestAnimationFrame(report));
    }
  };
  requestAnimationFrame(check);
}
"""


def headline_painted(page: str) -> bool:
    """Whether this browser has painted `page`'s headline, so the rest may be drawn; draws the reporter.

    Call it on every run right after the headline: the reporter keeps its state only while drawn."""
    if st.context.url is None:
        return True
    reporter = st.components.v2.component("first_paint", js=_REPORT_PAINT_JS)
    result = reporter(key=f"{page}.first_paint", on_painted_change=lambda: None, height=0)
    return bool(getattr(result, "painted", False))


def draw_pending(title: str) -> None:
    """What stands below the headline until the browser reports its paint (a moment later)."""
    st.header(title)
    st.caption(PENDING_TEXT)
