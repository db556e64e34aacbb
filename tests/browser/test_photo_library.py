"""The editor's image button picks a photo from the library, in Chromium."""

from playwright.sync_api import expect

from images.models import Image
from tests.browser.admin_pages import open_in_editor


def test_the_image_button_puts_a_library_photo_in_the_dialog(open_page, live_site):
    item = Image.objects.order_by("-uploaded_at").first()
    assert item is not None, "the demo newsroom's photos are library items"
    page = open_page(f"{live_site}/admin/login/").page
    open_in_editor(page, live_site, "journalist", "/admin/articles/article/add/")
    page.click(".cke_button__image")
    dialog = page.locator(".cke_dialog").first
    expect(dialog).to_be_visible()
    with page.expect_popup() as opened:
        dialog.locator("a.cke_dialog_ui_button").filter(has_text="تصفح").first.click()
    library = opened.value
    library.wait_for_load_state()
    expect(library.locator(".library-choice").first).to_be_visible()
    library.locator(".library-choice").first.click()
    url = dialog.locator("input.cke_dialog_ui_input_text").first
    expect(url).to_have_value(item.file.url, timeout=10_000)
