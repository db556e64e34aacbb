from django.db import models
from django.utils.translation import gettext_lazy as _

from articles.models import Article


class ArticleDailyViews(models.Model):
    """Readers' views of an article on one day (Casablanca time), for «most read».

    Written in batches by ``popularity.counting``, never once per page view.
    """

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="daily_views")
    day = models.DateField()
    views = models.PositiveIntegerField(default=0)

    class Meta:
        verbose_name = _("daily views")
        verbose_name_plural = _("daily views")
        constraints = [
            models.UniqueConstraint(fields=["article", "day"], name="unique_article_day_views")
        ]
        indexes = [
            # most_read(): the last seven days, summed per article.
            models.Index(fields=["day", "article"], name="views_day_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.article_id} {self.day}: {self.views}"
