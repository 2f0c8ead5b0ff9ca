"""The HTML transcript in real Chromium (Debian's, driven by Playwright), served over loopback.

One browser for the whole module; each test opens its own context (colour scheme, viewport,
JavaScript on or off). The pages are the bundled example (written by the real CLI), the seed
podcast transcript, and a transcript made of injection attempts (see tests/browser/pages.py).
axe-core comes from axe-playwright-python, which injects it even under the page's strict CSP.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from .browser import pages
from .browser.chromium import CHROMIUM, launch
from .browser.server import RangeServer

sync_api = pytest.importorskip("playwright.sync_api")
axe_module = pytest.importorskip("axe_playwright_python.sync_playwright")

AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium not installed")

PAGES = ["example", pytest.param("seed", marks=pytest.mark.skipif(
    not pages.SEED.exists(), reason="seed transcript not present"))]


@pytest.fixture(scope="module")
def sites(tmp_path_factory):
    """Site builders, run once each on first use."""
    root = tmp_path_factory.mktemp("sites")
    builders = {"example": pages.example_site, "seed": pages.seed_site,
                "injection": pages.injection_site}
    built: dict[str, pages.Site] = {}

    def get(name: str) -> pages.Site:
        if name not in built:
            built[name] = builders[name](root / name)
        return built[name]

    get.root = root  # type: ignore[attr-defined]
    return get


@pytest.fixture(scope="module")
def server(sites):
    with RangeServer(sites.root) as srv:
        yield srv


@pytest.fixture(scope="module")
def browser():
    with sync_api.sync_playwright() as playwright:
        chromium = launch(playwright)
        yield chromium
        chromium.close()


class Visit:
    """One page in a fresh context, recording every request, console error, page error and
    dialog (a dialog is dismissed: the injection test fails on any)."""

    def __init__(self, browser, server, site: pages.Site, **context_options) -> None:
        self.context = browser.new_context(**context_options)
        self.page = self.context.new_page()
        self.requests: list[str] = []
        self.problems: list[str] = []
        self.page.on("request", lambda r: self.requests.append(r.url))
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(m.text))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("dialog", self._dialog)
        self.url = server.url + site.page.relative_to(site.root.parent).as_posix()
        self.page.goto(self.url)

    def _dialog(self, dialog) -> None:
        self.problems.append(f"dialog: {dialog.message}")
        dialog.dismiss()

    def wait(self, condition: str) -> None:
        """Wait until the JS ``condition`` holds (as a function: the CSP forbids string eval)."""
        self.page.wait_for_function(f"() => {condition}", timeout=10_000)

    def js(self, expression: str, arg=None):
        return self.page.evaluate(expression, arg)

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser, server, sites):
    opened: list[Visit] = []

    def open_page(name: str, **options) -> Visit:
        opened.append(Visit(browser, server, sites(name), **options))
        return opened[-1]

    yield open_page
    for v in opened:
        v.close()


def seek_and_wait(v: Visit, action) -> float:
    """Run ``action`` (which should seek the player) and return currentTime at 'seeked'."""
    v.js("""() => { window.__seeked = new Promise(done => document.getElementById('player')
        .addEventListener('seeked', e => done(e.target.currentTime), {once: true})); }""")
    action()
    return v.js("window.__seeked")


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("name", PAGES)
def test_axe_reports_no_violations(visit, name, scheme):
    v = visit(name, color_scheme=scheme)
    # Check the enhanced page in its busiest state: shortcuts open, a segment being heard.
    v.js("document.querySelector('details.shortcuts').open = true")
    seek_and_wait(v, lambda: v.js("document.getElementById('player').currentTime = 12"))
    assert v.js("document.querySelectorAll('[aria-current]').length") == 1
    results = axe_module.Axe().run(
        v.page, options={"runOnly": {"type": "tag", "values": AXE_TAGS},
                         "resultTypes": ["violations"]}
    )
    violations = results.response["violations"]
    found = [(x["id"], [n["target"] for n in x["nodes"][:3]]) for x in violations]
    assert found == []
    assert results.response["testEngine"]["name"] == "axe-core"
    assert v.problems == []


@pytest.mark.parametrize("name", PAGES)
def test_keyboard_reaches_every_control_in_order_with_visible_focus(visit, sites, name):
    v = visit(name)
    turns = len(sites(name).turn_starts)
    expected = (
        ["a:Skip to transcript", "audio:player"]
        + [f"a:{text}" for text in
           ("captions (WebVTT)", "subtitles (SRT)", "transcript (Podcasting 2.0 JSON)")]
        + ["input:search", "input:autoscroll", "summary:Keyboard shortcuts"]
        + [f"button:turn-{i + 1}" for i in range(turns)]
        + ["a:Back to the player"]
    )
    stops: list[str] = []
    for _ in range(len(expected) + 12):  # the player's own controls take a few Tab presses
        v.page.keyboard.press("Tab")
        stop, visible = v.js("""() => {
            const e = document.activeElement, s = getComputedStyle(e);
            const shown = (s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2)
                || s.boxShadow !== 'none';
            const tag = e.tagName.toLowerCase();
            const label = tag === 'button' ? e.closest('.turn').id
                : tag === 'input' || tag === 'audio' ? e.id : e.textContent.trim();
            return [tag + ':' + label, shown];
        }""")
        if stop.startswith("body:"):
            break
        assert visible, f"focus not visible on {stop}"
        if not stops or stops[-1] != stop:
            stops.append(stop)
    assert stops == expected


@pytest.mark.parametrize("name", PAGES)
def test_enter_on_a_seek_button_moves_the_player_to_that_turn(visit, sites, name):
    v = visit(name)
    starts = sites(name).turn_starts
    buttons = v.page.locator("button.seek")
    assert buttons.count() == len(starts)
    for index in sorted({0, len(starts) // 2, len(starts) - 1}):
        buttons.nth(index).focus()
        at = seek_and_wait(v, lambda: v.page.keyboard.press("Enter"))
        assert at == pytest.approx(starts[index], abs=0.06)
        current = v.js("""() => { const c = document.querySelector('[aria-current]');
            return c && c.closest('.turn').id; }""")
        assert current == f"turn-{index + 1}"
    assert v.js("document.getElementById('player').paused") is False
    assert v.problems == []


@pytest.mark.parametrize("name", PAGES)
def test_without_javascript_every_word_is_on_the_page(visit, sites, name):
    v = visit(name, java_script_enabled=False)
    texts = v.page.locator(".turn .text").all_inner_texts()
    assert [w for text in texts for w in text.split()] == sites(name).words
    assert v.page.locator("button").count() == 0
    assert v.page.locator("#tools").is_hidden()
    assert v.page.locator(".turn:visible").count() == len(sites(name).turn_starts)
    assert "End of transcript." in v.page.locator("#transcript").inner_text()


@pytest.mark.parametrize("name", PAGES)
def test_no_horizontal_scrolling_at_320_px_or_with_text_at_200_percent(visit, name):
    v = visit(name, viewport={"width": 320, "height": 640})
    v.js("document.querySelector('details.shortcuts').open = true")
    overflow = "document.documentElement.scrollWidth - document.documentElement.clientWidth"
    assert v.js(overflow) <= 0
    v.page.set_viewport_size({"width": 640, "height": 640})
    v.js("document.documentElement.style.fontSize = '200%'")
    assert v.js(overflow) <= 0


@pytest.mark.parametrize("name", PAGES)
def test_page_requests_nothing_outside_itself(visit, sites, name):
    v = visit(name)
    v.page.locator("button.seek").first.click()
    v.wait("!document.getElementById('player').paused")
    site = sites(name)
    folder = v.url.rsplit("/", 2)[0]
    stem = site.page.stem
    media = next((site.root / "media").iterdir()).name
    allowed = {v.url, f"{folder}/site/{stem}.vtt", f"{folder}/media/{media}"}
    assert set(v.requests) <= allowed, set(v.requests) - allowed
    assert v.url in v.requests and f"{folder}/site/{stem}.vtt" in v.requests
    assert v.problems == []  # a CSP violation would be a console error


def test_injection_transcript_executes_nothing(visit, sites):
    v = visit("injection")
    body = v.page.locator("body").inner_text()
    for attack in pages.INJECTIONS:
        assert attack in body
    v.page.locator("button.seek").first.click()
    v.page.fill("#search", "<script>")
    v.page.wait_for_timeout(300)
    assert v.problems == []
    assert v.js("document.scripts.length") == 1
    assert v.page.locator("img, svg, iframe, b").count() == 0
    assert not v.js("document.querySelector('[onerror], [onload]')")
    transcript = pages.injection_transcript()
    assert v.page.locator("h1").inner_text() == transcript.title
    matching = sum("<script>" in f"{t.speaker} {t.text}" for t in transcript.turns)
    status = f"{matching} of {len(transcript.turns)} turns contain \u201c<script>\u201d."
    assert v.page.locator("#search-status").inner_text() == status


def test_segment_being_heard_follows_playback(visit):
    v = visit("example")
    v.page.locator("button.seek").nth(2).click()
    v.wait("document.getElementById('player').currentTime > 1.5 + "
           "parseFloat(document.getElementById('turn-3').dataset.start)")
    now, start, end, count = v.js("""() => { const c = document.querySelector('[aria-current]');
        return [document.getElementById('player').currentTime, +c.dataset.start, +c.dataset.end,
                document.querySelectorAll('[aria-current]').length]; }""")
    assert count == 1 and start <= now + 0.05
    later = v.js("""() => [...document.querySelectorAll('.seg')]
        .filter(s => +s.dataset.start > document.getElementById('player').currentTime + 0.05)
        .map(s => +s.dataset.start)[0]""")
    assert later is None or now < later
    assert v.js("getComputedStyle(document.querySelector('[aria-current]')).backgroundColor") \
        != v.js("getComputedStyle(document.querySelector('.seg:not([aria-current])'))"
                ".backgroundColor")


@pytest.mark.parametrize("name", PAGES)
def test_auto_scroll_follows_playback_until_switched_off(visit, name):
    v = visit(name, viewport={"width": 800, "height": 500}, reduced_motion="reduce")
    last = v.js("parseFloat([...document.querySelectorAll('.seg')].at(-1).dataset.start)")
    seek_and_wait(v, lambda: v.js(f"document.getElementById('player').currentTime = {last}"))
    box = v.page.locator("[aria-current]").bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= 500  # scrolled into view
    v.page.locator("#autoscroll").uncheck()
    v.js("window.scrollTo(0, 0)")
    seek_and_wait(v, lambda: v.js("document.getElementById('player').currentTime = "
                                  f"{last} * 0.6"))
    assert v.js("window.scrollY") == 0
    assert v.page.locator("[aria-current]").bounding_box()["y"] > 500  # left where it is


def test_search_filters_turns_ignoring_case_and_accents(visit, sites):
    v = visit("example")
    v.page.locator("#search").press_sequentially("SIOBHAN")
    shown = v.page.locator(".turn:visible")
    texts = shown.all_inner_texts()
    assert texts and all("siobhán" in t.lower() for t in texts)
    hidden = v.page.locator(".turn:not(:visible)").all_text_contents()
    assert hidden and not any("siobhán" in t.lower() for t in hidden)
    total = len(sites("example").turn_starts)
    assert v.page.locator("#search-status").inner_text().startswith(f"{len(texts)} of {total} ")
    assert v.js("CSS.highlights.get('search').size") >= len(texts)  # each match is highlighted
    v.page.fill("#search", "")
    assert shown.count() == total
    assert v.js("CSS.highlights.has('search')") is False


def test_shortcuts_are_documented_and_never_steal_keys_from_fields(visit):
    v = visit("example")
    v.page.locator("summary").click()
    listed = v.page.locator("details.shortcuts dt").all_inner_texts()
    assert listed == ["k", "j / l", "c", "a", "/"]
    paused = "document.getElementById('player').paused"
    v.page.locator("#search").press_sequentially("kjla/c")
    assert v.page.input_value("#search") == "kjla/c" and v.js(paused)
    assert v.page.locator("#autoscroll").is_checked()
    v.page.locator("h1").click()  # focus leaves the field
    v.page.keyboard.press("k")
    v.wait(f"!{paused}")
    v.page.keyboard.press("k")
    assert v.js(paused)
    v.page.keyboard.press("a")
    assert not v.page.locator("#autoscroll").is_checked()
    v.page.keyboard.press("/")
    assert v.js("document.activeElement.id") == "search"
    v.page.locator("#shortcuts").uncheck()
    v.page.locator("h1").click()
    v.page.keyboard.press("k")
    v.page.wait_for_timeout(200)
    assert v.js(paused)


def test_reduced_motion_and_print_styles(visit):
    v = visit("example", reduced_motion="reduce")
    behaviour = "getComputedStyle(document.documentElement).scrollBehavior"
    assert v.js(behaviour) == "auto"
    v.page.emulate_media(reduced_motion="no-preference")
    assert v.js(behaviour) == "smooth"
    v.page.fill("#search", "weir")  # a filtered view still prints the whole transcript
    v.page.emulate_media(media="print")
    display = "s => getComputedStyle(document.querySelector(s)).display"
    for selector in (".player", "#tools", ".skip"):
        assert v.page.evaluate(display, selector) == "none"
    assert v.page.locator(".turn:visible").count() == len(v.page.locator(".turn").all())
    assert v.js("getComputedStyle(document.body).color") == "rgb(0, 0, 0)"
    assert v.js("getComputedStyle(document.body).backgroundColor") == "rgb(255, 255, 255)"
