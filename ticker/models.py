from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.db.models import Exists, F, OuterRef, Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from arabic.text import clean_line, visible_line
from articles.models import Article
from common.fields import optional_link, user_stamp

HEADLINE_MAX_LENGTH = 160


def default_lifetime() -> timedelta:
    return timedelta(hours=getattr(settings, "TICKER_DEFAULT_HOURS", 12))


class HeadlineQuerySet(models.QuerySet):
    def current(self) -> "HeadlineQuerySet":
        """Headlines on the ticker now, in ticker order; expiry is decided at query time.

        A headline linked to an article shows only while readers may see that article.
        """
        now = timezone.now()
        return (
            self.filter(starts_at__lte=now, expires_at__gt=now)
            # A correlated EXISTS: one primary-key probe per headline. ``article__in``
            # (a hashed subplan) would read every published article on each rebuild.
            .filter(
                Q(article__isnull=True)
                | Exists(Article.objects.published().filter(pk=OuterRef("article_id")))
            )
            .select_related("article")
            .order_by(F("position").asc(nulls_last=True), "-starts_at", "-id")
        )


class Headline(models.Model):
    text = models.CharField(_("text"), max_length=HEADLINE_MAX_LENGTH)
    article = optional_link(
        Article, _("article"), related_name="headlines", on_delete=models.CASCADE
    )
    url = models.URLField(
        _("link"), blank=True, help_text=_("An http or https address, when no article is linked.")
    )
    is_breaking = models.BooleanField(_("breaking"), default=False)
    position = models.PositiveSmallIntegerField(
        _("position"),
        null=True,
        blank=True,
        help_text=_("Pinned headlines come first, smallest position first; then the newest."),
    )
    starts_at = models.DateTimeField(_("starts at"), default=timezone.now)
    expires_at = models.DateTimeField(
        _("expires at"), blank=True, help_text=_("Empty: the default lifetime after the start.")
    )
    created_by = user_stamp(_("created by"))
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)

    objects = HeadlineQuerySet.as_manager()

    class Meta:
        ordering = [F("position").asc(nulls_last=True), "-starts_at", "-id"]
        verbose_name = _("headline")
        verbose_name_plural = _("headlines")
        indexes = [
            # current(): the time window, then ticker order.
            models.Index(fields=["expires_at", "starts_at"], name="headline_window_idx"),
        ]

    def __str__(self) -> str:
        return self.text

    def save(self, *args, **kwargs) -> None:
        self.text = clean_line(self.text)
        if self.starts_at is None:
            self.starts_at = timezone.now()
        if self.expires_at is None:
            self.expires_at = self.starts_at + default_lifetime()
        super().save(*args, **kwargs)

    def clean(self) -> None:
        self.text = visible_line(self.text, "text")
        if self.url and not self.url.lower().startswith(("http://", "https://")):
            raise ValidationError({"url": _("Only http and https addresses are allowed.")})
        if self.expires_at and self.starts_at and self.expires_at <= self.starts_at:
            raise ValidationError({"expires_at": _("The end must come after the start.")})

    @classmethod
    def pin(
        cls,
        article: Article,
        user,
        *,
        text: str = "",
        is_breaking: bool = True,
        position: int = 0,
        expires_at=None,
    ) -> "Headline":
        """Put an article on the ticker in one step, at ``position`` (first by default).

        Pinned headlines at or after that place move one down, so the new one is never
        behind older pins. A scheduled story's headline starts when the story appears and
        lives its full lifetime from then, so it cannot expire before readers see it.
        """
        now = timezone.now()
        starts_at = max(now, article.published_at) if article.is_scheduled else now
        if expires_at is not None and expires_at <= starts_at:
            expires_at = None  # an expiry before the story appears: the default lifetime
        with transaction.atomic():
            cls.objects.filter(position__gte=position, expires_at__gt=now).update(
                position=F("position") + 1
            )
            return cls.objects.create(
                text=clean_line(text) or article.title[:HEADLINE_MAX_LENGTH],
                article=article,
                is_breaking=is_breaking,
                position=position,
                starts_at=starts_at,
                expires_at=expires_at,
                created_by=user,
            )

    @classmethod
    def follow_article(cls, article: Article) -> int:
        """After a story is (re)scheduled: its headlines that would start before it
        appears move with it, keeping their length on the ticker. Returns how many moved."""
        if not article.is_scheduled:
            return 0
        moved = 0
        for headline in cls.objects.filter(
            article=article,
            expires_at__gt=timezone.now(),
            starts_at__lt=article.published_at,
        ):
            lifetime = headline.expires_at - headline.starts_at
            headline.starts_at = article.published_at
            headline.expires_at = article.published_at + lifetime
            headline.save(update_fields=["starts_at", "expires_at", "updated_at"])
            moved += 1
        return moved

    def get_url(self) -> str:
        """An absolute site path for a linked article, or the headline's own http(s) URL."""
        if self.article_id:
            return self.article.get_absolute_url()
        if self.url.lower().startswith(("http://", "https://")):
            return self.url
        return ""
