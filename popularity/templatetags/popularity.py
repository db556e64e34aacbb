from django import template

from articles import fragments
from popularity.counting import most_read as most_read_articles

register = template.Library()


@register.inclusion_tag("popularity/most_read.html")
def most_read(limit: int = 5) -> dict:
    """«Most read»: the numbered list of this week's most viewed published stories."""
    # Per fragments' generation (so an unpublished story leaves the list at once) and
    # for a minute at most (so the counts move on).
    articles = fragments.cached(
        f"most_read:{limit}", lambda: list(most_read_articles(limit)), seconds=60
    )
    return {"articles": articles}
