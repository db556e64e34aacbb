"""Reading a WordPress export (WXR 1.0–1.2) as a stream, safely.

The file is parsed by expat through defusedxml with DTDs refused, so an entity-expansion
bomb or an external entity (a local file, a URL) stops the parse before anything is
expanded or read; nothing is ever fetched. Elements are freed as soon as each top-level
entry (``wp:author``, ``wp:category``, ``item``…) has been read, so memory stays flat
whatever the file's size, and one entry may not exceed ``MAX_ENTRY_BYTES`` or
``MAX_ENTRY_ELEMENTS`` (a hostile file cannot make one element eat the memory).
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import IO, Any

from defusedxml import DefusedXmlException
from defusedxml.ElementTree import iterparse

MAX_ENTRY_BYTES = 64 * 1024 * 1024
MAX_ENTRY_ELEMENTS = 500_000
SUPPORTED_VERSIONS = {"1.0", "1.1", "1.2"}


class WXRError(Exception):
    """The file cannot be imported at all; the message says why, for an operator."""


@dataclass
class Item:
    """One ``<item>``: a post, page, attachment, menu item… as plain values."""

    position: int
    post_type: str = ""
    status: str = ""
    wp_id: int | None = None
    raw_id: str = ""
    parent_id: int | None = None
    menu_order: int = 0
    title: str = ""
    link: str = ""
    content: str = ""
    excerpt: str = ""
    post_name: str = ""
    post_date: str = ""
    post_date_gmt: str = ""
    post_modified: str = ""
    post_modified_gmt: str = ""
    password: str = ""
    sticky: bool = False
    creator: str = ""
    attachment_url: str = ""
    # (domain, nicename, text) of each <category> element: categories, tags, formats.
    terms: list[tuple[str, str, str]] = field(default_factory=list)
    meta: dict[str, list[str]] = field(default_factory=dict)
    comments: int = 0

    def meta_value(self, key: str) -> str:
        values = self.meta.get(key)
        return values[0] if values else ""

    def describe(self) -> str:
        """How an operator finds this item in the file."""
        title = (self.title or "").strip().replace("\n", " ")
        title = title[:60] + "…" if len(title) > 60 else title
        ident = f"id {self.wp_id}" if self.wp_id is not None else f"id {self.raw_id!r}"
        return (
            f"item {self.position} ({self.post_type or '?'} {ident}{': ' + title if title else ''})"
        )


@dataclass
class Header:
    """What the channel says before its items: the site and its taxonomy."""

    title: str = ""
    link: str = ""
    base_blog_url: str = ""
    base_site_url: str = ""
    version: str = ""
    authors: list[dict[str, str]] = field(default_factory=list)
    categories: list[dict[str, str]] = field(default_factory=list)
    tags: list[dict[str, str]] = field(default_factory=list)


class _CountingReader:
    """A binary file that refuses to deliver more than the limit between two resets."""

    def __init__(self, raw: IO[bytes], limit: int) -> None:
        self.raw = raw
        self.limit = limit
        self.position = 0
        self.since_reset = 0

    def read(self, size: int = -1) -> bytes:
        data = self.raw.read(size if size and size > 0 else 64 * 1024)
        self.position += len(data)
        self.since_reset += len(data)
        if self.since_reset > self.limit:
            raise WXRError(
                f"an entry of the file is larger than {self.limit // (1024 * 1024)} MB "
                f"(near byte {self.position}); a WordPress export never has one"
            )
        return data

    def reset(self) -> None:
        self.since_reset = 0


def _local(tag: str, cache: dict[str, str]) -> str:
    """``{https://wordpress.org/export/1.2/}post_id`` → ``wp:post_id``, whatever version."""
    name = cache.get(tag)
    if name is None:
        if tag.startswith("{"):
            uri, _, local = tag[1:].partition("}")
            if "wordpress.org/export/" in uri:
                prefix = "excerpt" if uri.rstrip("/").endswith("excerpt") else "wp"
            elif "purl.org/rss/1.0/modules/content" in uri:
                prefix = "content"
            elif "purl.org/dc/elements" in uri:
                prefix = "dc"
            else:
                prefix = "other"
            name = f"{prefix}:{local}"
        else:
            name = tag
        cache[tag] = name
    return name


def _text(elem: ET.Element) -> str:
    return elem.text or ""


def _int(value: str) -> int | None:
    value = value.strip()
    if value.isdigit() and len(value) <= 18:
        return int(value)
    return None


def _fields(elem: ET.Element, names: dict[str, str]) -> dict[str, str]:
    return {_local(child.tag, names).partition(":")[2]: _text(child) for child in elem}


# Elements copied into an Item as they are (True: surrounding white space removed).
_PLAIN_FIELDS: dict[str, tuple[str, bool]] = {
    "title": ("title", False),
    "link": ("link", True),
    "dc:creator": ("creator", False),
    "content:encoded": ("content", False),
    "excerpt:encoded": ("excerpt", False),
    "wp:post_name": ("post_name", True),
    "wp:post_date": ("post_date", True),
    "wp:post_date_gmt": ("post_date_gmt", True),
    "wp:post_modified": ("post_modified", True),
    "wp:post_modified_gmt": ("post_modified_gmt", True),
    "wp:status": ("status", True),
    "wp:post_type": ("post_type", True),
    "wp:post_password": ("password", False),
    "wp:attachment_url": ("attachment_url", True),
}


def _item(elem: ET.Element, position: int, names: dict[str, str]) -> Item:
    item = Item(position=position)
    for child in elem:
        name = _local(child.tag, names)
        text = _text(child)
        if name in _PLAIN_FIELDS:
            attribute, strip = _PLAIN_FIELDS[name]
            setattr(item, attribute, text.strip() if strip else text)
            continue
        match name:
            case "wp:post_id":
                item.raw_id = text.strip()[:40]
                item.wp_id = _int(text)
            case "wp:post_parent":
                item.parent_id = _int(text) or None
            case "wp:menu_order":
                item.menu_order = _int(text.lstrip("-")) or 0
            case "wp:is_sticky":
                item.sticky = text.strip() == "1"
            case "category":
                item.terms.append(
                    (child.get("domain", ""), (child.get("nicename") or "").strip(), text)
                )
            case "wp:postmeta":
                meta = _fields(child, names)
                key = meta.get("meta_key", "")
                if key:
                    item.meta.setdefault(key, []).append(meta.get("meta_value", ""))
            case "wp:comment":
                item.comments += 1
    return item


Entry = tuple[str, Any]


def read(
    path: str | os.PathLike[str],
    progress: Callable[[int, int], None] | None = None,
) -> Iterator[Entry]:
    """Yield ``("header", Header)`` once, then ``("item", Item)`` for each item, in order.

    The header is yielded when the first item starts (WordPress writes the whole
    taxonomy before the items) or at the end of a file without items. ``progress`` is
    called with (bytes read, file size) after each entry. Raises :class:`WXRError` for a
    file that is not a safe, well-formed WordPress export.
    """
    size = os.path.getsize(path)
    names: dict[str, str] = {}
    header = Header()
    header_sent = False
    stats: Counter[str] = Counter()
    with open(path, "rb") as raw:
        reader = _CountingReader(raw, MAX_ENTRY_BYTES)
        events = iterparse(reader, events=("start", "end"), forbid_dtd=True)
        depth = 0
        root_checked = False
        channel: ET.Element | None = None
        entry_elements = 0
        try:
            for event, elem in events:
                if event == "start":
                    depth += 1
                    entry_elements += 1
                    if entry_elements > MAX_ENTRY_ELEMENTS:
                        raise WXRError(
                            f"an entry of the file has more than {MAX_ENTRY_ELEMENTS} "
                            f"elements (near byte {reader.position}); refusing it"
                        )
                    if not root_checked:
                        root_checked = True
                        if elem.tag != "rss":
                            raise WXRError(
                                "this is not a WordPress export (WXR): its root element is "
                                f"<{_local(elem.tag, names)}>, not <rss>"
                            )
                    elif depth == 2 and elem.tag == "channel":
                        channel = elem
                    elif depth == 3 and elem.tag == "item" and not header_sent:
                        header_sent = True
                        _check_header(header)
                        yield "header", header
                    continue
                # "end"
                depth -= 1
                if depth != 2 or channel is None:
                    continue
                name = _local(elem.tag, names)
                if name == "item":
                    stats["item"] += 1
                    yield "item", _item(elem, stats["item"], names)
                else:
                    _header_entry(header, name, elem, names)
                channel.remove(elem)
                reader.reset()
                entry_elements = 0
                if progress:
                    progress(reader.position, size)
        except ET.ParseError as error:
            line, column = error.position
            raise WXRError(
                f"the file is not well-formed XML (line {line}, column {column})"
            ) from None
        except DefusedXmlException as error:
            raise WXRError(_refusal(error)) from None
    if not root_checked:
        raise WXRError("the file is empty")
    if not header_sent:
        _check_header(header)
        yield "header", header
    if progress:
        progress(size, size)


def _refusal(error: DefusedXmlException) -> str:
    kind = type(error).__name__
    if kind == "DTDForbidden":
        return (
            "the file declares a document type (<!DOCTYPE …>), which a WordPress export "
            "never has and which entity bombs and external entities need; refused unread"
        )
    if kind == "EntitiesForbidden":
        return "the file declares XML entities; refused without expanding them"
    return "the file refers to external resources; refused without reading them"


def _header_entry(header: Header, name: str, elem: ET.Element, names: dict[str, str]) -> None:
    match name:
        case "title":
            header.title = _text(elem).strip()
        case "link":
            header.link = _text(elem).strip()
        case "wp:base_blog_url":
            header.base_blog_url = _text(elem).strip()
        case "wp:base_site_url":
            header.base_site_url = _text(elem).strip()
        case "wp:wxr_version":
            header.version = _text(elem).strip()
        case "wp:author":
            header.authors.append(_fields(elem, names))
        case "wp:category":
            header.categories.append(_fields(elem, names))
        case "wp:tag":
            header.tags.append(_fields(elem, names))
        case "wp:term":
            term = _fields(elem, names)
            if term.get("term_taxonomy") == "category":
                header.categories.append(
                    {
                        "term_id": term.get("term_id", ""),
                        "category_nicename": term.get("term_slug", ""),
                        "category_parent": term.get("term_parent", ""),
                        "cat_name": term.get("term_name", ""),
                    }
                )
            elif term.get("term_taxonomy") == "post_tag":
                header.tags.append(
                    {
                        "term_id": term.get("term_id", ""),
                        "tag_slug": term.get("term_slug", ""),
                        "tag_name": term.get("term_name", ""),
                    }
                )


def _check_header(header: Header) -> None:
    if not header.version:
        raise WXRError("this is an RSS file but not a WordPress export (no wp:wxr_version)")
    if header.version not in SUPPORTED_VERSIONS:
        raise WXRError(
            f"WXR version {header.version} is not supported (supported: "
            f"{', '.join(sorted(SUPPORTED_VERSIONS))})"
        )
    if not (header.base_blog_url or header.link):
        raise WXRError("the export does not name its site (no wp:base_blog_url)")
