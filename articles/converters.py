from django.urls import register_converter


class UnicodeSlugConverter:
    """Like ``<slug:>`` but accepts Arabic (any Unicode word) letters."""

    regex = r"[-\w]+"

    def to_python(self, value: str) -> str:
        return value

    def to_url(self, value: str) -> str:
        return value


register_converter(UnicodeSlugConverter, "uslug")
