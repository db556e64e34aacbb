"""Two people, one article: the second stale save is refused and loses nothing."""

import pytest

from articles.models import Article
from tests.desk.admin_forms import change_url, form_data

pytestmark = pytest.mark.django_db


def test_a_stale_save_is_refused_naming_who_saved_and_keeping_the_text(
    client, editor, superuser, make_article
):
    article = make_article()
    opened = form_data(article)  # both open the form at the same version

    client.force_login(superuser)
    assert client.post(change_url(article), {**opened, "title": "نسخة الأول"}).status_code == 302

    client.force_login(editor)
    mine = {**opened, "title": "نسخة الثاني", "excerpt": "ما كتبه الثاني"}
    response = client.post(change_url(article), mine)
    assert response.status_code == 200
    page = response.text
    refusal = " ".join(response.context["adminform"].form.non_field_errors())
    assert "chief" in refusal  # who saved in between
    assert refusal in page
    assert "نسخة الثاني" in page and "ما كتبه الثاني" in page  # the typed text is kept
    article.refresh_from_db()
    assert article.title == "نسخة الأول"

    # Saving again from the refused form is a deliberate overwrite, and goes through.
    form = response.context["adminform"].form
    again = {**mine, "edit_version": form.data["edit_version"]}
    assert client.post(change_url(article), again).status_code == 302
    article.refresh_from_db()
    assert article.title == "نسخة الثاني"


def test_a_save_without_a_conflict_goes_through_and_changes_the_version(
    client, editor, make_article
):
    article = make_article()
    client.force_login(editor)
    assert client.post(change_url(article), form_data(article, title="جديد")).status_code == 302
    assert Article.objects.get(pk=article.pk).version > article.version
