import time

from ckeditor_uploader.fields import RichTextUploadingField
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from taggit.managers import TaggableManager, _TaggableManager
from taggit.models import ItemBase, TagBase

from arabic.text import (
    clean_line,
    normalize_arabic,
    strip_bidi_controls,
    unicode_slugify,
    visible_line,
)
from common.fields import optional_link, unicode_slug, user_stamp
from images.paths import UploadPath

from .sanitize import clean_html
from .video import validate_video_url

article_image_path = UploadPath("articles")
photo_image_path = UploadPath("photos")
author_photo_path = UploadPath("authors")


def title_slug(instance: models.Model, title_length: int, fallback: str) -> str:
    """The slug a story or site page is saved with: the one typed, normalised to the field's
    length; none typed, one from the first ``title_length`` characters of the title that no
    other row has (a second page of the same title gets «-2», not an error)."""
    if instance.slug:
        return unicode_slugify(instance.slug, instance._meta.get_field("slug").max_length)
    base = unicode_slugify(instance.title, title_length) or fallback
    others = type(instance)._default_manager.exclude(pk=instance.pk)
    slug, n = base, 2
    while others.filter(slug=slug).exists():
        slug, n = f"{base}-{n}", n + 1
    return slug


class CleanedOnSave:
    """A model whose one-line fields (``line_fields``: titles, names, captions) lose control
    and direction characters and stray spaces on every save, whichever path saves it (the
    admin, an import, a shell); then ``prepare()`` does the model's own work."""

    line_fields: tuple[str, ...] = ()

    def prepare(self) -> None:
        """What the model does to itself before every save, its lines already cleaned."""

    def save(self, *args, **kwargs) -> None:
        for name in self.line_fields:
            setattr(self, name, clean_line(getattr(self, name)))
        self.prepare()
        super().save(*args, **kwargs)


class SlugFromNameMixin(CleanedOnSave):
    """A section or a byline: shown by its name, cleaned on save, its slug made from the name
    when left empty (as long as its slug field allows)."""

    line_fields = ("name",)

    def __str__(self) -> str:
        return self.name

    def prepare(self) -> None:
        slug_length = self._meta.get_field("slug").max_length
        self.slug = unicode_slugify(self.slug or self.name, slug_length)

    def clean(self) -> None:
        self.name = visible_line(self.name, "name")


class TitledMixin:
    """A story, a gallery or a site page: shown by its title; a title of invisible
    characters alone is a form error."""

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        self.title = visible_line(self.title, "title")


class Category(SlugFromNameMixin, models.Model):
    name = models.CharField(_("name"), max_length=80, unique=True)
    slug = unicode_slug(80)
    description = models.TextField(_("description"), blank=True)
    position = models.PositiveSmallIntegerField(
        _("position"), default=0, help_text=_("Order in the sections menu, smallest first.")
    )

    class Meta:
        ordering = ["position", "name"]
        verbose_name = _("section")
        verbose_name_plural = _("sections")

    def get_absolute_url(self) -> str:
        # The sections menu (articles.fragments.sections_menu) computes it once per
        # generation and keeps it with the cached instances: every page shows it twice.
        return self.__dict__.get("menu_url") or reverse(
            "articles:category", kwargs={"slug": self.slug}
        )


class Author(SlugFromNameMixin, models.Model):
    class Kind(models.TextChoices):
        PERSON = "person", _("Person")
        AGENCY = "agency", _("News agency")

    name = models.CharField(_("name"), max_length=120)
    kind = models.CharField(
        _("kind"),
        max_length=10,
        choices=Kind,
        default=Kind.PERSON,
        help_text=_("A news agency byline is an organisation for search engines."),
    )
    slug = unicode_slug(120)
    bio = models.TextField(_("biography"), blank=True)
    photo = models.ImageField(_("photo"), upload_to=author_photo_path, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user account"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="author",
        help_text=_("Leave empty for guest writers and news agencies."),
    )

    class Meta:
        ordering = ["name"]
        verbose_name = _("author")
        verbose_name_plural = _("authors")

    def get_absolute_url(self) -> str:
        return reverse("articles:author", kwargs={"slug": self.slug})


class Tag(CleanedOnSave, TagBase):
    """A taggit tag whose identity is its folded Arabic spelling.

    ``key`` is unique, so «الإستثمار» and «الاستثمار» can never become two tags.
    """

    key = models.CharField(_("spelling key"), max_length=100, unique=True, editable=False)

    class Meta:
        ordering = ["name"]
        verbose_name = _("tag")
        verbose_name_plural = _("tags")

    line_fields = ("name",)

    def prepare(self) -> None:
        self.key = normalize_arabic(self.name)

    def slugify(self, tag: str, i: int | None = None) -> str:
        slug = unicode_slugify(tag, 90) or "tag"
        return f"{slug}-{i}" if i is not None else slug

    def get_absolute_url(self) -> str:
        return reverse("articles:tag", kwargs={"slug": self.slug})

    def clean(self) -> None:
        self.name = visible_line(self.name, "name")


