from datetime import timedelta

from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone
from django.utils.html import escape

from articles import demo_data
from articles.demo_images import make_photo
from articles.models import Article, ArticleDailyViews, Author, Category, Gallery, Photo
from articles.text import unicode_slugify
from ticker.models import Headline

ACCOUNTS = [
    # username, password, group, superuser
    ("journalist", "journalist-demo-2026", "Journalists", False),
    ("editor", "editor-demo-2026", "Editors", False),
    ("admin", "admin-demo-2026", None, True),
]


def body_html(entry: dict) -> str:
    subheads = entry.get("subheads", {})
    parts = []
    for index, paragraph in enumerate(entry["body"]):
        if index in subheads:
            parts.append(f"<h2>{escape(subheads[index])}</h2>")
        parts.append(f"<p>{escape(paragraph)}</p>")
    return "\n".join(parts)


class Command(BaseCommand):
    help = "Loads the demo newsroom (sections, authors, articles, ticker, accounts)."

    def handle(self, *args, **options) -> None:
        if not settings.DEBUG:
            raise CommandError("load_demo only runs with DJANGO_DEBUG=1 (it creates demo logins).")
        with transaction.atomic():
            users = self.load_accounts()
            categories = self.load_categories()
            authors = self.load_authors(users)
            created = self.load_articles(categories, authors, users["editor"])
            self.load_ticker(users["editor"])
        self.stdout.write(self.style.SUCCESS(f"Demo newsroom ready ({created} new articles)."))
        self.stdout.write("Demo logins for /admin/:")
        for username, password, group, _ in ACCOUNTS:
            role = group or "superuser"
            self.stdout.write(f"  {username:<11} {password:<22} ({role})")

    def load_accounts(self) -> dict[str, User]:
        users = {}
        for username, password, group, superuser in ACCOUNTS:
            user, created = User.objects.get_or_create(
                username=username,
                defaults={"is_staff": True, "is_superuser": superuser},
            )
            if created:
                user.set_password(password)
                user.save()
            if group:
                user.groups.add(Group.objects.get(name=group))
            users[username] = user
        return users

    def load_categories(self) -> dict[str, Category]:
        categories = {}
        for position, entry in enumerate(demo_data.SECTIONS):
            categories[entry["slug"]], _ = Category.objects.get_or_create(
                slug=entry["slug"],
                defaults={
                    "name": entry["name"],
                    "description": entry.get("description", ""),
                    "position": position,
                },
            )
        return categories

    def load_authors(self, users: dict[str, User]) -> dict[str, Author]:
        authors = {}
        for entry in demo_data.AUTHORS:
            authors[entry["slug"]], _ = Author.objects.get_or_create(
                slug=entry["slug"], defaults={"name": entry["name"], "bio": entry.get("bio", "")}
            )
        # The demo journalist writes under the first staff byline.
        first = authors[demo_data.AUTHORS[0]["slug"]]
        if first.user_id is None:
            first.user = users["journalist"]
            first.save()
        return authors

    def load_articles(self, categories, authors, editor: User) -> int:
        now = timezone.now()
        created = 0
        for index, entry in enumerate(demo_data.ARTICLES):
            slug = unicode_slugify(entry["title"], 200)
            if Article.objects.filter(slug=slug).exists():
                continue
            status = entry.get("status", "published")
            published_at = now - timedelta(hours=entry["hours_ago"])
            if status == "scheduled":
                status, published_at = Article.Status.PUBLISHED, now + timedelta(days=2)
            elif status in ("draft", "review"):
                published_at = None
            article = Article(
                title=entry["title"],
                slug=slug,
                kind=entry["kind"],
                category=categories[entry["section"]],
                excerpt=entry["excerpt"],
                body=body_html(entry),
                image_caption=entry.get("image_caption", ""),
                image_credit=entry.get("image_credit", ""),
                video_url=entry.get("video_url", ""),
                status=status,
                published_at=published_at,
                created_by=editor,
                updated_by=editor,
            )
            article.image.save(f"{index}.jpg", make_photo(index), save=False)
            if entry.get("photos"):
                article.gallery = self.make_gallery(index, entry)
            article.save()
            article.authors.set([authors[slug] for slug in entry["authors"]])
            article.tags.set(entry["tags"])
            # A demo story was last changed when it was published, not when it was loaded.
            Article.objects.filter(pk=article.pk).update(updated_at=published_at or now)
            self.add_readers(article, index)
            created += 1
        return created

    def add_readers(self, article: Article, index: int) -> None:
        """A week of made-up readings, so «most read» has something to rank."""
        if not article.is_visible:
            return
        today = timezone.localdate()
        ArticleDailyViews.objects.bulk_create(
            ArticleDailyViews(article=article, day=today - timedelta(days=d), views=views)
            for d in range(7)
            if (views := (index * 37 + d * 11) % 97) > 40
        )

    def make_gallery(self, index: int, entry: dict) -> Gallery:
        gallery = Gallery.objects.create(title=entry["title"])
        for position, photo in enumerate(entry["photos"]):
            item = Photo(
                gallery=gallery,
                caption=photo["caption"],
                credit=photo.get("credit", ""),
                position=position,
            )
            item.image.save(
                f"{index}-{position}.jpg", make_photo(1000 + index * 10 + position), save=False
            )
            item.save()
        return gallery

    def load_ticker(self, editor: User) -> None:
        now = timezone.now()
        slugs = [unicode_slugify(a["title"], 200) for a in demo_data.ARTICLES]
        for position, entry in enumerate(demo_data.TICKER):
            index = entry.get("article_index")
            article = (
                Article.objects.filter(slug=slugs[index]).first() if index is not None else None
            )
            Headline.objects.update_or_create(
                text=entry["text"],
                defaults={
                    "article": article,
                    "is_breaking": entry.get("is_breaking", False),
                    "position": position if entry.get("is_breaking") else None,
                    "starts_at": now,
                    "expires_at": now + timedelta(days=30),
                    "created_by": editor,
                },
            )
