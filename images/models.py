"""The photo library: every image uploaded by any path, reusable by any story or gallery."""

from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

from arabic.text import clean_line, normalize_arabic
from common.fields import user_stamp

from .paths import UploadPath

library_path = UploadPath("library")
_FRACTION = [MinValueValidator(0.0), MaxValueValidator(1.0)]


class ImageQuerySet(models.QuerySet):
    def search(self, query: str) -> "ImageQuerySet":
        """Items whose caption or credit holds the words typed, in any Arabic spelling."""
        for word in normalize_arabic(query or "").split()[:8]:
            self = self.filter(search_text__contains=word)
        return self


class Image(models.Model):
    # Shared with the story or photo that uploaded it: one stored file, one library item.
    file = models.ImageField(
        _("file"),
        upload_to=library_path,
        width_field="width",
        height_field="height",
        max_length=255,
        unique=True,
    )
    width = models.PositiveIntegerField(_("width"), editable=False, null=True)
    height = models.PositiveIntegerField(_("height"), editable=False, null=True)
    caption = models.CharField(_("caption"), max_length=300, blank=True)
    credit = models.CharField(_("credit"), max_length=120, blank=True)
    alt_text = models.CharField(
        _("text for blind readers"),
        max_length=300,
        blank=True,
        help_text=_("What the photo shows, for people who cannot see it."),
    )
    # Where the subject is, as fractions of the width and height (0.5, 0.5: the centre);
    # cropped renditions keep it in the frame.
    focal_x = models.FloatField(_("focal point (across)"), default=0.5, validators=_FRACTION)
    focal_y = models.FloatField(_("focal point (down)"), default=0.5, validators=_FRACTION)
    uploaded_by = user_stamp(_("uploaded by"))
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    # Caption and credit folded (arabic.text.normalize_arabic), for search in any spelling.
    search_text = models.TextField(editable=False, blank=True)

    objects = ImageQuerySet.as_manager()

    class Meta:
        ordering = ["-uploaded_at", "-id"]
        verbose_name = _("library photo")
        verbose_name_plural = _("photo library")
        indexes = [
            # The library's list and picker: newest first.
            models.Index(fields=["-uploaded_at", "-id"], name="image_recent_idx"),
        ]

    def __str__(self) -> str:
        return self.caption or self.alt_text or self.file.name.rsplit("/", 1)[-1]

    def save(self, *args, **kwargs) -> None:
        self.caption = clean_line(self.caption)
        self.credit = clean_line(self.credit)
        self.alt_text = clean_line(self.alt_text)
        self.search_text = normalize_arabic(f"{self.caption} {self.credit} {self.alt_text}")
        super().save(*args, **kwargs)

    @property
    def focal_point(self) -> tuple[float, float]:
        return (self.focal_x, self.focal_y)
