"use strict";
// The library window CKEditor's image button opens: a click puts the photo (and its
// description as the alternative text) into the image dialog, and closes the window.
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    var root = document.querySelector(".library-picker");
    if (!root) return;
    root.addEventListener("click", function (event) {
      var choice = event.target.closest(".library-choice");
      if (!choice) return;
      var editor = window.opener && window.opener.CKEDITOR;
      var callback = root.dataset.callback;
      if (!editor || !callback) return;
      var alt = choice.dataset.alt || "";
      editor.tools.callFunction(callback, choice.dataset.url, function () {
        var dialog = this.getDialog && this.getDialog();
        var field = dialog && dialog.getContentElement("info", "txtAlt");
        if (field) field.setValue(alt);
      });
      window.close();
    });
  });
})();
