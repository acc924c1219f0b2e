// Drag and drop several files; send them with fetch; then show each one's live progress.
(function () {
  "use strict";
  var form = document.getElementById("upload-form");
  var zone = document.getElementById("dropzone");
  var input = form.querySelector('input[type="file"]');
  var results = document.getElementById("results");
  var csrf = form.querySelector('input[name="csrfmiddlewaretoken"]').value;
  var rows = {};

  var waited = window.NavisProgress.waited;  // progress.js, loaded first

  function item(name) {
    var li = document.createElement("li");
    li.innerHTML = "<strong></strong>: <span class='state'>sending…</span>";
    li.querySelector("strong").textContent = name;
    results.append(li);
    return li;
  }

  function show(li, doc) {
    var state = li.querySelector(".state");
    var text = doc.label;
    if (!doc.final) {
      text += doc.progress_total ? " – page " + doc.progress_done + " of " + doc.progress_total : "";
      text += " (" + waited(doc.waited_seconds) + ")";
    } else if (doc.failure_reason) {
      text += ". " + doc.failure_reason;
    }
    state.innerHTML = "";
    var link = document.createElement("a");
    link.href = doc.url; link.textContent = text;
    state.appendChild(link);
    li.className = doc.status === "failed" ? "rejected" : (doc.final ? "ok" : "");
  }

  var polling = false;

  function poll() {
    if (polling || !Object.keys(rows).length) return;
    polling = true;
    fetch(form.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (data) {
        var pending = false;
        data.documents.forEach(function (doc) {
          if (!rows[doc.id]) return;
          show(rows[doc.id], doc);
          if (!doc.final) pending = true;
        });
        polling = false;
        if (pending) setTimeout(poll, 2000);
      })
      .catch(function () { polling = false; setTimeout(poll, 5000); });  // offline a moment
  }

  function send(files) {
    if (!files.length) return;
    var data = new FormData();
    var pending = {};
    Array.prototype.forEach.call(files, function (f) { data.append("files", f); pending[f.name] = item(f.name); });
    fetch(form.action || window.location.href, {
      method: "POST", body: data, credentials: "same-origin",
      headers: { Accept: "application/json", "X-CSRFToken": csrf }
    }).then(function (r) { return r.json(); }).then(function (body) {
      body.results.forEach(function (r) {
        var li = pending[r.name] || item(r.name);
        if (r.accepted) {
          rows[r.document.id] = li;
          show(li, r.document);
          if (r.duplicate) li.querySelector(".state").prepend("already uploaded: ");
        } else {
          li.className = "rejected";
          var state = li.querySelector(".state");
          state.className = "state reason";
          state.textContent = "not accepted. " + r.reason;
        }
      });
      poll();
    }).catch(function () {
      Object.keys(pending).forEach(function (n) {
        pending[n].querySelector(".state").textContent = "could not be sent. Please check your connection and try again.";
      });
    });
  }

  ["dragenter", "dragover"].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.add("over"); });
  });
  ["dragleave", "drop"].forEach(function (type) {
    zone.addEventListener(type, function (e) { e.preventDefault(); zone.classList.remove("over"); });
  });
  zone.addEventListener("drop", function (e) { send(e.dataTransfer.files); });
  form.addEventListener("submit", function (e) { e.preventDefault(); send(input.files); input.value = ""; });
})();
