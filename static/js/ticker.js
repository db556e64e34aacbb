"use strict";
// The ticker: scrolls right-to-left-reading style, pauses on demand, and follows
// /ticker.json (ETag, every 15 s while the tab is visible) so changes arrive without a reload.
(function () {
  var POLL_MS = 15000;
  var root = document.querySelector("[data-ticker]");
  if (!root) return;
  var track = root.querySelector(".ticker-track");
  var list = root.querySelector(".ticker-list");
  var button = root.querySelector(".ticker-toggle");
  var etag = root.dataset.etag || "";

  function render(headlines) {
    var items = headlines.map(function (h) {
      var li = document.createElement("li");
      li.dataset.id = h.id;
      if (h.is_breaking) {
        var badge = document.createElement("strong");
        badge.className = "ticker-badge";
        badge.textContent = root.dataset.labelBreaking;
        li.append(badge, " ");
      }
      var text = document.createElement(h.url ? "a" : "span");
      if (h.url && /^(\/|https?:\/\/)/i.test(h.url)) text.href = h.url;
      text.textContent = h.text;
      li.append(text);
      return li;
    });
    if (!items.length) {
      // The last headline was taken off: say so, rather than keep showing it.
      var empty = document.createElement("li");
      empty.className = "ticker-empty";
      empty.textContent = root.dataset.labelEmpty;
      items = [empty];
    }
    list.replaceChildren.apply(list, items);
    loop();
  }

  // A copy of the list, hidden from assistive technology, makes the scroll seamless.
  function loop() {
    var old = track.querySelector(".ticker-clone");
    if (old) old.remove();
    var clone = list.cloneNode(true);
    clone.classList.add("ticker-clone");
    clone.setAttribute("aria-hidden", "true");
    clone.querySelectorAll("a").forEach(function (a) { a.tabIndex = -1; });
    track.append(clone);
    var seconds = Math.max(20, Math.round(list.scrollWidth / 60));
    root.style.setProperty("--ticker-duration", seconds + "s");
  }

  function setPaused(paused) {
    root.classList.toggle("is-paused", paused);
    button.setAttribute("aria-pressed", String(paused));
    var label = paused ? button.dataset.labelPlay : button.dataset.labelPause;
    button.querySelector(".visually-hidden").textContent = label;
  }

  function poll() {
    if (document.hidden) return;
    fetch(root.dataset.url, {
      headers: etag ? { "If-None-Match": etag } : {},
      cache: "no-store",
      credentials: "omit",
    })
      .then(function (response) {
        if (response.status !== 200) return null;
        etag = response.headers.get("ETag") || "";
        return response.json();
      })
      .then(function (data) { if (data) render(data.headlines); })
      .catch(function () {});
  }

  button.hidden = false;
  button.addEventListener("click", function () {
    setPaused(!root.classList.contains("is-paused"));
  });
  root.classList.add("is-animated");
  loop();
  setInterval(poll, POLL_MS);
  document.addEventListener("visibilitychange", function () { if (!document.hidden) poll(); });
})();
