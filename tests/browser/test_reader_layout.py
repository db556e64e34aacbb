"""How the pages sit on a phone and a desktop: a compact header, compact rows, a menu that
shows it scrolls, the article's side column, Latin text sized to the Arabic around it."""

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import screenshot

GLYPHS = """async () => {
    await document.fonts.load('400 20px "Noto Naskh Arabic"', 'Hا');
    await document.fonts.load('700 20px "Noto Naskh Arabic"', 'Hا');
    const canvas = document.createElement('canvas').getContext('2d');
    const out = {};
    for (const weight of [400, 700]) {
        canvas.font = weight + ' 100px "Noto Naskh Arabic"';
        const ascent = (text) => canvas.measureText(text).actualBoundingBoxAscent;
        out[weight] = {capital: ascent('H'), digits: ascent('2026'), alef: ascent('ا')};
    }
    return out;
}"""


def test_latin_capitals_and_digits_stand_below_the_arabic_alef(newsroom, open_page):
    """At the same size and weight, Latin capitals and Western digits are no taller than
    the Naskh's alef, so «AtlasVolt» or «2026» inside a title does not shout."""
    page = open_page(newsroom["article"], "desktop").page
    for weight, sizes in page.evaluate(GLYPHS).items():
        assert sizes["capital"] <= 0.9 * sizes["alef"], (weight, sizes)
        assert sizes["digits"] <= 0.9 * sizes["alef"], (weight, sizes)


def test_on_a_phone_the_first_story_shows_high_and_the_rest_are_compact_rows(newsroom, open_page):
    opened = open_page(newsroom["home"], "phone")
    page = opened.page
    lead = page.locator(".lead img").bounding_box()
    assert lead["y"] < 180, f"the lead photo starts {lead['y']} px down the page"
    rows = page.locator(".top-stories .card")
    assert rows.count() >= 3
    for position in range(rows.count()):
        row = rows.nth(position).bounding_box()
        thumbnail = rows.nth(position).locator("img").bounding_box()
        assert thumbnail["width"] <= 0.35 * 390, thumbnail
        assert row["height"] < 170, row
    height = page.evaluate("() => document.documentElement.scrollHeight")
    assert height < 9000, f"the phone home page is {height} px long"


def test_on_a_phone_the_sections_menu_shows_that_it_scrolls(newsroom, open_page):
    page = open_page(newsroom["home"], "phone").page
    menu = page.locator("[data-sections]")
    overflows = menu.locator("ul").evaluate("(ul) => ul.scrollWidth > ul.clientWidth + 4")
    assert overflows, "the demo's sections fit the phone: nothing to show"
    expect(menu).to_have_class("sections has-more")
    menu.locator("ul").evaluate("(ul) => { ul.scrollLeft = -ul.scrollWidth; }")
    expect(menu).not_to_have_class("sections has-more")


@pytest.mark.parametrize("width", ["desktop", "phone"])
def test_the_article_has_its_side_column_beside_it_on_desktop(newsroom, open_page, width):
    opened = open_page(newsroom["article"], width)
    page = opened.page
    article = page.locator("article.article").bounding_box()
    aside = page.locator(".article-aside")
    expect(aside.locator(".latest-list li")).not_to_have_count(0)
    expect(aside.locator(".most-read")).to_have_count(1)
    box = aside.bounding_box()
    if width == "desktop":
        # Right to left: the side column stands at the article's left, level with its top.
        assert box["x"] + box["width"] <= article["x"], (box, article)
        assert abs(box["y"] - article["y"]) < 40, (box, article)
        screenshot(opened, "article-side-column")
    else:
        assert box["y"] >= article["y"] + article["height"], (box, article)


def test_a_search_with_no_result_offers_a_way_on(newsroom, open_page):
    page = open_page(newsroom["search-empty"], "phone").page
    expect(page.locator(".search-results")).to_have_count(0)
    expect(page.locator(".search-suggestion a")).to_have_text("ازخرفقطلنج")
    expect(page.locator(".search-help .latest-list li")).not_to_have_count(0)
    expect(page.locator(".search-help .chips a").first).to_be_visible()
