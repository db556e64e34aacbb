"use strict";
// A library photo's focal point: click the subject on the preview; the two fields below
// (also typed directly) keep it as fractions of the width and height.
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    var picker = document.querySelector(".focal-picker");
    var x = document.getElementById("id_focal_x");
    var y = document.getElementById("id_focal_y");
    if (!picker || !x || !y) return;
    var img = picker.querySelector("img");
    var mark = picker.querySelector(".focal-mark");
    function place() {
      mark.style.insetInlineStart = "auto";
      mark.style.left = (parseFloat(x.value) * 100) + "%";
      mark.style.top = (parseFloat(y.value) * 100) + "%";
    }
    img.addEventListener("click", function (event) {
      var box = img.getBoundingClientRect();
      x.value = Math.min(1, Math.max(0, (event.clientX - box.left) / box.width)).toFixed(2);
      y.value = Math.min(1, Math.max(0, (event.clientY - box.top) / box.height)).toFixed(2);
      place();
    });
    x.addEventListener("input", place);
    y.addEventListener("input", place);
    place();
  });
})();
