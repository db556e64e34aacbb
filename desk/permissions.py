"""Who may do what with an article: the newsroom's rules in one place.

The admin asks these for every view, action and save, so the rules hold on the server
whatever the browser sends.
"""

from django.contrib.auth.models import AbstractBaseUser, AnonymousUser

from articles.models import Article, Gallery

User = AbstractBaseUser | AnonymousUser
EDITABLE_BY_WRITER = (Article.Status.DRAFT, Article.Status.REVIEW)


def is_editor(user: User) -> bool:
    """Editors (and superusers) publish, schedule, archive and manage the ticker."""
    return bool(user.is_active and user.has_perm("articles.publish_article"))


def _may(user: User, permission: str, article: Article) -> bool:
    """Editors act on any article; a writer only on their own, while draft or in review."""
    if not user.has_perm(permission):
        return False
    if is_editor(user):
        return True
    return article.created_by_id == user.pk and article.status in EDITABLE_BY_WRITER


def can_change(user: User, article: Article) -> bool:
    return _may(user, "articles.change_article", article)


def can_delete(user: User, article: Article) -> bool:
    return _may(user, "articles.delete_article", article)


def gallery_is_writable(user, gallery: Gallery) -> bool:
    """Editors change any gallery; a writer only one no other story depends on.

    A gallery shown by a published article, or by a colleague's, is not the writer's to
    change: that would change a live page, or someone else's story.
    """
    if is_editor(user):
        return True
    return not gallery.articles.exclude(created_by=user, status__in=EDITABLE_BY_WRITER).exists()
