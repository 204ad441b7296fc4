// The moderation queue without page reloads: the same forms as with JavaScript off, sent
// with fetch (CSRF in X-CSRFToken, JSON back), plus the keyboard: j/k a r e x u ?
(function () {
  "use strict";
  var rows = Array.prototype.slice.call(document.querySelectorAll(".row[data-id]"));
  var token = document.querySelector('meta[name="csrf-token"]').content;
  var announcer = document.getElementById("announcer");
  var current = -1;
  var TAB = (new URLSearchParams(location.search)).get("tab") || "pending";

  function say(text) { if (announcer) { announcer.textContent = text; } }

  function focusRow(index) {
    if (!rows.length) { return; }
    current = Math.max(0, Math.min(rows.length - 1, index));
    rows.forEach(function (row, i) { row.classList.toggle("current", i === current); });
    rows[current].focus({ preventScroll: true });
    rows[current].scrollIntoView({ block: "nearest" });
  }

  function rowOf(element) { return element.closest(".row[data-id]"); }

  function adjustTotal(tab, delta) {
    var badge = document.querySelector('[data-total="' + tab + '"]');
    if (!badge || badge.hasAttribute("data-capped")) { return; }  // "1.000+" stays a lower bound
    var value = parseInt(badge.textContent.replace(/\D/g, ""), 10) || 0;
    badge.textContent = String(Math.max(0, value + delta));
  }

  function applyResult(row, body) {
    var before = row.dataset.status;
    var outcome = row.querySelector("[data-outcome]");
    if (outcome) {
      outcome.textContent = body.message || "";
      outcome.className = "outcome " + (body.changed ? "outcome-ok" : "outcome-warn");
    }
    if (body.changed && body.status && body.status !== before) {
      row.dataset.status = body.status;
      adjustTotal(before, -1);
      adjustTotal(body.status, 1);
      var label = row.querySelector("[data-status-label]");
      if (label) { label.className = "badge badge-status-" + body.status; label.textContent = body.status_label || body.status; }
    }
    // Only an answer that names a status moves the row out of its tab; a refusal leaves it as it was.
    if (body.status && TAB !== "all" && TAB !== "reported" && body.status !== TAB) { row.classList.add("done"); }
  }

  function send(form) {
    var row = rowOf(form);
    var sent = fetch(form.action, {
      method: "POST", body: new FormData(form), credentials: "same-origin",
      headers: { "Accept": "application/json", "X-CSRFToken": token }
    });
    // Only a request that never reached the server falls back to the plain form post: once the
    // server has answered, posting again could apply an undo or a bulk action twice.
    sent.catch(function () { form.submit(); });
    return sent.then(function (response) {
      var type = response.headers.get("Content-Type") || "";
      if (type.indexOf("application/json") === -1) { location.reload(); return null; }
      return response.json().then(function (body) { return { ok: response.ok, body: body }; });
    }).then(function (answer) {
      if (!answer) { return; }
      var body = answer.ok ? answer.body : { changed: false, message: answer.body.error.message };
      if (row) {
        applyResult(row, body);
        if (answer.ok && rows.indexOf(row) === current) { focusRow(current + 1); }
      } else if (body.results) {
        body.results.forEach(function (result) {
          var target = document.getElementById("c" + result.id);
          if (target) { applyResult(target, { changed: result.changed, status: result.status, status_label: result.status_label, message: body.message }); }
          var box = target && target.querySelector('input[name="ids"]');
          if (box) { box.checked = false; }
        });
      } else if (body.id) {
        var undone = document.getElementById("c" + body.id);
        if (undone) { applyResult(undone, body); undone.classList.remove("done"); }
      }
      say(body.message || "");
    }, function () { /* network failure: the plain form post above takes over */ });
  }

  document.addEventListener("submit", function (event) {
    var form = event.target;
    if (!form.matches("[data-action], [data-bulk], [data-undo]")) { return; }
    event.preventDefault();
    if (form.matches("[data-bulk]") && event.submitter) {
      var action = form.querySelector('input[type=hidden][name="action"]') || document.createElement("input");
      action.type = "hidden"; action.name = "action"; action.value = event.submitter.value;
      form.appendChild(action);
    }
    send(form);
  });

  function currentForm(action) {
    return rows[current] && rows[current].querySelector('form[data-action="' + action + '"]');
  }

  function typing(target) {
    return target.closest("input, textarea, select, [contenteditable]") !== null;
  }

  document.addEventListener("keydown", function (event) {
    var help = document.getElementById("help");
    if (event.key === "Enter" && event.target.closest('form[data-action="reject"]') && event.target.tagName === "SELECT") {
      event.preventDefault();
      send(event.target.form);
      return;
    }
    if (event.key === "Escape" && typing(event.target) && rows[current]) { rows[current].focus(); return; }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var form;
    switch (event.key) {
      case "j": focusRow(current + 1); break;
      case "k": focusRow(current - 1); break;
      case "a": form = currentForm("approve"); if (form) { send(form); } break;
      case "r":
        form = currentForm("reject");
        if (form) { form.querySelector("select").focus(); }
        break;
      case "e":
        var edit = rows[current] && rows[current].querySelector("details[data-edit]");
        if (edit) { edit.open = true; edit.querySelector("textarea").focus(); }
        break;
      case "x":
        var box = rows[current] && rows[current].querySelector('input[name="ids"]');
        if (box) { box.checked = !box.checked; }
        break;
      case "u": send(document.querySelector("form[data-undo]")); break;
      case "?": if (help && help.showModal) { help.showModal(); } break;
      default: return;
    }
    event.preventDefault();
  });

  rows.forEach(function (row, i) { row.addEventListener("click", function () { current = i; rows.forEach(function (r, j) { r.classList.toggle("current", j === i); }); }); });
  if (rows.length) { focusRow(0); }
})();
