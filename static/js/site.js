"use strict";
// Enhancements only: every page works without this file.
(function () {
  // -- «most read»: one beacon per article view, sent even when the page came from a cache.
  var article = document.querySelector("[data-count-url]");
  if (article && navigator.sendBeacon) {
    navigator.sendBeacon(article.dataset.countUrl);
  }

  // -- copy link ------------------------------------------------------------------------
  document.querySelectorAll(".share-copy").forEach(function (button) {
    if (!navigator.clipboard) return;
    button.hidden = false;
    button.addEventListener("click", function () {
      navigator.clipboard.writeText(button.dataset.copy).then(function () {
        button.textContent = button.dataset.copied;
      });
    });
  });

  // -- video: the privacy-enhanced player loads only when the reader asks for it ----------
  document.querySelectorAll("[data-video-embed]").forEach(function (figure) {
    var facade = figure.querySelector(".video-facade");
    if (!facade) return;
    facade.addEventListener("click", function (event) {
      event.preventDefault();
      var frame = document.createElement("div");
      frame.className = "video-frame";
      var iframe = document.createElement("iframe");
      iframe.src = figure.dataset.videoEmbed + (figure.dataset.videoEmbed.indexOf("?") < 0 ? "?" : "&") + "autoplay=1";
      iframe.title = figure.dataset.videoTitle;
      iframe.allow = "autoplay; encrypted-media; picture-in-picture; fullscreen";
      iframe.referrerPolicy = "strict-origin-when-cross-origin";
      frame.append(iframe);
      facade.replaceWith(frame);
      iframe.focus();
    });
  });

  // -- gallery viewer: one photo at a time, buttons, arrow keys and swipes ---------------
  document.querySelectorAll("[data-gallery]").forEach(function (gallery) {
    var items = Array.prototype.slice.call(gallery.querySelectorAll(".gallery-item"));
    if (items.length < 2) return;
    var rtl = getComputedStyle(gallery).direction === "rtl";
    var index = 0;

    var controls = document.createElement("div");
    controls.className = "gallery-controls";
    var previous = document.createElement("button");
    previous.type = "button";
    previous.className = "gallery-previous";
    previous.setAttribute("aria-label", gallery.dataset.labelPrevious);
    previous.textContent = rtl ? "→" : "←";
    var next = document.createElement("button");
    next.type = "button";
    next.className = "gallery-next";
    next.setAttribute("aria-label", gallery.dataset.labelNext);
    next.textContent = rtl ? "←" : "→";
    var counter = document.createElement("p");
    counter.className = "gallery-counter";
    counter.setAttribute("aria-live", "polite");
    controls.append(previous, counter, next);
    gallery.append(controls);
    gallery.classList.add("is-enhanced");

    function show(i) {
      index = (i + items.length) % items.length;
      items.forEach(function (item, n) {
        var current = n === index;
        item.hidden = !current;
        var figure = item.querySelector("figure");
        if (current) figure.setAttribute("aria-current", "true");
        else figure.removeAttribute("aria-current");
      });
      counter.textContent = gallery.dataset.labelCount
        .replace("{n}", String(index + 1))
        .replace("{total}", String(items.length));
    }

    previous.addEventListener("click", function () { show(index - 1); });
    next.addEventListener("click", function () { show(index + 1); });
    gallery.addEventListener("keydown", function (event) {
      var forward = rtl ? "ArrowLeft" : "ArrowRight";
      var back = rtl ? "ArrowRight" : "ArrowLeft";
      if (event.key === forward) { show(index + 1); event.preventDefault(); }
      else if (event.key === back) { show(index - 1); event.preventDefault(); }
      else if (event.key === "Home") { show(0); event.preventDefault(); }
      else if (event.key === "End") { show(items.length - 1); event.preventDefault(); }
    });
    var startX = null;
    gallery.addEventListener("touchstart", function (e) { startX = e.touches[0].clientX; }, { passive: true });
    gallery.addEventListener("touchend", function (e) {
      if (startX === null) return;
      var dx = e.changedTouches[0].clientX - startX;
      startX = null;
      if (Math.abs(dx) < 40) return;
      // In Arabic the next photo lies to the left: dragging rightwards brings it in.
      var towardsNext = rtl ? dx > 0 : dx < 0;
      show(index + (towardsNext ? 1 : -1));
    });
    show(0);
  });
})();

// -- sections menu: a hint at its inline end while more sections lie beyond it -------------
(function () {
  var nav = document.querySelector("[data-sections]");
  var list = nav && nav.querySelector("ul");
  if (!list) return;
  function update() {
    // scrollLeft is 0 at the start and negative towards the end in right-to-left.
    var remaining = list.scrollWidth - list.clientWidth - Math.abs(list.scrollLeft);
    nav.classList.toggle("has-more", remaining > 4);
  }
  list.addEventListener("scroll", update, { passive: true });
  window.addEventListener("resize", update);
  update();
})();
