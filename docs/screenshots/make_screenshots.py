"""Screenshots of the bundled example's HTML transcript, light and dark, for the README.

Runs the real CLI on fixtures/episode.wav, serves the result on loopback (with Range support so
the player can seek), plays from the third turn so one segment is marked as being heard, focuses
a seek button from the keyboard, and writes ``example-light.png`` and ``example-dark.png`` next
to this script. Needs Debian's chromium and the ``test`` extra (Playwright)::

    make screenshots      # or: .venv/bin/python docs/screenshots/make_screenshots.py
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
sys.path.insert(0, str(ROOT))  # the page builders and the server live with the tests

from playwright.sync_api import sync_playwright  # noqa: E402

from tests.browser.chromium import launch  # noqa: E402
from tests.browser.pages import example_site  # noqa: E402
from tests.browser.server import RangeServer  # noqa: E402

VIEWPORT = {"width": 720, "height": 1040}


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        site = example_site(root / "example")
        with RangeServer(root) as server, sync_playwright() as playwright:
            browser = launch(playwright)
            for scheme in ("light", "dark"):
                page = browser.new_page(color_scheme=scheme, viewport=VIEWPORT)
                page.goto(server.url + site.page.relative_to(root).as_posix())
                # The second segment of the first turn is "being heard"; the player is paused
                # there so the picture is the same every time.
                page.evaluate("""() => new Promise(done => {
                    const player = document.getElementById('player');
                    player.addEventListener('seeked', done, {once: true});
                    player.currentTime = 4; })""")
                page.locator("#search").focus()
                page.keyboard.press("Shift+Tab")  # keyboard focus shows the focus ring …
                page.locator("#turn-2 button.seek").focus()  # … which moves to a seek button
                page.evaluate("window.scrollTo(0, 0)")
                path = HERE / f"example-{scheme}.png"
                page.screenshot(path=str(path))
                print(f"wrote {path.relative_to(ROOT)}")
                page.close()
            browser.close()


if __name__ == "__main__":
    main()
