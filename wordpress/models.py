"""What the WordPress importer remembers: where each imported thing came from.

The importer matches articles, images, sections, tags and bylines to their WordPress ids
(per site, so two exports of the same site share them), which makes a second run an
update instead of a copy. ``LegacyPath`` keeps every address the old site had, pointing
at an object here rather than at a URL, so the old links follow later slug changes.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Article, Author, Category, Tag


class Site(models.Model):
    """A WordPress site an export came from, named by its ``base_blog_url``."""

    base_url = models.CharField(_("address"), max_length=300, unique=True)
    title = models.CharField(_("title"), max_length=200, blank=True)
    imported_at = models.DateTimeField(_("last import"), null=True, blank=True)

    class Meta:
        verbose_name = _("WordPress site")
        verbose_name_plural = _("WordPress sites")

    def __str__(self) -> str:
        return self.title or self.base_url


class ImportedPost(models.Model):
    """A WordPress post and the article made from it."""

    site = models.ForeignKey(Site, verbose_name=_("site"), on_delete=models.CASCADE)
    wp_id = models.BigIntegerField(_("WordPress id"))
    article = models.OneToOneField(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="wordpress_post",
    )
    # A digest of what the importer wrote last time: an unchanged post is not saved again,
    # and an editor's later changes here survive a re-run of an unchanged export.
    fingerprint = models.CharField(max_length=64, editable=False)
    note = models.TextField(_("note for the editors"), blank=True)
    sticky = models.BooleanField(_("sticky on WordPress"), default=False)
    imported_at = models.DateTimeField(_("imported at"), auto_now=True)

    class Meta:
        verbose_name = _("imported WordPress post")
        verbose_name_plural = _("imported WordPress posts")
        constraints = [
            models.UniqueConstraint(fields=["site", "wp_id"], name="wordpress_post_unique")
        ]

    def __str__(self) -> str:
        return f"{self.site_id}:{self.wp_id}"


class ImportedAttachment(models.Model):
    """A WordPress attachment; ``stored`` is its checked copy here, once found and imported."""

    site = models.ForeignKey(Site, on_delete=models.CASCADE)
    wp_id = models.BigIntegerField()
    parent_wp_id = models.BigIntegerField(null=True)
    menu_order = models.IntegerField(default=0)
    # Where the file sits under wp-content/uploads (``2024/05/photo.jpg``).
    source = models.CharField(max_length=500, blank=True)
    title = models.CharField(max_length=300, blank=True)
    caption = models.CharField(max_length=300, blank=True)
    stored = models.CharField(max_length=300, blank=True)
    width = models.PositiveIntegerField(null=True)
    height = models.PositiveIntegerField(null=True)
    source_sha256 = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("imported WordPress attachment")
        verbose_name_plural = _("imported WordPress attachments")
        constraints = [
            models.UniqueConstraint(fields=["site", "wp_id"], name="wordpress_attachment_unique")
        ]
        indexes = [
            # [gallery] without ids: a post's attached images in their order.
            models.Index(fields=["site", "parent_wp_id"], name="wordpress_attachment_parent"),
            # An image in a body found by its file name rather than its id.
            models.Index(fields=["site", "source"], name="wordpress_attachment_source"),
            # An old /wp-content/uploads/ address, whichever site it came from.
            models.Index(fields=["source"], name="wordpress_attachment_path"),
        ]

    def __str__(self) -> str:
        return self.source or str(self.wp_id)


class ImportedTerm(models.Model):
    """A WordPress category or author login and the section or byline it became here.

    (Tags need no such row: a tag is found again by its spelling, ``Tag.key``.)
    """

    class Taxonomy(models.TextChoices):
        CATEGORY = "category", _("category")
        AUTHOR = "author", _("author")

    site = models.ForeignKey(Site, on_delete=models.CASCADE)
    taxonomy = models.CharField(max_length=10, choices=Taxonomy)
    # The category's slug (nicename) or the author's login.
    key = models.CharField(max_length=200)
    category = models.ForeignKey(Category, null=True, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(Author, null=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("imported WordPress term")
        verbose_name_plural = _("imported WordPress terms")
        constraints = [
            models.UniqueConstraint(
                fields=["site", "taxonomy", "key"], name="wordpress_term_unique"
            )
        ]

    def __str__(self) -> str:
        return f"{self.taxonomy}:{self.key}"


class LegacyPath(models.Model):
    """An address of the old site and the object that answers it here.

    ``path`` is normalised by ``wordpress.paths.normalize`` (decoded, lower case, no
    trailing slash); query forms are stored as ``/?p=123``. Exactly one target is set.
    """

    path = models.CharField(max_length=1000)
    site = models.ForeignKey(Site, on_delete=models.CASCADE)
    article = models.ForeignKey(Article, null=True, on_delete=models.CASCADE, related_name="+")
    category = models.ForeignKey(Category, null=True, on_delete=models.CASCADE, related_name="+")
    tag = models.ForeignKey(Tag, null=True, on_delete=models.CASCADE, related_name="+")
    author = models.ForeignKey(Author, null=True, on_delete=models.CASCADE, related_name="+")

    class Meta:
        verbose_name = _("old WordPress address")
        verbose_name_plural = _("old WordPress addresses")
        constraints = [
            # The redirect's one lookup (equality only: a constraint, unlike unique=True,
            # adds no second varchar_pattern_ops index on PostgreSQL).
            models.UniqueConstraint(fields=["path"], name="wordpress_legacypath_path_unique"),
        ]

    def __str__(self) -> str:
        return self.path
