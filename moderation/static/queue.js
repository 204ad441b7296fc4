// The moderation queue without page reloads: the same forms as with JavaScript off, sent
// with fetch (CSRF in X-CSRFToken, JSON back), plus the keyboard: j/k a r e f x X u ?
(function () {
  "use strict";
  var list = document.getElementById("rows");
  var rows = Array.prototype.slice.call(document.querySelectorAll(".row[data-id]"));
  var token = document.querySelector('meta[name="csrf-token"]').content;
  var announcer = document.getElementById("announcer");
  var selectAll = document.getElementById("select-all");
  var current = -1;
  var loading = null;
  var TAB = (new URLSearchParams(location.search)).get("tab") || "pending";
  var PICKS_ONLY = (new URLSearchParams(location.search)).get("featured") === "1";

  // Visible as well as announced: the moderator must see what an undo or a bulk action did.
  function say(text) {
    if (!announcer) { return; }
    announcer.textContent = text;
    announcer.hidden = !text;
  }

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
    var value = (parseInt(badge.textContent.replace(/\D/g, ""), 10) || 0) + delta;
    value = Math.max(0, value);
    badge.textContent = value.toLocaleString("vi-VN");
    if (tab === TAB) { document.title = document.title.replace(/\([\d.]+\)/, "(" + value.toLocaleString("vi-VN") + ")"); }
  }

  // Does the row still belong in this tab? The reported tab holds open reports not rejected.
  function belongs(row) {
    if (PICKS_ONLY && row.dataset.featured !== "1") { return false; }
    if (TAB === "all") { return true; }
    if (TAB === "reported") { return row.dataset.reported === "1" && row.dataset.status !== "rejected"; }
    return row.dataset.status === TAB;
  }

  function reportedTotal(row, wasIn) {
    var isIn = row.dataset.reported === "1" && row.dataset.status !== "rejected";
    if (wasIn !== isIn) { adjustTotal("reported", isIn ? 1 : -1); }
  }

  // A finished row collapses to one line that says what was decided (its buttons no longer apply).
  function finish(row, message) {
    var summary = row.querySelector("[data-summary]");
    if (!summary) {
      summary = document.createElement("p");
      summary.setAttribute("data-summary", "");
      summary.className = "summary";
      row.insertBefore(summary, row.firstChild);
    }
    summary.textContent = message;
    row.classList.add("done");
    var box = row.querySelector('input[name="ids"]');
    if (box) { box.checked = false; box.disabled = true; }
  }

  function reopen(row) {
    row.classList.remove("done");
    var box = row.querySelector('input[name="ids"]');
    if (box) { box.disabled = false; }
  }

  // An editor's pick: the badge and which of the two buttons (and key f) applies.
  function setFeatured(row, featured) {
    row.dataset.featured = featured ? "1" : "0";
    var badge = row.querySelector("[data-pick]");
    if (badge) { badge.hidden = !featured; }
    var on = row.querySelector('form[data-action="feature"]');
    var off = row.querySelector('form[data-action="unfeature"]');
    if (on) { on.hidden = featured; }
    if (off) { off.hidden = !featured; }
  }

  function applyResult(row, body, action) {
    var before = row.dataset.status;
    var wasReported = row.dataset.reported === "1" && before !== "rejected";
    var outcome = row.querySelector("[data-outcome]");
    if (outcome) {
      outcome.textContent = body.message || "";
      outcome.className = "outcome " + (body.changed ? "outcome-ok" : "outcome-warn");
    }
    if (body.changed && action === "keep") { row.dataset.reported = "0"; }
    if (typeof body.featured === "boolean") { setFeatured(row, body.featured); }
    if (body.changed && action === "reply") {
      var replyBox = row.querySelector("details[data-reply]");
      if (replyBox) { replyBox.open = false; replyBox.querySelector("textarea").value = ""; }
    }
    if (body.changed && body.status && body.status !== before) {
      row.dataset.status = body.status;
      adjustTotal(before, -1);
      adjustTotal(body.status, 1);
      var label = row.querySelector("[data-status-label]");
      if (label) { label.className = "badge badge-status-" + body.status; label.textContent = body.status_label || body.status; }
    }
    if (body.status) {
      // The next action from this row says what the moderator now sees.
      row.querySelectorAll('input[name="expected_status"]').forEach(function (input) { input.value = body.status; });
      var box = row.querySelector('input[name="ids"]');
      if (box) { box.value = row.dataset.id + ":" + body.status; }
      reportedTotal(row, wasReported);
    }
    // Only an answer that names a status moves the row out of its tab; a refusal leaves it as it was.
    if (body.status && !belongs(row)) { finish(row, body.message || ""); }
  }

  function afterUndo(body) {
    var results = body.results || [body];
    results.forEach(function (result) {
      var row = document.getElementById("c" + result.id);
      if (!row || !result.status) { return; }
      if (result.changed) {
        var wasReported = row.dataset.reported === "1" && row.dataset.status !== "rejected";
        if (result.status !== row.dataset.status) {
          adjustTotal(row.dataset.status, -1);
          adjustTotal(result.status, 1);
        }
        row.dataset.status = result.status;
        reportedTotal(row, wasReported);
      }
      applyResult(row, { changed: false, status: result.status, message: body.message });
      var label = row.querySelector("[data-status-label]");
      if (label && result.status_label) { label.className = "badge badge-status-" + result.status; label.textContent = result.status_label; }
      if (belongs(row)) { reopen(row); }
    });
  }

  function send(form) {
    var row = rowOf(form);
    var sent = fetch(form.getAttribute("action"), {
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
      if (form.matches("[data-undo]")) {
        if (answer.ok) { afterUndo(body); }
      } else if (row) {
        applyResult(row, body, form.dataset.action);
        if (answer.ok && rows.indexOf(row) === current) { next(); }
      } else if (body.results) {
        body.results.forEach(function (result) {
          var target = document.getElementById("c" + result.id);
          if (target) { applyResult(target, { changed: result.changed, status: result.status, status_label: result.status_label, message: result.message }); }
        });
        if (selectAll) { selectAll.checked = false; }
      }
      say(body.message || "");
    }, function () { /* network failure: the plain form post above takes over */ });
  }

  // "Tải thêm": the next page's rows appended to this one (its link is the no-JS pager).
  function more() {
    var link = document.querySelector('.pager a[rel="next"]');
    if (!link || loading) { return loading; }
    loading = fetch(link.href, { credentials: "same-origin", headers: { "Accept": "text/html" } })
      .then(function (response) { return response.text(); })
      .then(function (html) {
        var page = new DOMParser().parseFromString(html, "text/html");
        var added = Array.prototype.slice.call(page.querySelectorAll(".row[data-id]"))
          .filter(function (row) { return !document.getElementById(row.id); });
        added.forEach(function (row) { list.appendChild(document.adoptNode(row)); prepare(row); });
        rows = rows.concat(added);
        var following = page.querySelector('.pager a[rel="next"]');
        if (following) { link.href = following.href; } else {
          link.remove();
          var button = document.getElementById("more");
          if (button) { button.remove(); }
        }
        loading = null;
        return added.length;
      }, function () { loading = null; return 0; });
    return loading;
  }

  function next() {
    if (current < rows.length - 1) { focusRow(current + 1); return; }
    var waiting = more();
    if (waiting) { waiting.then(function (added) { if (added) { focusRow(current + 1); } }); }
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

  // Keys go to the field being typed in; a checkbox, radio or button takes no text, so the
  // shortcuts keep working after one is clicked.
  function typing(target) {
    var field = target.closest("input, textarea, select, [contenteditable]");
    return field !== null && !(field.tagName === "INPUT" && /^(checkbox|radio|button|submit|reset)$/.test(field.type));
  }

  function boxes() {
    return Array.prototype.slice.call(document.querySelectorAll('.row:not(.done) input[name="ids"]'));
  }

  function toggleAll(checked) {
    var all = boxes();
    if (checked === undefined) { checked = !all.every(function (box) { return box.checked; }); }
    all.forEach(function (box) { box.checked = checked; });
    if (selectAll) { selectAll.checked = checked; }
  }

  document.addEventListener("keydown", function (event) {
    var help = document.getElementById("help");
    if (event.key === "Enter" && event.target.closest('form[data-action="reject"]') && event.target.tagName === "SELECT") {
      event.preventDefault();
      send(event.target.form);
      return;
    }
    if (event.key === "Enter" && (event.ctrlKey || event.metaKey) && event.target.closest('form[data-action="edit"], form[data-action="reply"]')) {
      event.preventDefault();
      send(event.target.closest("form"));
      return;
    }
    if (event.key === "Escape" && typing(event.target) && rows[current]) { rows[current].focus(); return; }
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) { return; }
    var form;
    switch (event.key) {
      case "j": next(); break;
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
      case "f":
        form = currentForm(rows[current] && rows[current].dataset.featured === "1" ? "unfeature" : "feature");
        if (form && !form.hidden) { send(form); }
        break;
      case "x":
        var box = rows[current] && rows[current].querySelector('input[name="ids"]');
        if (box && !box.disabled) { box.checked = !box.checked; }
        break;
      case "X": toggleAll(); break;
      case "u": send(document.querySelector("form[data-undo]")); break;
      case "?": if (help && help.showModal) { help.showModal(); } break;
      default: return;
    }
    event.preventDefault();
  });

  // Long comments are clamped to a few lines, with "Xem thêm" to read the rest.
  function clamp(row) {
    var body = row.querySelector("[data-body]");
    if (!body) { return; }
    body.classList.add("clamped");
    if (body.scrollHeight <= body.clientHeight + 1) { body.classList.remove("clamped"); return; }
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "link more";
    toggle.textContent = list.dataset.more;
    toggle.setAttribute("aria-expanded", "false");
    toggle.addEventListener("click", function () {
      var open = body.classList.toggle("clamped") === false;
      toggle.textContent = open ? list.dataset.less : list.dataset.more;
      toggle.setAttribute("aria-expanded", String(open));
    });
    body.insertAdjacentElement("afterend", toggle);
  }

  function prepare(row) {
    clamp(row);
    row.addEventListener("click", function () {
      current = rows.indexOf(row);
      rows.forEach(function (r, j) { r.classList.toggle("current", j === current); });
    });
  }

  rows.forEach(prepare);
  var pagerLink = document.querySelector('.pager a[rel="next"]');
  if (pagerLink && list) {
    var button = document.createElement("button");
    button.type = "button";
    button.className = "btn";
    button.id = "more";
    button.textContent = pagerLink.dataset.moreLabel;
    button.addEventListener("click", more);
    pagerLink.parentNode.appendChild(button);
    pagerLink.hidden = true;
  }
  if (selectAll) {
    selectAll.closest("label").hidden = false;
    selectAll.addEventListener("change", function () { toggleAll(selectAll.checked); });
  }
  if (rows.length) { focusRow(0); }
})();
