"use strict";
// Suggest existing tags (matched by their folded Arabic spelling) for the tag being typed.
(function () {
  document.addEventListener("DOMContentLoaded", function () {
    var input = document.querySelector("input[data-tag-suggest]");
    if (!input) return;
    var config = document.getElementById("article-form-config");
    var url = config && config.dataset.tagSuggestions;
    if (!url) return;
    var list = document.createElement("datalist");
    list.id = input.id + "-suggestions";
    input.after(list);
    input.setAttribute("list", list.id);
    input.setAttribute("autocomplete", "off");
    var timer = null;
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var parts = input.value.split(/[,،]/);
        var current = parts.pop().trim();
        if (!current) { list.replaceChildren(); return; }
        var head = parts.map(function (p) { return p.trim(); }).filter(Boolean);
        fetch(url + "?q=" + encodeURIComponent(current), { credentials: "same-origin" })
          .then(function (r) { return r.ok ? r.json() : { tags: [] }; })
          .then(function (data) {
            list.replaceChildren.apply(list, data.tags.map(function (name) {
              var option = document.createElement("option");
              option.value = head.concat([name.indexOf(" ") >= 0 ? '"' + name + '"' : name]).join(", ");
              return option;
            }));
          });
      }, 200);
    });
  });
})();
