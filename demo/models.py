from django.db import models


class LoadedItem(models.Model):
    """Something ``load_demo`` created once: it is never created again, so what people
    delete or change in the demo newsroom stays as they left it."""

    kind = models.CharField(max_length=20)
    key = models.CharField(max_length=200)
    loaded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["kind", "key"], name="unique_demo_item")]

    def __str__(self) -> str:
        return f"{self.kind}:{self.key}"
