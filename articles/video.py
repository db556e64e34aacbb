"""Video addresses: which links a video story may carry, and their privacy-enhanced player.

Parsed with the WHATWG URL parser browsers use (``sanitize.parse_url``), so the host that is
checked is the host the reader's browser would open.
"""

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .sanitize import parse_url

_ID_CHARS = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_")


def _is_id(value: str) -> bool:
    return 0 < len(value) <= 64 and set(value) <= _ID_CHARS


def player_url(address: str) -> str:
    """A privacy-enhanced player URL for a YouTube or Vimeo link; "" for anything else."""
    url = parse_url(address or "")
    if url is None or url.protocol not in ("http:", "https:") or url.username or url.password:
        return ""
    host = url.hostname.removeprefix("www.").removeprefix("m.")
    segments = url.pathname.split("/")
    video_id = ""
    if host in ("youtube.com", "youtube-nocookie.com"):
        if url.pathname == "/watch":
            video_id = _first_param(url.search, "v")
        elif len(segments) > 2 and segments[1] in ("embed", "shorts", "live"):
            video_id = segments[2]
        return f"https://www.youtube-nocookie.com/embed/{video_id}" if _is_id(video_id) else ""
    if host == "youtu.be":
        video_id = url.pathname.strip("/")
        return f"https://www.youtube-nocookie.com/embed/{video_id}" if _is_id(video_id) else ""
    if host in ("vimeo.com", "player.vimeo.com"):
        video_id = url.pathname.rstrip("/").rsplit("/", 1)[-1]
        return f"https://player.vimeo.com/video/{video_id}?dnt=1" if video_id.isdigit() else ""
    return ""


def _first_param(search: str, name: str) -> str:
    for pair in search.removeprefix("?").split("&"):
        key, _sep, value = pair.partition("=")
        if key == name:
            return value
    return ""


def validate_video_url(value: str) -> None:
    """A video story's address must be a canonical YouTube or Vimeo link we can play."""
    url = parse_url(value)
    if url is None or url.href != value or not player_url(value):
        raise ValidationError(
            _("Paste the address of a YouTube or Vimeo video, as the browser shows it."),
            code="video_url",
        )