class TaggedArticle(ItemBase):
    content_object = models.ForeignKey("Article", on_delete=models.CASCADE)
    tag = models.ForeignKey(Tag, on_delete=models.CASCADE, related_name="tagged_articles")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["content_object", "tag"], name="unique_article_tag")
        ]
        indexes = [
            # Tag pages: a tag's newest links (highest article ids) first.
            models.Index(fields=["tag", "-content_object"], name="tagged_tag_article_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.content_object_id}:{self.tag_id}"


class SpellingAwareTagManager(_TaggableManager):
    """Resolves tag names by their folded spelling before taggit creates new tags.

    Every path that adds tags (the admin form, ``article.tags.add()`` in a shell or an
    import) goes through here, so a lookalike of an existing tag reuses that tag.
    """

    def _to_tag_model_instances(self, tags, tag_kwargs):
        names = [clean_line(t) for t in tags if isinstance(t, str)]
        existing = {
            tag.key: tag
            for tag in Tag.objects.filter(key__in={normalize_arabic(n) for n in names if n})
        }
        resolved, seen_keys = [], set()
        for tag in tags:
            if not isinstance(tag, str):
                resolved.append(tag)
                continue
            name = clean_line(tag)
            key = normalize_arabic(name)
            if not key or key in seen_keys:
                continue  # empty, or a lookalike of a name earlier in this same list
            seen_keys.add(key)
            resolved.append(existing.get(key, name))
        return super()._to_tag_model_instances(resolved, tag_kwargs)


class Gallery(TitledMixin, CleanedOnSave, models.Model):
    title = models.CharField(_("title"), max_length=200)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("photo gallery")
        verbose_name_plural = _("photo galleries")

    line_fields = ("title",)


class Photo(CleanedOnSave, models.Model):
    gallery = models.ForeignKey(
        Gallery, verbose_name=_("gallery"), on_delete=models.CASCADE, related_name="photos"
    )
    image = models.ImageField(
        _("image"), upload_to=photo_image_path, width_field="width", height_field="height"
    )
    width = models.PositiveIntegerField(editable=False, null=True)
    height = models.PositiveIntegerField(editable=False, null=True)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=120, blank=True)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        # The galleries showing a photo whose renditions were just made.
        indexes = [models.Index(fields=["image"], name="photo_image_idx")]

    def __str__(self) -> str:
        return self.caption or self.image.name

    line_fields = ("caption", "credit")


#: What an article card shows (``includes/article_card.html``, the home's lead).
CARD_FIELDS = (
    "title",
    "slug",
    "kind",
    "status",
    "excerpt",
    "image",
    "image_width",
    "image_height",
    "published_at",
    "category__name",
    "category__slug",
    "category__position",
)


class ArticleQuerySet(models.QuerySet):
    def published(self) -> "ArticleQuerySet":
        """What readers may see: published, and not scheduled for later.

        The only way public code (views, feeds, sitemaps, search, the ticker) asks for
        articles. Scheduling is decided here at query time, so no worker is needed.
        """
        return self.filter(status=Article.Status.PUBLISHED, published_at__lte=timezone.now())

    def scheduled(self) -> "ArticleQuerySet":
        """Published by an editor for a time still to come: not yet visible to readers."""
        return self.filter(status=Article.Status.PUBLISHED, published_at__gt=timezone.now())

    def for_cards(self) -> "ArticleQuerySet":
        """Cards without bylines (home blocks, strips, lists): the section in the same
        query, and only the columns a card shows (never the body, which lives in TOAST)."""
        return self.select_related("category").only(*CARD_FIELDS).order_by("-published_at", "-id")

    def for_listing(self) -> "ArticleQuerySet":
        """Cards with bylines (feeds): the section and authors in a fixed number of
        queries, without the body."""
        return (
            self.select_related("category")
            .defer("body")
            .prefetch_related("authors")
            .order_by("-published_at", "-id")
        )


class Article(TitledMixin, CleanedOnSave, models.Model):
    class Kind(models.TextChoices):
        STORY = "story", _("Story")
        GALLERY = "gallery", _("Photo gallery")
        VIDEO = "video", _("Video")
        OPINION = "opinion", _("Opinion")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        REVIEW = "review", _("In review")
        PUBLISHED = "published", _("Published")
        ARCHIVED = "archived", _("Archived")

    title = models.CharField(_("title"), max_length=200)
    slug = unicode_slug(
        220,
        help_text=_("The article's address; Arabic letters are allowed. Empty: from the title."),
    )
    kind = models.CharField(_("kind"), max_length=10, choices=Kind, default=Kind.STORY)
    category = models.ForeignKey(
        Category, verbose_name=_("section"), on_delete=models.PROTECT, related_name="articles"
    )
    tags = TaggableManager(
        _("tags"), through=TaggedArticle, blank=True, manager=SpellingAwareTagManager
    )
    authors = models.ManyToManyField(
        Author, verbose_name=_("authors"), related_name="articles", blank=True
    )
    excerpt = models.TextField(_("excerpt"), blank=True, max_length=600)
    body = RichTextUploadingField(_("body"), blank=True)
    image = models.ImageField(
        _("featured image"),
        upload_to=article_image_path,
        blank=True,
        width_field="image_width",
        height_field="image_height",
    )
    image_width = models.PositiveIntegerField(editable=False, null=True)
    image_height = models.PositiveIntegerField(editable=False, null=True)
    # The library item the featured image is (images.Image); ``image`` and its caption and
    # credit stay filled from it, so pages read the story alone.
    photo = optional_link("images.Image", _("photo from the library"), related_name="+")
    image_caption = models.CharField(_("image caption"), max_length=300, blank=True)
    image_credit = models.CharField(_("image credit"), max_length=120, blank=True)
    video_url = models.URLField(_("video address"), blank=True, validators=[validate_video_url])
    gallery = optional_link(Gallery, _("photo gallery"), related_name="articles")
    status = models.CharField(
        _("status"), max_length=10, choices=Status, default=Status.DRAFT, db_index=False
    )
    published_at = models.DateTimeField(
        _("publication time"),
        null=True,
        blank=True,
        help_text=_("A time in the future schedules the article."),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    created_by = user_stamp(_("created by"))
    updated_by = user_stamp(_("last changed by"))
    # A new value on every save (microseconds, so it never repeats after a revision is
    # restored); the admin form carries the version it was opened at, so a second
    # person's stale save is refused instead of silently overwriting.
    version = models.BigIntegerField(default=0, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["-published_at", "-id"]
        verbose_name = _("article")
        verbose_name_plural = _("articles")
        permissions = [
            ("publish_article", _("Can publish, schedule, unpublish and archive articles")),
        ]
        indexes = [
            # published() ordered by date: home, feeds, sitemaps, previous/next.
            models.Index(
                fields=["-published_at", "-id"],
                name="article_published_idx",
                condition=Q(status="published"),
            ),
            # Section pages (and their ?before= cursor), the home's section blocks and
            # related(): published() of one section, newest first.
            models.Index(
                fields=["category", "-published_at", "-id"],
                name="article_section_order_idx",
                condition=Q(status="published"),
            ),
            # The home's video and gallery strips: published() of one kind, newest first.
            models.Index(
                fields=["kind", "-published_at", "-id"],
                name="article_kind_order_idx",
                condition=Q(status="published"),
            ),
            # The sitemap index's Last-Modified: the latest change of a published story.
            models.Index(
                fields=["-updated_at"],
                name="article_updated_idx",
                condition=Q(status="published"),
            ),
            # The admin's article list: every status, newest first (drafts, with no
            # publication time, come first on PostgreSQL).
            models.Index(fields=["-published_at", "-id"], name="article_admin_order_idx"),
            # The admin's status filter and the editor's desk queues.
            models.Index(fields=["status", "-updated_at"], name="article_status_idx"),
            # The stories showing a photo whose renditions were just made (their cached
            # pages showed the original meanwhile).
            models.Index(
                fields=["image"],
                name="article_image_idx",
                condition=Q(status="published") & ~Q(image=""),
            ),
        ]

    line_fields = ("title", "image_caption", "image_credit")

    def get_absolute_url(self) -> str:
        return reverse("articles:detail", kwargs={"slug": self.slug})

    def prepare(self) -> None:
        self.excerpt = strip_bidi_controls(self.excerpt).strip()
        self.body = clean_html(self.body)
        self.slug = title_slug(self, 200, "article")
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        self.version = max(time.time_ns() // 1000, self.version + 1)

    @property
    def image_alt(self) -> str:
        """The lead photo's text alternative: the photo's own description (its caption),
        never the headline. The one place pages, OpenGraph and feeds read it from, so a
        photo library can supply real alt text later."""
        return self.image_caption

    @property
    def display_status(self) -> str:
        """The status as the newsroom says it, with «scheduled» for future publications."""
        return _("Scheduled") if self.is_scheduled else self.get_status_display()

    @property
    def is_visible(self) -> bool:
        """``published()`` for one article already in memory (its twin, kept equal by
        ``tests/articles/test_scheduling.py``); queries must use ``published()``."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        """``scheduled()`` for one article already in memory."""
        return (
            self.status == self.Status.PUBLISHED
            and self.published_at is not None
            and self.published_at > timezone.now()
        )
