"""``manage.py load_demo``: the demo newsroom from ``demo/data``, for development only.

Every item (account, section, byline, story, headline) is created once and recorded in
``LoadedItem``; running the command again creates only what the data files gained since,
so stories people deleted stay deleted and passwords people changed stay changed.
"""

from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from arabic.text import unicode_slugify
from articles.models import Article, Author, Category, Gallery, Photo
from demo import content
from demo.models import LoadedItem
from demo.photos import make_photo, make_portrait
from pages.models import Page
from popularity.models import ArticleDailyViews
from ticker.models import Headline

ACCOUNTS = [
    # username, password, group, superuser
    ("journalist", "journalist-demo-2026", "Journalists", False),
    ("editor", "editor-demo-2026", "Editors", False),
    ("admin", "admin-demo-2026", None, True),
]


class Command(BaseCommand):
    help = "Loads the demo newsroom (sections, bylines, stories, ticker, three logins)."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError(
                "load_demo only runs with DJANGO_DEBUG=1: it creates logins with known "
                "passwords, which a production site must never have."
            )
        self.now = timezone.now()
        self.articles = content.articles()
        with transaction.atomic():
            self.loaded = {
                (kind, key) for kind, key in LoadedItem.objects.values_list("kind", "key")
            }
            created_accounts = self.load_accounts()
            categories = self.load_sections()
            authors = self.load_authors()
            created = self.load_articles(categories, authors)
            self.load_ticker()
            self.load_pages()
        self.stdout.write(self.style.SUCCESS(f"Demo newsroom ready ({created} new articles)."))
        if created_accounts:
            self.stdout.write("Demo logins for /admin/ (shown once, when created):")
            for username, password, role in created_accounts:
                self.stdout.write(f"  {username:<11} {password:<22} ({role})")
        else:
            self.stdout.write("Demo logins exist already; their passwords were shown when created.")

    # -- bookkeeping ----------------------------------------------------------------------

    def first_time(self, kind: str, key: str) -> bool:
        """True once per item: the first run that meets it records it."""
        if (kind, key) in self.loaded:
            return False
        LoadedItem.objects.create(kind=kind, key=key)
        self.loaded.add((kind, key))
        return True

    # -- loaders --------------------------------------------------------------------------

    def load_accounts(self) -> list[tuple[str, str, str]]:
        created = []
        for username, password, group, superuser in ACCOUNTS:
            if not self.first_time("account", username):
                continue
            if User.objects.filter(username=username).exists():
                continue  # someone made this account by hand: not ours to change
            user = User.objects.create_user(
                username, password=password, is_staff=True, is_superuser=superuser
            )
            if group:
                user.groups.add(Group.objects.get(name=group))
            created.append((username, password, group or "superuser"))
        return created

    def load_sections(self) -> dict[str, Category]:
        for position, entry in enumerate(content.sections()):
            if self.first_time("section", entry["slug"]):
                Category.objects.get_or_create(
                    slug=entry["slug"],
                    defaults={
                        "name": entry["name"],
                        "description": entry.get("description", ""),
                        "position": position,
                    },
                )
        return {c.slug: c for c in Category.objects.all()}

    def load_authors(self) -> dict[str, Author]:
        entries = content.authors()
        for index, entry in enumerate(entries):
            if not self.first_time("author", entry["slug"]):
                continue
            author, made = Author.objects.get_or_create(
                slug=entry["slug"],
                defaults={
                    "name": entry["name"],
                    "bio": entry.get("bio", ""),
                    "kind": entry.get("kind", Author.Kind.PERSON),
                },
            )
            if made and author.kind == Author.Kind.PERSON:
                author.photo.save(f"{index}.jpg", make_portrait(index), save=True)
            if made and index == 0:
                # The demo journalist writes under the first staff byline.
                author.user = User.objects.filter(username="journalist", author=None).first()
                author.save()
        return {a.slug: a for a in Author.objects.filter(slug__in=[e["slug"] for e in entries])}

    def load_articles(self, categories: dict[str, Category], authors: dict[str, Author]) -> int:
        editor = User.objects.filter(username="editor").first()
        created = 0
        for entry in self.articles:
            category = categories.get(entry.meta["section"])
            if category is None or not self.first_time("article", entry.key):
                continue
            slug = unicode_slugify(entry.meta["title"], 200)
            if Article.objects.filter(slug=slug).exists():
                continue
            self.create_article(entry, slug, category, authors, editor)
            created += 1
        return created

    def create_article(self, entry, slug, category, authors, editor) -> None:
        meta = entry.meta
        status = meta.get("status", Article.Status.PUBLISHED)
        published_at = self.now - timedelta(hours=meta["hours_ago"])
        if status == "scheduled":
            status, published_at = Article.Status.PUBLISHED, self.now + timedelta(days=2)
        elif status in (Article.Status.DRAFT, Article.Status.REVIEW):
            published_at = None
        article = Article(
            title=meta["title"],
            slug=slug,
            kind=meta["kind"],
            category=category,
            excerpt=meta["excerpt"],
            body=entry.body_html(),
            image_caption=meta.get("image_caption", ""),
            image_credit=meta.get("image_credit", ""),
            video_url=meta.get("video_url", ""),
            status=status,
            published_at=published_at,
            created_by=editor,
            updated_by=editor,
        )
        article.image.save(f"{entry.seed}.jpg", make_photo(entry.seed), save=False)
        if meta.get("photos"):
            article.gallery = self.make_gallery(entry)
        article.save()
        article.authors.set([authors[s] for s in meta["authors"] if s in authors])
        article.tags.set(meta["tags"])
        # A demo story was last changed when it was published, not when it was loaded.
        Article.objects.filter(pk=article.pk).update(updated_at=published_at or self.now)
        self.add_readers(article, entry.seed)

    def add_readers(self, article: Article, seed: int) -> None:
        """A week of made-up readings, so «most read» has something to rank."""
        if not article.is_visible:
            return
        today = timezone.localdate()
        ArticleDailyViews.objects.bulk_create(
            ArticleDailyViews(article=article, day=today - timedelta(days=d), views=views)
            for d in range(7)
            if (views := (seed * 37 + d * 11) % 97) > 40
        )

    def make_gallery(self, entry) -> Gallery:
        gallery = Gallery.objects.create(title=entry.meta["title"])
        for position, photo in enumerate(entry.meta["photos"]):
            item = Photo(
                gallery=gallery,
                caption=photo["caption"],
                credit=photo.get("credit", ""),
                position=position,
            )
            seed = 1000 + entry.seed * 10 + position
            item.image.save(f"{entry.seed}-{position}.jpg", make_photo(seed), save=False)
            item.save()
        return gallery

    def load_ticker(self) -> None:
        editor = User.objects.filter(username="editor").first()
        titles = {entry.key: entry.meta["title"] for entry in self.articles}
        for position, entry in enumerate(content.headlines()):
            if not self.first_time("headline", entry["text"]):
                continue
            if Headline.objects.filter(text=entry["text"]).exists():
                continue  # loaded before this command kept records
            article = None
            if entry.get("article"):
                slug = unicode_slugify(titles[entry["article"]], 200)
                article = Article.objects.filter(slug=slug).first()
            Headline.objects.create(
                text=entry["text"],
                article=article,
                is_breaking=entry.get("is_breaking", False),
                position=position if entry.get("is_breaking") else None,
                starts_at=self.now,
                expires_at=self.now + timedelta(days=30),
                created_by=editor,
            )

    def load_pages(self) -> None:
        for position, entry in enumerate(content.pages()):
            if not self.first_time("page", entry["slug"]):
                continue
            Page.objects.get_or_create(
                slug=entry["slug"],
                defaults={
                    "title": entry["title"],
                    "body": content.paragraphs_html(entry["body"]),
                    "position": position,
                },
            )
