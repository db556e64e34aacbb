"""The ticker in Chromium: a new headline arrives without a reload; it can be paused."""

import time

from playwright.sync_api import expect

from tests.browser.admin_pages import as_another_request_would
from ticker.models import Headline

ARABIC_DIGITS = str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩")


def unique_headline() -> str:
    number = str(time.monotonic_ns() % 10**9).translate(ARABIC_DIGITS)
    return f"عاجل جديد: خبر أضيف والصفحة مفتوحة رقم {number}"


def remove_all_headlines() -> None:
    for headline in Headline.objects.all():
        headline.delete()  # one by one: each delete invalidates the ticker's cache


def test_a_headline_added_while_the_page_is_open_appears_without_a_reload(newsroom, open_page):
    opened = open_page(newsroom["home"], "desktop")
    page = opened.page
    ticker = page.locator("[data-ticker]")
    expect(ticker).to_be_visible()
    page.evaluate("() => { window.__marker = 1; }")
    text = unique_headline()
    expect(ticker).not_to_contain_text(text)

    as_another_request_would(lambda: Headline.objects.create(text=text, is_breaking=True))

    # ticker.js polls /ticker.json every 15 s; the server's payload cache is invalidated on
    # save, so the headline arrives at the next poll.
    expect(ticker.locator(".ticker-list:not(.ticker-clone)")).to_contain_text(text, timeout=40_000)
    assert page.evaluate("() => window.__marker") == 1, "the page was reloaded"
    opened.assert_no_errors()


def test_the_ticker_can_be_paused(newsroom, open_page):
    opened = open_page(newsroom["home"], "phone")
    page = opened.page
    toggle = page.locator("[data-ticker] .ticker-toggle")
    expect(toggle).to_be_visible()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "true")
    toggle.click()
    expect(toggle).to_have_attribute("aria-pressed", "false")
    opened.assert_no_errors()


def test_taking_off_the_last_headline_empties_open_pages(newsroom, open_page):
    opened = open_page(newsroom["home"], "desktop")
    ticker = opened.page.locator("[data-ticker] .ticker-list:not(.ticker-clone)")
    expect(ticker.locator("li").first).not_to_have_class("ticker-empty")
    as_another_request_would(remove_all_headlines)
    expect(ticker.locator("li.ticker-empty")).to_have_count(1, timeout=40_000)
    opened.assert_no_errors()
