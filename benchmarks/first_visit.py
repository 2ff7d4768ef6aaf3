"""The first visit to a freshly started server, in headless Chromium, as a learner opening a shared link.

For each way of starting the server (the warm launcher `python -m deploy.serve`, and the README's
`streamlit run streamlit_app.py`) and each page, a new server is started and waited for until
`/_stcore/health` answers; then the page is opened and timed until what the learner came for shows:
Explore's numbers (the first metric), Derivation's formulas (rendered KaTeX), the home page's title.
Targets (issue 10): Explore ≤ 2.5 s, Derivation ≤ 3 s, home ≤ 2 s.

    python benchmarks/first_visit.py [--repeats 1]
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.local import CHROMIUM, CHROMIUM_ARGS, Cluster  # noqa: E402

LINK = "f=a%2C0%2C1%2Cuniform&f=b%2C1%2C1000%2Cuniform&seed=7"
VISITS = {
    "Explore numbers": (f"/Explore?{LINK}", "[data-testid=stMetricValue]"),
    "Derivation formulas": (f"/Derivation?{LINK}", ".katex"),
    "home": ("/", "h1"),
}


def first_visit(browser, launcher: bool, path: str, selector: str) -> tuple[float, float]:
    """(seconds from start to healthy, seconds from navigation to the selector visible)."""
    started = time.monotonic()
    with Cluster(replicas=1, launcher=launcher) as cluster:
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
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    load = os.getloadavg()[0]
    print(f"machine load average {load:.1f} on {os.cpu_count()} cores at the start")
    print(f"{'server':<22}{'visit':<22}{'healthy after s':>16}{'shown after s':>15}")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        modes = ((True, "python -m deploy.serve"), (False, "streamlit run"))
        for launcher, label in modes[:1] if args.launcher_only else modes:
            for visit, (path, selector) in VISITS.items():
                for _ in range(args.repeats):
                    healthy, shown = first_visit(browser, launcher, path, selector)
                    print(f"{label:<22}{visit:<22}{healthy:>16.1f}{shown:>15.2f}", flush=True)
        browser.close()
    print(f"machine load average {os.getloadavg()[0]:.1f} at the end")


if __name__ == "__main__":
    main()
