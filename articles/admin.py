from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models, transaction
from django.db.models import Count, Max, QuerySet
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.urls import path, reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.formats import date_format
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from reversion.admin import VersionAdmin
from taggit.models import Tag as TaggitTag

from ticker.models import Headline

from . import presence, previews
from .images import ValidatedImageField, clean_image_file
from .models import Article, Author, Category, Gallery, Photo, Tag
from .paginators import LargeTablePaginator
from .permissions import EDITABLE_BY_WRITER, can_change, can_delete, is_editor
from .text import clean_line, normalize_arabic, unicode_slugify
from .views import article_page_queryset, render_article
from .widgets import NewsroomEditorWidget, TagSuggestInput

admin.site.site_header = _("Newsroom")
admin.site.site_title = _("Newsroom")
admin.site.index_title = _("Editor's desk")
admin.site.index_template = "admin/newsroom_index.html"

# The project uses its own spelling-aware tag model; taggit's stock one stays empty.
if admin.site.is_registered(TaggitTag):
    admin.site.unregister(TaggitTag)


class UnicodeSlugFormMixin:
    """Normalise the slug as the model will store it, before checking it is free.

    Without this, «---» would pass validation and be stored empty, and «ABC» would pass
    next to an existing «abc» and fail in the database.
    """

    slug_max_length = 200
    slug_from: str | None = "name"  # an empty slug is made from this field

    def clean_slug(self) -> str:
        raw = self.cleaned_data.get("slug") or ""
        if not raw and self.slug_from:
            raw = self.data.get(self.add_prefix(self.slug_from), "")
        slug = unicode_slugify(raw, self.slug_max_length)
        if raw and not slug:
            raise ValidationError(
                _("Use letters or digits in the slug, not only dashes or symbols."),
                code="invalid",
            )
        model = self._meta.model
        if slug and model.objects.filter(slug=slug).exclude(pk=self.instance.pk).exists():
            raise ValidationError(_("This slug is already in use."), code="unique")
        return slug


class CategoryForm(UnicodeSlugFormMixin, forms.ModelForm):
    slug_max_length = 80

    class Meta:
        model = Category
        fields = ["name", "slug", "description", "position"]


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    form = CategoryForm
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class AuthorForm(UnicodeSlugFormMixin, forms.ModelForm):
    slug_max_length = 120
    photo = ValidatedImageField(label=_("photo"), required=False)

    class Meta:
        model = Author
        fields = ["name", "slug", "bio", "photo", "user"]


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    form = AuthorForm
    list_display = ["name", "slug", "user"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    raw_id_fields = ["user"]


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name"]

    def clean_name(self) -> str:
        name = clean_line(self.cleaned_data["name"])
        twin = Tag.objects.filter(key=normalize_arabic(name)).exclude(pk=self.instance.pk).first()
        if twin is not None:
            raise ValidationError(
                _("The tag «%(name)s» already exists with this spelling."),
                params={"name": twin.name},
                code="lookalike",
            )
        return name


@admin.register(Tag)
class TagAdmin(admin.ModelAdmin):
    form = TagForm
    list_display = ["name", "slug"]
    search_fields = ["name", "key"]
    readonly_fields = ["slug"]


class PhotoForm(forms.ModelForm):
    image = ValidatedImageField(label=_("image"))

    class Meta:
        model = Photo
        fields = ["image", "caption", "credit", "position"]


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


class MultipleImageInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleImageField(forms.FileField):
    """Many photos in one step; each is checked and re-encoded like any other upload."""

    widget = MultipleImageInput

    def clean(self, data, initial=None):
        files = data if isinstance(data, list | tuple) else [data] if data else []
        if not files and self.required:
            raise ValidationError(self.error_messages["required"], code="required")
        cleaned, errors = [], []
        for upload in files:
            try:
                cleaned.append(clean_image_file(upload))
            except ValidationError as error:
                errors.extend(f"{upload.name}: {message}" for message in error.messages)
        if errors:
            raise ValidationError(errors)
        return cleaned


class GalleryForm(forms.ModelForm):
    upload_photos = MultipleImageField(
        label=_("Add photos"),
        required=False,
        help_text=_("Choose several photos at once; they are added after the existing ones."),
    )

    class Meta:
        model = Gallery
        fields = ["title"]


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


def gallery_is_writable(user, gallery: Gallery) -> bool:
    """Editors change any gallery; a writer only one no other story depends on.

    A gallery shown by a published article, or by a colleague's, is not the writer's to
    change: that would change a live page, or someone else's story.
    """
    if is_editor(user):
        return True
    return not gallery.articles.exclude(created_by=user, status__in=EDITABLE_BY_WRITER).exists()


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
        now = timezone.now()
        match self.value():
            case "scheduled":
                return queryset.filter(status=Article.Status.PUBLISHED, published_at__gt=now)
            case "live":
                return queryset.filter(status=Article.Status.PUBLISHED, published_at__lte=now)
            case "draft" | "review" | "archived" as status:
                return queryset.filter(status=status)
        return queryset


class ArticleAdminForm(UnicodeSlugFormMixin, forms.ModelForm):
    slug_max_length = 220
    slug_from = None  # Article.save() makes a unique slug from the title

    image = ValidatedImageField(label=_("featured image"), required=False)
    video_url = forms.URLField(label=_("video address"), required=False, assume_scheme="https")
    edit_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = [
            "title", "slug", "kind", "category", "authors", "tags", "excerpt", "body",
            "image", "image_caption", "image_credit", "video_url", "gallery", "status",
            "published_at",
        ]  # fmt: skip
        widgets = {"tags": TagSuggestInput}

    # Set by ArticleAdmin.get_form: the person saving.
    current_user = None

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.fields["edit_version"].initial = self.instance.version
        if "body" in self.fields and self.current_user is not None:
            # Source mode only for editors; everything is sanitised on save either way.
            config = "editor" if is_editor(self.current_user) else "default"
            self.fields["body"].widget = NewsroomEditorWidget(config_name=config)

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.instance.pk:
            self._refuse_stale_save(cleaned.get("edit_version"))
        return cleaned

    def _refuse_stale_save(self, opened_version: int | None) -> None:
        # The admin's change view runs in a transaction: the row lock makes a concurrent
        # save wait here and then see the version it wrote.
        current = (
            Article.objects.select_for_update(of=("self",))
            .filter(pk=self.instance.pk)
            .values("version", "updated_at", "updated_by__username", "updated_by__first_name")
            .first()
        )
        if current is None or opened_version == current["version"]:
            return
        who = current["updated_by__first_name"] or current["updated_by__username"] or "?"
        when = date_format(timezone.localtime(current["updated_at"]), "j F Y - H:i:s")
        # The next save is a deliberate one: it carries the version the person has now seen.
        self.data = self.data.copy()
        self.data[self.add_prefix("edit_version")] = str(current["version"])
        raise ValidationError(
            gettext(
                "%(who)s saved this article at %(when)s, after you opened it. Your text is "
                "kept below and nothing was saved. Compare with the current version (open "
                "it in a new tab); saving again will replace their changes with yours."
            )
            % {"who": who, "when": when},
            code="stale",
        )


@admin.register(Article)
class ArticleAdmin(VersionAdmin):
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
        url = request.build_absolute_uri(previews.preview_url(article.pk))
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
