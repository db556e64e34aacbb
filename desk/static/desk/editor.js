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
      caretAfter(editor);
      setTimeout(function () { caretAfter(editor); }, 0);  // after the dialog's own restore
    });
  }
  function caretAfter(editor) {
    var selection = editor.getSelection();
    var ranges = selection && selection.getRanges();
    if (!ranges || !ranges.length || ranges[0].collapsed) return;
    var range = ranges[0];
    range.collapse(false);
    selection.selectRanges([range]);
  }
  // The link dialog's own OK selects the new link: move the caret after it right there,
  // before any key typed next can reach the editor.
  function caretAfterLinks() {
    CKEDITOR.on("dialogDefinition", function (event) {
      if (event.data.name !== "link") return;
      var definition = event.data.definition;
      var onOk = definition.onOk;
      definition.onOk = function () {
        var result = onOk.apply(this, arguments);
        caretAfter(this.getParentEditor());
        return result;
      };
    });
  }
  document.addEventListener("DOMContentLoaded", function () {
    if (!window.CKEDITOR) return;
    caretAfterLinks();
    Object.keys(CKEDITOR.instances).forEach(function (name) { withToken(CKEDITOR.instances[name]); });
    CKEDITOR.on("instanceCreated", function (event) { withToken(event.editor); });
  });
})();
