from django.contrib import admin

from articles.forms import UnicodeSlugForm

from .models import Page


class PageForm(UnicodeSlugForm):
    slug_from = None  # an empty slug comes from the title, made unique by the model


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    form = PageForm
    fields = ["title", "slug", "body", "is_published", "in_footer", "position"]
    list_display = ["title", "slug", "is_published", "in_footer", "position", "updated_at"]
    list_editable = ["position"]
    list_filter = ["is_published", "in_footer"]
    search_fields = ["title"]
