"""The admin of the content model's reference data: sections, authors, tags.

Articles and galleries, with the newsroom's workflow and permissions, are the desk's
(``desk/admin.py``).
"""

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _
from taggit.models import Tag as TaggitTag

from arabic.text import clean_line, normalize_arabic
from images.fields import ValidatedImageField

from .forms import UnicodeSlugForm
from .models import Author, Category, Tag

# The project uses its own spelling-aware tag model; taggit's stock one stays empty.
if admin.site.is_registered(TaggitTag):
    admin.site.unregister(TaggitTag)


@admin.register(Category)
class CategoryAdmin(admin.ModelAdmin):
    form = UnicodeSlugForm
    fields = ["name", "slug", "description", "position"]
    list_display = ["name", "slug", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]


class AuthorForm(UnicodeSlugForm):
    photo = ValidatedImageField(label=_("photo"), required=False)


@admin.register(Author)
class AuthorAdmin(admin.ModelAdmin):
    form = AuthorForm
    fields = ["name", "kind", "slug", "bio", "photo", "user"]
    list_display = ["name", "kind", "slug", "user"]
    list_filter = ["kind"]
    prepopulated_fields = {"slug": ["name"]}
    search_fields = ["name"]
    raw_id_fields = ["user"]


class TagForm(forms.ModelForm):
    class Meta:
        model = Tag
        fields = ["name"]

    def clean_name(self) -> str:
        name = clean_line(self.cleaned_data["name"])
        if not name:
            raise ValidationError(
                _("Type letters or digits: invisible characters alone are not a title."),
                code="invisible",
            )
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
