"""Bringing a WordPress export in: two streaming passes, batched commits, a summary.

1. *Scan*: read the whole file once (so a broken or hostile file is refused before
   anything is written), note the attachments in the database and count the posts. One
   transaction: a file refused half-way leaves nothing behind.
2. *Import*: read it again and turn posts into articles, ``batch_size`` posts per
   transaction, each post in a savepoint of its own: a bad post is reported and skipped,
   never half-written; an interrupted run keeps the batches it committed, and the next
   run skips what is already there (articles are matched by site and WordPress id, and a
   post whose import would write the same thing again is left alone).

Articles are saved through ``Article.save()`` and their tags and authors set through
their managers, exactly as the admin does: bodies are sanitised, tags resolved by their
spelling, and the search index and the ticker kept current by their own signals.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from urllib.parse import unquote, urlsplit
from zoneinfo import ZoneInfo

from django.conf import settings
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.exceptions import ValidationError
from django.db import DatabaseError, reset_queries, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from arabic.text import clean_line, normalize_arabic, unicode_slugify
from articles.models import Article, Author, Category, Gallery, Photo, Tag, TaggedArticle

from . import content, media, paths, wxr
from .models import ImportedAttachment, ImportedPost, ImportedTerm, LegacyPath, Site

# Bump when the rules change, so that a re-run rewrites articles imported by older rules.
RULES_VERSION = 1
TITLE_MAX = Article._meta.get_field("title").max_length
TITLE_REFUSED = 2_000  # longer than this is not a title but a broken or hostile item
BODY_REFUSED = 10 * 1024 * 1024
EXCERPT_MAX = 600
STATUSES = {
    "publish": Article.Status.PUBLISHED,
    "future": Article.Status.PUBLISHED,  # published_at in the future: scheduled
    "draft": Article.Status.DRAFT,
    "pending": Article.Status.REVIEW,
}
_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$")


class ItemProblem(Exception):
    """This one item cannot be imported; the message says why, for an operator."""


@dataclass
class Report:
    """What a run did; ``lines()`` is the summary printed at the end."""

    created: int = 0
    updated: int = 0
    unchanged: int = 0
    posts_seen: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    attachments: Counter[str] = field(default_factory=Counter)
    notes: Counter[str] = field(default_factory=Counter)
    shortcodes: Counter[str] = field(default_factory=Counter)
    missing_media: dict[str, None] = field(default_factory=dict)  # ordered set
    problems: list[str] = field(default_factory=list)
    media_problems: list[str] = field(default_factory=list)
    paths_added: int = 0
    paths_taken: int = 0
    comments: int = 0
    interrupted: bool = False
    dry_run: bool = False

    def lines(self) -> list[str]:
        done = "would be " if self.dry_run else ""
        out = [
            f"Posts: {self.created} {done}imported, {self.updated} {done}updated, "
            f"{self.unchanged} unchanged, {len(self.problems)} refused.",
        ]
        if self.skipped:
            out.append("Skipped: " + _counts(self.skipped) + ".")
        if self.comments:
            out.append(f"Comments skipped: {self.comments}.")
        if self.notes:
            out.append("Noted for the editors: " + _counts(self.notes) + ".")
        if self.attachments:
            out.append("Attachments: " + _counts(self.attachments) + ".")
        if self.missing_media:
            # Every name, one per line: the operator copies the files and runs again.
            out.append(f"Missing media ({len(self.missing_media)}):")
            out.extend(f"  {name}" for name in self.missing_media)
        if self.shortcodes:
            out.append("Shortcodes removed (text kept): " + _counts(self.shortcodes) + ".")
        out.append(
            f"Old addresses: {self.paths_added} {done}added"
            + (f", {self.paths_taken} already answered by another page" if self.paths_taken else "")
            + "."
        )
        for label, problems in (("Refused", self.problems), ("Image refused", self.media_problems)):
            out.extend(f"{label}: {problem}" for problem in problems[:50])
            if len(problems) > 50:
                out.append(f"… and {len(problems) - 50} more.")
        if self.interrupted:
            out.append("Interrupted: run the same command again to finish.")
        if self.dry_run:
            out.append("Dry run: nothing was written.")
        return out


def _counts(counter: Counter[str]) -> str:
    return ", ".join(f"{key} {value}" for key, value in counter.most_common())


ProgressCallback = Callable[[str, int, int, "Report"], None]


@dataclass
class Plan:
    """What a post becomes, computed before anything is written."""

    title: str
    slug: str
    status: str
    published_at: datetime | None
    modified_at: datetime | None
    excerpt: str
    body: str
    kind: str
    category: Category
    tag_names: list[str]
    tag_slugs: list[tuple[str, str]]  # (WordPress slug, name) for the old tag addresses
    authors: list[Author]
    image: media.StoredImage | None
    image_caption: str
    video_url: str
    photos: list[tuple[media.StoredImage, str]]
    old_paths: list[str]
    notes: list[str]
    sticky: bool

    def fingerprint(self) -> str:
        data = {
            "rules": RULES_VERSION,
            "title": self.title,
            "slug": self.slug,
            "status": self.status,
            "published_at": self.published_at.isoformat() if self.published_at else None,
            "modified_at": self.modified_at.isoformat() if self.modified_at else None,
            "excerpt": self.excerpt,
            "body": self.body,
            "kind": self.kind,
            "category": self.category.pk,
            "tags": self.tag_names,
            "authors": [a.pk for a in self.authors],
            "image": self.image.name if self.image else "",
            "image_caption": self.image_caption,
            "video_url": self.video_url,
            "photos": [(p.name, caption) for p, caption in self.photos],
            "paths": self.old_paths,
            "notes": self.notes,
        }
        encoded = json.dumps(data, ensure_ascii=False, sort_keys=True).encode()
        return hashlib.sha256(encoded).hexdigest()


class Importer:
    def __init__(
        self,
        path: str | Path,
        *,
        media_root: str | Path | None = None,
        dry_run: bool = False,
        create_logins: bool = False,
        batch_size: int = 200,
        progress: ProgressCallback | None = None,
    ) -> None:
        self.path = Path(path)
        self.media = media.MediaFolder(media_root, dry_run=dry_run)
        self.dry_run = dry_run
        self.create_logins = create_logins
        self.batch_size = max(1, batch_size)
        self.progress = progress
        self.report = Report(dry_run=dry_run)
        self.site: Site | None = None
        self.header: wxr.Header | None = None
        self.old_hosts: set[str] = set()
        self._seen_ids: set[int | None] = set()
        self._pending_paths: list[tuple[str, str, object]] = []
        self._captions: dict[int, str] = {}
        self._reset_caches()

    # -- the two passes ---------------------------------------------------------------

    def run(self) -> Report:
        """Scan, then import; raises ``wxr.WXRError`` for a file refused as a whole."""
        if self.dry_run:
            with transaction.atomic():
                total = self.scan()
                self.import_posts(total)
                transaction.set_rollback(True)
        else:
            total = self.scan()
            self.import_posts(total)
        return self.report

    def scan(self) -> int:
        """Pass 1: check the whole file, record the site and its attachments; count posts."""
        posts = 0
        pending: list[ImportedAttachment] = []
        with transaction.atomic():
            for kind, entry in wxr.read(self.path, self._byte_progress("scan")):
                if kind == "header":
                    self._set_site(entry)
                    continue
                item: wxr.Item = entry
                if item.post_type == "post":
                    posts += 1
                elif item.post_type == "attachment" and item.wp_id is not None:
                    pending.append(self._attachment_row(item))
                    if len(pending) >= 1000:
                        self._save_attachments(pending)
                        pending = []
            self._save_attachments(pending)
        return posts

    def import_posts(self, total: int) -> None:
        """Pass 2: posts to articles, in batches."""
        batch: list[wxr.Item] = []
        try:
            for item in self._items():
                batch.append(item)
                if len(batch) >= self.batch_size:
                    self._import_batch(batch, total)
                    batch = []
            if batch:
                self._import_batch(batch, total)
        except KeyboardInterrupt:
            self.report.interrupted = True
        if self.site is not None and not self.dry_run and not self.report.interrupted:
            Site.objects.filter(pk=self.site.pk).update(imported_at=timezone.now())

    def _items(self) -> Iterator[wxr.Item]:
        """The posts to import; everything else is counted and left out."""
        for kind, entry in wxr.read(self.path):
            if kind != "item":
                continue
            item: wxr.Item = entry
            if item.post_type == "post":
                self.report.comments += item.comments
                yield item
            elif item.post_type != "attachment":
                self.report.skipped[_post_type_label(item.post_type)] += 1

    def _import_batch(self, items: list[wxr.Item], total: int) -> None:
        ids = [item.wp_id for item in items if item.wp_id is not None]
        with transaction.atomic():
            existing = {
                post.wp_id: post
                for post in ImportedPost.objects.filter(
                    site=self.site, wp_id__in=ids
                ).select_related("article")
            }
            for item in items:
                self.report.posts_seen += 1
                if item.wp_id is not None and item.wp_id in self._seen_ids:
                    self.report.problems.append(
                        f"{item.describe()}: this id appears twice in the export; the first "
                        "was imported"
                    )
                    continue
                self._seen_ids.add(item.wp_id)
                self._import_one(item, existing.get(item.wp_id))
            self._flush_paths()
        self._attachment_cache.clear()
        self._captions.clear()
        # With DEBUG on, Django keeps the last 9,000 statements (bodies included): a
        # long import would hold hundreds of megabytes of them.
        reset_queries()
        if self.progress:
            self.progress("import", self.report.posts_seen, total, self.report)

    def _import_one(self, item: wxr.Item, existing: ImportedPost | None) -> None:
        if item.status not in STATUSES:
            self.report.skipped[f"{item.status or 'no'} status"] += 1
            return
        queued_paths = len(self._pending_paths)
        try:
            with transaction.atomic():
                if item.wp_id is None:
                    raise ItemProblem("its wp:post_id is not a number")
                plan = self._plan(item)
                fingerprint = plan.fingerprint()
                if existing is not None and existing.fingerprint == fingerprint:
                    self.report.unchanged += 1
                    return
                self._write(item, plan, fingerprint, existing)
        except (ItemProblem, ValidationError, DatabaseError, ValueError) as error:
            message = (
                "; ".join(error.messages) if isinstance(error, ValidationError) else str(error)
            )
            self.report.problems.append(f"{item.describe()}: {message}")
            # Objects created in the rolled-back savepoint are gone: forget them.
            del self._pending_paths[queued_paths:]
            self._reset_caches()

    # -- one post -----------------------------------------------------------------------

    def _plan(self, item: wxr.Item) -> Plan:
        notes: list[str] = []
        raw_title = item.title or ""
        if len(raw_title) > TITLE_REFUSED:
            raise ItemProblem(f"its title is {len(raw_title):,} characters long; refused")
        if len(item.content) > BODY_REFUSED:
            raise ItemProblem(f"its body is {len(item.content):,} characters long; refused")

        status = STATUSES[item.status]
        published_at = parse_date(item.post_date_gmt, UTC) or parse_date(
            item.post_date, ZoneInfo(settings.TIME_ZONE)
        )
        if status == Article.Status.PUBLISHED and published_at is None:
            status = Article.Status.DRAFT
            notes.append(_("Its date could not be read on WordPress; imported as a draft."))
            self.report.notes["unreadable date → draft"] += 1
        if status != Article.Status.PUBLISHED:
            published_at = None
        if item.password:
            status, published_at = Article.Status.DRAFT, None
            notes.append(
                _(
                    "This post was protected by a password on WordPress; it was imported "
                    "as a draft. Check it before publishing."
                )
            )
            self.report.notes["password-protected → draft"] += 1

        formats = {nicename for domain, nicename, _text in item.terms if domain == "post_format"}
        body = content.convert(
            item.content,
            resolve_image=self._body_image,
            old_hosts=self.old_hosts,
            take_lead_video="post-format-video" in formats,
        )
        self.report.shortcodes.update(body.removed_shortcodes)

        title = clean_line(content.plain_text(raw_title))
        if not title:
            title = self._title_from(body.html, item)
            notes.append(_("This post had no title on WordPress; the title was made for it."))
            self.report.notes["untitled"] += 1
        if len(title) > TITLE_MAX:
            title = shorten(title, TITLE_MAX)
            notes.append(_("Its title was longer than the site allows and was shortened."))
            self.report.notes["title shortened"] += 1
        if item.sticky:
            notes.append(_("This post was pinned to the front page (sticky) on WordPress."))
            self.report.notes["sticky"] += 1

        category, extra_tags = self._sections(item)
        tag_slugs = self._tag_slugs(item)
        tag_names = [name for _slug, name in tag_slugs] + extra_tags
        image, image_caption = self._featured(item)
        photos = self._gallery(item, body)
        kind = Article.Kind.STORY
        if body.lead_video:
            kind = Article.Kind.VIDEO
        elif "post-format-gallery" in formats and photos:
            kind = Article.Kind.GALLERY

        local_date = parse_date(item.post_date, UTC)  # the site's own wall-clock time
        slugs = [item.post_name, *item.meta.get("_wp_old_slug", [])]
        return Plan(
            title=title,
            slug=unicode_slugify(unquote(item.post_name), 220),
            status=status,
            published_at=published_at,
            modified_at=parse_date(item.post_modified_gmt, UTC)
            or parse_date(item.post_modified, ZoneInfo(settings.TIME_ZONE)),
            excerpt=shorten(content.plain_text(item.excerpt), EXCERPT_MAX),
            body=body.html,
            kind=kind,
            category=category,
            tag_names=list(dict.fromkeys(tag_names)),
            tag_slugs=tag_slugs,
            authors=self._authors(item),
            image=image,
            image_caption=image_caption,
            video_url=body.lead_video,
            photos=photos,
            old_paths=paths.post_paths(
                wp_id=item.wp_id, link=item.link, slugs=slugs, local_date=local_date
            ),
            notes=notes,
            sticky=item.sticky,
        )

    def _write(
        self, item: wxr.Item, plan: Plan, fingerprint: str, existing: ImportedPost | None
    ) -> None:
        article = existing.article if existing is not None else Article()
        article.title = plan.title
        article.status = plan.status
        article.published_at = plan.published_at
        article.excerpt = plan.excerpt
        article.body = plan.body
        article.kind = plan.kind
        article.category = plan.category
        article.video_url = plan.video_url
        if not self.dry_run:
            article.image = plan.image.name if plan.image else ""
            article.image_caption = plan.image_caption
        if existing is None:
            article.slug = self._free(Article, plan.slug, 220) if plan.slug else ""
        article.save()
        self._link(article, plan, new=existing is None)
        if plan.modified_at is not None and plan.modified_at <= timezone.now():
            # «Updated» on the page, in feeds and sitemaps: WordPress's last change, not
            # the moment of the import (updated_at is auto_now, hence update()).
            updated = max(plan.modified_at, plan.published_at or plan.modified_at)
            Article.objects.filter(pk=article.pk).update(updated_at=updated)
        self._tag_paths_for(plan.tag_slugs)
        if not self.dry_run:
            self._write_gallery(article, plan)
        note = "\n".join(plan.notes)
        if existing is None:
            ImportedPost.objects.create(
                site=self.site,
                wp_id=item.wp_id,
                article=article,
                fingerprint=fingerprint,
                note=note,
                sticky=plan.sticky,
            )
            self.report.created += 1
        else:
            existing.fingerprint, existing.note, existing.sticky = fingerprint, note, plan.sticky
            existing.save(update_fields=["fingerprint", "note", "sticky", "imported_at"])
            self.report.updated += 1
        self._add_paths(plan.old_paths, article=article)

    def _link(self, article: Article, plan: Plan, new: bool) -> None:
        """Tags and bylines in one insert each, on the through tables.

        Tags are resolved by their folded spelling (``Tag.key``), the identity the tag
        manager uses, through a per-run cache. Bulk rows send no ``m2m_changed``: the
        search triggers queue the article instead, and the command indexes the queue at
        the end (``rebuild_search_index --pending``), rather than each article three
        times over (on save, on authors, on tags).
        """
        tags = list({tag.pk: tag for tag in map(self._tag_named, plan.tag_names) if tag}.values())
        authors = list({author.pk: author for author in plan.authors}.values())
        bylines = Article.authors.through
        have_tags: set[int] = set()
        have_authors: set[int] = set()
        if not new:
            TaggedArticle.objects.filter(content_object=article).exclude(
                tag__in=[t.pk for t in tags]
            ).delete()
            bylines.objects.filter(article=article).exclude(
                author__in=[a.pk for a in authors]
            ).delete()
            have_tags = set(
                TaggedArticle.objects.filter(content_object=article).values_list("tag", flat=True)
            )
            have_authors = set(
                bylines.objects.filter(article=article).values_list("author", flat=True)
            )
        TaggedArticle.objects.bulk_create(
            TaggedArticle(content_object=article, tag=tag)
            for tag in tags
            if tag.pk not in have_tags
        )
        bylines.objects.bulk_create(
            bylines(article=article, author=author)
            for author in authors
            if author.pk not in have_authors
        )

    def _write_gallery(self, article: Article, plan: Plan) -> None:
        if not plan.photos:
            return
        gallery = article.gallery
        if gallery is None:
            gallery = Gallery.objects.create(title=plan.title)
            article.gallery = gallery
            article.save(update_fields=["gallery", "version", "updated_at"])
        else:
            gallery.photos.all().delete()
        for position, (stored, caption) in enumerate(plan.photos, start=1):
            Photo.objects.create(
                gallery=gallery, image=stored.name, caption=caption, position=position
            )

    def _title_from(self, body_html: str, item: wxr.Item) -> str:
        words = content.plain_text(body_html).split()
        if words:
            return shorten(" ".join(words[:12]), 80)
        when = parse_date(item.post_date_gmt, UTC) or parse_date(
            item.post_date, ZoneInfo(settings.TIME_ZONE)
        )
        if when is not None:
            day = date_format(timezone.localtime(when), "j F Y")
            return _("Untitled article of %(date)s") % {"date": day}
        return _("Untitled article")

    # -- old addresses -------------------------------------------------------------------

    def _add_paths(self, keys: list[str], **target) -> None:
        """Queue old addresses of one object; written by :meth:`_flush_paths`."""
        ((field_name, obj),) = target.items()
        self._pending_paths.extend((key, field_name, obj) for key in keys)

    def _flush_paths(self) -> None:
        """Write the batch's old addresses: two queries, whatever the batch's size.

        An address already stored keeps its object, and within a batch the first claim
        wins (two posts with one slug: the earlier answers ``/slug/``, each keeps its
        dated addresses and ``?p=``).
        """
        wanted: dict[str, tuple[str, object]] = {}
        for key, field_name, obj in self._pending_paths:
            claimed = wanted.setdefault(key, (field_name, obj))
            if claimed != (field_name, obj):
                self.report.paths_taken += 1
        self._pending_paths = []
        if not wanted:
            return
        fields = ("article_id", "category_id", "tag_id", "author_id")
        stored = {
            path: owners
            for path, *owners in LegacyPath.objects.filter(path__in=list(wanted)).values_list(
                "path", *fields
            )
        }
        new = []
        for key, (field_name, obj) in wanted.items():
            if key not in stored:
                new.append(LegacyPath(path=key, site=self.site, **{field_name: obj}))
            elif stored[key][fields.index(f"{field_name}_id")] != obj.pk:
                self.report.paths_taken += 1
        LegacyPath.objects.bulk_create(new, ignore_conflicts=True)
        self.report.paths_added += len(new)

    # -- sections, tags, bylines --------------------------------------------------------

    def _reset_caches(self) -> None:
        self._sections_cache: dict[str, Category] = {}
        self._authors_cache: dict[str, Author] = {}
        self._tags_done: set[str] = set()
        self._tags_by_key: dict[str, Tag] = {}
        self._attachment_cache: dict[int, media.StoredImage | None] = {}

    def _mapped(self, taxonomy: str, key: str):
        """What a WordPress category or author login became here in an earlier run."""
        term = (
            ImportedTerm.objects.filter(site=self.site, taxonomy=taxonomy, key=key[:200])
            .select_related(taxonomy)
            .first()
        )
        return getattr(term, taxonomy) if term else None

    def _remember(self, taxonomy: str, key: str, target) -> None:
        ImportedTerm.objects.update_or_create(
            site=self.site, taxonomy=taxonomy, key=key[:200], defaults={taxonomy: target}
        )

    def _set_site(self, header: wxr.Header) -> None:
        self.header = header
        base = (header.base_blog_url or header.link).strip().rstrip("/")
        site, _created = Site.objects.get_or_create(base_url=base[:300])
        title = clean_line(header.title)[:200]
        if site.title != title:
            site.title = title
            site.save(update_fields=["title"])
        self.site = site
        # Not base_site_url: on WordPress.com and multisite it names another host.
        for url in (header.base_blog_url, header.link):
            try:
                host = (urlsplit(url).hostname or "") if url else ""
            except ValueError:
                raise wxr.WXRError(f"the export's site address {url!r} is not a URL") from None
            if host:
                self.old_hosts |= {
                    host,
                    host.removeprefix("www."),
                    "www." + host.removeprefix("www."),
                }
        self._categories = {}
        for row in header.categories:
            nicename = (row.get("category_nicename") or "").strip()
            if nicename and nicename not in self._categories:
                self._categories[nicename] = row
        self._tags = {
            (row.get("tag_slug") or "").strip(): row.get("tag_name", "") for row in header.tags
        }
        self._logins = {(row.get("author_login") or "").strip(): row for row in header.authors}

    def _chain(self, nicename: str) -> list[str]:
        """A category's nicenames from its top ancestor down to itself."""
        chain = [nicename]
        while len(chain) < 20:
            parent = (self._categories.get(chain[0], {}).get("category_parent") or "").strip()
            if not parent or parent in chain:
                break
            chain.insert(0, parent)
        return chain

    def _sections(self, item: wxr.Item) -> tuple[Category, list[str]]:
        """The article's section and the tag names its other categories become."""
        listed = [(nicename, text) for domain, nicename, text in item.terms if domain == "category"]
        names = dict(listed)
        primary_id = item.meta_value("_yoast_wpseo_primary_category").strip()
        order = [nicename for nicename, _text in listed]
        if primary_id:
            for nicename, row in self._categories.items():
                if (row.get("term_id") or "").strip() == primary_id and nicename in names:
                    order.remove(nicename)
                    order.insert(0, nicename)
                    break
        if not order:
            return self._fallback_section(), []
        section_chain = self._chain(order[0])
        section = self._section(section_chain[0], names)
        extra: list[str] = []
        for nicename in order:
            chain = self._chain(nicename)
            for part in chain:
                if part == section_chain[0] or part == "uncategorized":
                    continue
                extra.append(self._category_name(part, names))
            if len(chain) > 1:
                self._child_category_paths(chain)
        return section, extra

    def _category_name(self, nicename: str, names: dict[str, str]) -> str:
        row = self._categories.get(nicename, {})
        return clean_line(
            content.plain_text(row.get("cat_name") or names.get(nicename) or unquote(nicename))
        )

    def _section(self, nicename: str, names: dict[str, str]) -> Category:
        cached = self._sections_cache.get(nicename)
        if cached is not None:
            return cached
        category = self._mapped("category", nicename)
        if category is None:
            name = self._category_name(nicename, names)[:80] or unquote(nicename)[:80]
            category = Category.objects.filter(name=name).first()
            if category is None:
                slug = unicode_slugify(unquote(nicename), 80) or unicode_slugify(name, 80)
                category = Category(
                    name=name,
                    slug=self._free(Category, slug, 80),
                    description=content.plain_text(
                        self._categories.get(nicename, {}).get("category_description", "")
                    ),
                    position=(Category.objects.aggregate(m=Max("position"))["m"] or 0) + 1,
                )
                category.save()
            self._remember("category", nicename, category)
            term_id = _int((self._categories.get(nicename) or {}).get("term_id", ""))
            self._add_paths(paths.category_paths(term_id, [nicename]), category=category)
        self._sections_cache[nicename] = category
        return category

    def _fallback_section(self) -> Category:
        if "uncategorized" in self._categories:
            return self._section("uncategorized", {})
        name = _("Uncategorized")
        category = Category.objects.filter(name=name).first()
        if category is None:
            category = Category(name=name, slug=self._free(Category, unicode_slugify(name, 80), 80))
            category.save()
        return category

    def _child_category_paths(self, chain: list[str]) -> None:
        """A nested category's old address leads to the tag it became."""
        key = "/".join(chain)
        if key in self._tags_done:
            return
        self._tags_done.add(key)
        tag = self._tag_named(self._category_name(chain[-1], {}))
        if tag is not None:
            term_id = _int((self._categories.get(chain[-1]) or {}).get("term_id", ""))
            self._add_paths(paths.category_paths(term_id, chain), tag=tag)

    def _tag_slugs(self, item: wxr.Item) -> list[tuple[str, str]]:
        found = []
        for domain, nicename, text in item.terms:
            if domain != "post_tag":
                continue
            name = text or self._tags.get(nicename, "") or unquote(nicename)
            name = fit_tag_name(clean_line(content.plain_text(name)))
            if name:
                found.append((nicename, name))
        return found

    def _tag_named(self, name: str) -> Tag | None:
        """The tag with this spelling (folded, as ``Tag.key``), created if there is none."""
        name = fit_tag_name(name)
        key = normalize_arabic(name)
        if not key:
            return None
        tag = self._tags_by_key.get(key)
        if tag is None:
            tag = Tag.objects.filter(key=key).first()
            if tag is None:
                tag = Tag(name=name)
                tag.save()
            self._tags_by_key[key] = tag
        return tag

    def _tag_paths_for(self, names_by_slug: list[tuple[str, str]]) -> None:
        for slug, name in names_by_slug:
            if not slug or ("tag:" + slug) in self._tags_done:
                continue
            self._tags_done.add("tag:" + slug)
            tag = self._tag_named(name)
            if tag is not None:
                self._add_paths(paths.tag_paths(slug), tag=tag)

    def _authors(self, item: wxr.Item) -> list[Author]:
        login = item.creator.strip().strip("<>").strip()
        if not login:
            return []
        cached = self._authors_cache.get(login)
        if cached is not None:
            return [cached]
        author = self._mapped("author", login)
        if author is None:
            row = self._logins.get(login, {})
            name = clean_line(content.plain_text(row.get("author_display_name") or ""))
            if not name:
                full = f"{row.get('author_first_name', '')} {row.get('author_last_name', '')}"
                name = clean_line(full) or login
            name = name[:120]
            author = Author.objects.filter(name=name).first()
            if author is None:
                author = Author(name=name, slug=self._free(Author, unicode_slugify(name, 120), 120))
                author.save()
            self._remember("author", login, author)
            author_id = _int(self._logins.get(login, {}).get("author_id"))
            self._add_paths(paths.author_paths(login, author_id), author=author)
        if self.create_logins:
            self._login_for(author, login)
        self._authors_cache[login] = author
        return [author]

    def _login_for(self, author: Author, login: str) -> None:
        """``--create-logins``: a journalist account (no usable password) for the byline."""
        if author.user_id is not None or self.dry_run:
            return
        row = self._logins.get(login, {})
        User = get_user_model()
        username = re.sub(r"[^\w.@+-]", "", login)[:150] or f"wp-{author.pk}"
        user = User.objects.filter(username=username).first()
        if user is None:
            user = User(
                username=username,
                email=(row.get("author_email") or "")[:254],
                first_name=(row.get("author_first_name") or "")[:150],
                last_name=(row.get("author_last_name") or "")[:150],
                is_staff=True,
            )
            user.set_unusable_password()
            user.save()
            group = Group.objects.filter(name="Journalists").first()
            if group is not None:
                user.groups.add(group)
        if not Author.objects.filter(user=user).exists():
            author.user = user
            author.save(update_fields=["user"])

    def _free(self, model, slug: str, max_length: int) -> str:
        """``slug``, or a numbered one when another object of ``model`` has it."""
        slug = slug or "wordpress"
        candidate, n = slug, 2
        while model.objects.filter(slug=candidate).exists():
            suffix = f"-{n}"
            candidate, n = slug[: max_length - len(suffix)] + suffix, n + 1
        return candidate

    # -- images -------------------------------------------------------------------------

    def _attachment_row(self, item: wxr.Item) -> ImportedAttachment:
        source = media.upload_path(item.meta_value("_wp_attached_file"), item.attachment_url)
        caption = content.plain_text(item.excerpt) or content.plain_text(
            item.meta_value("_wp_attachment_image_alt")
        )
        return ImportedAttachment(
            site=self.site,
            wp_id=item.wp_id,
            parent_wp_id=item.parent_id,
            menu_order=item.menu_order,
            source=source[:500],
            title=clean_line(content.plain_text(item.title))[:300],
            caption=clean_line(caption)[:300],
        )

    def _save_attachments(self, rows: list[ImportedAttachment]) -> None:
        if not rows:
            return
        unique = {row.wp_id: row for row in rows}  # the last one wins, as in WordPress
        ImportedAttachment.objects.bulk_create(
            unique.values(),
            update_conflicts=True,
            unique_fields=["site", "wp_id"],
            update_fields=["parent_wp_id", "menu_order", "source", "title", "caption"],
        )
        self.report.attachments["listed"] += len(unique)

    def _image(self, wp_id: int) -> media.StoredImage | None:
        if wp_id in self._attachment_cache:
            return self._attachment_cache[wp_id]
        attachment = ImportedAttachment.objects.filter(site=self.site, wp_id=wp_id).first()
        if attachment is not None:
            self._captions[wp_id] = attachment.caption
        result = self._image_of(attachment, f"attachment {wp_id}")
        self._attachment_cache[wp_id] = result
        return result

    def _image_of(
        self, attachment: ImportedAttachment | None, label: str
    ) -> media.StoredImage | None:
        if attachment is None:
            self.report.missing_media[f"{label} (not in the export)"] = None
            return None
        if not media.is_image_name(attachment.source):
            self.report.attachments["not an image, left out"] += 1
            return None
        path = self.media.locate(attachment.source)
        if path is None:
            self.report.missing_media[attachment.source] = None
            return None
        digest = self.media.digest(path)
        if attachment.stored and attachment.source_sha256 == digest:
            return media.StoredImage(
                attachment.stored, attachment.width or 0, attachment.height or 0, digest
            )
        try:
            stored = self.media.store(
                path, attachment.source, digest, caption=attachment.caption,
                alt_text=attachment.title,
            )  # fmt: skip
        except ValidationError as error:
            self.report.attachments["refused by the image checks"] += 1
            self.report.media_problems.append(f"{attachment.source}: {' '.join(error.messages)}")
            return None
        self.report.attachments["images imported"] += 1
        attachment.stored, attachment.width, attachment.height = (
            stored.name,
            stored.width,
            stored.height,
        )
        attachment.source_sha256 = stored.sha256
        attachment.save(update_fields=["stored", "width", "height", "source_sha256"])
        return stored

    def _featured(self, item: wxr.Item) -> tuple[media.StoredImage | None, str]:
        wp_id = _int(item.meta_value("_thumbnail_id"))
        if wp_id is None:
            return None, ""
        stored = self._image(wp_id)
        if stored is None:
            return None, ""
        return stored, self._captions.get(wp_id, "")

    def _gallery(self, item: wxr.Item, body: content.Body) -> list[tuple[media.StoredImage, str]]:
        ids = list(body.gallery_ids)
        if body.gallery_attached:
            attached = ImportedAttachment.objects.filter(
                site=self.site, parent_wp_id=item.wp_id
            ).order_by("menu_order", "wp_id")
            ids += [
                a.wp_id for a in attached if media.is_image_name(a.source) and a.wp_id not in ids
            ]
        if not ids:
            return []
        photos = []
        for wp_id in ids:
            stored = self._image(wp_id)
            if stored is not None:
                photos.append((stored, self._captions.get(wp_id, "")))
        return photos

    def _body_image(self, src: str, wp_id: int | None) -> str | None:
        """An image in a body: its copy here, or None for an old-site image not found."""
        if wp_id is not None:
            stored = self._image(wp_id)
            if stored is not None:
                return self.media.storage.url(stored.name)
        parts = urlsplit(src)
        host = parts.hostname or ""
        own = (
            host in self.old_hosts
            or host.endswith(".files.wordpress.com")
            or (not host and not parts.scheme)
            or media.UPLOADS_MARKER in parts.path
        )
        if not own:
            return src  # another site's image: the sanitiser decides
        relative = media.upload_path("", src)
        candidates = [relative, content.SIZE_SUFFIX.sub("", relative)]
        stem, dot, ext = candidates[1].rpartition(".")
        if dot:
            candidates.append(f"{stem}-scaled.{ext}")
        attachment = (
            ImportedAttachment.objects.filter(
                site=self.site, source__in=[c for c in candidates if c]
            )
            .order_by("wp_id")
            .first()
        )
        if attachment is not None:
            stored = self._image(attachment.wp_id)
            return self.media.storage.url(stored.name) if stored else None
        self.report.missing_media[relative or src[:200]] = None
        return None

    # -- progress ---------------------------------------------------------------------

    def _byte_progress(self, phase: str):
        if not self.progress:
            return None
        last = [0.0]

        def report(done: int, total: int) -> None:
            now = time.monotonic()
            if now - last[0] >= 0.5 or done >= total:
                last[0] = now
                self.progress(phase, done, total, self.report)

        return report


