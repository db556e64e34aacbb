"use strict";
// The article change form: presence («who is editing now») and autosave to the browser.
(function () {
  var _ = window.gettext || function (s) { return s; };
  var interpolate = window.interpolate || function (s) { return s; };

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("article_form");
    if (!form) return;
    setUpPresence(form);
    setUpAutosave(form);
  });

  function config() {
    var el = document.getElementById("article-form-config");
    return el ? el.dataset : {};
  }

  function csrf(form) {
    return form.querySelector("input[name=csrfmiddlewaretoken]").value;
  }

  // -- presence ----------------------------------------------------------------------
  function setUpPresence(form) {
    var url = config().presenceUrl;
    var banner = document.getElementById("presence-banner");
    if (!url || !banner) return;
    var takenOver = banner.dataset.others === "";
    var buttons = form.querySelectorAll("input[type=submit], button[type=submit]");

    function lock(locked) {
      buttons.forEach(function (b) { b.disabled = locked; });
    }
    function show(names) {
      var text = banner.querySelector(".presence-text");
      if (names.length) {
        text.textContent = interpolate(_("Being edited now by: %s."), [names.join("، ")]);
        banner.hidden = false;
        if (!takenOver) lock(true);
      } else {
        banner.hidden = true;
        lock(false);
      }
    }
    banner.querySelector(".presence-takeover").addEventListener("click", function () {
      takenOver = true;
      lock(false);
      banner.classList.add("taken-over");
    });
    function beat() {
      if (document.hidden) return;
      var body = new FormData();
      body.append("csrfmiddlewaretoken", csrf(form));
      fetch(url, { method: "POST", body: body, credentials: "same-origin" })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) { if (data) show(data.others); })
        .catch(function () {});
    }
    show(banner.dataset.others ? banner.dataset.others.split("|") : []);
    beat();
    setInterval(beat, 20000);
    window.addEventListener("pagehide", function () {
      var body = new FormData();
      body.append("csrfmiddlewaretoken", csrf(form));
      body.append("leave", "1");
      navigator.sendBeacon(url, body);
    });
  }

  // -- autosave ----------------------------------------------------------------------
  function setUpAutosave(form) {
    var key = "newsroom:autosave:" + (config().articleId || "new");
    var fields = ["title", "excerpt", "body", "image_caption", "image_credit", "video_url", "tags"];
    var hadErrors = !!document.querySelector(".errornote");

    function editorData() {
      var editor = window.CKEDITOR && CKEDITOR.instances.id_body;
      return editor ? editor.getData() : null;
    }
    function snapshot() {
      var data = {};
      fields.forEach(function (name) {
        var el = form.elements[name];
        if (el) data[name] = el.value;
      });
      var body = editorData();
      if (body !== null) data.body = body;
      return data;
    }
    function differs(saved, current) {
      return fields.some(function (name) {
        return saved[name] !== undefined && current[name] !== undefined &&
          saved[name].trim() !== current[name].trim();
      });
    }

    // A save went through: what was kept is now on the server.
    if (sessionStorage.getItem(key + ":submitted") && !hadErrors) localStorage.removeItem(key);
    sessionStorage.removeItem(key + ":submitted");

    var stored = null;
    try { stored = JSON.parse(localStorage.getItem(key) || "null"); } catch (e) { stored = null; }
    var offer = document.getElementById("autosave-banner");
    function offerRestore() {
      if (!stored || !offer || !differs(stored.data, snapshot())) return;
      offer.querySelector(".autosave-time").textContent = new Date(stored.at).toLocaleString("ar-MA");
      offer.hidden = false;
      offer.querySelector(".autosave-restore").addEventListener("click", function () {
        fields.forEach(function (name) {
          var el = form.elements[name];
          if (el && stored.data[name] !== undefined) el.value = stored.data[name];
        });
        var editor = window.CKEDITOR && CKEDITOR.instances.id_body;
        if (editor && stored.data.body !== undefined) editor.setData(stored.data.body);
        offer.hidden = true;
      });
      offer.querySelector(".autosave-discard").addEventListener("click", function () {
        localStorage.removeItem(key);
        offer.hidden = true;
      });
    }
    // Wait for CKEditor to load the stored body before comparing.
    if (window.CKEDITOR && CKEDITOR.instances.id_body) {
      CKEDITOR.instances.id_body.on("instanceReady", offerRestore);
    } else {
      setTimeout(offerRestore, 800);
    }

    // Keep a copy whenever something was typed: in the fields or in the rich-text editor.
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    if (window.CKEDITOR) {
      CKEDITOR.on("instanceReady", function (event) {
        event.editor.on("change", function () { dirty = true; });
      });
    }
    function keep() {
      if (!dirty) return;
      dirty = false;
      localStorage.setItem(key, JSON.stringify({ at: Date.now(), data: snapshot() }));
    }
    setInterval(keep, 2000);
    window.addEventListener("pagehide", keep);
    form.addEventListener("submit", function () {
      localStorage.setItem(key, JSON.stringify({ at: Date.now(), data: snapshot() }));
      sessionStorage.setItem(key + ":submitted", "1");
    });
  }
})();
