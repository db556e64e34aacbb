"""Nothing typed is ever lost, in Chromium: every way a save can be refused keeps the text
on the page, says why, and offers a way to keep it; the browser's copy goes only when the
server confirms the save."""

import itertools
import re

import pytest
from django.contrib.auth.models import User
from django.contrib.sessions.models import Session
from django.db import OperationalError
from playwright.sync_api import expect

from articles.models import Article, Category
from desk.admin import ArticleAdmin
from tests.browser.admin_pages import as_another_request_would, log_in, open_in_editor

_numbers = itertools.count(1)


def make_draft(owner: str = "journalist") -> Article:
    def create() -> Article:
        n = next(_numbers)
        return Article.objects.create(
            title=f"مسودة للحفظ رقم {n}",
            body="<p>نص أول.</p>",
            category=Category.objects.first(),
            status=Article.Status.DRAFT,
            created_by=User.objects.get(username=owner),
        )

    return as_another_request_would(create)


def open_draft(open_page, live_site, article, username="journalist"):
    opened = open_page(f"{live_site}/admin/login/")
    page = opened.page
    open_in_editor(page, live_site, username, f"/admin/articles/article/{article.pk}/change/")
    return opened


def type_story(page, title: str) -> None:
    page.fill("#id_title", title)
    page.evaluate("(t) => CKEDITOR.instances.id_body.setData('<p>' + t + ' <b>مهم</b></p>')", title)


def typed_into_a_draft(open_page, live_site, typed: str):
    """A journalist's fresh draft, open in the editor with ``typed`` as its title and body."""
    article = make_draft()
    opened = open_draft(open_page, live_site, article)
    type_story(opened.page, typed)
    return article, opened


def copy_key(article: Article, username: str = "journalist") -> str:
    user = User.objects.get(username=username)
    return f"newsroom:autosave:{user.pk}:article:{article.pk}"


def stored_copy(page, key: str):
    return page.evaluate("(k) => localStorage.getItem(k)", key)


def save_is_refused(page, reason: str, typed: str) -> None:
    """Save and continue; the save is refused for ``reason``, ``typed`` still on the page."""
    page.click("input[name=_continue]")
    panel = page.locator("#save-refused")
    expect(panel).to_be_visible(timeout=15_000)
    expect(panel.locator(".refused-reason")).to_have_text(
        panel.get_attribute(f"data-reason-{reason}")
    )
    expect(page.locator("#refused-text")).to_have_value(re.compile(typed))
    expect(page.locator("#id_title")).to_have_value(typed)  # still in the form


def keep_by(page, way: str, article: Article, typed: str) -> None:
    """Take the refusal panel's ``way`` out and see the typed text saved, and the browser's
    copy of it gone once the server confirmed the save."""
    page.click(f"#save-refused [data-keep={way}]")
    expect(page.locator(".messagelist")).to_be_visible(timeout=15_000)
    assert Article.objects.get(pk=article.pk).title == typed
    assert stored_copy(page, copy_key(article)) is None


def test_a_confirmed_save_clears_only_this_persons_copy_of_this_article(open_page, live_site):
    typed = "عنوان محفوظ بتأكيد الخادم"
    article, opened = typed_into_a_draft(open_page, live_site, typed)
    page = opened.page
    key = copy_key(article)
    page.wait_for_function("(k) => (localStorage.getItem(k) || '').includes('محفوظ')", arg=key)
    other = f"newsroom:autosave:999999:article:{article.pk}"  # another person, same browser
    page.evaluate('(k) => localStorage.setItem(k, \'{"at":1,"data":{}}\')', other)
    page.click("input[name=_continue]")
    expect(page.locator(".messagelist")).to_be_visible(timeout=15_000)
    assert stored_copy(page, key) is None
    assert stored_copy(page, other) is not None
    assert Article.objects.get(pk=article.pk).title == typed
    opened.assert_no_errors()


