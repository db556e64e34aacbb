"""Malformed parameters at every URL of the site and the admin: a 400, a 404, a redirect or
a form error, never a 500.

Every URL pattern is listed from the resolver (a new one without a sample here fails the
test that checks the list is complete), then each gets several inputs of each class:
NUL characters, numbers that are not numbers, oversized and badly encoded text, repeated
and unknown parameters, and the admin's own list parameters.
"""

from urllib.parse import quote

import pytest
from django.contrib import admin
from django.urls import URLPattern, URLResolver, get_resolver
from django.utils import timezone

from articles.models import Gallery
from desk import previews
from pages.models import Page
from ticker.models import Headline

pytestmark = pytest.mark.django_db

NUL = ["%00", "%D8%A7%00"]
NOT_NUMBERS = ["abc", "-1", "1e9", "9" * 40, "%D9%A1%D9%A2", ""]
TEXT = ["x" * 5000, "%ff%fe", "%", "%e2%80%ae", "<script>"]

# Every class at once, as raw query strings: (name, query).
QUERIES = (
    [(f"q-nul-{n}", f"q={v}") for n, v in enumerate(NUL)]
    + [(f"page-{n}", f"page={v}&p={v}") for n, v in enumerate(NOT_NUMBERS)]
    + [(f"text-{n}", f"q={v}&term={v}") for n, v in enumerate(TEXT)]
    + [
        ("nul-name", "%00=1"),
        ("repeated", "q=a&q=b&page=1&page=2"),
        ("admin-order", "o=abc"),
        ("admin-order-range", "o=99.-98"),
        ("admin-filter-id", "category__id__exact=abc&authors__id__exact=%00x"),
        ("admin-filter-date", "published_at__gte=not-a-date&published_at__lt=2026-13-45"),
        ("admin-unknown-lookup", "title__regex=(&password=x"),
        ("admin-state", "state=%3Cscript%3E&kind=zzz"),
        ("admin-popup", "_popup=1&_to_field=password"),
        ("admin-all", "all=&e=1&_changelist_filters=%00"),
    ]
)


def patterns(resolver: URLResolver | None = None, prefix: str = "") -> list[str]:
    """Every URL pattern's route, as text."""
    resolver = resolver or get_resolver()
    found = []
    for entry in resolver.url_patterns:
        if isinstance(entry, URLResolver):
            found += patterns(entry, prefix + str(entry.pattern))
        elif isinstance(entry, URLPattern):
            found.append(prefix + str(entry.pattern))
    return found


@pytest.fixture
def world(make_article, author, superuser, client):
    article = make_article(title="خبر للاختبار", authors=[author], tags=["اختبار"])
    draft = make_article(title="مسودة", status="draft", published_at=None)
    gallery = Gallery.objects.create(title="ألبوم")
    headline = Headline.objects.create(text="عاجل", article=article)
    tag = article.tags.get()
    site_page = Page.objects.create(title="من نحن", slug="about", body="<p>نص</p>")
    day = timezone.localtime(article.published_at)
    public = [
        "/",
        "/feed/",
        article.get_absolute_url(),
        article.category.get_absolute_url(),
        f"/section/{article.category.slug}/feed/",
        tag.get_absolute_url(),
        author.get_absolute_url(),
        f"/archive/{day.year}/{day.month}/",
        f"/archive/{day.year}/{day.month}/{day.day}/",
        "/search/",
        "/ticker.json",
        "/sitemap.xml",
        "/sitemap-articles.xml",
        "/sitemap-sections.xml",
        "/news-sitemap.xml",
        "/robots.txt",
        "/favicon.ico",
        "/health/",
        site_page.get_absolute_url(),
        previews.preview_url(draft.pk),
        "/preview/not-a-token/",
        f"/hit/{article.pk}/",  # POST only: GET answers 405
    ]
    staff = ["/admin/", "/admin/autocomplete/", "/admin/jsi18n/", "/admin/password_change/"]
    objects = {
        "articles.article": article,
        "articles.gallery": gallery,
        "ticker.headline": headline,
        "articles.tag": tag,
        "articles.author": author,
        "articles.category": article.category,
        "auth.user": superuser,
        "pages.page": site_page,
    }
    for model in admin.site._registry:
        label = model._meta.label_lower
        base = f"/admin/{model._meta.app_label}/{model._meta.model_name}/"
        staff += [base, base + "add/"]
        instance = objects.get(label) or model.objects.first()
        if instance is not None:
            staff.append(f"{base}{instance.pk}/change/")
    staff += [
        f"/admin/articles/article/{article.pk}/preview/",
        f"/admin/articles/article/{article.pk}/presence/",
        "/admin/articles/article/tag-suggestions/",
        "/admin/articles/article/recover/",
    ]
    return {"public": public, "staff": staff, "article": article, "user": superuser}


def test_every_url_pattern_has_a_sample(world):
    """A new URL must be added to ``world`` so the inputs below reach it."""
    samples = world["public"] + world["staff"]
    skipped = {"media", "static"}
    for route in patterns():
        if any(word in route for word in skipped) or route.startswith("admin/"):
            continue  # the admin's own routes are covered through its registry
        head = "/" + route.split("<")[0]
        assert any(sample.startswith(head) for sample in samples), route


