"""Refresh docs/ravine.png, the README's picture: Explore's ravine step on the default scenario.

Starts the app on a free port, opens /Explore in Debian's headless Chromium, and captures the
region from the "A ravine, not a bowl" heading to the caption under the two panels.

    python scripts/readme_screenshot.py
"""

from __future__ import annotations

import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from deploy.local import CHROMIUM, CHROMIUM_ARGS, Cluster  # noqa: E402


def main() -> None:
    with Cluster(launcher=False) as server, sync_playwright() as playwright:  # `streamlit run`, as the README
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        page = browser.new_page(viewport={"width": 1500, "height": 4000}, device_scale_factor=1)
        page.goto(f"{server.url}/Explore", timeout=60_000)
        heading = page.get_by_role("heading", name="3. A ravine, not a bowl")
        heading.wait_for(timeout=60_000)
        caption = page.get_by_text("Each dot is one gradient-descent step")
        caption.wait_for()
        page.wait_for_timeout(1500)  # let Vega finish drawing
        top, bottom = heading.bounding_box(), caption.bounding_box()
        left = top["x"] - 16
        height = bottom["y"] + bottom["height"] + 16 - top["y"]
        clip = {"x": left, "y": top["y"] - 16, "width": 1500 - left - 48, "height": height}
        page.screenshot(path=str(ROOT / "docs" / "ravine.png"), clip=clip)
        browser.close()
    print(f"wrote {ROOT / 'docs' / 'ravine.png'}")


if __name__ == "__main__":
    main()
