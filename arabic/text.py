"""Arabic text helpers shared by models, forms and search.

Two jobs: remove invisible bidirectional control characters that can disguise text
(an attacker's U+202E turns «gpj.exe» into «exe.jpg»), and fold the spellings under which
the same Arabic word is typed (hamza and alef forms, ta marbuta, alef maqsura, diacritics,
tatweel, Eastern Arabic digits) to one key.
"""

import re
import unicodedata

from django.core.exceptions import ValidationError
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

# LRM, RLM, ALM, the embeddings and overrides (LRE..RLO, PDF) and the isolates (LRI..PDI),
# plus zero-width characters that carry no meaning in a title.
BIDI_CONTROLS = re.compile("[\u200e\u200f\u061c\u202a-\u202e\u2066-\u2069\u200b\u2060\ufeff]")

# Harakat, tanween, shadda, sukun, superscript alef and Quranic marks.
_DIACRITICS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]")
_TATWEEL = "\u0640"
_FOLD = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",
        "ى": "ي",
        "ة": "ه",
        "ؤ": "و",
        "ئ": "ي",
        "ء": "",
        **{chr(0x0660 + d): str(d) for d in range(10)},  # ٠–٩
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # ۰–۹ (Persian forms)
    }
)
_SPACES = re.compile(r"\s+")


def strip_bidi_controls(value: str) -> str:
    """Remove invisible direction and zero-width characters."""
    return BIDI_CONTROLS.sub("", value)


def clean_line(value: str) -> str:
    """A one-line plain-text field as it should be stored: no controls, single spaces."""
    return _SPACES.sub(" ", strip_bidi_controls(value)).strip()


def visible_line(value: str, field: str) -> str:
    """``clean_line(value)``, refused when nothing visible is left.

    A title typed as only direction marks or zero-width characters passes a form's
    "required" check (they are not whitespace) and would be stored empty. Raises a
    ``ValidationError`` for ``field``, as a model's ``clean()`` reports it.
    """
    cleaned = clean_line(value or "")
    if not cleaned:
        raise ValidationError(
            {field: _("Type letters or digits: invisible characters alone are not a title.")},
            code="invisible",
        )
    return cleaned


def normalize_arabic(value: str) -> str:
    """Fold a text to its search/identity key (see the module docstring)."""
    value = unicodedata.normalize("NFKC", strip_bidi_controls(value))
    value = _DIACRITICS.sub("", value).replace(_TATWEEL, "")
    value = value.translate(_FOLD).casefold()
    return _SPACES.sub(" ", value).strip()


def unicode_slugify(value: str, max_length: int = 200) -> str:
    """A slug that keeps Arabic letters: «وزارة الصحة» → «وزارة-الصحة»."""
    value = strip_bidi_controls(value)
    value = _DIACRITICS.sub("", value).replace(_TATWEEL, "")
    # Cut, then trim what slugify itself trims, so a slug made again stays the same.
    return slugify(value, allow_unicode=True)[:max_length].strip("-_")
