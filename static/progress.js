// Live progress: poll the status endpoint until every document is finished.
(function () {
  "use strict";
  var INTERVAL = 2000;

  function waited(seconds) {
    if (seconds < 60) return seconds + " s";
    return Math.floor(seconds / 60) + " min " + (seconds % 60) + " s";
  }

  function describe(doc) {
    if (doc.final) return doc.failure_reason || "";
    var text = doc.progress_total ? "page " + doc.progress_done + " of " + doc.progress_total : "";
    return text + (text ? " · " : "") + waited(doc.waited_seconds) + " so far";
  }

  function updateRow(row, doc) {
    var badge = row.querySelector("[data-status]");
    badge.textContent = doc.label;
    badge.className = "badge status-" + doc.status;
    var pages = row.querySelector("[data-pages]");
    if (pages && doc.page_count !== null) pages.textContent = doc.page_count;
    var note = row.querySelector(".reason, [data-note]");
    if (!note) { note = document.createElement("span"); note.setAttribute("data-note", ""); badge.after(" ", note); }
    note.textContent = describe(doc);
    note.className = doc.status === "failed" ? "reason" : "";
  }

  function pollList(table) {
    fetch(table.dataset.poll, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var pending = false;
        data.documents.forEach(function (doc) {
          var row = table.querySelector('[data-document="' + doc.id + '"]');
          if (row) updateRow(row, doc);
          if (!doc.final) pending = true;
        });
        if (pending) setTimeout(function () { pollList(table); }, INTERVAL);
      })
      .catch(function () { setTimeout(function () { pollList(table); }, 2 * INTERVAL); });
  }

  function pollOne(panel) {
    fetch(panel.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (doc) {
        panel.querySelector("[data-status]").textContent = doc.label;
        panel.querySelector("[data-progress]").textContent = doc.progress_total && !doc.final
          ? "page " + doc.progress_done + " of " + doc.progress_total : "";
        panel.querySelector("[data-waited]").textContent = doc.final ? "" : "· " + waited(doc.waited_seconds) + " so far";
        if (doc.final) { window.location.reload(); } else { setTimeout(function () { pollOne(panel); }, INTERVAL); }
      })
      .catch(function () { setTimeout(function () { pollOne(panel); }, 2 * INTERVAL); });
  }

  var table = document.querySelector("table[data-poll]");
  if (table && table.querySelector('[data-status]:not(.status-done):not(.status-failed)')) pollList(table);
  var panel = document.querySelector(".status-panel[data-status-url]");
  if (panel && panel.dataset.final === "false") pollOne(panel);
  window.NavisProgress = { describe: describe, waited: waited };
})();
