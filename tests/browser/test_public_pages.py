"""The public pages in Chromium: right-to-left, ticker, no console errors, accessible, valid."""

import json
import re
import subprocess
import tempfile
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import ARTIFACTS, PAGES, WIDTHS, fetch, screenshot


@pytest.mark.parametrize("width", list(WIDTHS))
@pytest.mark.parametrize("name", PAGES)
def test_page_is_right_to_left_with_the_ticker_and_no_console_errors(
    newsroom, open_page, name, width
):
    opened = open_page(newsroom[name], width)
    page = opened.page
    screenshot(opened, name)

    assert opened.status == 200, f"{name}: {newsroom[name]} answered {opened.status}"
    html = page.evaluate(
        """() => ({
            direction: getComputedStyle(document.documentElement).direction,
            bodyDirection: getComputedStyle(document.body).direction,
            lang: document.documentElement.lang,
        })"""
    )
    assert html == {"direction": "rtl", "bodyDirection": "rtl", "lang": "ar"}, name
    expect(page.locator("[data-ticker]")).to_be_visible()
    stylesheet = page.evaluate("() => document.styleSheets.length")
    assert stylesheet >= 1, f"{name}: no stylesheet loaded"
    opened.assert_no_errors()
    assert not opened.external, f"{name} asked another host for: {opened.external}"


def test_the_video_player_loads_only_when_the_reader_asks(newsroom, open_page):
    opened = open_page(newsroom["video"], "phone")
    page = opened.page
    facade = page.locator(".video-facade")
    expect(facade).to_be_visible()
    assert page.locator("iframe").count() == 0
    assert not opened.external
    facade.click()
    player = page.locator(".video-frame iframe")
    expect(player).to_have_attribute(
        "src", re.compile(r"^https://www\.youtube-nocookie\.com/embed/")
    )


def describe_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        lines.append(
            f"- {violation['id']} ({violation['impact']}): {violation['help']} "
            f"[{violation['helpUrl']}]"
        )
        for node in violation["nodes"][:8]:
            lines.append(f"    {' '.join(map(str, node['target']))}: {node['html'][:160]}")
            summary = (node.get("failureSummary") or "").replace("\n", " ")
            if summary:
                lines.append(f"      {summary[:300]}")
        if len(violation["nodes"]) > 8:
            lines.append(f"    … and {len(violation['nodes']) - 8} more elements")
    return "\n".join(lines)


#: axe's rules plus WCAG 2.2's target size (24 × 24 px), which axe leaves off by default.
AXE_OPTIONS = "{resultTypes: ['violations'], rules: {'target-size': {enabled: true}}}"


@pytest.mark.parametrize("name", PAGES)
def test_page_has_no_axe_violations_at_phone_and_desktop_sizes(
    newsroom, open_page, axe_script, name
):
    """No violation of any impact, the target-size rule included, at both sizes."""
    report = {}
    for width in WIDTHS:
        page = open_page(newsroom[name], width, bypass_csp=True).page
        page.add_script_tag(path=str(axe_script))
        results = page.evaluate(f"() => axe.run(document, {AXE_OPTIONS})")
        if results["violations"]:
            report[width] = results["violations"]
    (ARTIFACTS / "axe").mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "axe" / f"{name}.json").write_text(
        json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    assert not report, f"axe found violations on the {name} page:\n" + (
        "\n".join(f"[{width}]\n{describe_violations(v)}" for width, v in report.items())
    )


def test_pages_are_valid_html(newsroom, vnu_command):
    """The server's own HTML (not the DOM after scripts) passes the Nu HTML Checker."""
    with tempfile.TemporaryDirectory(prefix="newsroom-vnu-") as folder:
        files = []
        for name in PAGES:
            status, html = fetch(newsroom[name])
            assert status == 200, f"{name}: {newsroom[name]} answered {status}"
            path = Path(folder) / f"{name}.html"
            path.write_text(html, encoding="utf-8")
            files.append(str(path))
        checked = subprocess.run(
            [*vnu_command, "--errors-only", "--format", "json", *files],
            capture_output=True,
            text=True,
            timeout=300,
            check=False,
        )
    try:
        messages = json.loads(checked.stderr)["messages"]
    except (ValueError, KeyError):
        pytest.fail(f"vnu.jar gave no JSON report (exit {checked.returncode}):\n{checked.stderr}")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "vnu.json").write_text(
        json.dumps(messages, ensure_ascii=False, indent=1), encoding="utf-8"
    )
    errors = [m for m in messages if m.get("type") in ("error", "non-document-error")]
    listing = "\n".join(
        f"- {Path(m.get('url', '')).stem}:{m.get('lastLine', '?')}:{m.get('firstColumn', '?')} "
        f"{m.get('message')}\n    {m.get('extract', '').strip()[:200]}"
        for m in errors
    )
    if errors:
        pytest.fail(f"the Nu HTML Checker found {len(errors)} errors:\n{listing}", pytrace=False)
    assert checked.returncode == 0, checked.stderr


