from django.urls import path

from . import uploads

# No namespace: CKEditor's widget reverses the plain name "ckeditor_upload".
urlpatterns = [
    path("admin/editor-upload/", uploads.editor_image_upload, name="ckeditor_upload"),
]
