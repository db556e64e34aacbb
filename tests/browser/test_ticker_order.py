"""The ticker's admin list in Chromium: reordered by drag and drop, or by keyboard."""

from django.utils import timezone
from playwright.sync_api import expect

from tests.browser.admin_pages import as_another_request_would, log_in
from ticker.models import Headline


def three_headlines() -> list[int]:
    def create() -> list[int]:
        Headline.objects.all().delete()
        now = timezone.now()
        return [
            Headline.objects.create(text=text, position=n, starts_at=now).pk
            for n, text in enumerate(["الأول في الشريط", "الثاني في الشريط", "الثالث في الشريط"], 1)
        ]

    return as_another_request_would(create)


def ticker_order() -> list[str]:
    return [h.text for h in Headline.objects.current()]


def test_an_editor_reorders_the_ticker_with_the_keyboard(open_page, live_site):
    three_headlines()
    page = open_page(f"{live_site}/admin/login/").page
    log_in(page, live_site, "editor")
    page.goto(f"{live_site}/admin/ticker/headline/")
    third = page.locator("#result_list tbody tr").nth(2)
    third.locator(".ticker-move-up").focus()
    page.keyboard.press("Enter")
    page.keyboard.press("Enter")  # focus stays on the moved headline's button
    expect(page.locator(".ticker-order-status")).not_to_be_empty()
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_be_visible()
    assert ticker_order() == ["الثالث في الشريط", "الأول في الشريط", "الثاني في الشريط"]


def test_an_editor_drags_a_headline_to_its_place(open_page, live_site):
    three_headlines()
    page = open_page(f"{live_site}/admin/login/").page
    log_in(page, live_site, "editor")
    page.goto(f"{live_site}/admin/ticker/headline/")
    rows = page.locator("#result_list tbody tr")
    rows.nth(2).drag_to(rows.nth(0), target_position={"x": 20, "y": 2})
    page.click("input[name=_save]")
    expect(page.locator(".messagelist")).to_be_visible()
    assert ticker_order()[0] == "الثالث في الشريط"
