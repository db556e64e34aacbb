"""The search index: one normalised document per article, and a queue of articles to redo.

See docs/search.md for how the two are kept up to date.
"""

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.db.models.functions import Now
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class SearchDocument(models.Model):
    """What search matches for one article: each field's stems (see ``search.analysis``).

    Every text column holds space-padded stems. The vectors are filled on PostgreSQL only
    (``to_tsvector('arabic', ...)`` over the stems); on SQLite they stay empty and the text
    columns are matched directly:

    * ``vector``: every field, weighted A title, B excerpt/tags/authors, C body; what is
      matched, through its GIN index (created by the migration);
    * ``head_vector``: title (A) and excerpt/tags/authors (B) only; what is ranked, for
      a bounded number of candidates.
    """

    article = models.OneToOneField(
        Article,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_document",
        verbose_name=_("article"),
    )
    # Fixed-width columns first: PostgreSQL reads them at a fixed offset in every row.
    # A copy of the article's publication time, to pick the most recent matches from the
    # GIN index cheaply on PostgreSQL. Never used to decide visibility: that is always
    # Article.objects.published().
    published_at = models.DateTimeField(_("publication time"), null=True, editable=False)
    # The ``Article.version`` the texts were read at: a writer holding an older read (a
    # queue consumer that read before an editor's save committed) may not overwrite a
    # document built from a newer one.
    article_version = models.BigIntegerField(_("article version"), default=0, editable=False)
    updated_at = models.DateTimeField(_("indexed at"), auto_now=True)
    title_text = models.TextField(_("title terms"), blank=True)
    excerpt_text = models.TextField(_("excerpt terms"), blank=True)
    meta_text = models.TextField(_("tag and author terms"), blank=True)
    body_text = models.TextField(_("body terms"), blank=True)
    vector = SearchVectorField(null=True, editable=False)
    head_vector = SearchVectorField(null=True, editable=False)

    class Meta:
        verbose_name = _("search document")
        verbose_name_plural = _("search documents")
        indexes = [
            # query._most_recent: the matches of a common word in a window of recent
            # documents (ANDed with the GIN bitmap on PostgreSQL).
            models.Index(fields=["published_at"], name="search_document_recent_idx"),
        ]

    def __str__(self) -> str:
        return f"search document {self.article_id}"


class PendingArticle(models.Model):
    """An article whose search document must be rebuilt.

    Rows are written by database triggers (see the migration) whenever an article's title,
    excerpt or body, its tags or authors, or the name of one of its tags or authors change
    by *any* path, ``save()`` or not (``update()``, ``bulk_create()``, raw SQL, restored
    revisions). The signal handlers and each search consume them.
    """

    article_id = models.BigIntegerField(db_index=True)
    queued_at = models.DateTimeField(_("queued at"), db_default=Now())

    class Meta:
        verbose_name = _("article waiting for the search index")
        verbose_name_plural = _("articles waiting for the search index")

    def __str__(self) -> str:
        return str(self.article_id)
