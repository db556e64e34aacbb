"""The configuration contract: safe production defaults, Arabic and Moroccan time."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

ROOT = Path(__file__).resolve().parent.parent


def run_manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if not k.startswith(("DJANGO_", "DATABASE_"))}
    clean.pop("REDIS_URL", None)
    clean.update(env)
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env=clean,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_manage("check", DJANGO_DEBUG="0", DJANGO_SETTINGS_MODULE="newsroom.settings")
    assert result.returncode != 0
    message = result.stderr.strip()
    assert "DJANGO_SECRET_KEY" in message
    assert "\n" not in message  # one line, not a traceback


def test_production_configuration_passes_the_deploy_check(tmp_path):
    result = run_manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_DEBUG="0",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(64),
        DJANGO_ALLOWED_HOSTS="news.example.org",
        DJANGO_SETTINGS_MODULE="newsroom.settings",
        NEWSROOM_VAR_DIR=str(tmp_path),
        NEWSROOM_SITE_URL="https://news.example.org",
        REDIS_URL="redis://127.0.0.1:6379/7",
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "WARNINGS" not in result.stderr


def deploy_check(tmp_path, **env: str) -> subprocess.CompletedProcess:
    production = {
        "DJANGO_DEBUG": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(64),
        "DJANGO_ALLOWED_HOSTS": "news.example.org",
        "DJANGO_SETTINGS_MODULE": "newsroom.settings",
        "NEWSROOM_VAR_DIR": str(tmp_path),
        "NEWSROOM_SITE_URL": "https://news.example.org",
    }
    return run_manage("check", "--deploy", "--fail-level", "WARNING", **{**production, **env})


def test_the_deploy_check_refuses_a_per_process_cache_in_production(tmp_path):
    result = deploy_check(tmp_path)
    assert result.returncode != 0
    assert "newsroom.E001" in result.stderr
    assert "REDIS_URL" in result.stderr and "NEWSROOM_SINGLE_PROCESS" in result.stderr


def test_a_single_process_site_may_say_so_and_keep_the_local_cache(tmp_path):
    result = deploy_check(tmp_path, NEWSROOM_SINGLE_PROCESS="1")
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "origin", ["http://127.0.0.1:8000", "http://news.example.org", "https://other.example"]
)
def test_the_deploy_check_wants_the_public_https_origin(tmp_path, origin):
    result = deploy_check(tmp_path, NEWSROOM_SINGLE_PROCESS="1", NEWSROOM_SITE_URL=origin)
    assert result.returncode != 0
    assert "newsroom.W002" in result.stderr


@pytest.mark.parametrize(
    "origin", ["news.example.org", "https://news.example.org/ar/", "ftp://x", "https://u:p@x"]
)
def test_a_site_url_that_is_not_an_origin_is_refused_in_one_line(origin):
    result = run_manage(
        "check", DJANGO_DEBUG="1", DJANGO_SETTINGS_MODULE="newsroom.settings",
        NEWSROOM_SITE_URL=origin,
    )  # fmt: skip
    assert result.returncode != 0
    assert result.stderr.strip().startswith("NEWSROOM_SITE_URL must be an origin")
    assert "\n" not in result.stderr.strip()


def test_a_bad_boolean_in_the_environment_is_refused_loudly():
    result = run_manage("check", DJANGO_DEBUG="maybe", DJANGO_SETTINGS_MODULE="newsroom.settings")
    assert result.returncode != 0
    assert "DJANGO_DEBUG must be a boolean" in result.stderr


def test_site_speaks_arabic_on_moroccan_time():
    assert settings.LANGUAGE_CODE == "ar"
    assert settings.TIME_ZONE == "Africa/Casablanca"
    assert settings.USE_TZ is True
