"""The batch index page in real Chromium with axe-core: no accessibility violations, nothing
from a title, speaker name or error message runs as markup, and it reflows on a phone.

The page is rendered from a report (no alignment needed), with every status an episode can
have and with hostile text where a manifest or a transcript can put text."""

from __future__ import annotations

from pathlib import Path

import pytest

from captionkit.batch import AlignOptions, BatchReport, Episode, EpisodeResult
from captionkit.batch.report import write_report

from .browser.chromium import CHROMIUM, launch

sync_api = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")
pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed")

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]
HOSTILE = "<script>alert('x')</script><img src=x onerror=alert(1)>"


@pytest.fixture(scope="module")
def index(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("index")
    episodes = [
        Episode("s1/ep01", Path("/s/s1/ep01.mp3"), Path("/s/s1/ep01.txt"), title="Glass eels"),
        Episode("s1/ep02", Path("/s/s1/ep02.mp3"), Path("/s/s1/ep02.txt"), title=HOSTILE),
        Episode("s1/ep03", Path("/s/s1/ep03.mp3"), Path("/s/s1/ep03.txt")),
        Episode("s1/ep 04", Path("/s/s1/ep 04.mp3"), Path("/s/s1/ep 04.txt")),
    ]
    files = [f"s1/ep01{e}" for e in (".vtt", ".srt", ".json", ".words.json", ".html")]
    results = {
        "s1/ep01": EpisodeResult("s1/ep01", "done", duration_ms=3_725_000, words=9000,
                                 interpolated=3, speakers=["Siobhán O’Hara", "Jean-Luc Moreau"],
                                 warnings=["3 of 9000 words could not be aligned"],
                                 files=files),
        "s1/ep02": EpisodeResult("s1/ep02", "skipped", duration_ms=61_000, words=12,
                                 speakers=[HOSTILE], files=["s1/ep02.vtt"]),
        "s1/ep03": EpisodeResult("s1/ep03", "failed", error=f"/s/s1/ep03.txt:4: {HOSTILE}"),
    }  # ep 04 never ran: the batch was interrupted
    for name in files + ["s1/ep02.vtt"]:
        (out / name).parent.mkdir(parents=True, exist_ok=True)
        (out / name).write_text("WEBVTT\n")
    report = BatchReport(source="/s", outdir=out, options=AlignOptions(("vtt",)),
                         episodes=episodes, results=results, title=f"Field Notes {HOSTILE}",
                         language="en-GB", interrupted=True)
    return write_report(report)[1]


@pytest.fixture(scope="module")
def page(index):
    with sync_api.sync_playwright() as playwright:
        browser = launch(playwright)
        context = browser.new_context()
        tab = context.new_page()
        problems: list[str] = []
        tab.on("dialog", lambda d: (problems.append(d.message), d.dismiss()))
        tab.on("pageerror", lambda e: problems.append(str(e)))
        tab.goto(index.as_uri())
        tab.problems = problems
        yield tab
        browser.close()


def test_index_has_no_axe_violations(page):
    results = axe_module.Axe().run(
        page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                       "resultTypes": ["violations"]}
    )
    found = [(v["id"], [n["target"] for n in v["nodes"][:3]])
             for v in results.response["violations"]]
    assert found == []


def test_hostile_text_shows_as_text_and_never_runs(page):
    assert page.problems == []
    assert page.evaluate("document.querySelectorAll('script, img').length") == 0
    assert HOSTILE in page.inner_text("h1")
    assert page.evaluate("document.documentElement.lang") == "en-GB"
    row = page.locator("tbody tr").nth(2)
    assert HOSTILE in row.inner_text() and "failed" in row.inner_text()


def test_links_reach_the_files_and_statuses_are_words(page, index):
    hrefs = page.evaluate("[...document.querySelectorAll('tbody a')].map(a => a.href)")
    assert hrefs and all(Path(h.removeprefix("file://")).is_file() for h in hrefs)
    cells = page.evaluate("[...document.querySelectorAll('tbody tr td:nth-child(2)')]"
                          ".map(td => td.innerText)")
    assert cells == ["done", "skipped", "failed", "not run"]
    assert "1:02:05" in page.inner_text("tbody")


def test_index_reflows_at_320_px(page):
    page.set_viewport_size({"width": 320, "height": 640})
    # The page itself never scrolls sideways; only the table's own focusable region may.
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