def statuses(client, urls: list[str], query: str, method: str = "get") -> dict[str, int]:
    found = {}
    for url in urls:
        response = getattr(client, method)(f"{url}?{query}")
        found[url] = response.status_code
    return found


@pytest.mark.parametrize(("name", "query"), QUERIES, ids=[name for name, _ in QUERIES])
def test_public_pages_never_answer_500(client, world, name, query):
    failing = {u: s for u, s in statuses(client, world["public"], query).items() if s >= 500}
    assert not failing, failing


@pytest.mark.parametrize(("name", "query"), QUERIES, ids=[name for name, _ in QUERIES])
def test_admin_pages_never_answer_500(client, world, name, query):
    client.force_login(world["user"])
    failing = {u: s for u, s in statuses(client, world["staff"], query).items() if s >= 500}
    assert not failing, failing


@pytest.mark.parametrize("term", NUL + TEXT)
def test_the_admin_autocomplete_never_answers_500(client, world, term):
    client.force_login(world["user"])
    for app, model, field in [
        ("articles", "article", "authors"),
        ("articles", "article", "gallery"),
        ("ticker", "headline", "article"),
    ]:
        query = f"term={term}&app_label={app}&model_name={model}&field_name={field}"
        assert client.get(f"/admin/autocomplete/?{query}").status_code < 500
    for query in ["term=x&app_label=%00", "term=x&app_label=articles&model_name=nope"]:
        assert client.get(f"/admin/autocomplete/?{query}").status_code < 500


@pytest.mark.parametrize("value", ["%00", "abc%00", "\u202e", "x" * 300])
def test_the_tag_suggestions_never_answer_500(client, world, value):
    client.force_login(world["user"])
    response = client.get(f"/admin/articles/article/tag-suggestions/?q={quote(value, safe='%')}")
    assert response.status_code in (200, 400)


@pytest.mark.parametrize("selected", ["abc", "1.5", "%00", "", "1e3", "٣", "-1", "9" * 30])
@pytest.mark.parametrize(
    "changelist",
    [
        "/admin/articles/category/",
        "/admin/articles/author/",
        "/admin/articles/tag/",
        "/admin/articles/gallery/",
        "/admin/ticker/headline/",
    ],
)
def test_an_admin_action_on_ids_that_are_not_ids_never_answers_500(
    client, world, changelist, selected
):
    client.force_login(world["user"])
    body = f"action=delete_selected&index=zz&_selected_action={selected}"
    response = client.post(changelist, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500


@pytest.mark.parametrize(
    "fields",
    [
        {"username": "admin\x00", "password": "x"},
        {"username": "\x00", "password": "\x00"},
        {"username": "x" * 10_000, "password": "y"},
        {"username": ["a", "b"], "password": "y"},
        {"username": "\ud800".encode("utf-8", "surrogatepass").decode("latin-1"), "password": "y"},
    ],
)
def test_the_login_form_never_answers_500(client, world, fields):
    assert client.post("/admin/login/", fields).status_code < 500


@pytest.mark.parametrize(
    ("url", "body"),
    [
        ("/hit/1/", "x=%00"),
        ("/hit/99999999999999999999/", ""),
        ("/admin/editor-upload/", "upload=%00"),
        ("/admin/articles/article/add/", "title=%00&category=abc&status=zzz&published_at_0=x"),
        ("/admin/articles/article/add/", "title=ok&category=1&edit_version=abc&authors=x"),
        ("/admin/articles/category/add/", "name=a&position=-5"),
        ("/admin/ticker/headline/add/", "text=a&starts_at_0=2026-99-99&url=javascript:x"),
    ],
)
def test_malformed_forms_never_answer_500(client, world, url, body):
    client.force_login(world["user"])
    response = client.post(url, body, content_type="application/x-www-form-urlencoded")
    assert response.status_code < 500


@pytest.mark.parametrize("cookie", ["\x00", "abc\x00def", "x" * 5000, "' OR 1=1 --"])
def test_a_malformed_session_cookie_never_answers_500(client, world, cookie):
    client.cookies["sessionid"] = cookie
    assert client.get("/admin/").status_code < 500
    assert client.get("/").status_code < 500


@pytest.mark.parametrize("value", ["x", "9" * 30, "-1", "1.5", "%00"])
def test_a_forged_autocomplete_value_is_a_form_error(client, world, value):
    client.force_login(world["user"])
    if value == "%00":
        body = f"text=a&starts_at_0=2026-05-01&starts_at_1=10:00&article={value}"
        response = client.post(
            "/admin/ticker/headline/add/", body, content_type="application/x-www-form-urlencoded"
        )
        assert response.status_code == 400
        return
    response = client.post(
        "/admin/ticker/headline/add/",
        {"text": "عاجل", "starts_at_0": "2026-05-01", "starts_at_1": "10:00", "article": value},
    )
    assert response.status_code == 200
    assert "article" in response.context["adminform"].form.errors
