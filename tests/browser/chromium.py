"""How the browser tests (and the screenshot script) start Debian's Chromium.

Playwright drives the apt-installed browser through ``executable_path``; ``playwright install``
would download its own build, which this project never does. The flags keep Chromium from
reaching the network on its own (updates, sync, QUIC) and let it run as root in CI.
"""

from __future__ import annotations

import os

CHROMIUM = os.environ.get("CAPTIONKIT_CHROMIUM", "/usr/bin/chromium")
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking",
    "--disable-component-update", "--disable-sync", "--no-first-run", "--disable-quic",
]


def launch(playwright):
    """A headless Chromium from ``CHROMIUM`` (override with ``$CAPTIONKIT_CHROMIUM``)."""
    return playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