def _post_type_label(post_type: str) -> str:
    labels = {"page": "pages", "nav_menu_item": "menu items"}
    return labels.get(post_type, f"{post_type or 'untyped'} items")


def _int(value: str | None) -> int | None:
    value = (value or "").strip()
    return int(value) if value.isdigit() and len(value) <= 18 else None


def parse_date(value: str, tz) -> datetime | None:
    """A WordPress date (``2024-05-03 14:00:00``) in ``tz``; None for 0000-00-00 and the like."""
    match = _DATE.match((value or "").strip())
    if not match:
        return None
    try:
        naive = datetime(*(int(part) for part in match.groups()))
        aware = naive.replace(tzinfo=tz) if tz is UTC else timezone.make_aware(naive, tz)
        aware.astimezone(UTC)  # years at the edge of the calendar overflow here
    except (ValueError, OverflowError):
        return None
    return aware


def shorten(text: str, limit: int) -> str:
    """``text`` within ``limit`` characters, cut at a word boundary with an ellipsis."""
    if len(text) <= limit:
        return text
    cut = text[: limit - 1]
    if " " in cut[limit // 2 :]:
        cut = cut.rsplit(" ", 1)[0]
    return cut.rstrip(" ،,.;:-") + "…"


def fit_tag_name(name: str) -> str:
    """A tag name that fits the tag table, its folded key included."""
    name = name[:100]
    while name and len(normalize_arabic(name)) > 100:
        name = name[:-1]
    return name.strip()
