// The participant's page of "ciclo workshop": join with the code, rate
// each moment, put dots on improvements. Every answer carries an id the
// page makes up once, so a retry after a lost connection counts once.
(function () {
  "use strict";
  var W = JSON.parse(document.getElementById("words").textContent);
  var body = document.body;
  var state = null;    // the server's /p/state
  var index = 0;       // the moment on show
  var done = false;    // the participant reached the end of the list
  var pending = {};    // moment id -> {id, i, f}: answers not yet acknowledged
  var source = null;
  function $(id) { return document.getElementById(id); }
  function show(name) {
    ["join", "wait", "rate", "done", "vote", "closed"].forEach(function (v) {
      $(v + "-view").hidden = v !== name;
    });
    body.dataset.view = name;
  }
  function newID() {
    var a = new Uint8Array(12);
    crypto.getRandomValues(a);
    return Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }
  function errorText(code) { return W.Errors[code] || W.Errors.invalid; }
  function post(path, data) {
    return fetch(path, {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify(data), credentials: "same-origin"})
      .then(function (r) { return r.json().then(function (j) { return {status: r.status, body: j}; }); });
  }
  // send posts until the server answers (network errors and 5xx retry with
  // the same id), then calls back with the answer.
  // send posts data until the server answers, retrying with backoff while
  // live() holds (an answer replaced by a newer one stops retrying).
  function send(path, data, status, then, live) {
    var delay = 500;
    function attempt() {
      if (live && !live()) { return; }
      post(path, data).then(function (res) {
        if (res.status >= 500) { throw new Error("server"); }
        then(res);
      }).catch(function () {
        if (live && !live()) { return; }
        status.textContent = W.Retry;
        status.className = "status retry";
        setTimeout(attempt, delay);
        delay = Math.min(delay * 2, 5000);
      });
    }
    attempt();
  }

  // order numbers this phone's answers, so that the server takes the
  // latest on each moment and improvement even when an older one's retry
  // arrives after it
  var lastSeq = 0;
  function nextSeq() {
    lastSeq = Math.max(lastSeq + 1, Date.now());
    return lastSeq;
  }

  function join(code) {
    $("join-err").textContent = "";
    $("join-btn").disabled = true;
    $("join-btn").textContent = W.Joining;
    post("/join", {code: code}).then(function (res) {
      $("join-btn").disabled = false;
      $("join-btn").textContent = W.Join;
      if (res.status !== 200) {
        $("join-err").textContent = errorText(res.body.error);
        return;
      }
      history.replaceState(null, "", "/");
      load();
    }).catch(function () {
      $("join-btn").disabled = false;
      $("join-btn").textContent = W.Join;
      $("join-err").textContent = W.Offline;
    });
  }

  function load() {
    fetch("/p/state", {credentials: "same-origin"}).then(function (r) {
      if (r.status === 401) {
        show("join");
        var code = decodeURIComponent(location.hash.slice(1));
        if (code) { $("code").value = code; join(code); }
        return null;
      }
      return r.json();
    }).then(function (s) {
      if (!s) { return; }
      var first = state === null;
      state = s;
      Object.keys(pending).forEach(function (m) { state.mine[m] = [pending[m].i, pending[m].f]; });
      if (first) {
        // Back on the page (a reload, a phone that slept): carry on at the
        // first moment not rated yet.
        var next = state.moments.findIndex(function (m) { return !state.mine[m.id]; });
        if (next < 0) { done = true; } else { index = next; }
      }
      render();
      connect();
    }).catch(function () { body.classList.add("offline"); setTimeout(load, 2000); });
  }

  function connect() {
    if (source) { return; }
    source = new EventSource("/p/events");
    source.addEventListener("update", function (e) {
      var d = JSON.parse(e.data);
      if (state && d.round !== state.round) { load(); }
    });
    source.onopen = function () { body.classList.remove("offline"); };
    source.onerror = function () { body.classList.add("offline"); };
  }

  function render() {
    switch (state.phase) {
      case "scoring": if (done) { show("done"); } else { showMoment(); } break;
      case "voting": showVoting(); break;
      case "closed": show("closed"); break;
      default: show("wait");
    }
  }

  // ---- scoring ----
  function buildScale(box, which) {
    var opts = box.querySelector(".opts");
    opts.textContent = "";
    opts.style.setProperty("--cols", String(state.scale > 6 ? Math.ceil(state.scale / 2) : state.scale));
    for (var v = 1; v <= state.scale; v++) {
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = String(v);
      b.dataset.v = String(v);
      b.setAttribute("aria-pressed", "false");
      b.addEventListener("click", choose.bind(null, which, v));
      opts.appendChild(b);
    }
  }
  function mark(box, v) {
    Array.prototype.forEach.call(box.querySelectorAll(".opts button"), function (b) {
      b.setAttribute("aria-pressed", b.dataset.v === String(v) ? "true" : "false");
    });
  }
  var choice = {i: 0, f: 0};
  function showMoment() {
    show("rate");
    var ms = state.moments;
    var m = ms[index];
    if ($("imp").querySelectorAll(".opts button").length !== state.scale) {
      buildScale($("imp"), "i");
      buildScale($("perf"), "f");
    }
    $("progress").textContent = W.MomentOf.replace("%d", index + 1).replace("%d", ms.length);
    $("progress-bar").style.width = Math.round(100 * Object.keys(state.mine).length / ms.length) + "%";
    $("m-num").textContent = String(m.number);
    $("m-name").textContent = m.name;
    $("m-owner").textContent = m.owner ? W.Owner + ": " + m.owner : "";
    $("m-desc").textContent = m.description || "";
    var mine = state.mine[m.id] || [0, 0];
    choice = {i: mine[0], f: mine[1]};
    mark($("imp"), choice.i);
    mark($("perf"), choice.f);
    var st = $("save-status");
    st.className = "status";
    st.textContent = pending[m.id] ? W.Saving : (state.mine[m.id] ? "✓ " + W.Saved : "");
    if (state.mine[m.id] && !pending[m.id]) { st.className = "status ok"; }
    $("prev").disabled = index === 0;
  }
  function choose(which, v) {
    choice[which] = v;
    mark(which === "i" ? $("imp") : $("perf"), v);
    if (choice.i && choice.f) { save(state.moments[index].id, choice.i, choice.f); }
  }
  function save(mid, i, f) {
    var answer = {id: newID(), m: mid, i: i, f: f, s: nextSeq()};
    pending[mid] = answer;
    state.mine[mid] = [i, f];
    var st = $("save-status");
    st.textContent = W.Saving;
    st.className = "status";
    send("/p/rate", answer, st, function (res) {
      if (pending[mid] !== answer) { return; } // replaced by a newer answer
      delete pending[mid];
      var here = state.phase === "scoring" && !done && state.moments[index].id === mid;
      if (res.status === 200) {
        if (here) { st.textContent = "✓ " + W.Saved; st.className = "status ok"; }
        $("progress-bar").style.width = Math.round(100 * Object.keys(state.mine).length / state.moments.length) + "%";
      } else {
        if (res.status === 401) { load(); }
        if (here) { st.textContent = errorText(res.body.error); st.className = "status retry"; }
      }
    }, function () { return pending[mid] === answer; });
  }
  $("prev").addEventListener("click", function () { if (index > 0) { index--; showMoment(); } });
  $("next").addEventListener("click", function () {
    if (index < state.moments.length - 1) { index++; showMoment(); } else { done = true; show("done"); }
  });
  $("review").addEventListener("click", function () { done = false; index = 0; showMoment(); });

  // ---- dot voting ----
  function showVoting() {
    show("vote");
    $("left").textContent = String(state.left);
    var list = $("improvements");
    list.textContent = "";
    if (!state.improvements || state.improvements.length === 0) {
      var li = document.createElement("li");
      li.textContent = W.NoImprovements;
      list.appendChild(li);
      return;
    }
    state.improvements.forEach(function (im) {
      var li = document.createElement("li");
      li.id = "imp-" + im.key.replace(/[^a-z0-9_-]/gi, "_");
      var act = document.createElement("span");
      act.className = "act";
      act.textContent = im.action;
      var where = document.createElement("span");
      where.className = "where";
      where.textContent = im.number + " · " + im.moment + (im.owner ? " · " + im.owner : "");
      var step = document.createElement("div");
      step.className = "stepper";
      function stepButton(text, cls, delta) {
        var b = document.createElement("button");
        b.type = "button";
        b.textContent = text;
        b.className = cls;
        b.addEventListener("click", function () { setDots(im.key, (state.mydots[im.key] || 0) + delta); });
        return b;
      }
      var minus = stepButton("−", "minus", -1);
      var pips = document.createElement("span");
      pips.className = "pips";
      var plus = stepButton("+", "plus", 1);
      function paint() {
        var n = state.mydots[im.key] || 0;
        pips.textContent = n ? new Array(n + 1).join("●") : "○";
        minus.disabled = n === 0;
        plus.disabled = state.left === 0;
      }
      li._paint = paint;
      step.appendChild(minus);
      step.appendChild(pips);
      step.appendChild(plus);
      li.appendChild(act);
      li.appendChild(where);
      li.appendChild(step);
      list.appendChild(li);
      paint();
    });
  }
  function repaintVotes() {
    $("left").textContent = String(state.left);
    Array.prototype.forEach.call($("improvements").children, function (li) { if (li._paint) { li._paint(); } });
  }
  var latestVote = {}; // improvement key -> the latest vote sent
  function setDots(key, n) {
    var had = state.mydots[key] || 0;
    if (n < 0 || n - had > state.left) { return; }
    state.mydots[key] = n;
    state.left -= n - had;
    repaintVotes();
    var st = $("vote-status");
    st.textContent = W.Saving;
    st.className = "status";
    var vote = {id: newID(), x: key, n: n, s: nextSeq()};
    latestVote[key] = vote;
    send("/p/vote", vote, st, function (res) {
      if (latestVote[key] !== vote) { return; } // replaced by a newer total
      if (res.status === 200) {
        st.textContent = "✓ " + W.Saved;
        st.className = "status ok";
      } else {
        st.textContent = errorText(res.body.error);
        st.className = "status retry";
        load();
      }
    }, function () { return latestVote[key] === vote; });
  }

  $("join-btn").addEventListener("click", function () { join($("code").value); });
  $("code").addEventListener("keydown", function (e) { if (e.key === "Enter") { join($("code").value); } });
  load();
})();
