from django import forms
from django.contrib import admin

from articles.forms import UnicodeSlugFormMixin

from .models import Page


class PageForm(UnicodeSlugFormMixin, forms.ModelForm):
    slug_max_length = 120
    slug_from = None  # an empty slug comes from the title, made unique by the model

    class Meta:
        model = Page
        fields = ["title", "slug", "body", "is_published", "in_footer", "position"]


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    form = PageForm
    list_display = ["title", "slug", "is_published", "in_footer", "position", "updated_at"]
    list_editable = ["position"]
    list_filter = ["is_published", "in_footer"]
    search_fields = ["title"]
