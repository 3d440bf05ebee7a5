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
    source.onerror = function () { body.classList.add("offline"); };
  }
  document.addEventListener("click", function (e) {
    var b = e.target.closest("button");
    if (!b) { return; }
    if (b.id === "join-toggle") { body.classList.toggle("nojoin"); joinButton(); return; }
    var a = b.dataset.action;
    if (!a) { return; }
    var req = {action: a};
    if (a === "phase") { req.phase = b.dataset.phase; }
    if (a === "reveal") { req.on = b.dataset.on === "true"; }
    if (a === "scores") { req.scores = b.dataset.scores; }
    fetch("/f/action", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(req), credentials: "same-origin"});
  });
  connect();
})();