# -- the gallery viewer ---------------------------------------------------------------------

CURRENT_FIGURE = """(gallery) => {
    const figures = Array.from(gallery.querySelectorAll("figure"));
    const marked = figures.findIndex((f) => {
        const holder = f.closest("[aria-current='true']");
        return holder !== null && gallery.contains(holder);
    });
    if (marked !== -1) return {how: "aria-current", index: marked, count: figures.length};
    const box = gallery.getBoundingClientRect();
    const shown = figures
        .map((f, index) => ({
            index,
            rect: f.getBoundingClientRect(),
            visible: f.checkVisibility({visibilityProperty: true, opacityProperty: true}),
        }))
        .filter(({rect, visible}) => visible && rect.width > 0 && rect.height > 0
            && Math.min(rect.right, box.right) - Math.max(rect.left, box.left) > rect.width / 2);
    return {how: "visible", index: shown.length === 1 ? shown[0].index : -1,
            shown: shown.map((s) => s.index), count: figures.length};
}"""


def current_figure(gallery) -> dict:
    return gallery.evaluate(CURRENT_FIGURE)


def test_gallery_works_by_keyboard(newsroom, open_page):
    opened = open_page(newsroom["gallery"], "desktop")
    page = opened.page
    gallery = page.locator("[data-gallery]")
    expect(gallery).to_have_count(1)
    figures = gallery.locator("figure")
    assert figures.count() >= 2, "the demo gallery article should have several photos"

    start = current_figure(gallery)
    assert start["index"] == 0, f"with JavaScript, one photo (the first) is current: {start}"

    # Reach the viewer from the keyboard: Tab until focus is in the gallery.
    page.locator("body").focus()
    for _ in range(200):
        page.keyboard.press("Tab")
        if gallery.evaluate("(g) => g.contains(document.activeElement)"):
            break
    else:
        pytest.fail("the gallery viewer cannot be reached with the Tab key")

    page.keyboard.press("ArrowLeft")  # right-to-left: left is forward
    after_left = current_figure(gallery)
    assert after_left["index"] == 1, f"ArrowLeft shows the next photo: {start} -> {after_left}"

    page.keyboard.press("ArrowRight")
    after_right = current_figure(gallery)
    assert after_right["index"] == 0, f"ArrowRight goes back: {after_left} -> {after_right}"

    # The «previous/next» buttons work from the keyboard too: Enter on each, from the
    # second photo (so that neither the first nor the last photo stops a button).
    if start["count"] >= 3:
        page.keyboard.press("ArrowLeft")
        buttons = gallery.locator("button:visible")
        assert buttons.count() >= 2, "the viewer has «previous» and «next» buttons"
        for position in range(buttons.count()):
            button = buttons.nth(position)
            label = button.get_attribute("aria-label") or button.inner_text()
            before = current_figure(gallery)
            button.focus()
            page.keyboard.press("Enter")
            after = current_figure(gallery)
            assert after["index"] != before["index"], f"Enter on «{label}»: {before} -> {after}"
            page.keyboard.press("ArrowRight" if after["index"] > 1 else "ArrowLeft")
            assert current_figure(gallery)["index"] == 1, f"arrow keys after «{label}»"

    opened.assert_no_errors()


def test_gallery_without_javascript_shows_every_photo(newsroom, open_page):
    opened = open_page(newsroom["gallery"], "phone", javascript=False)
    gallery = opened.page.locator("[data-gallery]")
    expect(gallery).to_have_count(1)
    figures = gallery.locator("figure")
    assert figures.count() >= 2
    for position in range(figures.count()):
        expect(figures.nth(position)).to_be_visible()
    screenshot(opened, "gallery-nojs")
