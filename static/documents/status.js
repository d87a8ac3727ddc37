// Polls the document's status while its PDF is generated and reloads the page when it is done.
// Same origin only; no libraries (government intranets have no CDN).
(function () {
  var box = document.getElementById("document-status");
  if (!box) return;
  var status = box.getAttribute("data-status");
  if (status !== "pending" && status !== "rendering") return;
  var url = box.getAttribute("data-status-url");
  var tries = 0;
  function poll() {
    tries += 1;
    fetch(url, {credentials: "same-origin", headers: {"Accept": "application/json"}})
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && data.status !== status) { window.location.reload(); return; }
        if (tries < 120) setTimeout(poll, Math.min(1000 + tries * 500, 5000));
      })
      .catch(function () { if (tries < 120) setTimeout(poll, 5000); });
  }
  setTimeout(poll, 1000);
})();
