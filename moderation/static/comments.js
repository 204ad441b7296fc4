/*
 * Ý kiến bạn đọc: the whole comment section of an article, from one script tag.
 *
 *   <script src="https://SERVICE/embed/comments.js" data-article-id="ARTICLE_ID"
 *           data-title="Tiêu đề bài viết" data-url="https://news.example.vn/bai-viet" async></script>
 *
 * data-site="SLUG" names the site when the service serves several (default: "default", whose
 * paths are today's unprefixed ones); article ids are the site's own.
 *
 * Renders approved comments with replies, the total, and the form. Reader input is only
 * ever inserted as text; the one HTML inserted is body_html, sanitized by the server.
 * Comments held for moderation stay visible to the reader who sent them, marked
 * "Đang chờ duyệt", on this browser (localStorage) until published or rejected: the
 * browser keeps each comment's Idempotency-Key, the secret that proves authorship to
 * POST .../comments/status. The same key makes a retry on a flaky network harmless.
 *
 * The thread is the same answer for every reader (a CDN may keep it), so it carries no form
 * token: the form fetches its signed render time (form_token) when the reader starts writing.
 * A flaky network must never trap a real reader: a comment that still has none, or one older
 * than the server accepts, is sent without it and judged without the timing signal (a token
 * fetched at the moment of sending would prove a too-fast form, which is a trap), and a new
 * one is fetched for the next comment. A closed article shows a sentence instead of the form;
 * "Trả lời" opens the form under the comment replied to.
 *
 * Tabs "Quan tâm nhất | Mới nhất" (and "Nổi bật" when the article has editor's picks) reload
 * the list in that order. "Thích" likes a comment at once and rolls back if the server says
 * no; the reader is a random key kept in localStorage (X-Reader-Key), never a cookie.
 */
