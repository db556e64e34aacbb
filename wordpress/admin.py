"""What editors need after a move: the notes left on imported posts, and the old addresses.

Read-only: these rows are written by ``import_wordpress`` and nothing else.
"""

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from .models import ImportedPost, LegacyPath, Site


class ReadOnlyAdmin(admin.ModelAdmin):
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class HasNoteFilter(admin.SimpleListFilter):
    title = _("note for the editors")
    parameter_name = "note"

    def lookups(self, request, model_admin):
        return [("yes", _("With a note")), ("no", _("Without a note"))]

    def queryset(self, request, queryset: QuerySet) -> QuerySet:
        if self.value() == "yes":
            return queryset.exclude(note="")
        if self.value() == "no":
            return queryset.filter(note="")
        return queryset


@admin.register(ImportedPost)
class ImportedPostAdmin(ReadOnlyAdmin):
    list_display = ["article_link", "wp_id", "site", "sticky", "note", "imported_at"]
    list_filter = [HasNoteFilter, "sticky", "site"]
    list_select_related = ["article", "site"]
    search_fields = ["=wp_id", "article__title"]
    show_full_result_count = False

    @admin.display(description=_("article"), ordering="article__title")
    def article_link(self, post: ImportedPost) -> str:
        url = reverse("admin:articles_article_change", args=[post.article_id])
        return format_html('<a href="{}">{}</a>', url, post.article.title)


@admin.register(LegacyPath)
class LegacyPathAdmin(ReadOnlyAdmin):
    list_display = ["path", "site"]
    list_select_related = ["site"]
    search_fields = ["=path"]
    show_full_result_count = False


@admin.register(Site)
class SiteAdmin(ReadOnlyAdmin):
    list_display = ["base_url", "title", "imported_at"]
