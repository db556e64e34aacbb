from django import template

from popularity.counting import most_read as most_read_articles

register = template.Library()


@register.inclusion_tag("popularity/most_read.html")
def most_read(limit: int = 5) -> dict:
    """«Most read»: the numbered list of this week's most viewed published stories."""
    return {"articles": list(most_read_articles(limit))}
