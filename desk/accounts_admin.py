"""The staff accounts' admin in Arabic: names beside logins, yes/no icons with Arabic
text, and permissions named in Arabic instead of the English names Django stores."""

from django.contrib import admin
from django.contrib.auth.admin import GroupAdmin, UserAdmin
from django.contrib.auth.models import Group, Permission, User
from django.core.exceptions import ObjectDoesNotExist
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

ACTIONS = {
    "add": _("may add"),
    "change": _("may change"),
    "delete": _("may delete"),
    "view": _("may view"),
}


def yes_no(value: bool) -> str:
    """Django's boolean icon, whose alternative text is English whatever the language."""
    name, text = ("yes", gettext("Yes")) if value else ("no", gettext("No"))
    return format_html('<img src="{}" alt="{}">', static(f"admin/img/icon-{name}.svg"), text)


def permission_label(permission: Permission) -> str:
    model = permission.content_type.model_class()
    what = gettext(str(model._meta.verbose_name_plural if model else permission.content_type.model))
    action = ACTIONS.get(permission.codename.split("_", 1)[0])
    if action is None or not permission.codename.endswith("_" + permission.content_type.model):
        return f"{what}: {gettext(permission.name)}"
    return f"{what}: {action}"


def staff_name(user) -> str:
    """How the newsroom names a person: their byline, their full name, their login."""
    try:
        author = user.author
    except (AttributeError, ObjectDoesNotExist):
        author = None
    return (author.name if author else "") or user.get_full_name() or user.get_username()


class ArabicPermissionsMixin:
    def formfield_for_manytomany(self, db_field, request, **kwargs):
        field = super().formfield_for_manytomany(db_field, request, **kwargs)
        if db_field.name in ("permissions", "user_permissions") and field is not None:
            field.label_from_instance = permission_label
        return field


admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class NewsroomUserAdmin(ArabicPermissionsMixin, UserAdmin):
    list_display = ["username", "display_name", "email", "staff", "group_names"]
    list_select_related = ["author"]

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.display(description=_("name"))
    def display_name(self, user: User) -> str:
        return staff_name(user)

    @admin.display(description=_("staff"), ordering="is_staff")
    def staff(self, user: User) -> str:
        return yes_no(user.is_staff)

    @admin.display(description=_("groups"))
    def group_names(self, user: User) -> str:
        return "، ".join(gettext(group.name) for group in user.groups.all())


@admin.register(Group)
class NewsroomGroupAdmin(ArabicPermissionsMixin, GroupAdmin):
    list_display = ["arabic_name"]

    @admin.display(description=_("name"), ordering="name")
    def arabic_name(self, group: Group) -> str:
        return gettext(group.name)

    def change_view(self, request, object_id, form_url="", extra_context=None):
        group = Group.objects.filter(pk=object_id).first() if object_id.isdigit() else None
        extra = {"subtitle": gettext(group.name)} if group else {}
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})
