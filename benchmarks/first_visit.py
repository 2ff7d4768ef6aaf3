"""The first visit to a freshly started server, in headless Chromium, as a learner opening a shared link.

For each way of starting the server (the warm launcher `python -m deploy.serve`, and the README's
`streamlit run streamlit_app.py`) and each page, a new server is started and waited for until
`/_stcore/health` answers; then the page is opened and timed until what the learner came for shows:
Explore's numbers (the first metric), its inputs (the feature table) and its charts (the sixth drawn:
numbers, inputs and charts come in that order, see ui/first_paint.py), Derivation's formulas (rendered KaTeX), the home page's title.

Beside each, the floor measured the same way in the same run: benchmarks/floor_app.py (a title, two
metrics, a chat box) on a freshly started `streamlit run` server, timed until its first metric shows;
then the ratio (issue 19's target: Explore's first visit ≤ 1.5× the floor), the exact command and
the load average. A share link opens the app's root (/?page=Explore&…), which switches to the page: Streamlit's
frontend takes about 0.4 s longer to show a page opened at its own URL (/Explore) than one opened at "/". Addresses
at a page URL still work (links made before, a reload): "Explore at /Explore" times one, with a second floor beside
it, the same trivial page served as /Explore of a multipage app (benchmarks/floor_pages/), and its ratio.

    python benchmarks/first_visit.py [--repeats 1] [--launcher-only] [--only "Explore numbers"]
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.floor import FLOOR_APP, FLOOR_PAGES, FloorCluster, machine_load, preamble, ratio  # noqa: E402
from deploy.local import CHROMIUM, CHROMIUM_ARGS, Cluster  # noqa: E402

LINK = "f=a%2C0%2C1%2Cuniform&f=b%2C1%2C1000%2Cuniform&seed=7"
VISITS = {  # share links as the app writes them (explainer/formats/link.py's share_url)
    "Explore numbers": (f"/?page=Explore&{LINK}", "[data-testid=stMetricValue]"),
    "Explore inputs": (f"/?page=Explore&{LINK}", "[data-testid=stDataFrame]"),  # the feature table, drawn second
    "Explore charts": (f"/?page=Explore&{LINK}", "[data-testid=stVegaLiteChart] >> nth=5"),  # the sixth, the last
    "Derivation formulas": (f"/?page=Derivation&{LINK}", ".katex"),
    "Explore at /Explore": (f"/Explore?{LINK}", "[data-testid=stMetricValue]"),  # an address at the page's URL
    "home": ("/", "h1"),
}


FLOOR_VISIT = ("/", "[data-testid=stMetricValue]")
PAGE_FLOOR_VISIT = ("/Explore", "[data-testid=stMetricValue]")  # the same page, opened at its page URL


def first_visit(
    browser, launcher: bool | None, path: str, selector: str, root: Path = ROOT, floor: Path = FLOOR_APP
) -> tuple[float, float]:
    """(seconds from start to healthy, seconds from navigation to the selector visible); launcher None: the floor."""
    started = time.monotonic()
    with (
        FloorCluster(script=floor) if launcher is None else Cluster(replicas=1, launcher=launcher, root=root) as cluster
    ):
        healthy = time.monotonic() - started
        context = browser.new_context(viewport={"width": 1400, "height": 1600})
        page = context.new_page()
        start = time.monotonic()
        page.goto(cluster.url + path)
        page.locator(selector).first.wait_for(state="visible", timeout=60_000)
        shown = time.monotonic() - start
        context.close()
    return healthy, shown


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--repeats", type=int, default=1)
    parser.add_argument("--launcher-only", action="store_true", help="skip the plain `streamlit run` rows")
    parser.add_argument("--only", default="", help="only visits whose name contains this (e.g. Explore)")
    parser.add_argument("--app-root", type=Path, default=ROOT, help="the app to start (e.g. an older checkout)")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    preamble()
    print(
        f"{'server':<24}{'visit':<22}{'healthy after s':>16}{'shown after s':>15}{'floor s':>9}{'ratio':>8}"
        f"{'page floor s':>14}{'ratio':>8}"
    )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        modes = ((True, "python -m deploy.serve"), (False, "streamlit run"))
        for launcher, label in modes[:1] if args.launcher_only else modes:
            for visit, (path, selector) in VISITS.items():
                if args.only.lower() not in visit.lower():
                    continue
                for _ in range(args.repeats):
                    _, floor = first_visit(browser, None, *FLOOR_VISIT)  # the floor just before, each time
                    page_floor = (
                        first_visit(browser, None, *PAGE_FLOOR_VISIT, floor=FLOOR_PAGES)[1]
                        if not path.startswith("/?") and path != "/"
                        else None
                    )
                    healthy, shown = first_visit(browser, launcher, path, selector, args.app_root.resolve())
                    by_page = (
                        f"{page_floor:>14.2f}{ratio(shown, page_floor):>8}" if page_floor else f"{'-':>14}{'-':>8}"
                    )
                    print(
                        f"{label:<24}{visit:<22}{healthy:>16.1f}{shown:>15.2f}{floor:>9.2f}{ratio(shown, floor):>8}"
                        + by_page,
                        flush=True,
                    )
        browser.close()
    print("floor: benchmarks/floor_app.py under `streamlit run`, fresh server, until its first metric shows")
    print("page floor: the same page as /Explore of a multipage app (benchmarks/floor_pages/), opened at /Explore;")
    print("  only for a visit to a page's own URL (share links open the root, /?page=…)")
    print(f"at the end: {machine_load()}")


if __name__ == "__main__":
    main()