(function () {
  "use strict";
  var script = document.currentScript;
  if (!script) return;
  var articleId = script.getAttribute("data-article-id") || "";
  if (!/^[A-Za-z0-9._~:\-]{1,128}$/.test(articleId)) return;
  var base = (script.getAttribute("data-api") || script.src.replace(/\/embed\/comments\.js(?:[?#].*)?$/, ""))
    .replace(/\/+$/, "");
  var site = script.getAttribute("data-site") || "default";
  if (!/^[a-z0-9-]{1,40}$/.test(site)) return;
  var siteApi = base + "/api/v1" + (site === "default" ? "" : "/sites/" + site);
  var api = siteApi + "/articles/" + encodeURIComponent(articleId);
  var STORE = "ykbd:held:" + (site === "default" ? "" : site + "/") + articleId;
  var KEEP_MS = 30 * 24 * 3600 * 1000;
  var READER = "ykbd:reader", LIKED = "ykbd:liked";
  var TOKEN_MAX_MS = 23 * 3600 * 1000; // under the server's FORM_TOKEN_MAX_AGE (a day)
  var LONG_BODY = 600; // characters of text past which a comment folds behind "Xem thêm"
  var T = {
    heading: "Ý kiến bạn đọc", total: "Tổng lượt bình luận: ", unknown: "–", author: "Họ tên",
    email: "Email (không bắt buộc, không công khai)", body: "Ý kiến của bạn", send: "Gửi bình luận",
    notify: "Báo cho tôi qua email khi bình luận được đăng hoặc có người trả lời",
    sending: "Đang gửi…", reply: "Trả lời", replyingTo: "Trả lời ", cancel: "Hủy",
    held: "Đang chờ duyệt · chỉ bạn nhìn thấy", note: "Bình luận sẽ hiển thị sau khi được duyệt.",
    closed: "Bài viết đã đóng bình luận.",
    empty: "Chưa có bình luận nào. Hãy là người đầu tiên chia sẻ ý kiến.", more: "Xem thêm bình luận",
    loadFailed: "Chưa tải được bình luận. Vui lòng thử lại sau.",
    network: "Không gửi được bình luận do lỗi kết nối. Vui lòng bấm gửi lại.",
    tooMany: "Bạn gửi bình luận quá nhanh. Vui lòng thử lại sau ít phút.",
    tooManyIn: "Bạn gửi bình luận quá nhanh. Vui lòng thử lại sau {s} giây.",
    failed: "Đã có lỗi xảy ra. Vui lòng thử lại sau.", honeypot: "Để trống ô này",
    report: "Báo vi phạm", reportSend: "Gửi báo cáo", reportWhy: "Bình luận này vi phạm vì",
    // The same short list as the no-JS page (messages.REPORT_REASONS), stored as written.
    top: "Quan tâm nhất", newest: "Mới nhất", featuredTab: "Nổi bật", sortBy: "Sắp xếp bình luận",
    like: "Thích", featured: "Bình luận nổi bật", expand: "Xem thêm", collapse: "Thu gọn",
    likeFailed: "Chưa thích được bình luận. Vui lòng thử lại sau.",
    reportReasons: ["Spam, quảng cáo", "Xúc phạm, thô tục", "Thông tin sai sự thật", "Lộ thông tin cá nhân",
                    "Lý do khác"]
  };
  var number = window.Intl ? new Intl.NumberFormat("vi-VN") : { format: String };
  var time = window.Intl ? new Intl.DateTimeFormat("vi-VN", { timeZone: "Asia/Ho_Chi_Minh",
    hour: "2-digit", minute: "2-digit", day: "2-digit", month: "2-digit", year: "numeric" }) : null;

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) { node.setAttribute(name, attrs[name]); });
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function loadHeld() {
    try {
      var items = JSON.parse(localStorage.getItem(STORE) || "[]");
      var now = Date.now();
      return Array.isArray(items) ? items.filter(function (i) { return i && i.key && now - i.at < KEEP_MS; }) : [];
    } catch (e) { return []; }
  }
  function saveHeld(items) {
    try { items.length ? localStorage.setItem(STORE, JSON.stringify(items)) : localStorage.removeItem(STORE); }
    catch (e) { /* storage full or disabled: the comment is still sent */ }
  }
  // The reader's key for likes: made once, kept in this browser only.
  function readerKey() {
    try {
      var key = localStorage.getItem(READER);
      if (!key || !/^[A-Za-z0-9_-]{16,64}$/.test(key)) { key = newKey().replace(/[^A-Za-z0-9]/g, ""); localStorage.setItem(READER, key); }
      return key;
    } catch (e) { return null; }
  }
  function likedIds() {
    try { var ids = JSON.parse(localStorage.getItem(LIKED) || "[]"); return Array.isArray(ids) ? ids : []; }
    catch (e) { return []; }
  }
  function setLiked(id, on) {
    var ids = likedIds().filter(function (x) { return x !== id; });
    if (on) ids.push(id);
    try { localStorage.setItem(LIKED, JSON.stringify(ids.slice(-500))); } catch (e) { /* kept for this page only */ }
  }
  function newKey() {
    if (window.crypto && crypto.randomUUID) return crypto.randomUUID();
    var bytes = new Uint8Array(16); crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return (b + 256).toString(16).slice(1); }).join("");
  }

  // ---- the section -------------------------------------------------------------------
  var root = el("section", { "class": "ykbd-embed", id: "y-kien-ban-doc", "aria-labelledby": "ykbd-heading" });
  root.appendChild(el("h2", { id: "ykbd-heading" }, T.heading));
  var total = el("p", { "class": "ykbd-total" }, T.total + T.unknown); // a number only once one is known
  var status = el("div", { "class": "ykbd-status", role: "status", "aria-live": "polite" });
  var list = el("div", { "class": "ykbd-comments" });
  var tabs = el("div", { "class": "ykbd-tabs", role: "group", "aria-label": T.sortBy });
  var tabButtons = {};
  [["top", T.top], ["newest", T.newest], ["featured", T.featuredTab]].forEach(function (spec) {
    var b = el("button", { type: "button", "class": "ykbd-tab", "data-view": spec[0], "aria-pressed": "false" }, spec[1]);
    if (spec[0] === "featured") b.hidden = true;
    b.addEventListener("click", function () { switchTo(spec[0]); });
    tabButtons[spec[0]] = b; tabs.appendChild(b);
  });
  var more = el("button", { type: "button", "class": "ykbd-more", hidden: "" }, T.more);
  var form = el("form", { "class": "ykbd-form", novalidate: "" });
  var fields = {};
  var replyBox = el("p", { "class": "ykbd-replying", hidden: "" });
  form.appendChild(replyBox);
  [["author", "input", T.author, { type: "text", maxlength: "80", autocomplete: "name", required: "" }],
   ["email", "input", T.email, { type: "email", autocomplete: "email" }],
   ["body", "textarea", T.body, { rows: "5", required: "" }]].forEach(function (spec) {
    var id = "ykbd-" + spec[0];
    var wrap = el("p", { "class": "ykbd-field" });
    wrap.appendChild(el("label", { "for": id }, spec[2]));
    var input = el(spec[1], Object.assign({ id: id, name: spec[0] }, spec[3]));
    var error = el("span", { "class": "ykbd-error", id: id + "-error", role: "alert" });
    wrap.appendChild(input); wrap.appendChild(error); form.appendChild(wrap);
    fields[spec[0]] = { input: input, error: error, wrap: wrap };
  });
  var notifyWrap = el("p", { "class": "ykbd-notify" });
  var notify = el("input", { id: "ykbd-notify", name: "notify", type: "checkbox", value: "1" });
  notifyWrap.appendChild(notify); notifyWrap.appendChild(el("label", { "for": "ykbd-notify" }, T.notify));
  form.appendChild(notifyWrap);
  var trap = el("p", { "class": "ykbd-hp", "aria-hidden": "true" });
  trap.appendChild(el("label", { "for": "ykbd-website" }, T.honeypot));
  var website = el("input", { id: "ykbd-website", name: "website", type: "text", tabindex: "-1", autocomplete: "off" });
  trap.appendChild(website); form.appendChild(trap);
  var formToken = el("input", { type: "hidden", name: "form_token" });
  var parentInput = el("input", { type: "hidden", name: "parent_id" });
  form.appendChild(formToken); form.appendChild(parentInput);
  var send = el("button", { type: "submit", "class": "ykbd-send" }, T.send);
  var sendRow = el("p"); sendRow.appendChild(send); form.appendChild(sendRow);
  form.appendChild(el("p", { "class": "ykbd-note" }, T.note));
  var closed = el("p", { "class": "ykbd-closed", hidden: "" }, T.closed);
  var formHome = el("div", { "class": "ykbd-form-home" }); // where the form returns after a reply
  formHome.appendChild(form);
  [total, formHome, closed, status, tabs, list, more].forEach(function (node) { root.appendChild(node); });
  script.parentNode.insertBefore(root, script.nextSibling);

  // ---- "Báo vi phạm": a short list of reasons under each comment ---------------------
  function reportControl(c) {
    var wrap = el("div", { "class": "ykbd-report" });
    var toggle = el("button", { type: "button", "class": "ykbd-report-toggle", "aria-expanded": "false" }, T.report);
    var box = el("form", { "class": "ykbd-report-form", hidden: "" });
    var set = el("fieldset");
    set.appendChild(el("legend", {}, T.reportWhy));
    T.reportReasons.forEach(function (reason, i) {
      var label = el("label");
      var radio = el("input", { type: "radio", name: "reason", value: reason });
      if (i === 0) radio.checked = true;
      label.appendChild(radio); label.appendChild(document.createTextNode(" " + reason));
      set.appendChild(label);
    });
    box.appendChild(set);
    box.appendChild(el("button", { type: "submit", "class": "ykbd-report-send" }, T.reportSend));
    var said = el("p", { "class": "ykbd-report-said", role: "status" });
    toggle.addEventListener("click", function () {
      box.hidden = !box.hidden;
      toggle.setAttribute("aria-expanded", String(!box.hidden));
    });
    box.addEventListener("submit", function (event) {
      event.preventDefault();
      var chosen = box.querySelector("input[name=reason]:checked");
      fetch(base + "/api/v1/comments/" + c.id + "/reports", {
        method: "POST", credentials: "omit", headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ reason: chosen ? chosen.value : "" })
      }).then(function (r) { return r.json().then(function (body) { return { ok: r.ok, body: body }; }); })
        .then(function (answer) {
          said.textContent = answer.ok ? answer.body.message : answer.body.error.message;
          if (answer.ok) { box.remove(); toggle.remove(); }
        }, function () { said.textContent = T.failed; });
    });
    wrap.appendChild(toggle); wrap.appendChild(box); wrap.appendChild(said);
    return wrap;
  }

  // ---- rendering ---------------------------------------------------------------------
  var byId = {};
  var count = 0;
  function setTotal(n) { count = n; total.textContent = T.total + number.format(n); }

  function commentNode(c, held) {
    var node = el("article", { "class": "ykbd-comment" + (held ? " ykbd-held" : ""), id: held ? "" : "c" + c.id });
    if (held) node.setAttribute("data-held-id", String(c.id));
    var head = el("header");
    head.appendChild(el("strong", { "class": "ykbd-author" }, c.author));
    if (!held && c.staff) head.appendChild(el("span", { "class": "ykbd-staff" }, c.staff.badge));
    if (!held && c.featured) head.appendChild(el("span", { "class": "ykbd-pick" }, T.featured));
    if (held) head.appendChild(el("span", { "class": "ykbd-badge" }, T.held));
    else if (time && c.created_at) head.appendChild(el("time", { datetime: c.created_at }, time.format(new Date(c.created_at))));
    node.appendChild(head);
    var body = el("div", { "class": "ykbd-body" });
    if (held) body.textContent = c.body; else body.innerHTML = c.body_html; // sanitized by the server
    node.appendChild(body);
    if ((body.textContent || "").length > LONG_BODY) node.appendChild(folding(body));
    if (!held) {
      node.appendChild(likeButton(c));
      var replyButton = el("button", { type: "button", "class": "ykbd-reply" }, T.reply);
      replyButton.addEventListener("click", function () { replyTo(c, node); });
      node.appendChild(replyButton);
      node.appendChild(reportControl(c));
    }
    return node;
  }

  function folding(body) {
    body.classList.add("ykbd-folded");
    var toggle = el("button", { type: "button", "class": "ykbd-expand", "aria-expanded": "false" }, T.expand);
    toggle.addEventListener("click", function () {
      var open = body.classList.toggle("ykbd-folded") === false;
      toggle.setAttribute("aria-expanded", String(open));
      toggle.textContent = open ? T.collapse : T.expand;
    });
    return toggle;
  }

  // Optimistic: the count moves at once, and goes back if the server refuses or cannot be reached.
  function likeButton(c) {
    var liked = likedIds().indexOf(c.id) >= 0;
    var likes = c.likes || 0;
    var button = el("button", { type: "button", "class": "ykbd-like" });
    function paint() {
      button.setAttribute("aria-pressed", String(liked));
      button.textContent = T.like + (likes ? " · " + number.format(likes) : "");
    }
    paint();
    button.addEventListener("click", function () {
      var key = readerKey();
      if (!key) { say(T.likeFailed, "error"); return; }
      var before = { liked: liked, likes: likes };
      liked = !liked; likes = Math.max(0, likes + (liked ? 1 : -1)); paint();
      button.disabled = true;
      fetch(base + "/api/v1/comments/" + c.id + "/likes", {
        method: liked ? "POST" : "DELETE", credentials: "omit", headers: { "X-Reader-Key": key }
      }).then(function (r) {
        return r.json().then(function (body) { if (!r.ok) throw body; return body; });
      }).then(function (body) {
        liked = body.liked; likes = body.likes; setLiked(c.id, liked); paint();
      }).catch(function (body) {
        liked = before.liked; likes = before.likes; paint();
        say((body && body.error && body.error.message) || T.likeFailed, "error");
      }).then(function () { button.disabled = false; });
    });
    return button;
  }

  function addThread(c) {
    var thread = el("div", { "class": "ykbd-thread" });
    thread.appendChild(commentNode(c, false));
    var replies = el("div", { "class": "ykbd-replies" });
    (c.replies || []).forEach(function (r) { replies.appendChild(commentNode(r, false)); byId[r.id] = replies; });
    thread.appendChild(replies);
    byId[c.id] = replies;
    list.appendChild(thread);
  }

  function showHeld(item) {
    if (list.querySelector('[data-held-id="' + item.id + '"]')) return;
    var empty = list.querySelector(".ykbd-empty");
    if (empty) empty.remove();
    var node = commentNode(item, true);
    var replies = item.parent_id && byId[item.parent_id];
    if (replies) { replies.appendChild(node); return; }
    var thread = el("div", { "class": "ykbd-thread" }); thread.appendChild(node); list.appendChild(thread);
  }

  // Replying moves the one form under the comment, so a reader on a phone stays where they were reading.
  function replyTo(c, node) {
    parentInput.value = String(c.id);
    replyBox.textContent = T.replyingTo + c.author + " · ";
    var cancel = el("button", { type: "button", "class": "ykbd-cancel" }, T.cancel);
    cancel.addEventListener("click", function () { clearReply(); node.querySelector(".ykbd-reply").focus(); });
    replyBox.appendChild(cancel); replyBox.hidden = false;
    node.appendChild(form);
    fields.body.input.focus();
  }
  function clearReply() {
    parentInput.value = ""; replyBox.hidden = true; replyBox.textContent = "";
    if (form.parentNode !== formHome) formHome.appendChild(form);
  }
  function showClosed() { clearReply(); formHome.hidden = true; closed.hidden = false; }

  function say(text, kind) { status.textContent = text || ""; status.className = "ykbd-status" + (kind ? " ykbd-" + kind : ""); }

  // ---- loading -----------------------------------------------------------------------
  var view = null; // "top", "newest" or "featured"; null: the site's default order
  function viewQuery() {
    if (view === "featured") return "&tab=featured";
    return view ? "&sort=" + view : "";
  }
  function paintTabs(data) {
    var current = data.tab === "featured" ? "featured" : data.sort;
    Object.keys(tabButtons).forEach(function (name) {
      tabButtons[name].setAttribute("aria-pressed", String(name === current));
    });
    if (data.has_featured) tabButtons.featured.hidden = false;
  }
  function switchTo(name) {
    view = name;
    list.textContent = ""; byId = {}; more.hidden = true;
    loadPage().then(refreshHeld).catch(function () { say(T.loadFailed, "error"); });
  }

  // fresh: revalidate this browser's copy (If-None-Match) instead of using it unasked.
  function loadPage(cursor, fresh) {
    var url = api + "/comments?limit=50" + viewQuery() + (cursor ? "&cursor=" + encodeURIComponent(cursor) : "");
    return fetch(url, { credentials: "omit", cache: fresh ? "no-cache" : "default" }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.json();
    }).then(function (data) {
      setTotal(data.count || 0);
      paintTabs(data);
      if (data.open === false) showClosed();
      (data.comments || []).forEach(addThread);
      if (!cursor && !(data.comments || []).length) list.appendChild(el("p", { "class": "ykbd-empty" }, T.empty));
      more.hidden = !data.next;
      more.onclick = function () { loadPage(data.next).catch(function () { say(T.loadFailed, "error"); }); };
    });
  }

  // The reader starts writing: get a render time, so the comment is timed from now. A token
  // fetched at the moment of sending would prove a too-fast form, so a comment sent before
  // one arrives (or with one too old to count) goes without it: untimed, never trapped.
  var fetchingToken = null, tokenAt = 0;
  function tokenIsOld() { return formToken.value && Date.now() - tokenAt > TOKEN_MAX_MS; }
  function fetchToken() {
    if (tokenIsOld()) formToken.value = "";
    if (formToken.value || fetchingToken) return;
    var asked = Date.now();
    fetchingToken = fetch(siteApi + "/form-token", { credentials: "omit", cache: "no-store" })
      .then(function (r) { return r.ok ? r.json() : null; })
      .then(function (data) {
        if (data && data.form_token && !formToken.value) { formToken.value = data.form_token; tokenAt = asked; }
      })
      .catch(function () { /* still offline: the comment is sent untimed */ })
      .then(function () { fetchingToken = null; });
  }
  form.addEventListener("focusin", fetchToken);

  function refreshHeld() {
    var held = loadHeld();
    saveHeld(held);
    if (!held.length) return Promise.resolve();
    held.forEach(showHeld); // shown at once; the answer below removes what was decided
    return fetch(api + "/comments/status", {
      method: "POST", credentials: "omit", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ keys: held.map(function (i) { return i.key; }) })
    }).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data || !data.comments) return;
      var still = held.filter(function (i) { var s = data.comments[i.key]; return s && s.status === "pending"; });
      // Published since, but this browser's copy of the thread (kept up to max-age) predates it: ask again.
      var published = held.filter(function (i) {
        var s = data.comments[i.key]; return s && s.status === "approved" && !list.querySelector("#c" + i.id);
      });
      held.filter(function (i) { return still.indexOf(i) < 0; }).forEach(function (i) {
        var node = list.querySelector('[data-held-id="' + i.id + '"]');
        if (node) node.remove();
      });
      saveHeld(still);
      if (published.length) {
        list.textContent = ""; byId = {};
        return loadPage(null, true).then(function () { still.forEach(showHeld); });
      }
    }).catch(function () { /* offline: keep showing them as held */ });
  }

  // ---- sending -----------------------------------------------------------------------
  var attempt = null; // {key, signature}: reused while the same comment is retried
  function clearErrors() {
    Object.keys(fields).forEach(function (name) {
      fields[name].error.textContent = ""; fields[name].input.removeAttribute("aria-invalid");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    clearErrors();
    var data = { author: fields.author.input.value, email: fields.email.input.value, body: fields.body.input.value,
                 website: website.value, parent_id: parentInput.value || null };
    if (notify.checked) data.notify = true;
    if (formToken.value && !tokenIsOld()) data.form_token = formToken.value;
    else fetchToken(); // for the next comment; this one goes untimed
    if (script.getAttribute("data-title")) data.title = script.getAttribute("data-title");
    if (script.getAttribute("data-url")) data.url = script.getAttribute("data-url");
    var signature = JSON.stringify([data.author, data.email, data.body, data.parent_id]);
    if (!attempt || attempt.signature !== signature) attempt = { key: newKey(), signature: signature };
    var key = attempt.key;
    send.disabled = true; send.textContent = T.sending;
    fetch(api + "/comments", {
      method: "POST", credentials: "omit",
      headers: { "Content-Type": "application/json", "Idempotency-Key": key }, body: JSON.stringify(data)
    }).then(function (r) {
      return r.json().catch(function () { return {}; }).then(function (body) { return { r: r, body: body }; });
    }).then(function (answer) {
      var r = answer.r, body = answer.body || {};
      if (r.status === 202 && body.status === "rejected") {
        // Refused by a word rule: the text stays so the reader can fix it.
        attempt = null;
        fields.body.error.textContent = body.message || T.failed;
        fields.body.input.setAttribute("aria-invalid", "true");
        say(body.message, "error");
        fields.body.input.focus();
        return;
      }
      if (r.status === 202) {
        attempt = null;
        say(body.message, "ok");
        if (body.status === "pending") {
          var item = { key: key, id: body.id, author: data.author.trim(), body: data.body.trim(),
                       parent_id: data.parent_id ? Number(data.parent_id) : null, at: Date.now() };
          var held = loadHeld().filter(function (i) { return i.id !== item.id; });
          held.push(item); saveHeld(held); showHeld(item);
        } else if (body.status === "approved") {
          list.textContent = ""; byId = {}; loadPage().then(refreshHeld).catch(function () {});
        }
        fields.body.input.value = ""; clearReply();
        formToken.value = ""; fetchToken(); // the next comment is timed from now
        return;
      }
      var error = body.error || {};
      if (r.status === 429) {
        var wait = r.headers.get("Retry-After");
        say(error.message || (wait && /^\d+$/.test(wait) ? T.tooManyIn.replace("{s}", wait) : T.tooMany), "error");
        return;
      }
      var names = Object.keys(error.fields || {});
      names.forEach(function (name) {
        if (fields[name]) { fields[name].error.textContent = error.fields[name]; fields[name].input.setAttribute("aria-invalid", "true"); }
      });
      var general = names.filter(function (name) { return !fields[name]; }).map(function (name) { return error.fields[name]; });
      say(general.length ? general.join(" ") : (error.message || T.failed), "error");
    }).catch(function () {
      say(T.network, "error"); // the key is kept: sending again cannot post twice
    }).then(function () { send.disabled = false; send.textContent = T.send; });
  });

  // ---- styles (scoped to the section) ------------------------------------------------
  var style = el("style", {}, [
    ".ykbd-embed{font:16px/1.55 Arial,'Helvetica Neue',sans-serif;color:#222;max-width:720px}",
    ".ykbd-embed h2{font-size:1.25rem;border-bottom:2px solid #9f224e;padding-bottom:6px}",
    ".ykbd-total,.ykbd-note{color:#666}.ykbd-note{font-size:.875rem}",
    ".ykbd-field{display:flex;flex-direction:column;margin:0 0 10px}",
    ".ykbd-field input,.ykbd-field textarea{font:inherit;padding:8px;border:1px solid #ccc;border-radius:4px}",
    ".ykbd-field [aria-invalid=true]{border-color:#b3261e}.ykbd-error{color:#b3261e;font-size:.9rem}",
    ".ykbd-send{background:#9f224e;color:#fff;border:0;padding:9px 18px;border-radius:4px;font:inherit;cursor:pointer}",
    ".ykbd-hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}",
    ".ykbd-status:empty{display:none}.ykbd-status{padding:8px 12px;border-radius:4px;margin:8px 0}",
    ".ykbd-ok{background:#e8f5ec;color:#1b7f3b}.ykbd-error.ykbd-status{background:#fdecea;color:#b3261e}",
    ".ykbd-comment{border-top:1px solid #e5e5e5;padding:10px 0}.ykbd-comment header{display:flex;gap:10px;align-items:baseline}",
    ".ykbd-comment time{color:#666;font-size:.85rem}.ykbd-body{overflow-wrap:anywhere}.ykbd-body p{margin:4px 0}",
    ".ykbd-held .ykbd-body{white-space:pre-wrap;color:#555}.ykbd-badge{background:#fff4d6;color:#7a5a00;font-size:.8rem;padding:1px 6px;border-radius:3px}",
    ".ykbd-replies{margin-left:28px;border-left:2px solid #e5e5e5;padding-left:12px}.ykbd-replies:empty{display:none}",
    // 24px targets at least (WCAG 2.2, 2.5.8).
    ".ykbd-reply,.ykbd-cancel,.ykbd-more{background:none;border:0;color:#9f224e;cursor:pointer;padding:2px 4px;font:inherit;",
    "font-size:.875rem;min-height:24px;min-width:24px;display:inline-flex;align-items:center}",
    ".ykbd-comment .ykbd-form{margin:8px 0 0 28px}.ykbd-closed{color:#666;font-style:italic}",
    ".ykbd-tabs{display:flex;gap:4px;margin:12px 0 4px;border-bottom:1px solid #e5e5e5}",
    ".ykbd-tab{background:none;border:0;border-bottom:2px solid transparent;padding:6px 10px;font:inherit;cursor:pointer;color:#444;min-height:24px}",
    ".ykbd-tab[aria-pressed=true]{border-bottom-color:#9f224e;color:#9f224e;font-weight:bold}",
    ".ykbd-like{background:none;border:0;color:#444;cursor:pointer;padding:2px 4px;font:inherit;font-size:.875rem;min-height:24px}",
    ".ykbd-like[aria-pressed=true]{color:#9f224e;font-weight:bold}",
    ".ykbd-staff{background:#9f224e;color:#fff;font-size:.75rem;padding:1px 6px;border-radius:3px}",
    ".ykbd-pick{background:#e8f0fe;color:#1a4fa0;font-size:.75rem;padding:1px 6px;border-radius:3px}",
    ".ykbd-folded{max-height:9.5em;overflow:hidden}.ykbd-expand{background:none;border:0;color:#9f224e;cursor:pointer;padding:2px 4px;font:inherit;font-size:.875rem;min-height:24px}",
    ".ykbd-report{display:inline-block;margin-left:12px}.ykbd-report-toggle{background:none;border:0;color:#666;cursor:pointer;padding:0;font:inherit;font-size:.875rem;min-height:24px}",
    ".ykbd-report-form fieldset{border:0;padding:0;margin:6px 0;display:flex;flex-direction:column}.ykbd-report-said:empty{display:none}.ykbd-report-said{font-size:.875rem;color:#1b7f3b}"
  ].join(""));
  root.insertBefore(style, root.firstChild);

  loadPage().then(refreshHeld).catch(function () {
    total.textContent = T.total + T.unknown;
    say(T.loadFailed, "error"); fetchToken(); refreshHeld();
  });
})();
