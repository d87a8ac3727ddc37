// Polls an export job's progress (same origin, no libraries) and reloads the page when the job
// has finished, so the server renders the download button or the error.
(function () {
  "use strict";
  var card = document.querySelector("[data-progress-url]");
  if (!card || card.getAttribute("data-finished") === "1") return;
  var url = card.getAttribute("data-progress-url");
  var bar = card.querySelector("[data-role=bar]");
  var rows = card.querySelector("[data-role=rows]");
  var status = card.querySelector("[data-role=status]");
  var delay = 1000;

  function poll() {
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (r) { if (!r.ok) throw new Error(r.status); return r.json(); })
      .then(function (job) {
        if (job.finished) { window.location.reload(); return; }
        bar.value = job.percent;
        bar.textContent = job.percent + "%";
        rows.textContent = job.rows_done + (job.rows_total === null ? "" : " / " + job.rows_total);
        status.textContent = job.status_display;
        delay = Math.min(delay * 1.5, 5000);
        setTimeout(poll, delay);
      })
      .catch(function () { setTimeout(poll, 10000); });
  }
  setTimeout(poll, delay);
})();
