"use strict";
// CKEditor's image uploads go to the project's own CSRF-protected view: send the token;
// and links leave the caret after them.
// Django's media merge may place this file before ckeditor.js, so it acts once the page
// is parsed: on the editors already created, and on any created later (inline forms).
(function () {
  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    return field ? field.value : "";
  }
  function withToken(editor) {
    editor.config.fileTools_requestHeaders = { "X-CSRFToken": csrfToken() };
    // After a link is made, CKEditor leaves its text selected: the next key would replace
    // it. Put the caret after the link instead.
    editor.on("dialogHide", function (event) {
      if (event.data.getName() !== "link") return;
      setTimeout(function () {
        var selection = editor.getSelection();
        var ranges = selection && selection.getRanges();
        if (!ranges || !ranges.length || ranges[0].collapsed) return;
        var range = ranges[0];
        range.collapse(false);
        range.select();
      }, 0);
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.CKEDITOR) return;
    Object.keys(CKEDITOR.instances).forEach(function (name) { withToken(CKEDITOR.instances[name]); });
    CKEDITOR.on("instanceCreated", function (event) { withToken(event.editor); });
  });
})();
