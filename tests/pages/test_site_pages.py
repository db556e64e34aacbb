"""The site's own pages (about us, contact, privacy, terms): edited in the admin, linked from
every page's footer, their bodies sanitised."""

import pytest
from django.core.cache import cache

from pages.models import Page

pytestmark = pytest.mark.django_db


def test_a_published_page_is_public_and_listed_in_the_footer(client):
    page = Page.objects.create(title="من نحن", slug="about", body="<p>جريدة مستقلة.</p>")
    response = client.get("/page/about/")
    assert response.status_code == 200
    assert "<h1>من نحن</h1>" in response.text
    assert "<p>جريدة مستقلة.</p>" in response.text
    assert "public" in response["Cache-Control"]
    home = client.get("/").text
    assert f'<a href="{page.get_absolute_url()}">من نحن</a>' in home


def test_an_unpublished_page_is_a_404_and_not_in_the_footer(client):
    Page.objects.create(title="شروط قديمة", slug="old-terms", is_published=False)
    assert client.get("/page/old-terms/").status_code == 404
    assert "شروط قديمة" not in client.get("/").text


def test_a_page_left_out_of_the_footer_is_still_public(client):
    Page.objects.create(title="إعلان", slug="ads", in_footer=False)
    assert client.get("/page/ads/").status_code == 200
    assert "/page/ads/" not in client.get("/").text


def test_the_footer_follows_an_editors_change_at_once(client, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        page = Page.objects.create(title="اتصل بنا", slug="contact")
    assert "اتصل بنا" in client.get("/").text  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        page.title = "راسلونا"
        page.save()
    home = client.get("/").text
    assert "راسلونا" in home and "اتصل بنا" not in home
    with django_capture_on_commit_callbacks(execute=True):
        page.delete()
    assert "راسلونا" not in client.get("/").text


def test_the_footer_lists_a_renamed_section_at_once(
    client, category, django_capture_on_commit_callbacks
):
    def footer() -> str:
        page = client.get("/").text
        return page[page.index('<footer class="site-footer">') :]

    assert category.name in footer()  # now cached
    with django_capture_on_commit_callbacks(execute=True):
        category.name = "أخبار الجهات"
        category.save()
    assert "أخبار الجهات" in footer()


def test_a_page_body_is_sanitised(client):
    Page.objects.create(
        title="خصوصية",
        slug="privacy",
        body='<p onclick="x()">نص</p><script>alert(1)</script><a href="javascript:x()">رابط</a>',
    )
    stored = Page.objects.get(slug="privacy").body
    assert "<script" not in stored and "onclick" not in stored and "javascript:" not in stored
    # Stored without save() (a bulk update), still clean on the page.
    Page.objects.filter(slug="privacy").update(body="<p>نص</p><script>alert(2)</script>")
    assert "<script>alert(2)" not in client.get("/page/privacy/").text


def test_arabic_slugs_and_bad_addresses(client):
    page = Page.objects.create(title="سياسة الخصوصية")
    assert page.slug == "سياسة-الخصوصية"
    assert client.get(page.get_absolute_url()).status_code == 200
    for bad in ["/page/%00/", "/page/nothing/", "/page/..%2f/", "/page/' or 1=1/"]:
        assert client.get(bad).status_code in (400, 404), bad


def test_editors_manage_pages_in_the_admin(client, editor):
    client.force_login(editor)
    response = client.post(
        "/admin/pages/page/add/",
        {
            "title": "شروط الاستخدام",
            "slug": "",
            "body": "<p>شروط</p>",
            "is_published": "on",
            "in_footer": "on",
            "position": "3",
        },
    )
    assert response.status_code == 302
    assert Page.objects.get().slug == "شروط-الاستخدام"
    cache.clear()
    assert "شروط الاستخدام" in client.get("/").text


def test_a_journalist_cannot_change_the_site_pages(client, journalist):
    page = Page.objects.create(title="من نحن", slug="about", body="<p>جريدة مستقلة.</p>")
    client.force_login(journalist)
    assert client.get("/admin/pages/page/").status_code == 403
    data = {"title": "مخترق", "slug": "about", "body": "<p>x</p>", "position": "1"}
    assert client.post(f"/admin/pages/page/{page.pk}/change/", data).status_code == 403
    assert client.post("/admin/pages/page/add/", data).status_code == 403
    page.refresh_from_db()
    assert page.title == "من نحن"
    assert Page.objects.count() == 1


def test_two_pages_of_the_same_title_get_two_addresses(client, superuser):
    client.force_login(superuser)
    form = {"title": "اتصل بنا", "slug": "", "body": "", "is_published": "on", "position": "0"}
    for _ in range(2):
        assert client.post("/admin/pages/page/add/", form).status_code == 302
    assert sorted(Page.objects.values_list("slug", flat=True)) == ["اتصل-بنا", "اتصل-بنا-2"]


def test_a_slug_taken_by_another_page_is_a_form_error(client, superuser):
    client.force_login(superuser)
    Page.objects.create(title="من نحن", slug="about")
    for taken in ["about", "ABOUT", "About!"]:
        form = {"title": "عن الجريدة", "slug": taken, "body": "", "position": "0"}
        response = client.post("/admin/pages/page/add/", form)
        assert response.status_code == 200, taken
        assert "slug" in response.context["adminform"].form.errors, taken
    assert Page.objects.count() == 1


def test_a_title_of_invisible_characters_is_a_form_error(client, superuser):
    client.force_login(superuser)
    form = {"title": "\u200f\u200e ", "slug": "", "body": "", "position": "0"}
    response = client.post("/admin/pages/page/add/", form)
    assert response.status_code == 200
    assert Page.objects.count() == 0
