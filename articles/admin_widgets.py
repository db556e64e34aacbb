"""Admin autocomplete widgets that survive a forged value.

When a form with an autocomplete field is shown again with errors, Django's widget looks up
the posted values to label them (``pk__in`` of the raw strings): a value that is not a key
(``authors=x``, ``article=99999999999999999999999``) raised ``ValueError`` or
``OverflowError`` there, a 500 instead of the field's own «Select a valid choice». These
widgets drop what cannot be a key before that lookup; the form still reports the error.
"""

from django.contrib.admin import widgets
from django.core.exceptions import ValidationError

_BIGINT = 2**63


class _StrictChoices:
    def optgroups(self, name, value, attr=None):
        key = self.field.remote_field.model._meta.pk
        return super().optgroups(name, [v for v in value if _is_key(key, v)], attr)


def _is_key(field, value) -> bool:
    try:
        key = field.to_python(value)
    except (ValidationError, TypeError, ValueError):
        return False
    return not isinstance(key, int) or -_BIGINT <= key < _BIGINT


class StrictAutocompleteSelect(_StrictChoices, widgets.AutocompleteSelect):
    pass


class StrictAutocompleteSelectMultiple(_StrictChoices, widgets.AutocompleteSelectMultiple):
    pass


class StrictAutocompleteMixin:
    """For a ``ModelAdmin`` with ``autocomplete_fields``: use the widgets above."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = StrictAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_foreignkey(db_field, request, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(request):
            kwargs["widget"] = StrictAutocompleteSelectMultiple(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        return super().formfield_for_manytomany(db_field, request, **kwargs)
