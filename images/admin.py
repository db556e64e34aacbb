"""The photo library in the admin: search in any Arabic spelling, a focal point set by a
click on the photo (or typed), and the page CKEditor's image button opens to pick one."""

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import QuerySet
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from . import renditions
from .fields import ValidatedImageField
from .models import Image

PICKER_PAGE = 24


class LibraryImageForm(forms.ModelForm):
    file = ValidatedImageField(label=_("photo"))

    class Meta:
        model = Image
        fields = ["file", "caption", "credit", "alt_text", "focal_x", "focal_y"]
        widgets = {
            "focal_x": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
            "focal_y": forms.NumberInput(attrs={"step": "0.01", "min": "0", "max": "1"}),
        }


@admin.register(Image)
class ImageAdmin(admin.ModelAdmin):
    form = LibraryImageForm
    list_display = ["thumbnail", "caption", "credit", "size", "uploaded_at"]
    list_display_links = ["thumbnail", "caption"]
    search_fields = ["search_text"]  # the query is folded in get_search_results
    readonly_fields = ["preview", "uploaded_by_name", "uploaded_at"]
    fields = [
        "preview", "file", "caption", "credit", "alt_text", "focal_x", "focal_y",
        "uploaded_by_name", "uploaded_at",
    ]  # fmt: skip
    list_per_page = 48
    show_full_result_count = False

    class Media:
        js = ["images/focal_point.js"]
        css = {"all": ["images/library.css"]}

    def get_search_results(self, request, queryset: QuerySet, search_term: str):
        """Caption, credit and description matched by their folded spelling."""
        return queryset.search(search_term[:200]), False

    @admin.display(description=_("photo"))
    def thumbnail(self, image: Image) -> str:
        src = renditions.rendition_url(image.file, image.width, "jpg", 320) or image.file.url
        return format_html(
            '<img src="{}" alt="{}" width="120" loading="lazy" class="library-thumb">',
            src,
            image.alt_text or image.caption,
        )

    @admin.display(description=_("preview"))
    def preview(self, image: Image) -> str:
        if not image.pk or not image.file:
            return "—"
        return format_html(
            '<div class="focal-picker" data-x="{}" data-y="{}"><img src="{}" alt="{}"'
            ' width="480"><span class="focal-mark" aria-hidden="true"></span></div>'
            '<p class="help">{}</p>',
            image.focal_x,
            image.focal_y,
            image.file.url,
            image.alt_text or image.caption,
            gettext("Click the subject of the photo: crops keep it in the frame."),
        )

    @admin.display(description=_("size"))
    def size(self, image: Image) -> str:
        return f"{image.width or '?'}×{image.height or '?'}"

    @admin.display(description=_("uploaded by"))
    def uploaded_by_name(self, image: Image) -> str:
        user = image.uploaded_by
        return (user.get_full_name() or user.get_username()) if user else "—"

    def save_model(self, request, obj: Image, form, change: bool) -> None:
        if not change:
            obj.uploaded_by = request.user
        moved = change and {"focal_x", "focal_y", "file"} & set(form.changed_data)
        if moved and "file" not in form.changed_data:
            renditions.drop_crops(obj.file, obj.width, obj.height)
        super().save_model(request, obj, form, change)
        if moved or not change:
            renditions.make_renditions(obj.file, obj.width)

    # -- the editor's image button: pick from the library -----------------------------------

    def get_urls(self):
        picker = path("pick/", self.admin_site.admin_view(self.pick_view), name="images_image_pick")
        return [picker, *super().get_urls()]

    def pick_view(self, request: HttpRequest) -> HttpResponse:
        """CKEditor's «browse server» window: search, click a photo, it goes in the text."""
        if not self.has_view_permission(request):
            raise PermissionDenied
        query = request.GET.get("q", "")[:200]
        items = Image.objects.search(query) if query else Image.objects.all()
        page = Paginator(items.only("id", "file", "width", "caption", "alt_text"), PICKER_PAGE)
        number = request.GET.get("page", "1")
        callback = request.GET.get("CKEditorFuncNum", "")
        context = {
            **self.admin_site.each_context(request),
            "title": gettext("Choose a photo from the library"),
            "page": page.get_page(number if number.isdigit() else 1),
            "query": query,
            "callback": callback
            if (callback := request.GET.get("CKEditorFuncNum", "")).isdigit()
            else "",
            "is_popup": True,
        }
        return TemplateResponse(request, "admin/images/image/pick.html", context)
