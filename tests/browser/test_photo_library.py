"""The editor's image button picks a photo from the library, in Chromium."""

from playwright.sync_api import Error, expect

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
    choice = library.locator(".library-choice").first
    expect(choice).to_be_visible()
    # Choosing closes the library window (images/static/images/pick.js), at times before
    # Chromium has answered the click: the close is what is waited for.
    with library.expect_event("close"):
        try:
            choice.click()
        except Error:
            if not library.is_closed():
                raise
    url = dialog.locator("input.cke_dialog_ui_input_text").first
    expect(url).to_have_value(item.file.url, timeout=10_000)
