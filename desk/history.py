"""An article's history as the newsroom reads it: what changed between two versions (the
body as a word-by-word difference of its text) and what restoring one brings back."""

import difflib
import re

from django.utils.html import escape, strip_tags
from django.utils.safestring import SafeString, mark_safe
from reversion.models import Version

from articles.models import Article, Category

# What a restore brings back: the story's content. Its status and publication time stay as
# they are now, so restoring an earlier text never takes a live story off the site.
CONTENT_FIELDS = [
    "title", "excerpt", "body", "kind", "category_id", "image", "image_caption",
    "image_credit", "video_url", "gallery_id",
]  # fmt: skip
COMPARED_FIELDS = [*CONTENT_FIELDS, "slug", "status", "published_at"]


def body_text(html: str) -> str:
    """The body's words as readers see them, one paragraph a line."""
    text = re.sub(r"</(p|h[1-6]|li|blockquote|div)>|<br\s*/?>", "\n", html or "")
    return re.sub(r"[ \t\u00a0]+", " ", strip_tags(text)).strip()


def word_diff(before: str, after: str) -> SafeString:
    """Words removed in <del>, words added in <ins>; everything escaped."""
    old, new = re.findall(r"\S+|\n", before), re.findall(r"\S+|\n", after)
    out = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(a=old, b=new, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(escape(" ".join(old[i1:i2])))
            continue
        if i2 > i1:
            out.append(f"<del>{escape(' '.join(old[i1:i2]))}</del>")
        if j2 > j1:
            out.append(f"<ins>{escape(' '.join(new[j1:j2]))}</ins>")
    html = " ".join(out).replace(" \n ", "<br>").replace("\n", "<br>")
    return mark_safe(html)  # noqa: S308 - every piece escaped above


def previous_version(version: Version) -> Version | None:
    return (
        Version.objects.get_for_object_reference(Article, version.object_id)
        .filter(pk__lt=version.pk)
        .order_by("-pk")
        .first()
    )


def _shown(name: str, value) -> str:
    if value in (None, ""):
        return "—"
    if name == "category_id":
        return str(Category.objects.filter(pk=value).first() or value)
    if name == "status":
        return str(dict(Article.Status.choices).get(value, value))
    return str(value)


def changes(version: Version) -> list[dict]:
    """Each field that differs from the version before, with its translated name."""
    before = previous_version(version)
    old = before.field_dict if before else {}
    new = version.field_dict
    found = []
    for name in COMPARED_FIELDS:
        a, b = old.get(name), new.get(name)
        if name == "body":
            a, b = body_text(a or ""), body_text(b or "")
        if a == b or (not a and not b):
            continue
        field = Article._meta.get_field(name.removesuffix("_id"))
        entry = {"label": field.verbose_name, "before": _shown(name, a), "after": _shown(name, b)}
        if name in ("body", "excerpt", "title"):
            entry["diff"] = word_diff(str(a or ""), str(b or ""))
        found.append(entry)
    return found


def restore(article: Article, version: Version) -> None:
    """Bring back the version's content into ``article`` (not saved here)."""
    data = version.field_dict
    for name in CONTENT_FIELDS:
        if name in data:
            setattr(article, name, data[name])
