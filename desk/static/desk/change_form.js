"use strict";
// The article change form: presence («who is editing now»), autosave to the browser, and
// saving through fetch so a refused save never leaves the page (nothing typed is lost).
(function () {
  var _ = window.gettext || function (s) { return s; };
  var interpolate = window.interpolate || function (s) { return s; };

  document.addEventListener("DOMContentLoaded", function () {
    var form = document.getElementById("article_form");
    if (!form) return;
    setUpPresence(form);
    var autosave = setUpAutosave(form);
    setUpSaving(form, autosave);
    setUpWriting(form);
  });

  // -- the writing screen: counts and previews -------------------------------------------
  var TITLE_LIMIT = 70;  // about what search engines show of a headline

  function setUpWriting(form) {
    var labels = (document.getElementById("desk-writing-labels") || {}).dataset || {};
    var title = form.elements.title;
    var excerpt = form.elements.excerpt;
    var ticker = form.elements.ticker_text;

    function counter(input, limit, warning) {
      if (!input) return function () {};
      var out = document.querySelector("[data-count-for='" + input.id + "']");
      if (!out) {
        out = document.createElement("span");
        out.className = "desk-count";
        out.setAttribute("aria-live", "polite");
        input.after(out);
      }
      return function () {
        var n = Array.from(input.value).length;
        var over = n > limit;
        out.textContent = n + " / " + limit + " " + (labels.characters || "") + (over && warning ? " — " + warning : "");
        out.classList.toggle("over", over);
      };
    }
    var countTitle = counter(title, TITLE_LIMIT, labels.titleLong);
    var tickerLimit = ticker ? parseInt(ticker.getAttribute("maxlength") || "160", 10) : 160;
    var countTicker = counter(ticker, tickerLimit, "");

    // The ticker line follows the headline until the editor writes their own.
    var tickerOwn = ticker && ticker.value && title && ticker.value !== title.value;
    if (ticker) ticker.addEventListener("input", function () { tickerOwn = true; });

    function preview(name, value) {
      document.querySelectorAll("[data-preview='" + name + "']").forEach(function (el) {
        el.textContent = value;
      });
    }
    function update() {
      countTitle();
      if (ticker && !tickerOwn && title) { ticker.value = title.value.slice(0, tickerLimit); }
      countTicker();
      if (title) preview("title", title.value);
      if (excerpt) preview("excerpt", excerpt.value.length > 160 ? excerpt.value.slice(0, 159) + "…" : excerpt.value);
    }
    [title, excerpt, ticker].forEach(function (el) { if (el) el.addEventListener("input", update); });
    update();

    var image = form.elements.image;
    if (image && image.type === "file") {
      image.addEventListener("change", function () {
        var file = image.files && image.files[0];
        if (!file) return;
        var url = URL.createObjectURL(file);
        document.querySelectorAll("img[data-preview='image']").forEach(function (img) {
          img.src = url;
          img.hidden = false;
        });
      });
    }

    // Words and reading time under the body editor.
    var stats = document.createElement("p");
    stats.className = "desk-body-stats";
    stats.setAttribute("aria-live", "polite");
    var bodyRow = form.querySelector(".field-body");
    if (bodyRow) bodyRow.append(stats);
    function countWords(text) {
      var words = text.trim().split(/\s+/).filter(Boolean).length;
      var minutes = Math.max(1, Math.round(words / 200));
      stats.textContent = words + " " + (labels.words || "") + " · " + minutes + " " + (labels.minutes || "");
    }
    function watch(editor) {
      var run = function () { countWords(editor.editable() ? editor.editable().getText() : ""); };
      editor.on("instanceReady", run);
      editor.on("change", run);
      editor.on("key", function () { setTimeout(run, 0); });
      if (editor.status === "ready") run();
    }
    var editor = bodyEditor();
    if (editor) watch(editor);
    else if (window.CKEDITOR) CKEDITOR.on("instanceCreated", function (e) { if (e.editor.name === "id_body") watch(e.editor); });
    else if (form.elements.body) countWords(form.elements.body.value.replace(/<[^>]*>/g, " "));
  }

  function config() {
    var el = document.getElementById("article-form-config");
    return el ? el.dataset : {};
  }

  function csrf(form) {
    return form.querySelector("input[name=csrfmiddlewaretoken]").value;
  }

  function bodyEditor() {
    return window.CKEDITOR && CKEDITOR.instances.id_body;
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
  // One copy per person and per article (or per new-story form): the key holds the user id
  // and the article id, or the form's own draft id. A copy is removed only when the server
  // has confirmed the save that carried it, or shows exactly the same text.
  var FIELDS = ["title", "excerpt", "body", "image_caption", "image_credit", "video_url", "tags", "category"];
  var PREFIX = "newsroom:autosave:";

  function setUpAutosave(form) {
    var cfg = config();
    var user = cfg.userId || "0";
    var draftField = form.elements.autosave_draft;
    var draft = draftField ? draftField.value : "";
    var mine = PREFIX + user + ":";
    var key = mine + (cfg.articleId ? "article:" + cfg.articleId : "new:" + draft);

    function snapshot() {
      var data = {};
      FIELDS.forEach(function (name) {
        var el = form.elements[name];
        if (el && typeof el.value === "string") data[name] = el.value;
      });
      var editor = bodyEditor();
      if (editor) data.body = editor.getData();
      return data;
    }
    function differs(saved, current) {
      return FIELDS.some(function (name) {
        return saved[name] !== undefined && current[name] !== undefined &&
          String(saved[name]).trim() !== String(current[name]).trim();
      });
    }
    function read(k) {
      try { return JSON.parse(localStorage.getItem(k) || "null"); } catch (e) { return null; }
    }
    function write() {
      var version = form.elements.edit_version ? form.elements.edit_version.value : "";
      try {
        localStorage.setItem(key, JSON.stringify({ at: Date.now(), draft: draft, version: version, data: snapshot() }));
      } catch (e) { /* storage full or refused: the form itself still holds the text */ }
    }

    // The copy offered back: this article's, or for a new story the latest unsaved new one.
    var storedKey = key;
    var stored = read(key);
    if (!stored && !cfg.articleId) {
      Object.keys(localStorage).forEach(function (k) {
        if (k.indexOf(mine + "new:") !== 0 || k === key) return;
        var candidate = read(k);
        if (candidate && (!stored || candidate.at > stored.at)) { stored = candidate; storedKey = k; }
      });
    }
    var offer = document.getElementById("autosave-banner");
    function offerRestore() {
      if (!stored || !offer) return;
      if (!differs(stored.data, snapshot())) {
        // The page already shows exactly this text: the server has it.
        if (storedKey === key) localStorage.removeItem(key);
        return;
      }
      offer.querySelector(".autosave-time").textContent = new Date(stored.at).toLocaleString("ar-MA");
      offer.hidden = false;
      offer.querySelector(".autosave-restore").addEventListener("click", function () {
        FIELDS.forEach(function (name) {
          var el = form.elements[name];
          if (el && name !== "body" && stored.data[name] !== undefined) el.value = stored.data[name];
        });
        var editor = bodyEditor();
        if (editor && stored.data.body !== undefined) editor.setData(stored.data.body);
        else if (form.elements.body && stored.data.body !== undefined) form.elements.body.value = stored.data.body;
        offer.hidden = true;
        write();
        if (storedKey !== key) localStorage.removeItem(storedKey);  // adopted by this form
      });
      offer.querySelector(".autosave-discard").addEventListener("click", function () {
        localStorage.removeItem(storedKey);
        offer.hidden = true;
      });
    }
    // Wait for CKEditor to load the stored body before comparing.
    var editor = bodyEditor();
    if (editor && editor.status === "ready") offerRestore();
    else if (editor) editor.on("instanceReady", offerRestore);
    else if (window.CKEDITOR) CKEDITOR.on("instanceReady", function (e) { if (e.editor.name === "id_body") offerRestore(); });
    else setTimeout(offerRestore, 800);

    // Keep a copy whenever something was typed: in the fields or in the rich-text editor.
    var dirty = false;
    form.addEventListener("input", function () { dirty = true; });
    form.addEventListener("change", function () { dirty = true; });
    if (window.CKEDITOR) {
      var watch = function (ed) { ed.on("change", function () { dirty = true; }); };
      Object.keys(CKEDITOR.instances).forEach(function (n) { watch(CKEDITOR.instances[n]); });
      CKEDITOR.on("instanceCreated", function (event) { watch(event.editor); });
    }
    var confirmed = false;
    function keep() {
      if (!dirty || confirmed) return;
      dirty = false;
      write();
    }
    setInterval(keep, 2000);
    window.addEventListener("pagehide", keep);

    return {
      key: key,
      draft: draft,
      keepNow: write,
      snapshot: snapshot,
      confirmed: function (answer) {
        // The server's word: this save (this form's draft id) is stored, at this version.
        if (answer && answer.saved && answer.draft === draft) {
          confirmed = true;  // nothing more to keep from this page
          localStorage.removeItem(key);
        }
      },
    };
  }

  // -- saving ------------------------------------------------------------------------
  function setUpSaving(form, autosave) {
    var cfg = config();
    var panel = document.getElementById("save-refused");
    if (!panel || !window.fetch || !window.FormData) return;
    var lastSubmitter = null;
    var native = false;
    var staleVersion = null;
    var buttons = function () { return form.querySelectorAll("input[type=submit], button[type=submit]"); };
    function busy(on) {
      form.classList.toggle("desk-saving", on);
      form.setAttribute("aria-busy", on ? "true" : "false");
    }

    form.addEventListener("submit", function (event) {
      if (native) return;  // the server's own page shows the form's errors
      event.preventDefault();
      if (form.classList.contains("desk-saving")) return;
      lastSubmitter = event.submitter || null;
      var editor = bodyEditor();
      if (editor) editor.updateElement();
      autosave.keepNow();
      send();
    });

    function send() {
      var body = new FormData(form, lastSubmitter || undefined);
      busy(true);
      fetch(form.getAttribute("action") || window.location.href, {
        method: "POST",
        body: body,
        credentials: "same-origin",
        headers: { "X-Desk-Save": "1" },
      }).then(answered, function () { refuse("network"); });
    }

    function isLogin(response) {
      try {
        return new URL(response.url).pathname.indexOf(cfg.loginUrl) === 0;
      } catch (e) { return false; }
    }

    function answered(response) {
      if (response.redirected && isLogin(response)) return refuse("login");
      var type = response.headers.get("Content-Type") || "";
      if (response.ok && type.indexOf("application/json") === 0) {
        return response.json().then(function (answer) {
          if (!answer.saved || answer.draft !== autosave.draft) return refuse("server");
          autosave.confirmed(answer);
          window.location.assign(answer.location);
        }, function () { refuse("server"); });
      }
      if (response.status === 422 || (response.ok && !response.redirected)) {
        // The form has errors to correct: let the server show them, on its own page.
        busy(false);
        native = true;
        if (lastSubmitter) form.requestSubmit(lastSubmitter); else form.requestSubmit();
        return;
      }
      return response.text().then(function (html) {
        if (response.status === 409) {
          var page = new DOMParser().parseFromString(html, "text/html");
          var note = page.querySelector(".errorlist.nonfield");
          var version = page.querySelector("input[name=edit_version]");
          staleVersion = version ? version.value : null;
          return refuse("stale", note ? note.textContent.trim() : "");
        }
        if (response.status === 403) return refuse(/CSRF/i.test(html) ? "csrf" : "permission");
        if (response.status === 503) return refuse("unavailable");
        return refuse("server");
      }, function () { refuse("server"); });
    }

    function plainText() {
      var data = autosave.snapshot();
      var body = new DOMParser().parseFromString(data.body || "", "text/html").body;
      var parts = [data.title || "", data.excerpt || "", (body.innerText || body.textContent || "").trim()];
      return parts.filter(Boolean).join("\n\n");
    }

    function show(selector, visible) {
      panel.querySelectorAll(selector).forEach(function (el) { el.hidden = !visible; });
    }

    function refuse(reason, detail) {
      busy(false);
      panel.dataset.reason = reason;
      var key = "reason" + reason.charAt(0).toUpperCase() + reason.slice(1);
      panel.querySelector(".refused-reason").textContent = panel.dataset[key] || "";
      panel.querySelector(".refused-detail").textContent = detail || "";
      panel.querySelector("#refused-text").value = plainText();
      panel.querySelector(".refused-done").textContent = "";
      show("[data-keep=overwrite]", reason === "stale" && staleVersion);
      show("[data-keep=login]", reason === "login");
      show("[data-keep=retry]", reason !== "permission" && reason !== "stale");
      if (reason === "login") {
        panel.querySelector("[data-keep=login]").href = cfg.loginUrl + "?next=" + encodeURIComponent(cfg.loginUrl.replace(/login\/$/, ""));
      }
      panel.hidden = false;
      panel.focus();
      panel.scrollIntoView({ block: "start" });
    }

    function done(message, link) {
      var out = panel.querySelector(".refused-done");
      out.textContent = message;
      if (link) {
        var a = document.createElement("a");
        a.href = link;
        a.textContent = link;
        out.append(" ", a);
      }
    }

    // A new token (a login in another tab rotates it); null when the session has ended.
    function freshToken() {
      return fetch(cfg.tokenUrl, { credentials: "same-origin" }).then(function (response) {
        if (response.redirected || !response.ok) return null;
        return response.json().then(function (data) {
          form.querySelectorAll("input[name=csrfmiddlewaretoken]").forEach(function (el) { el.value = data.token; });
          return data.token;
        });
      }, function () { return null; });
    }

    panel.addEventListener("click", function (event) {
      var action = event.target.closest("[data-keep]");
      if (!action || action.tagName === "A") return;
      var what = action.dataset.keep;
      if (what === "copy") {
        var area = panel.querySelector("#refused-text");
        var copied = function () { done(panel.dataset.copied); };
        if (navigator.clipboard && window.isSecureContext) {
          navigator.clipboard.writeText(area.value).then(copied, function () { area.select(); document.execCommand("copy"); copied(); });
        } else {
          area.select();
          document.execCommand("copy");
          copied();
        }
        return;
      }
      if (what === "retry" || what === "overwrite") {
        if (what === "overwrite" && staleVersion) form.elements.edit_version.value = staleVersion;
        panel.hidden = true;
        freshToken().then(function (token) {
          if (token === null) return refuse("login");
          var editor = bodyEditor();
          if (editor) editor.updateElement();
          send();
        });
        return;
      }
      if (what === "draft" || what === "review") {
        done(panel.dataset.sending);
        freshToken().then(function (token) {
          if (token === null) return refuse("login");
          var data = autosave.snapshot();
          var body = new FormData();
          body.append("csrfmiddlewaretoken", token);
          body.append("title", data.title || "");
          body.append("excerpt", data.excerpt || "");
          body.append("body", data.body || "");
          body.append("category", data.category || "");
          body.append("source", cfg.articleId || "");
          body.append("mode", what);
          return fetch(cfg.keepUrl, { method: "POST", body: body, credentials: "same-origin" })
            .then(function (response) {
              if (response.redirected) return refuse("login");
              return response.json().then(function (answer) {
                if (response.ok && answer.url) {
                  localStorage.removeItem(autosave.key);  // the server keeps it now
                  done(panel.dataset.kept, answer.url);
                } else {
                  done(answer.error || panel.dataset.reasonServer);
                }
              });
            });
        }).catch(function () { done(panel.dataset.reasonNetwork); });
      }
    });
  }
})();
