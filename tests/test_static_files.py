"""Only what pages load is collected and served under /static/: no CKEditor samples, tests
or helper HTML pages."""

from pathlib import Path

import pytest
from django.contrib.staticfiles import finders
from django.contrib.staticfiles.views import serve
from django.core.management import call_command
from django.http import Http404

HELPER_PAGES = [
    "ckeditor/ckeditor/plugins/preview/preview.html",
    "ckeditor/ckeditor/plugins/wsc/dialogs/ciframe.html",
    "ckeditor/ckeditor/plugins/wsc/dialogs/tmpFrameset.html",
    "ckeditor/ckeditor/plugins/exportpdf/tests/manual/integration.html",
    "ckeditor/ckeditor/README.md",
    "ckeditor/ckeditor/bender-runner.config.json",
    "ckeditor/ckeditor/build-config.js",
    "ckeditor/galleriffic/js/jquery.galleriffic.js",
]
EDITOR_NEEDS = [
    "ckeditor/ckeditor-init.js",
    "ckeditor/ckeditor/ckeditor.js",
    "ckeditor/ckeditor/config.js",
    "ckeditor/ckeditor/contents.css",
    "ckeditor/ckeditor/styles.js",
    "ckeditor/ckeditor/lang/ar.js",
    "ckeditor/ckeditor/skins/moono-lisa/editor.css",
    "ckeditor/ckeditor/plugins/image/dialogs/image.js",
    "ckeditor/ckeditor/plugins/iframe/dialogs/iframe.js",
    "ckeditor/ckeditor/plugins/table/dialogs/table.js",
    "ckeditor/ckeditor/plugins/icons.png",
    "desk/editor.js",
    "admin/js/core.js",
    "css/site.css",
]


@pytest.fixture(scope="module")
def collected(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("static")
    from django.test import override_settings

    with override_settings(STATIC_ROOT=root):
        call_command("collectstatic", interactive=False, verbosity=0)
    return root


def test_collectstatic_leaves_out_ckeditors_pages_samples_and_tests(collected):
    assert not list(collected.rglob("*.html")), list(collected.rglob("*.html"))[:5]
    assert not [p for p in collected.rglob("*") if p.name in ("samples", "tests")]
    for path in HELPER_PAGES:
        assert not (collected / path).exists(), path


def test_collectstatic_keeps_what_the_editor_and_pages_load(collected):
    for path in EDITOR_NEEDS:
        assert (collected / path).is_file(), path


@pytest.mark.parametrize("path", HELPER_PAGES)
def test_the_development_and_test_servers_do_not_serve_them_either(rf, path):
    """runserver and the browser tests' live server serve /static/ through the finders."""
    assert finders.find(path) is None
    with pytest.raises(Http404):
        serve(rf.get(f"/static/{path}"), path, insecure=True)


def test_they_still_serve_the_editor(rf):
    response = serve(
        rf.get("/static/ckeditor/ckeditor/ckeditor.js"),
        "ckeditor/ckeditor/ckeditor.js",
        insecure=True,
    )
    assert response.status_code == 200
