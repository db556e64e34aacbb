"""Login throttling (django-axes): by account and by address, in Arabic, with an unlock.

Before: 50 wrong passwords in 19 s, then the right one logged in.
"""

from datetime import timedelta

import pytest
import time_machine
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.core.management import call_command
from django.utils import timezone

pytestmark = pytest.mark.django_db

LOGIN = "/admin/login/"
LIMIT = 5


@pytest.fixture(autouse=True)
def _limit(settings):
    settings.AXES_FAILURE_LIMIT = LIMIT
    settings.AXES_COOLOFF_TIME = timedelta(minutes=15)


@pytest.fixture
def staff(db) -> User:
    return User.objects.create_user("salma", password="right-password-1", is_staff=True)


@pytest.fixture
def colleague(db) -> User:
    return User.objects.create_user("karim", password="right-password-2", is_staff=True)


def login(client, username: str, password: str, address: str = "10.0.0.1", **headers):
    return client.post(
        LOGIN,
        {"username": username, "password": password, "next": "/admin/"},
        REMOTE_ADDR=address,
        **headers,
    )


def logged_in(client) -> bool:
    return "_auth_user_id" in client.session


def fail(client, username: str, times: int, address: str = "10.0.0.1", **headers) -> None:
    for _ in range(times):
        assert login(client, username, "wrong", address, **headers).status_code in (200, 429)


def test_the_right_password_is_refused_after_too_many_wrong_ones(client, staff):
    fail(client, "salma", LIMIT)
    response = login(client, "salma", "right-password-1")
    assert response.status_code == 429
    assert not logged_in(client)
    assert "أُوقف تسجيل الدخول مؤقتًا" in response.text
    assert "15 دقيقة" in response.text
    assert response["Cache-Control"].startswith("max-age=0")


def test_an_account_stays_locked_from_another_address(client, staff):
    fail(client, "salma", LIMIT, address="10.0.0.1")
    assert login(client, "salma", "right-password-1", address="10.9.9.9").status_code == 429


def test_an_address_trying_many_accounts_is_locked_for_all_of_them(client, staff, colleague):
    for n in range(LIMIT):
        login(client, f"guess{n}", "wrong", address="10.0.0.7")
    response = login(client, "karim", "right-password-2", address="10.0.0.7")
    assert response.status_code == 429
    assert not logged_in(client)
    # Another address, another account: unaffected.
    assert login(client, "karim", "right-password-2", address="10.0.0.8").status_code == 302


def test_a_forged_forwarded_for_header_does_not_escape_the_address_lock(client, colleague):
    for n in range(LIMIT):
        login(client, f"guess{n}", "wrong", address="10.0.0.7", HTTP_X_FORWARDED_FOR=f"1.2.3.{n}")
    response = login(
        client, "karim", "right-password-2", address="10.0.0.7", HTTP_X_FORWARDED_FOR="9.9.9.9"
    )
    assert response.status_code == 429


def test_fewer_failures_then_success_start_the_count_again(client, staff):
    fail(client, "salma", LIMIT - 1)
    assert login(client, "salma", "right-password-1").status_code == 302
    client.logout()
    fail(client, "salma", LIMIT - 1)
    assert login(client, "salma", "right-password-1").status_code == 302


def test_the_lock_ends_by_itself_after_the_cool_off(client, staff):
    fail(client, "salma", LIMIT)
    with time_machine.travel(timezone.now() + timedelta(minutes=16)):
        assert login(client, "salma", "right-password-1").status_code == 302


@pytest.mark.parametrize(
    "command",
    [("axes_reset_username", "salma"), ("axes_reset_ip", "10.0.0.1"), ("axes_reset",)],
)
def test_an_administrator_unlocks_with_a_command(client, staff, command):
    fail(client, "salma", LIMIT)
    call_command(*command, stdout=None)
    assert login(client, "salma", "right-password-1").status_code == 302


def test_an_administrator_unlocks_in_the_admin(client, staff, superuser):
    fail(client, "salma", LIMIT)
    attempts = list(AccessAttempt.objects.filter(username="salma"))
    assert attempts
    admin_client = type(client)()
    admin_client.force_login(superuser)
    listing = admin_client.get("/admin/axes/accessattempt/")
    assert listing.status_code == 200 and "salma" in listing.text
    response = admin_client.post(
        "/admin/axes/accessattempt/",
        {
            "action": "delete_selected",
            "post": "yes",
            "_selected_action": [str(a.pk) for a in attempts],
        },
    )
    assert response.status_code == 302
    assert login(client, "salma", "right-password-1").status_code == 302
