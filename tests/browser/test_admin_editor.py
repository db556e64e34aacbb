"""The article change form in Chromium: autosave to the browser and «who is editing now»."""

from playwright.sync_api import expect

from articles.models import Article
from tests.browser.admin_pages import log_in


def change_url(live_site: str) -> str:
    article = Article.objects.filter(status="published").order_by("-published_at").first()
    return f"{live_site}/admin/articles/article/{article.pk}/change/"


def test_typed_text_survives_a_closed_tab_and_is_offered_back(open_page, live_site):
    opened = open_page(f"{live_site}/admin/login/")
    page = opened.page
    log_in(page, live_site, "editor")
    url = change_url(live_site)
    page.goto(url)
    page.wait_for_function("() => window.CKEDITOR && CKEDITOR.instances.id_body")
    typed = "عنوان كتب ولم يحفظ بعد"
    page.fill("#id_title", typed)
    # The form keeps a copy in localStorage a few seconds after typing.
    page.wait_for_function(
        "(t) => Object.keys(localStorage).some(k => k.startsWith('newsroom:autosave:')"
        " && localStorage.getItem(k).includes(t))",
        arg=typed,
        timeout=15_000,
    )
    page.goto(url)  # the tab was closed; the article is opened again
    banner = page.locator("#autosave-banner")
    expect(banner).to_be_visible(timeout=10_000)
    expect(page.locator("#id_title")).not_to_have_value(typed)
    banner.locator(".autosave-restore").click()
    expect(page.locator("#id_title")).to_have_value(typed)
    expect(banner).to_be_hidden()


def test_a_second_editor_sees_who_is_editing_and_takes_over_knowingly(open_page, live_site):
    url = change_url(live_site)
    first = open_page(f"{live_site}/admin/login/").page
    log_in(first, live_site, "editor")
    first.goto(url)
    first.wait_for_function("() => window.CKEDITOR && CKEDITOR.instances.id_body")

    second = open_page(f"{live_site}/admin/login/").page
    log_in(second, live_site, "admin")
    second.goto(url)
    banner = second.locator("#presence-banner")
    expect(banner).to_be_visible(timeout=10_000)
    expect(banner).to_contain_text("editor")
    save = second.locator("input[name=_continue]")
    expect(save).to_be_disabled()
    banner.locator(".presence-takeover").click()
    expect(save).to_be_enabled()
