"""The newsroom's admin for articles and galleries: the workflow, on the server.

Who may do what is decided by ``desk.permissions``; the form refuses stale saves
(``desk.forms``); the change form adds previews, presence, pinning and tag suggestions.
"""

from urllib.parse import urlsplit

import reversion
from django.contrib import admin, messages
from django.contrib.admin.helpers import ACTION_CHECKBOX_NAME
from django.core.exceptions import NON_FIELD_ERRORS, PermissionDenied
from django.db import models, transaction
from django.db.models import Count, Max, QuerySet
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.middleware.csrf import get_token
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from reversion.admin import VersionAdmin
from reversion.models import Version

from arabic.text import normalize_arabic
from articles.admin_widgets import StrictAutocompleteMixin
from articles.models import Article, Author, Gallery, Photo, Tag
from articles.site import absolute_url
from articles.views import article_page_queryset, render_article
from search.admin_search import TitleSearchMixin
from ticker.models import Headline

from . import accounts_admin, catalogue, history, presence, previews  # noqa: F401 (registers)
from .forms import WORKFLOW, ArticleAdminForm, GalleryForm, KeepCopyForm, PhotoForm
from .models import DeskNote
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
        # Ordered again: a grouped query drops the model's ordering, and the article
        # form's gallery picker pages through this list (newest first, stable pages).
        galleries = super().get_queryset(request).annotate(n_photos=Count("photos"))
        return galleries.order_by("-created_at", "-id")

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
        picked = form.cleaned_data.get("from_library") or []
        start = (form.instance.photos.aggregate(m=Max("position"))["m"] or 0) + 1
        for offset, upload in enumerate(uploads):
            Photo.objects.create(gallery=form.instance, image=upload, position=start + offset)
        start += len(uploads)
        for offset, item in enumerate(picked):
            Photo.objects.create(
                gallery=form.instance,
                image=item.file.name,
                width=item.width,
                height=item.height,
                caption=item.caption,
                credit=item.credit,
                position=start + offset,
            )


