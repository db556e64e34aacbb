"use strict";
// CKEditor's image uploads go to the project's own CSRF-protected view: send the token.
// Django's media merge may place this file before ckeditor.js, so it acts once the page
// is parsed: on the editors already created, and on any created later (inline forms).
(function () {
  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  function withToken(editor) {
    editor.config.fileTools_requestHeaders = { "X-CSRFToken": csrfToken() };
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.CKEDITOR) return;
    Object.keys(CKEDITOR.instances).forEach(function (name) { withToken(CKEDITOR.instances[name]); });
    CKEDITOR.on("instanceCreated", function (event) { withToken(event.editor); });
  });
})();
