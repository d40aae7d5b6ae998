/**
 * The site's script. Pages read fully without it; it adds local times on hover, copy buttons,
 * table sorting and filtering, loading a whole output in place, and live updates over SSE.
 * New markup arrives only from our own server, already escaped; text from the page is set
 * with textContent.
 */
export const SITE_JS = `(function () {
  "use strict";
  function localTimes(root) {
    root.querySelectorAll("time[datetime]").forEach(function (t) {
      var d = new Date(t.getAttribute("datetime"));
      if (!isNaN(d)) t.title = d.toLocaleString() + " (local)";
    });
  }

  function copyText(text, button) {
    function done() { button.textContent = "copied"; setTimeout(function () { button.textContent = "copy"; }, 1500); }
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { fallbackCopy(text); done(); });
    } else { fallbackCopy(text); done(); }
  }
  function fallbackCopy(text) {
    var ta = document.createElement("textarea");
    ta.value = text; document.body.appendChild(ta); ta.select();
    try { document.execCommand("copy"); } catch (e) {}
    ta.remove();
  }
  document.addEventListener("click", function (ev) {
    var b = ev.target.closest && ev.target.closest("button.copy");
    if (b) {
      var code = b.parentNode.querySelector("code");
      if (code) copyText(code.textContent, b);
      return;
    }
    var full = ev.target.closest && ev.target.closest("a.full-output");
    if (full && location.protocol.indexOf("http") === 0) {
      ev.preventDefault();
      loadFull(full);
    }
  });

  function loadFull(link) {
    var holder = link.closest(".output-body");
    link.textContent = "loading…";
    fetch(link.href).then(function (r) { return r.text(); }).then(function (text) {
      var doc = new DOMParser().parseFromString(text, "text/html");
      var pre = doc.querySelector("pre.term");
      var old = holder.querySelector("pre.term");
      if (pre && old) { old.replaceWith(document.importNode(pre, true)); link.textContent = "whole output shown"; }
    }, function () { location.href = link.href; });
  }

  function sortable(table) {
    var heads = table.querySelectorAll("th[data-key]");
    heads.forEach(function (th, col) {
      var btn = document.createElement("button");
      btn.type = "button"; btn.textContent = th.textContent; th.textContent = ""; th.appendChild(btn);
      btn.addEventListener("click", function () {
        var asc = th.getAttribute("aria-sort") !== "ascending";
        heads.forEach(function (h) { h.removeAttribute("aria-sort"); });
        th.setAttribute("aria-sort", asc ? "ascending" : "descending");
        var idx = Array.prototype.indexOf.call(th.parentNode.children, th);
        var body = table.tBodies[0];
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = a.cells[idx].getAttribute("data-v") || a.cells[idx].textContent;
          var y = b.cells[idx].getAttribute("data-v") || b.cells[idx].textContent;
          var nx = Number(x), ny = Number(y);
          var c = (!isNaN(nx) && !isNaN(ny) && x !== "" && y !== "") ? nx - ny : x.localeCompare(y);
          return asc ? c : -c;
        });
        rows.forEach(function (r) { body.appendChild(r); });
      });
    });
  }
  function filterable(input) {
    var table = document.getElementById(input.getAttribute("data-filter"));
    input.hidden = false;
    input.addEventListener("input", function () {
      var q = input.value.toLowerCase();
      Array.prototype.forEach.call(table.tBodies[0].rows, function (r) {
        r.hidden = q !== "" && r.textContent.toLowerCase().indexOf(q) < 0;
      });
    });
  }

  function sectionFor(list, phase) {
    var sections = list.querySelectorAll("section.phase");
    var last = sections[sections.length - 1];
    if (last && (last.getAttribute("data-phase") || "") === (phase || "")) return last.querySelector("ol.events");
    var s = document.createElement("section");
    s.className = "phase"; s.setAttribute("data-phase", phase || "");
    var h = document.createElement("h2"); h.textContent = phase || "Outside any phase";
    var ol = document.createElement("ol"); ol.className = "events";
    s.appendChild(h); s.appendChild(ol); list.appendChild(s);
    return ol;
  }
  function live(main) {
    if (!window.EventSource || location.protocol.indexOf("http") !== 0) return;
    var list = document.getElementById("account-events");
    var url = main.getAttribute("data-live") + "?after=" + encodeURIComponent(main.getAttribute("data-last-seq") || "0");
    var es = new EventSource(url);
    es.onopen = function () { main.setAttribute("data-live-state", "connected"); };
    es.onerror = function () { main.setAttribute("data-live-state", "reconnecting"); };
    es.addEventListener("event", function (m) {
      var msg = JSON.parse(m.data);
      if (document.getElementById("e-" + msg.id)) return;
      var ol = sectionFor(list, msg.phase);
      ol.insertAdjacentHTML("beforeend", msg.html);
      var added = ol.lastElementChild;
      localTimes(added);
      main.setAttribute("data-last-seq", String(msg.seq));
      if (msg.target && msg.amendHtml) {
        var t = document.querySelector("#e-" + CSS.escape(msg.target) + " .amends");
        if (t) { t.hidden = false; t.insertAdjacentHTML("beforeend", msg.amendHtml); }
      }
      if (msg.fixes) {
        var p = document.querySelector("#e-" + CSS.escape(msg.fixes) + " .fixed-by");
        if (p) {
          var a = document.createElement("a"); a.href = "#e-" + msg.id; a.textContent = "fixed by #" + msg.seq;
          p.hidden = false; p.appendChild(a);
        }
      }
      document.dispatchEvent(new CustomEvent("stacklog:event", { detail: { seq: msg.seq } }));
    });
    es.addEventListener("status", function (m) {
      var msg = JSON.parse(m.data);
      var badge = document.getElementById("live-badge");
      if (msg.status !== "in-progress") { if (badge) badge.remove(); es.close(); }
      var st = document.getElementById("journal-status");
      if (st) { st.textContent = msg.status; st.className = "badge status-" + msg.status; }
    });
  }

  // An output shows its tail: when opened, scroll to the end, where failures usually are.
  document.addEventListener("toggle", function (ev) {
    var d = ev.target;
    if (d.open && d.classList && d.classList.contains("output")) {
      var pre = d.querySelector("pre.term");
      if (pre) pre.scrollTop = pre.scrollHeight;
    }
  }, true);

  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  document.addEventListener("DOMContentLoaded", function () {
    localTimes(document);
    document.querySelectorAll("table[data-sortable]").forEach(sortable);
    document.querySelectorAll("input[data-filter]").forEach(filterable);
    var main = document.querySelector("main[data-live]");
    if (main) live(main);
  });
})();
`;
