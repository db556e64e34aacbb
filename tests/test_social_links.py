"""``NEWSROOM_SOCIAL_LINKS``: the newsroom's accounts, read once and refused when malformed."""

import pytest

from newsroom.settings import envlinks


def test_social_links_keep_their_order_and_network_names(monkeypatch):
    monkeypatch.setenv(
        "NEWSROOM_SOCIAL_LINKS",
        " Facebook=https://www.facebook.com/akhbar , x=https://x.com/akhbar,",
    )
    assert envlinks("NEWSROOM_SOCIAL_LINKS") == [
        ("facebook", "https://www.facebook.com/akhbar"),
        ("x", "https://x.com/akhbar"),
    ]


def test_no_social_links_is_an_empty_list(monkeypatch):
    monkeypatch.delenv("NEWSROOM_SOCIAL_LINKS", raising=False)
    assert envlinks("NEWSROOM_SOCIAL_LINKS") == []


@pytest.mark.parametrize(
    "value",
    [
        "https://x.com/akhbar",  # no network name
        "x=",  # no address
        "x=http://x.com/akhbar",  # not https
        "x=javascript:alert(1)",
        "x=https://",  # no host
        "=https://x.com/akhbar",
    ],
)
def test_a_malformed_social_link_stops_the_start_with_one_line(monkeypatch, value):
    monkeypatch.setenv("NEWSROOM_SOCIAL_LINKS", value)
    with pytest.raises(SystemExit) as stopped:
        envlinks("NEWSROOM_SOCIAL_LINKS")
    assert "NEWSROOM_SOCIAL_LINKS" in str(stopped.value)
    assert "\n" not in str(stopped.value)
