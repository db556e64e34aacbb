from django.contrib import admin

from .models import Page


@admin.register(Page)
class PageAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "is_published", "in_footer", "position", "updated_at"]
    list_editable = ["position"]
    list_filter = ["is_published", "in_footer"]
    search_fields = ["title"]
    fields = ["title", "slug", "body", "is_published", "in_footer", "position"]
