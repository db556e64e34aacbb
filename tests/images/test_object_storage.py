"""Media on S3-compatible object storage (django-storages), against moto's S3 server on
loopback: uploads, renditions (made by the task) and the editor's images all land in the
bucket and pages point at it."""

from __future__ import annotations

import json
import subprocess
import sys
import urllib.request

import pytest

from newsroom.settings import s3_storage
from tests.conftest import jpeg_upload, sample_jpeg
from tests.services import free_port, wait_for_port

pytestmark = [pytest.mark.services, pytest.mark.django_db]

BUCKET = "newsroom-media"
PUBLIC_READ = json.dumps(
    {
        "Version": "2012-10-17",
        "Statement": [
            {
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": f"arn:aws:s3:::{BUCKET}/*",
            }
        ],
    }
)


@pytest.fixture(scope="module")
def s3_server():
    pytest.importorskip("moto.server", reason="moto[server] is a test dependency")
    port = free_port(8380, 8399)
    process = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for_port(port, process)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(10)


@pytest.fixture
def bucket(s3_server, settings, monkeypatch):
    import boto3

    for name, value in {
        "AWS_ACCESS_KEY_ID": "testing",
        "AWS_SECRET_ACCESS_KEY": "testing",
        "AWS_DEFAULT_REGION": "us-east-1",
        "NEWSROOM_S3_ENDPOINT_URL": s3_server,
        "NEWSROOM_S3_REGION": "us-east-1",
    }.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("NEWSROOM_MEDIA_URL", raising=False)
    client = boto3.client("s3", endpoint_url=s3_server, region_name="us-east-1")
    client.create_bucket(Bucket=BUCKET)
    # Media are public, as README's set-up says: a bucket policy, not per-object ACLs.
    client.put_bucket_policy(Bucket=BUCKET, Policy=PUBLIC_READ)
    storage = s3_storage(BUCKET)
    settings.STORAGES = {**settings.STORAGES, "default": storage}
    settings.MEDIA_URL = f"{s3_server}/{BUCKET}/"
    yield client
    for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", []):
        client.delete_object(Bucket=BUCKET, Key=item["Key"])
    client.delete_bucket(Bucket=BUCKET)


def keys(client) -> set[str]:
    return {item["Key"] for item in client.list_objects_v2(Bucket=BUCKET).get("Contents", [])}


def test_uploads_and_their_renditions_go_to_the_bucket(
    client, bucket, make_article, s3_server, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        article = make_article(image=sample_jpeg((1000, 560)))
    stored = keys(bucket)
    assert article.image.name in stored
    stem = article.image.name.rsplit(".", 1)[0]
    assert {f"renditions/{stem}-960.webp", f"renditions/{stem}-640.jpg"} <= stored
    page = client.get(article.get_absolute_url()).text
    assert f"{s3_server}/{BUCKET}/renditions/{stem}-640.webp 640w" in page
    with urllib.request.urlopen(f"{s3_server}/{BUCKET}/{article.image.name}") as response:  # noqa: S310
        assert response.read(3) == b"\xff\xd8\xff"  # a JPEG, served from the bucket
        assert "immutable" in response.headers.get("Cache-Control", "")


def test_the_editors_images_go_to_the_bucket(client, bucket, editor, s3_server):
    client.force_login(editor)
    response = client.post("/admin/editor-upload/", {"upload": jpeg_upload("صورة.jpg")})
    assert response.status_code == 200, response.content
    url = response.json()["url"]
    assert url.startswith(f"{s3_server}/{BUCKET}/editor/")
    assert url.removeprefix(f"{s3_server}/{BUCKET}/") in keys(bucket)


def test_local_files_remain_the_default(settings):
    from django.conf import settings as live

    assert live.STORAGES["default"]["BACKEND"].endswith("FileSystemStorage")
    assert live.MEDIA_URL == "/media/"