def test_refused_because_an_editor_published_it_keeps_the_text_as_a_new_draft(open_page, live_site):
    typed = "نص كتب بعد النشر"
    article, opened = typed_into_a_draft(open_page, live_site, typed)
    page = opened.page
    as_another_request_would(
        lambda: Article.objects.filter(pk=article.pk).update(status=Article.Status.PUBLISHED)
    )
    save_is_refused(page, "permission", typed)
    assert typed in stored_copy(page, copy_key(article))
    page.click("#save-refused [data-keep=draft]")
    expect(page.locator("#save-refused .refused-done a")).to_be_visible(timeout=15_000)
    kept = Article.objects.filter(title=typed).get()
    assert kept.status == "draft" and kept.pk != article.pk
    assert "<strong>مهم</strong>" in kept.body
    assert kept.created_by.username == "journalist"


def test_refused_because_someone_saved_first_offers_to_overwrite(open_page, live_site):
    typed = "نسختي بعد حفظ زميلي"
    article, opened = typed_into_a_draft(open_page, live_site, typed)
    page = opened.page

    def colleague_saves() -> None:
        fresh = Article.objects.get(pk=article.pk)
        fresh.title = "نسخة الزميل"
        fresh.updated_by = User.objects.get(username="editor")
        fresh.save()

    as_another_request_would(colleague_saves)
    save_is_refused(page, "stale", typed)
    expect(page.locator("#save-refused .refused-detail")).to_contain_text("editor")
    assert Article.objects.get(pk=article.pk).title == "نسخة الزميل"
    keep_by(page, "overwrite", article, typed)


def test_refused_by_a_stale_security_token_saves_on_retry(open_page, live_site):
    typed = "نص بعد انتهاء رمز الأمان"
    article, opened = typed_into_a_draft(open_page, live_site, typed)
    page = opened.page
    page.evaluate(
        "() => document.querySelectorAll('input[name=csrfmiddlewaretoken]')"
        ".forEach(el => { el.value = 'x'.repeat(64); })"
    )
    save_is_refused(page, "csrf", typed)
    keep_by(page, "retry", article, typed)


def test_refused_by_an_ended_session_saves_after_logging_in_again(open_page, live_site):
    typed = "نص كتب والجلسة منتهية"
    article, opened = typed_into_a_draft(open_page, live_site, typed)
    page = opened.page
    as_another_request_would(lambda: Session.objects.all().delete())
    save_is_refused(page, "login", typed)
    expect(page.locator("#save-refused [data-keep=login]")).to_be_visible()
    assert typed in stored_copy(page, copy_key(article))
    other_tab = page.context.new_page()
    log_in(other_tab, live_site, "journalist")
    other_tab.close()
    keep_by(page, "retry", article, typed)


@pytest.mark.parametrize(
    ("failure", "reason"),
    [(RuntimeError("boom"), "server"), (OperationalError("database is locked"), "unavailable")],
)
def test_a_server_error_or_a_locked_database_keeps_the_text_and_retries(
    open_page, live_site, monkeypatch, failure, reason
):
    typed = "نص كتب والخادم متعثر"
    article, opened = typed_into_a_draft(open_page, live_site, typed)
    page = opened.page

    def fail(*args, **kwargs):
        raise failure

    monkeypatch.setattr(ArticleAdmin, "save_model", fail)
    save_is_refused(page, reason, typed)
    assert typed in stored_copy(page, copy_key(article))
    assert Article.objects.get(pk=article.pk).title != typed
    monkeypatch.undo()
    keep_by(page, "retry", article, typed)


def test_a_new_storys_copy_is_its_own_and_is_offered_back_after_a_closed_tab(open_page, live_site):
    opened = open_page(f"{live_site}/admin/login/")
    page = opened.page
    log_in(page, live_site, "journalist")
    page.goto(f"{live_site}/admin/articles/article/add/")
    page.wait_for_function("() => window.CKEDITOR && CKEDITOR.instances.id_body")
    draft = page.input_value("input[name=autosave_draft]")
    user = User.objects.get(username="journalist")
    key = f"newsroom:autosave:{user.pk}:new:{draft}"
    typed = "قصة جديدة لم تحفظ"
    page.fill("#id_title", typed)
    page.wait_for_function("(k) => (localStorage.getItem(k) || '').includes('لم تحفظ')", arg=key)
    page.goto(f"{live_site}/admin/articles/article/add/")  # the tab was closed
    expect(page.locator("#autosave-banner")).to_be_visible(timeout=10_000)
    page.click("#autosave-banner .autosave-restore")
    expect(page.locator("#id_title")).to_have_value(typed)
