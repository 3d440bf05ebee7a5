// The facilitator's screen of "ciclo workshop": it follows the session
// through /f/events, without reloading, and sends the round controls to
// /f/action (which only this screen's cookie may call).
(function () {
  "use strict";
  var body = document.body;
  var source = null;
  function $(id) { return document.getElementById(id); }
  function apply(d) {
    $("header").innerHTML = d.header;
    $("panel").innerHTML = d.panel;
    var dia = $("diagram");
    if (dia.dataset.key !== d.key) {
      dia.innerHTML = d.diagram;
      dia.dataset.key = d.key;
      dia.classList.remove("flash");
      void dia.offsetWidth;
      dia.classList.add("flash");
    }
    $("diagram-caption").textContent = d.caption;
    body.dataset.phase = d.phase;
    body.dataset.reveal = String(d.reveal);
    body.dataset.scores = d.scores;
    body.dataset.version = String(d.v);
    joinButton();
  }
  function joinButton() {
    var b = $("join-toggle");
    if (b) { b.textContent = body.classList.contains("nojoin") ? b.dataset.show : b.dataset.hide; }
  }
  function connect() {
    if (source) { source.close(); }
    source = new EventSource("/f/events");
    source.addEventListener("update", function (e) { apply(JSON.parse(e.data)); });
    source.onopen = function () { body.classList.remove("offline"); };
    source.onerror = function () {
      body.classList.add("offline");
      if (source.readyState !== EventSource.CLOSED) { return; } // the browser retries
      // Refused: a restarted ciclo has a new secret, which only the
      // address it printed carries; anything else, try again.
      fetch("/f/state", {credentials: "same-origin"}).then(function (r) {
        if (r.status === 403) { $("offline").textContent = $("offline").dataset.restarted; return; }
        setTimeout(connect, 2000);
      }).catch(function () { setTimeout(connect, 2000); });
    };
  }
  // Writing the room's scores into the file: preview the diff, then write.
  var modal = $("write");
  var planned = "";
  function fmt(tpl, a, b) { return tpl.replace("%s", a).replace("%d", b).replace("%s", a); }
  function post(req) {
    return fetch("/f/action", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(req), credentials: "same-origin"})
      .then(function (r) { return r.json(); });
  }
  function showDiff(text) {
    var pre = $("write-diff");
    pre.textContent = "";
    text.split("\n").forEach(function (line) {
      var span = document.createElement("span");
      span.textContent = line + "\n";
      if (line[0] === "+" && line.slice(0, 3) !== "+++") { span.className = "add"; }
      if (line[0] === "-" && line.slice(0, 3) !== "---") { span.className = "del"; }
      pre.appendChild(span);
    });
  }
  function preview() {
    post({action: "preview"}).then(function (d) {
      modal.hidden = false;
      var note = $("write-note");
      note.className = "";
      $("write-go").hidden = true;
      if (d.error) { $("write-head").textContent = ""; note.textContent = d.message; showDiff(""); return; }
      $("write-head").textContent = fmt(modal.dataset.head, d.file);
      planned = d.sum;
      if (d.changed) {
        note.textContent = fmt(modal.dataset.changed, d.file);
        note.className = "warn";
      } else if (d.empty) {
        note.textContent = fmt(modal.dataset.nothing, d.file);
      } else {
        note.textContent = "";
        $("write-go").hidden = false;
      }
      showDiff(d.empty ? "" : d.diff);
    });
  }
  function write() {
    post({action: "apply", sum: planned}).then(function (d) {
      $("write-go").hidden = true;
      showDiff("");
      $("write-note").textContent = d.ok ? fmt(modal.dataset.written, d.file, d.moments) : d.message;
      $("write-note").className = d.ok ? "" : "warn";
    });
  }
  document.addEventListener("click", function (e) {
    var b = e.target.closest("button");
    if (!b) { return; }
    if (b.id === "join-toggle") { body.classList.toggle("nojoin"); joinButton(); return; }
    if (b.id === "write-open") { preview(); return; }
    if (b.id === "write-cancel") { modal.hidden = true; return; }
    if (b.id === "write-go") { write(); return; }
    var a = b.dataset.action;
    if (!a) { return; }
    var req = {action: a};
    if (a === "phase") { req.phase = b.dataset.phase; }
    if (a === "reveal" || a === "tally") { req.on = b.dataset.on === "true"; }
    if (a === "scores") { req.scores = b.dataset.scores; }
    fetch("/f/action", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(req), credentials: "same-origin"});
  });
  connect();
})();
