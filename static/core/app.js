// Behaviour shared by every page, in a static file (no inline scripts: the Content Security
// Policy allows scripts from this origin only). No libraries: intranets have no CDN.
(function () {
  "use strict";

  // The menu on narrow screens.
  document.addEventListener("click", function (e) {
    var toggle = e.target.closest("[data-action=nav-toggle]");
    if (toggle) document.body.classList.toggle("nav-open");
    var close = e.target.closest("[data-action=toast-close]");
    if (close) close.closest(".toast").remove();
  });

  // Messages after an action: a success fades after a few seconds; an error or a warning stays
  // until the user closes it.
  function toasts() {
    document.querySelectorAll(".toast[data-sticky='0']").forEach(function (toast) {
      var timer = setTimeout(function () { fade(toast); }, 4000);
      toast.addEventListener("mouseenter", function () { clearTimeout(timer); });
      toast.addEventListener("mouseleave", function () { timer = setTimeout(function () { fade(toast); }, 2000); });
    });
  }
  function fade(toast) {
    toast.classList.add("toast-hide");
    setTimeout(function () { toast.remove(); }, 400);
  }

  // The top bar's search: Ctrl-K (⌘K) focuses it; typing suggests matches; Enter shows all.
  function search() {
    var input = document.querySelector("[data-search-input]");
    if (!input) return;
    var box = document.querySelector("[data-search-suggestions]");
    var url = input.getAttribute("data-suggest-url");
    var timer = null;
    var last = "";
    document.addEventListener("keydown", function (e) {
      if ((e.ctrlKey || e.metaKey) && (e.key === "k" || e.key === "K")) {
        e.preventDefault();
        input.focus();
        input.select();
      } else if (e.key === "Escape" && document.activeElement === input) {
        box.hidden = true;
        input.blur();
      }
    });
    input.addEventListener("input", function () {
      clearTimeout(timer);
      timer = setTimeout(suggest, 150);
    });
    input.addEventListener("keydown", function (e) {
      var items = Array.prototype.slice.call(box.querySelectorAll("a"));
      if (!items.length || (e.key !== "ArrowDown" && e.key !== "ArrowUp")) return;
      e.preventDefault();
      var i = items.indexOf(document.activeElement);
      i = e.key === "ArrowDown" ? Math.min(i + 1, items.length - 1) : Math.max(i - 1, 0);
      items[i].focus();
    });
    box.addEventListener("keydown", function (e) {
      var items = Array.prototype.slice.call(box.querySelectorAll("a"));
      var i = items.indexOf(document.activeElement);
      if (e.key === "ArrowDown" && i < items.length - 1) { e.preventDefault(); items[i + 1].focus(); }
      if (e.key === "ArrowUp") { e.preventDefault(); if (i > 0) items[i - 1].focus(); else input.focus(); }
    });
    document.addEventListener("click", function (e) {
      if (!e.target.closest("[data-testid=global-search]")) box.hidden = true;
    });
    function suggest() {
      var q = input.value.trim();
      if (q === last) return;
      last = q;
      if (!q) { box.hidden = true; return; }
      fetch(url + "?q=" + encodeURIComponent(q), { credentials: "same-origin", headers: { Accept: "application/json" } })
        .then(function (r) { return r.ok ? r.json() : null; })
        .then(function (data) {
          if (!data || input.value.trim() !== q) return;
          box.textContent = "";
          data.results.forEach(function (hit) {
            var a = document.createElement("a");
            a.href = hit.url;
            a.setAttribute("role", "option");
            a.setAttribute("data-testid", "suggestion");
            var kind = document.createElement("span");
            kind.className = "tag";
            kind.textContent = hit.kind_label;
            var title = document.createElement("span");
            title.textContent = " " + hit.title;
            var sub = document.createElement("span");
            sub.className = "muted small";
            sub.textContent = hit.subtitle ? " " + hit.subtitle : "";
            a.appendChild(kind); a.appendChild(title); a.appendChild(sub);
            box.appendChild(a);
          });
          if (!data.results.length) {
            var none = document.createElement("div");
            none.className = "muted small";
            none.textContent = data.empty_text;
            box.appendChild(none);
          }
          box.hidden = false;
        })
        .catch(function () { box.hidden = true; });
    }
  }

  document.addEventListener("DOMContentLoaded", function () { toasts(); search(); });
})();
