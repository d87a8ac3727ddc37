// The experts app's pages: bar widths, confirmations of irreversible steps, the grading page's
// live shares. A static file, as the Content Security Policy requires.
(function () {
  "use strict";

  function bars() {
    document.querySelectorAll("[data-width]").forEach(function (el) {
      el.style.width = Math.max(0, Math.min(100, parseFloat(el.getAttribute("data-width")) || 0)) + "%";
    });
    document.querySelectorAll("[data-left]").forEach(function (el) {
      el.style.left = Math.max(0, Math.min(100, parseFloat(el.getAttribute("data-left")) || 0)) + "%";
    });
  }

  // A form whose step cannot be undone says what will happen before it is sent.
  document.addEventListener("submit", function (e) {
    var form = e.target.closest("form[data-confirm]");
    if (form && !window.confirm(form.getAttribute("data-confirm"))) e.preventDefault();
  });

  // The grading page: each grade's share against its quota as the grades are edited, with the
  // rule engine's rounding (a maximum allows floor(n × p / 100), a minimum requires ceil).
  function quotas() {
    var selects = document.querySelectorAll(".grade-select");
    if (!selects.length) return;
    function update() {
      var n = selects.length, counts = {};
      selects.forEach(function (s) { if (s.value) counts[s.value] = (counts[s.value] || 0) + 1; });
      document.querySelectorAll("[data-grade]").forEach(function (row) {
        var c = counts[row.dataset.grade] || 0, p = parseInt(row.dataset.percent, 10);
        row.querySelector(".q-count").textContent = c;
        row.querySelector(".q-share").textContent = (n ? Math.round(c * 1000 / n) / 10 : 0) + "%";
        var ok = row.querySelector(".q-ok");
        if (!ok || isNaN(p)) return;
        var good = row.dataset.bound === "max" ? c <= Math.floor(n * p / 100) : c >= Math.ceil(n * p / 100);
        ok.className = "tag q-ok " + (good ? "tag-green" : "tag-red");
        ok.textContent = good ? ok.getAttribute("data-ok") : ok.getAttribute("data-over");
      });
    }
    selects.forEach(function (s) { s.addEventListener("change", update); });
  }

  document.addEventListener("DOMContentLoaded", function () { bars(); quotas(); });
})();
