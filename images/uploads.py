"""The rich-text editor's image upload, served by the project instead of ckeditor_uploader.

ckeditor_uploader's own view is CSRF-exempt, open to any staff user and keeps whatever
file type it is sent. This one is CSRF-protected, open only to people who may change
articles, accepts images only, and stores Pillow's re-encoding under a server-chosen name.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.http import HttpRequest, JsonResponse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import library
from .gate import clean_image


def _error(message: str, status: int) -> JsonResponse:
    # CKEditor 4's JSON upload protocol: {"uploaded": 0, "error": {"message": …}}
    return JsonResponse({"uploaded": 0, "error": {"message": message}}, status=status)


@require_POST
@login_required
def editor_image_upload(request: HttpRequest) -> JsonResponse:
    user = request.user
    if not (user.is_staff and user.has_perm("articles.change_article")):
        return _error(_("You may not upload images."), 403)
    upload = request.FILES.get("upload")
    if upload is None:
        return _error(_("No file was sent."), 400)
    try:
        image = clean_image(upload)
    except ValidationError as error:
        return _error(" ".join(error.messages), 400)
    name = default_storage.save(
        f"editor/{timezone.now():%Y/%m}/{image.content.name}", image.content
    )
    library.register(name, image.width, image.height, uploaded_by=user)
    return JsonResponse(
        {"uploaded": 1, "fileName": name.rsplit("/", 1)[-1], "url": default_storage.url(name)}
    )
