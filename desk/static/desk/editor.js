"use strict";
// CKEditor's image uploads go to the project's own CSRF-protected view: send the token.
(function () {
  if (!window.CKEDITOR) return;
  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  CKEDITOR.on("instanceCreated", function (event) {
    event.editor.config.fileTools_requestHeaders = { "X-CSRFToken": csrfToken() };
  });
})();
