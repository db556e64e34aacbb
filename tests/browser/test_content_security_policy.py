"""The Content-Security-Policy in Chromium: readers' pages block what was not ours, and the
admin's CKEditor 4 loads, types and uploads under its policy with no violation."""

import re

from playwright.sync_api import expect

from tests.browser.test_admin_editor import change_url, log_in
from tests.conftest import image_bytes

VIOLATION = re.compile(r"Content Security Policy|Refused to", re.I)


def test_a_readers_page_runs_no_script_that_is_not_ours(newsroom, open_page):
    opened = open_page(newsroom["article"])
    page = opened.page
    response = page.request.get(newsroom["article"])
    policy = response.headers["content-security-policy"]
    assert re.search(r"script-src 'self'(;|$)", policy), policy
    assert "unsafe-inline" not in policy and "unsafe-eval" not in policy
    opened.assert_no_errors()  # our own script files ran, nothing broke
    # Markup that got into the page by any road cannot run: an event handler, an inline
    # script, a script from elsewhere.
    page.evaluate(
        """() => {
            window.__ran = [];
            document.body.insertAdjacentHTML('beforeend',
              '<img src="/nope.png" onerror="window.__ran.push(1)">');
            const s = document.createElement('script');
            s.textContent = 'window.__ran.push(2)';
            document.body.append(s);
            const t = document.createElement('script');
            t.src = 'https://evil.example/x.js';
            document.body.append(t);
        }"""
    )
    page.wait_for_timeout(500)
    assert page.evaluate("window.__ran") == []
    assert any(VIOLATION.search(error) for error in opened.errors), opened.problems()
    assert not any("evil.example" in url for url in opened.external)


def test_ckeditor_loads_types_and_uploads_under_the_admin_policy(open_page, live_site, media):
    opened = open_page(f"{live_site}/admin/login/")
    page = opened.page
    log_in(page, live_site, "editor")
    page.goto(change_url(live_site))
    policy = page.request.get(change_url(live_site)).headers["content-security-policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy and "http" not in policy.split(
        "frame-src"
    )[0].replace("https://", "")
    page.wait_for_function(
        "() => window.CKEDITOR && CKEDITOR.instances.id_body"
        " && CKEDITOR.instances.id_body.status === 'ready'"
    )
    # Type into the editing area.
    body = page.frame_locator("iframe.cke_wysiwyg_frame").locator("body")
    body.click()
    page.keyboard.press("Control+End")
    page.keyboard.type(" جملة كتبت في المحرر")
    assert "جملة كتبت في المحرر" in page.evaluate("CKEDITOR.instances.id_body.getData()")
    # Upload a picture through the image dialog's upload tab.
    page.locator("a.cke_button__image").click()
    page.locator("a.cke_dialog_tab[id^='cke_Upload_']").click()
    upload_frame = page.frame_locator("iframe.cke_dialog_ui_input_file")
    upload_frame.locator("input[type=file]").set_input_files(
        {"name": "صورة.png", "mimeType": "image/png", "buffer": image_bytes("PNG", (80, 60))}
    )
    page.locator("a.cke_dialog_ui_fileButton").click()
    url_field = page.locator(".cke_dialog_contents input.cke_dialog_ui_input_text").first
    expect(url_field).to_have_value(re.compile(r"^/media/editor/.+\.png$"), timeout=15_000)
    page.locator("a.cke_dialog_ui_button_ok").click()
    page.wait_for_function(
        "() => CKEDITOR.instances.id_body.getData().includes('/media/editor/')", timeout=10_000
    )
    violations = [e for e in opened.errors if VIOLATION.search(e)]
    assert not violations, "\n".join(violations)
    # This test's media folder (for the upload) does not hold the demo story's own photo,
    # which the form shows as a thumbnail.
    opened.assert_no_errors(ignoring="/media/articles/")