def republishing(article: Article, form) -> bool:
    """A story going (back) on the site «now» from the form: its old publication time, kept
    unchanged on the screen, would bury it below the latest news and out of the news
    sitemap, so it gets the time of this publication. A time the editor typed wins."""
    if article.status != Article.Status.PUBLISHED or "published_at" in form.changed_data:
        return False
    was_live = form.initial.get("status") == Article.Status.PUBLISHED
    return not was_live and (article.published_at is None or article.published_at <= timezone.now())


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
    object_history_template = "admin/articles/article/object_history.html"
    list_display = ["title", "category", "kind", "status_label", "published_at", "updated_at"]
    list_filter = [ScheduledFilter, "kind", "category", "authors", "published_at"]
    list_select_related = ["category"]
    search_fields = ["title"]
    prepopulated_fields = {"slug": ["title"]}
    autocomplete_fields = ["authors", "gallery", "photo"]
    # No date_hierarchy: its year/month links need a DISTINCT over the whole table.
    show_full_result_count = False
    paginator = LargeTablePaginator
    list_per_page = 50
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["submit_for_review", "publish", "archive", "return_to_draft", "pin_to_ticker"]
    # The writing screen: what a story needs first (headline, standfirst, section, tags,
    # byline), then the text at full width, the photo, and the rarely changed last.
    fieldsets = [
        (None, {"fields": ["title", "excerpt", ("category", "tags"), "authors"]}),
        (_("Text"), {"fields": ["body"], "classes": ["desk-body"]}),
        (
            _("Media"),
            {
                "fields": [
                    "photo", "image", ("image_caption", "image_credit"), "video_url", "gallery",
                ]
            },
        ),
        (
            _("More settings"),
            {
                "fields": [
                    "kind", "slug", "status", "published_at", "edit_version", "autosave_draft",
                ],
                "classes": ["collapse"],
            },
        ),
    ]  # fmt: skip

    #: What a row of the change list shows (the status label reads the status and time).
    LIST_COLUMNS = [
        "title", "category__name", "kind", "status", "published_at", "updated_at",
    ]  # fmt: skip

    def get_queryset(self, request: HttpRequest) -> QuerySet[Article]:
        """The change list, when only looked at, reads the columns its rows show: bodies
        are long, and a search sorts up to two thousand rows. Actions (POST) get whole rows,
        since they save them."""
        queryset = super().get_queryset(request)
        match = getattr(request, "resolver_match", None)
        if request.method == "GET" and match and match.url_name == "articles_article_changelist":
            queryset = queryset.only(*self.LIST_COLUMNS)
        return queryset

    def action_checkbox(self, obj: Article) -> str:
        """Django's row checkbox, written directly: rendering it through the form widget's
        templates was a tenth of the change list's time."""
        return format_html(
            '<input type="checkbox" name="{}" value="{}" class="action-select" aria-label="{}">',
            ACTION_CHECKBOX_NAME,
            obj.pk,
            format_html(gettext("Select this object for an action - {}"), str(obj)),
        )

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

    def history_view(self, request, object_id, extra_context=None):
        """Each revision with what really changed and, for editors, a one-click restore."""
        if not str(object_id).isdigit():
            raise Http404
        versions = (
            Version.objects.get_for_object_reference(Article, object_id)
            .select_related("revision", "revision__user")
            .order_by("-pk")
        )
        entries = [
            {
                "version": version,
                "changes": reverse(
                    "admin:articles_article_version_changes", args=[object_id, version.pk]
                ),
            }
            for version in versions
        ]
        context = {"desk_history": entries, "can_restore": is_editor(request.user)}
        return super().history_view(request, object_id, {**context, **(extra_context or {})})

    def version_changes_view(self, request, pk: int, version_id: int) -> HttpResponse:
        article = get_object_or_404(Article, pk=pk)
        if not self.has_view_or_change_permission(request, article):
            raise PermissionDenied
        version = get_object_or_404(
            Version.objects.get_for_object(article).select_related("revision__user"),
            pk=version_id,
        )
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("What changed"),
            "subtitle": article.title,
            "opts": self.opts,
            "original": article,
            "version": version,
            "changes": history.changes(version),
            "can_restore": is_editor(request.user),
        }
        return TemplateResponse(request, "admin/articles/article/version_changes.html", context)

    @method_decorator(require_POST)
    def restore_version_view(self, request, pk: int, version_id: int) -> HttpResponse:
        """One click: the version's text comes back; status and publication time stay."""
        if not is_editor(request.user):
            raise PermissionDenied
        with transaction.atomic():
            article = get_object_or_404(Article.objects.select_for_update(), pk=pk)
            version = get_object_or_404(Version.objects.get_for_object(article), pk=version_id)
            history.restore(article, version)
            article.updated_by = request.user
            when = date_format(timezone.localtime(version.revision.date_created), "j F Y - H:i")
            message = gettext("Restored the version of %(when)s.") % {"when": when}
            with self.create_revision(request):
                article.save()
                reversion.set_comment(message)
            self.log_change(request, article, message)
        self.message_user(request, message, messages.SUCCESS)
        return redirect(reverse("admin:articles_article_change", args=[article.pk]))

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

    def get_changeform_initial_data(self, request) -> dict:
        """A new story carries its writer's own byline."""
        initial = super().get_changeform_initial_data(request)
        author = Author.objects.filter(user=request.user).first()
        if author is not None and "authors" not in initial:
            initial["authors"] = [author.pk]
        return initial

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
        elif republishing(obj, form):
            obj.published_at = timezone.now()
        if obj.photo_id and obj.image and obj.image.name == obj.photo.file.name:
            obj.image_width, obj.image_height = obj.photo.width, obj.photo.height
        if not change:
            obj.created_by = request.user
        obj.updated_by = request.user
        super().save_model(request, obj, form, change)
        request._desk_saved = obj  # echoed back to the page's script (changeform_view)
        Headline.follow_article(obj)
        data = form.cleaned_data
        step = form.workflow_step
        if step == "return" and data.get("return_note"):
            DeskNote.objects.create(article=obj, text=data["return_note"], written_by=request.user)
        if "_pin" in request.POST:
            if not self.has_pin_permission(request):
                raise PermissionDenied
            request._desk_pinned = Headline.pin(
                obj,
                request.user,
                text=data.get("ticker_text") or "",
                is_breaking=bool(data.get("ticker_breaking")),
                position=(data.get("ticker_position") or 1) - 1,
                expires_at=data.get("ticker_expires_at"),
            )

    # -- the save's answer --------------------------------------------------------------

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        """The change form's script saves with ``X-Desk-Save: 1`` and clears its copy of the
        text only on the answer ``{"saved": true, "version": …}``, the server's word that
        this save went through. A stale save is a 409; a refusal keeps its own status."""
        response = super().changeform_view(request, object_id, form_url, extra_context)
        if request.method != "POST" or request.headers.get("X-Desk-Save") != "1":
            return response
        saved = getattr(request, "_desk_saved", None)
        if saved is not None and response.status_code in (301, 302, 303):
            return JsonResponse(
                {
                    "saved": True,
                    "article": saved.pk,
                    "version": saved.version,
                    "draft": request.POST.get("autosave_draft", ""),
                    "location": response["Location"],
                }
            )
        form = getattr(response, "context_data", {}) or {}
        adminform = form.get("adminform")
        if adminform is not None and adminform.form.has_error(NON_FIELD_ERRORS, "stale"):
            response.status_code = 409
        elif adminform is not None and adminform.form.errors:
            response.status_code = 422
        return response

    def _after_workflow(self, request, obj: Article) -> HttpResponse | None:
        step = request.POST.get("_workflow")
        pinned = getattr(request, "_desk_pinned", None)
        if step not in WORKFLOW and pinned is None:
            return None
        said = {
            "submit": gettext("Sent for review: the editors see it in their queue."),
            "publish": gettext("Published: the story is on the site."),
            "schedule": gettext("Scheduled: the story appears on %(when)s.")
            % {"when": date_format(timezone.localtime(obj.published_at), "j F Y - H:i")}
            if obj.published_at
            else "",
            "return": gettext("Returned to the writer."),
            "archive": gettext("Archived: the story is off the site."),
        }.get(step, gettext("Saved."))
        self.message_user(request, said, messages.SUCCESS)
        if pinned is not None:
            self._say_pinned(request, obj, pinned)
        return redirect(reverse("admin:articles_article_change", args=[obj.pk]))

    def _say_pinned(self, request, article: Article, headline: Headline) -> None:
        note = "" if article.is_visible else gettext(" It shows once the article is published.")
        self.message_user(
            request,
            gettext("Pinned to the ticker: «%(text)s».") % {"text": headline.text} + note,
            messages.SUCCESS,
        )

    def response_change(self, request, obj):
        return self._after_workflow(request, obj) or super().response_change(request, obj)

    def response_add(self, request, obj, post_url_continue=None):
        return self._after_workflow(request, obj) or super().response_add(
            request, obj, post_url_continue
        )

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
                Headline.follow_article(article)
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
            if article.status != Article.Status.PUBLISHED and not article.is_scheduled:
                article.published_at = timezone.now()  # back on the site: news again
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

    # (route, view method, URL name)
    extra_views = (
        ("<int:pk>/preview/", "preview_view", "articles_article_preview"),
        ("<int:pk>/share-preview/", "share_preview_view", "articles_article_share_preview"),
        (
            "<int:pk>/history/<int:version_id>/changes/",
            "version_changes_view",
            "articles_article_version_changes",
        ),
        (
            "<int:pk>/history/<int:version_id>/restore/",
            "restore_version_view",
            "articles_article_restore_version",
        ),
        ("keep-copy/", "keep_copy_view", "articles_article_keep_copy"),
        ("fresh-token/", "fresh_token_view", "articles_article_fresh_token"),
        ("<int:pk>/revoke-previews/", "revoke_previews_view", "articles_article_revoke_previews"),
        ("<int:pk>/pin/", "pin_view", "articles_article_pin"),
        ("<int:pk>/presence/", "presence_view", "articles_article_presence"),
        ("tag-suggestions/", "tag_suggestions_view", "articles_article_tag_suggestions"),
    )

    def get_urls(self):
        extra = [
            path(route, self.admin_site.admin_view(getattr(self, view)), name=name)
            for route, view, name in self.extra_views
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
    def keep_copy_view(self, request: HttpRequest) -> JsonResponse:
        """A refused save's text, kept as a new story of the person's own: a draft, or sent
        to the editors for review with a note naming the story it was meant for."""
        if not self.has_add_permission(request):
            raise PermissionDenied
        form = KeepCopyForm(request.POST)
        if not form.is_valid():
            errors = "، ".join(e for errs in form.errors.values() for e in errs)
            return JsonResponse({"error": errors}, status=400)
        data = form.cleaned_data
        source = None
        if data["source"]:
            source = Article.objects.filter(pk=data["source"]).first()
            if source is not None and not self.has_view_or_change_permission(request, source):
                source = None  # another person's draft: not even its section leaks
        category = data["category"] or (source.category if source else None)
        if category is None:
            message = gettext("Choose a section first: a story needs one to be kept.")
            return JsonResponse({"error": message}, status=400)
        to_editors = data["mode"] == "review"
        with transaction.atomic(), self.create_revision(request):
            copy = Article(
                title=data["title"],
                excerpt=data["excerpt"],
                body=data["body"],
                category=category,
                status=Article.Status.REVIEW if to_editors else Article.Status.DRAFT,
                created_by=request.user,
                updated_by=request.user,
            )
            copy.save()
            if source is not None and source.pk:
                copy.authors.set(source.authors.all())
            self.log_addition(request, copy, gettext("Kept from a refused save."))
            if to_editors:
                about = source.title if source else copy.title
                DeskNote.objects.create(
                    article=copy,
                    kind=DeskNote.Kind.PROPOSED,
                    written_by=request.user,
                    text=gettext(
                        "Changes proposed for «%(title)s», which could not be saved there."
                    )
                    % {"title": about},
                )
        return JsonResponse(
            {"url": reverse("admin:articles_article_change", args=[copy.pk]), "id": copy.pk}
        )

    def fresh_token_view(self, request: HttpRequest) -> JsonResponse:
        """A CSRF token for a page whose own went stale (a login in another tab rotates it)."""
        response = JsonResponse({"token": get_token(request)})
        response["Cache-Control"] = "no-store"
        return response

    @method_decorator(require_POST)
    def revoke_previews_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """An editor ends every preview link of the story sent so far."""
        article = get_object_or_404(Article, pk=pk)
        if not is_editor(request.user):
            raise PermissionDenied
        previews.revoke(article.pk)
        self.message_user(
            request,
            gettext("Every preview link of this article sent so far no longer works."),
            messages.SUCCESS,
        )
        return redirect(reverse("admin:articles_article_change", args=[article.pk]))

    @method_decorator(require_POST)
    def pin_view(self, request: HttpRequest, pk: int) -> HttpResponse:
        """The change form's one-step «pin to the ticker»."""
        if not self.has_pin_permission(request):
            raise PermissionDenied
        article = get_object_or_404(Article, pk=pk)
        self._say_pinned(request, article, Headline.pin(article, request.user))
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
                presence.heartbeat(article.pk, user.pk, accounts_admin.staff_name(user))
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
        editor = is_editor(request.user)
        context["desk_is_editor"] = editor
        context["can_submit"] = not editor and (obj is None or obj.status == Article.Status.DRAFT)
        context["can_pin"] = self.has_pin_permission(request)
        context["site_host"] = urlsplit(absolute_url("/")).netloc
        if obj is not None:
            context["others_editing"] = [
                e["name"] for e in presence.others_editing(obj.pk, request.user.pk)
            ]
            context["can_share_preview"] = editor
            context["desk_note"] = (
                obj.desk_notes.select_related("written_by").order_by("-written_at").first()
            )
        return super().render_change_form(request, context, add, change, form_url, obj)
