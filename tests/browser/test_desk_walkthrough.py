"""The desk's promise, walked in Chromium: a journalist from login to «أرسل للمراجعة» in
at most 15 actions, an editor from the desk to published and pinned first in at most 5.
Each test counts the person's actions (a click, a typed text or line, a key, a chosen
file)."""

import re
import shutil
from pathlib import Path

from playwright.sync_api import expect

from articles.models import Article
from tests.browser.admin_pages import PASSWORDS, open_in_editor, wait_for_editor
from tests.browser.conftest import SCREENSHOTS
from tests.conftest import image_bytes
from ticker.models import Headline

REPO = Path(__file__).resolve().parents[2]
DOCS_SCREENSHOTS = REPO / "docs" / "screenshots"


class Actions:
    """Counts what the person does; each method is one action."""

    def __init__(self, page) -> None:
        self.page = page
        self.count = 0

    def click(self, target) -> None:
        self.count += 1
        (self.page.locator(target) if isinstance(target, str) else target).click()

    def fill(self, selector: str, text: str) -> None:
        self.count += 1
        self.page.fill(selector, text)

    def type(self, text: str) -> None:
        self.count += 1
        self.page.keyboard.type(text)

    def type_into(self, selector: str, text: str) -> None:
        """Typing a line into a field, ending with Enter as people do (one action)."""
        self.count += 1
        self.page.locator(selector).press_sequentially(text)

    def press(self, keys: str) -> None:
        self.count += 1
        self.page.keyboard.press(keys)

    def select(self, selector: str, label: str) -> None:
        self.count += 1
        self.page.select_option(selector, label=label)

    def choose_file(self, selector: str, path: Path) -> None:
        self.count += 1
        self.page.set_input_files(selector, str(path))


def link_address(page, act: Actions, url: str) -> None:
    """Type the address into CKEditor's link dialog once it is ready (its set-up empties
    the field, so a fast typist's text is checked before pressing Enter)."""
    field = page.locator(".cke_dialog input.cke_dialog_ui_input_text:focus")
    field.wait_for()
    page.wait_for_function("() => CKEDITOR.dialog.getCurrent() !== null")
    act.type(url)
    if field.input_value() != url:  # typed before the dialog's set-up: type it again
        page.fill(".cke_dialog input.cke_dialog_ui_input_text:focus", url)
    expect(page.locator(".cke_dialog input.cke_dialog_ui_input_text:focus")).to_have_value(url)


def keep_screenshot(page, name: str) -> None:
    """For the README: the screen as the person sees it (test-artifacts, docs/screenshots
    when NEWSROOM_SCREENSHOTS=docs)."""
    import os

    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=False)
    if os.environ.get("NEWSROOM_SCREENSHOTS") == "docs":
        DOCS_SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(path, DOCS_SCREENSHOTS / f"{name}.png")


def test_a_journalist_sends_a_new_story_for_review_in_at_most_15_actions(
    open_page, live_site, tmp_path
):
    photo = tmp_path / "صورة-المعرض.jpg"
    photo.write_bytes(image_bytes("JPEG", (1600, 900), colour=(180, 120, 40)))
    opened = open_page(f"{live_site}/admin/login/")
    page = opened.page
    act = Actions(page)
    title = "معرض الكتاب يفتح أبوابه بالدار البيضاء"

    act.fill("#id_username", "journalist")
    act.type_into("#id_password", PASSWORDS["journalist"] + "\n")  # typed, then Enter
    act.click(page.get_by_role("link", name="مقال جديد"))
    wait_for_editor(page)
    act.fill("#id_title", title)
    act.select("#id_category", "ثقافة")
    act.fill("#id_tags", "معرض الكتاب")
    act.click(page.frame_locator("#cke_id_body iframe").locator("body"))
    act.type("افتتح المعرض اليوم بحضور ")
    act.press("Control+B")
    act.type("آلاف الزوار")
    act.press("Control+L")
    link_address(page, act, "https://example.org/programme")
    act.press("Enter")
    act.choose_file("#id_image", photo)
    keep_screenshot(page, "writing-screen")
    act.click("button[name=_workflow][value=submit]")

    expect(page.locator(".messagelist")).to_contain_text("للمراجعة", timeout=20_000)
    assert act.count <= 15, f"{act.count} actions"
    article = Article.objects.get(title=title)
    assert article.status == "review"
    assert article.category.name == "ثقافة"
    assert [t.name for t in article.tags.all()] == ["معرض الكتاب"]
    assert re.search(r"<strong>آلاف الزوار", article.body)
    assert 'href="https://example.org/programme"' in article.body
    assert article.image and article.image_width == 1600
    assert list(article.authors.all()) == [article.created_by.author]  # her own byline
    opened.assert_no_errors(ignoring="ERR_ABORTED")


def test_an_editor_publishes_and_pins_first_from_the_desk_in_at_most_5_actions(
    open_page, live_site
):
    from tests.browser.admin_pages import as_another_request_would, log_in

    def story_in_review() -> Article:
        article = Article.objects.filter(status="published").order_by("-published_at").first()
        copy = Article.objects.create(
            title="الحكومة تعلن برنامجا جديدا للسكن",
            excerpt="برنامج يستهدف الأسر ذات الدخل المحدود.",
            body="<p>نص الخبر.</p>",
            category=article.category,
            status=Article.Status.REVIEW,
        )
        Headline.objects.create(text="خبر مثبت من قبل", position=0)
        return copy

    article = as_another_request_would(story_in_review)
    opened = open_page(f"{live_site}/admin/login/")
    page = opened.page
    log_in(page, live_site, "editor")
    page.goto(f"{live_site}/admin/")
    keep_screenshot(page, "desk")
    act = Actions(page)

    act.click(page.locator("#desk-review ~ ul").get_by_role("link", name=article.title))
    act.click("button[name=_workflow][value=publish]")
    expect(page.locator(".messagelist")).to_contain_text("نُشر", timeout=20_000)
    act.click("button[name=_pin]")
    expect(page.locator(".messagelist")).to_contain_text("شريط الأخبار", timeout=20_000)

    assert act.count <= 5, f"{act.count} actions"
    article.refresh_from_db()
    assert article.is_visible
    assert Headline.objects.current()[0].article == article
    # Requests cut short by the next page (quick clicks) are not errors of the page.
    opened.assert_no_errors(ignoring="ERR_ABORTED")


def test_the_caret_leaves_a_new_link_so_typing_goes_on_after_it(open_page, live_site):
    page = open_page(f"{live_site}/admin/login/").page
    open_in_editor(page, live_site, "journalist", "/admin/articles/article/add/")
    page.frame_locator("#cke_id_body iframe").locator("body").click()
    page.keyboard.type("اقرأ ")
    page.keyboard.press("Control+L")
    link_address(page, Actions(page), "https://example.org/a")
    page.keyboard.press("Enter")
    # A person types on once the dialog has gone (a key pressed while its OK button still
    # has the focus would press OK again).
    page.wait_for_function("() => CKEDITOR.dialog.getCurrent() === null")
    page.keyboard.type(" ثم تابع")
    body = page.evaluate("() => CKEDITOR.instances.id_body.getData()")
    assert "https://example.org/a</a>" in body and "ثم تابع" in body
