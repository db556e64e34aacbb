"use strict";
// The ticker's admin list: drag a headline to its place, or move it with its ▲/▼ buttons
// (the keyboard way); the positions are renumbered in the order shown, saved by «Save».
(function () {
  var _ = window.gettext || function (s) { return s; };

  document.addEventListener("DOMContentLoaded", function () {
    var table = document.getElementById("result_list");
    if (!table || !table.querySelector("input[name$='-position']")) return;
    var body = table.tBodies[0];
    var status = document.createElement("p");
    status.className = "ticker-order-status";
    status.setAttribute("role", "status");
    table.before(status);
    var dragged = null;

    function rows() { return Array.prototype.slice.call(body.rows); }
    function renumber(moved) {
      rows().forEach(function (row, index) {
        row.querySelector("input[name$='-position']").value = index + 1;
      });
      status.textContent = _("New order: press Save to keep it.");
      if (moved) moved.querySelector(".ticker-move-" + (moved._dir || "up")).focus();
    }

    rows().forEach(function (row) {
      row.draggable = true;
      row.classList.add("ticker-draggable");
      var cell = row.insertCell(-1);
      ["up", "down"].forEach(function (dir) {
        var button = document.createElement("button");
        button.type = "button";
        button.className = "ticker-move-" + dir;
        button.textContent = dir === "up" ? "▲" : "▼";
        button.setAttribute("aria-label", dir === "up" ? _("Move up") : _("Move down"));
        button.addEventListener("click", function () {
          var sibling = dir === "up" ? row.previousElementSibling : row.nextElementSibling;
          if (!sibling) return;
          if (dir === "up") sibling.before(row); else sibling.after(row);
          row._dir = dir;
          renumber(row);
        });
        cell.append(button);
      });
      row.addEventListener("dragstart", function (event) {
        dragged = row;
        event.dataTransfer.effectAllowed = "move";
        event.dataTransfer.setData("text/plain", "");
        row.classList.add("ticker-dragging");
      });
      row.addEventListener("dragend", function () {
        row.classList.remove("ticker-dragging");
        dragged = null;
      });
      row.addEventListener("dragover", function (event) {
        if (!dragged || dragged === row) return;
        event.preventDefault();
        var box = row.getBoundingClientRect();
        if (event.clientY < box.top + box.height / 2) row.before(dragged); else row.after(dragged);
      });
      row.addEventListener("drop", function (event) {
        event.preventDefault();
        renumber(null);
      });
    });
    var head = table.tHead && table.tHead.rows[0];
    if (head) {
      var th = document.createElement("th");
      th.scope = "col";
      th.textContent = _("Order");
      head.append(th);
    }
  });
})();
