from django.contrib import admin, messages
from django.db import models
from django.templatetags.static import static
from django.utils import timezone
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from articles.admin_widgets import StrictAutocompleteMixin

from .models import Headline


@admin.register(Headline)
class HeadlineAdmin(StrictAutocompleteMixin, admin.ModelAdmin):
    list_display = ["text", "is_breaking", "position", "starts_at", "expires_at", "on_air"]
    list_display_links = ["text"]
    list_editable = ["position", "is_breaking"]
    list_filter = ["is_breaking"]
    list_select_related = ["article"]
    search_fields = ["text"]
    autocomplete_fields = ["article"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    actions = ["expire_now"]
    fields = ["text", "is_breaking", "article", "url", "position", "starts_at", "expires_at"]

    class Media:
        js = ["ticker/admin_order.js"]
        css = {"all": ["ticker/admin_order.css"]}

    @admin.display(description=_("on the ticker now"))
    def on_air(self, headline: Headline) -> str:
        now = timezone.now()
        live = headline.starts_at <= now < headline.expires_at and (
            headline.article is None or headline.article.is_visible
        )
        # Django's boolean icon says "True" to screen readers whatever the language.
        name, text = ("yes", gettext("Yes")) if live else ("no", gettext("No"))
        return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{name}.svg"), text)

    def save_model(self, request, obj, form, change) -> None:
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)

    @admin.action(description=_("Take off the ticker now"), permissions=["change"])
    def expire_now(self, request, queryset) -> None:
        now = timezone.now()
        count = 0
        for headline in queryset.filter(expires_at__gt=now):
            headline.starts_at = min(headline.starts_at, now - timezone.timedelta(seconds=1))
            headline.expires_at = now
            headline.save()
            count += 1
        self.message_user(
            request,
            gettext("%(count)d headline(s) taken off.") % {"count": count},
            messages.SUCCESS,
        )
