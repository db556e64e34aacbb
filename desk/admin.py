"""The newsroom's admin for articles and galleries: the workflow, on the server.

Who may do what is decided by ``desk.permissions``; the form refuses stale saves
(``desk.forms``); the change form adds previews, presence, pinning and tag suggestions.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models, transaction
from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils.decorators import method_decorator
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from reversion.admin import VersionAdmin

from arabic.text import normalize_arabic
from articles.admin_widgets import StrictAutocompleteMixin
from articles.models import Article, Gallery, Photo, Tag
from articles.site import absolute_url
from articles.views import article_page_queryset, render_article
from search.admin_search import TitleSearchMixin
from ticker.models import Headline

from . import presence, previews
from .forms import ArticleAdminForm, GalleryForm, PhotoForm
from .paginators import LargeTablePaginator
from .permissions import EDITABLE_BY_WRITER, can_change, can_delete, gallery_is_writable, is_editor

admin.site.site_header = _("Newsroom")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Editor's desk")
admin.site.index_template = "admin/newsroom_index.html"


class PhotoInline(admin.TabularInline):
    model = Photo
    form = PhotoForm
    extra = 0
    fields = ["thumbnail", "image", "caption", "credit", "position"]
    readonly_fields = ["thumbnail"]

    @admin.display(description=_("preview"))
    def thumbnail(self, photo: Photo) -> str:
        if not photo.image:
            return ""
        return format_html('<img src="{}" alt="" width="120" loading="lazy">', photo.image.url)


@admin.register(Gallery)
class GalleryAdmin(admin.ModelAdmin):
    form = GalleryForm
    list_display = ["title", "photo_count", "created_at"]
    search_fields = ["title"]
    inlines = [PhotoInline]

    def get_queryset(self, request: HttpRequest) -> QuerySet[Gallery]:
        return super().get_queryset(request).annotate(n_photos=Count("photos"))

    def has_change_permission(self, request, obj=None) -> bool:
        if not super().has_change_permission(request, obj):
            return False
        return obj is None or gallery_is_writable(request.user, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if not super().has_delete_permission(request, obj):
            return False
        return obj is None or gallery_is_writable(request.user, obj)

    @admin.display(description=_("photos"))
    def photo_count(self, gallery: Gallery) -> int:
        return gallery.n_photos

    def save_related(self, request, form, formsets, change) -> None:
        super().save_related(request, form, formsets, change)
        uploads = form.cleaned_data.get("upload_photos") or []
        start = (form.instance.photos.aggregate(m=Max("position"))["m"] or 0) + 1
        for offset, upload in enumerate(uploads):
            Photo.objects.create(gallery=form.instance, image=upload, position=start + offset)


class ScheduledFilter(admin.SimpleListFilter):
    """Status as the newsroom speaks of it, with scheduled stories apart from live ones."""

    title = _("status")
    parameter_name = "state"

    def lookups(self, request, model_admin):
        return [
            ("draft", _("Draft")),
            ("review", _("In review")),
            ("scheduled", _("Scheduled")),
            ("live", _("Published")),
            ("archived", _("Archived")),
        ]

    def queryset(self, request, queryset):
        match self.value():
            case "scheduled":
                return queryset.scheduled()
            case "live":
                return queryset.published()
            case "draft" | "review" | "archived" as status:
                return queryset.filter(status=status)
        return queryset


@admin.register(Article)
class ArticleAdmin(TitleSearchMixin, StrictAutocompleteMixin, VersionAdmin):
    form = ArticleAdminForm
    change_form_template = "admin/articles/article/change_form.html"
    list_display = ["title", "category", "kind", "status_label", "published_at", "updated_at"]
    list_filter = [ScheduledFilter, "kind", "category", "authors", "published_at"]
    list_select_related = ["category"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "gallery"]
    # No date_hierarchy: its year/month links need a DISTINCT over the whole table.
    show_full_result_count = False
    paginator = LargeTablePaginator
    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["submit_for_review", "publish", "archive", "return_to_draft", "pin_to_ticker"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "category", "authors", "tags"]}),
        (_("Text"), {"fields": ["excerpt", "body"]}),
        (
            _("Media"),
            {"fields": ["image", "image_caption", "image_credit", "video_url", "gallery"]},
        ),
        (_("Publication"), {"fields": ["status", "published_at", "edit_version"]}),
    ]

    # -- permissions -------------------------------------------------------------------

    def has_change_permission(self, request, obj=None) -> bool:
        if obj is None:
            return super().has_change_permission(request)
        return can_change(request.user, obj)

    def has_delete_permission(self, request, obj=None) -> bool:
        if obj is None:
            return super().has_delete_permission(request)
        return can_delete(request.user, obj)

    def has_publish_permission(self, request) -> bool:
        return is_editor(request.user)

    # Restoring a revision writes the old row before the form is checked, so the object
    # permission would be judged on the restored copy, not on the live article: restoring
    # (and recovering deleted articles) is the editors' job.
    def revision_view(self, request, object_id, version_id, extra_context=None):
        if not is_editor(request.user):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not is_editor(request.user):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not is_editor(request.user):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def has_pin_permission(self, request) -> bool:
        return request.user.has_perm("ticker.add_headline")

    def get_readonly_fields(self, request, obj=None):
        return [] if is_editor(request.user) else ["published_at"]

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name == "status" and not is_editor(request.user):
            kwargs["choices"] = [
                (value, label) for value, label in Article.Status.choices
                if value in EDITABLE_BY_WRITER
            ]  # fmt: skip
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        return type(form.__name__, (form,), {"current_user": request.user})

    def save_model(self, request, obj: Article, form, change: bool) -> None:
        if not is_editor(request.user):
            # Belt and braces behind the restricted form: a writer never publishes.
            if obj.status not in EDITABLE_BY_WRITER:
                raise PermissionDenied
            original = Article.objects.filter(pk=obj.pk).only("published_at").first()
            obj.published_at = original.published_at if original else None
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)

    def view_on_site(self, article: Article) -> str | None:
        """«View on site» only where readers can see it; the preview covers the rest."""
        return article.get_absolute_url() if article.is_visible else None

    # -- list columns ------------------------------------------------------------------

    @admin.display(description=_("status"), ordering="status")
    def status_label(self, article: Article) -> str:
        return article.display_status

    # -- actions -----------------------------------------------------------------------

    def _apply(self, request, queryset, allowed, change, message) -> None:
        done = 0
        with transaction.atomic():
            for article in queryset.select_for_update():
                if not allowed(article):
                    continue
                change(article)
                article.updated_by = request.user
                with self.create_revision(request):
                    article.save()
                    self.log_change(request, article, message)
                done += 1
        self.message_user(
            request,
            gettext("%(count)d article(s) updated.") % {"count": done},
            messages.SUCCESS if done else messages.WARNING,
        )

    @admin.action(description=_("Submit for review"), permissions=["change"])
    def submit_for_review(self, request, queryset) -> None:
        def allowed(article: Article) -> bool:
            return article.status == Article.Status.DRAFT and can_change(request.user, article)

        def change(article: Article) -> None:
            article.status = Article.Status.REVIEW

        self._apply(request, queryset, allowed, change, gettext("Submitted for review."))

    @admin.action(description=_("Publish now (or at the scheduled time)"), permissions=["publish"])
    def publish(self, request, queryset) -> None:
        def change(article: Article) -> None:
            article.status = Article.Status.PUBLISHED

        self._apply(request, queryset, lambda a: True, change, gettext("Published."))

    @admin.action(description=_("Archive (take off the site)"), permissions=["publish"])
    def archive(self, request, queryset) -> None:
        def change(article: Article) -> None:
            article.status = Article.Status.ARCHIVED

        self._apply(request, queryset, lambda a: True, change, gettext("Archived."))

    @admin.action(description=_("Return to draft"), permissions=["publish"])
    def return_to_draft(self, request, queryset) -> None:
        def change(article: Article) -> None:
            article.status = Article.Status.DRAFT

        self._apply(request, queryset, lambda a: True, change, gettext("Returned to draft."))

    @admin.action(description=_("Pin to the news ticker"), permissions=["pin"])
    def pin_to_ticker(self, request, queryset) -> None:
        for article in queryset:
            Headline.pin(article, request.user)
        self.message_user(
            request,
            gettext("%(count)d article(s) pinned to the ticker.") % {"count": queryset.count()},
            messages.SUCCESS,
        )

    # -- extra views: preview, signed links, presence, tag suggestions --------------------

    def get_urls(self):
        extra = [
            path(
                "<int:pk>/preview/",
                self.admin_site.admin_view(self.preview_view),
                name="articles_article_preview",
            ),
            path(
                "<int:pk>/share-preview/",
                self.admin_site.admin_view(self.share_preview_view),
                name="articles_article_share_preview",
            ),
            path(
                "<int:pk>/pin/",
                self.admin_site.admin_view(self.pin_view),
                name="articles_article_pin",
            ),
            path(
                "<int:pk>/presence/",
                self.admin_site.admin_view(self.presence_view),
                name="articles_article_presence",
            ),
            path(
                "tag-suggestions/",
                self.admin_site.admin_view(self.tag_suggestions_view),
                name="articles_article_tag_suggestions",
            ),
        ]
        return extra + super().get_urls()

    def preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        article = get_object_or_404(article_page_queryset(), pk=pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        return render_article(request, article, preview=True)

    @method_decorator(require_POST)
    def share_preview_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        article = get_object_or_404(Article, pk=pk)
        if not is_editor(request.user):
            raise PermissionDenied
        url = absolute_url(previews.preview_url(article.pk))  # the public origin, not Host
        hours = previews.max_age() // 3600
        self.message_user(
            request,
            format_html(
                "{} <a href='{}'>{}</a>",
                gettext("Preview link for reviewers (valid for %(hours)d hours):")
                % {"hours": hours},
                url,
                url,
            ),
            messages.SUCCESS,
        )
        return redirect(reverse("admin:articles_article_change", args=[article.pk]))

    @method_decorator(require_POST)
    def pin_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The change form's one-step «pin to the ticker»."""
        if not self.has_pin_permission(request):
            raise PermissionDenied
        article = get_object_or_404(Article, pk=pk)
        headline = Headline.pin(article, request.user)
        note = "" if article.is_visible else gettext(" It shows once the article is published.")
        self.message_user(
            request,
            gettext("Pinned to the ticker: «%(text)s».") % {"text": headline.text} + note,
            messages.SUCCESS,
        )
        return redirect(reverse("admin:articles_article_change", args=[article.pk]))

    def presence_view(self, request: HttpRequest, pk: int) -> JsonResponse:
        """Heartbeat from an open change form; answers who else has it open."""
        article = get_object_or_404(Article.objects.only("id", "created_by", "status"), pk=pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        user = request.user
        if request.method == "POST":
            if not self.has_change_permission(request, article):
                raise PermissionDenied  # readers of an article are not its editors
            if request.POST.get("leave"):
                presence.leave(article.pk, user.pk)
            else:
                presence.heartbeat(article.pk, user.pk, user.get_full_name() or user.username)
        others = presence.others_editing(article.pk, user.pk)
        return JsonResponse({"others": [entry["name"] for entry in others]})

    def tag_suggestions_view(self, request: HttpRequest) -> JsonResponse:
        """Existing tags whose spelling key starts like what is being typed."""
        if not self.has_view_or_change_permission(request):
            raise PermissionDenied
        key = normalize_arabic(request.GET.get("q", ""))[:100]
        names = []
        if key:
            names = list(
                Tag.objects.filter(key__startswith=key)
                .order_by("name")
                .values_list("name", flat=True)[:10]
            )
        return JsonResponse({"tags": names})

    def render_change_form(self, request, context, add=False, change=False, form_url="", obj=None):
        if obj is not None:
            context["others_editing"] = [
                e["name"] for e in presence.others_editing(obj.pk, request.user.pk)
            ]
            context["can_share_preview"] = is_editor(request.user)
            context["can_pin"] = self.has_pin_permission(request)
        return super().render_change_form(request, context, add, change, form_url, obj)
