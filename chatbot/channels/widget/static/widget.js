/* Guideline chatbot widget: plain JS, no dependencies, no external requests except to the API origin.
 *
 * One script tag embeds it in any page:
 *   <script src="https://chatbot.example.org/widget.js"></script>
 * The API is called at the origin this script was loaded from (document.currentScript.src), so the
 * service must list the embedding page's origin in its CORS settings (cors_origins).
 * data-mode="page" (the full-page chat at /) or "glance" (/glance) mount into #gcw-root instead of
 * opening a floating panel. data-api-key sends "Authorization: Bearer <key>" (only for private pages).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || !script.src) { return; }
  if (window.__gcwLoaded) { return; }
  window.__gcwLoaded = true;

  var API = new URL(script.src, window.location.href).origin;
  var MODE = script.getAttribute("data-mode") || "embed";
  var API_KEY = script.getAttribute("data-api-key");
  var STORE = "gcw:" + API + ":";
  var MAX_HISTORY = 60;
  var uid = 0;

  // --- Small helpers -------------------------------------------------------------------------------

  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    if (attrs) {
      Object.keys(attrs).forEach(function (key) {
        var value = attrs[key];
        if (value === null || value === undefined || value === false) { return; }
        if (key === "class") { node.className = value; }
        else if (key === "text") { node.textContent = value; }
        else if (key.slice(0, 2) === "on") { node.addEventListener(key.slice(2), value); }
        else { node.setAttribute(key, value === true ? "" : String(value)); }
      });
    }
    (children || []).forEach(function (child) {
      if (child === null || child === undefined || child === false) { return; }
      node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
    });
    return node;
  }

  var SVG_NS = "http://www.w3.org/2000/svg";
  // Icons as inline SVG (no emoji: they need a colour-emoji font the machine may not have).
  // The thumb is the Material Design "thumb_up" path (Apache License 2.0).
  var ICONS = {
    thumb: "M1 21h4V9H1v12zm22-11c0-1.1-.9-2-2-2h-6.31l.95-4.57.03-.32c0-.41-.17-.79-.44-1.06L14.17 1 7.59 7.59C7.22 7.95 7 8.45 7 9v10c0 1.1.9 2 2 2h9c.83 0 1.54-.5 1.84-1.22l3.02-7.05c.09-.23.14-.47.14-.73v-2z",
    chat: "M4 3h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V5a2 2 0 0 1 2-2z",
  };

  function icon(name, flip) {
    var svg = document.createElementNS(SVG_NS, "svg");
    svg.setAttribute("viewBox", "0 0 24 24");
    svg.setAttribute("width", "18");
    svg.setAttribute("height", "18");
    svg.setAttribute("aria-hidden", "true");
    svg.setAttribute("focusable", "false");
    svg.setAttribute("class", "gcw-icon");
    if (flip) { svg.setAttribute("transform", "rotate(180)"); }
    var path = document.createElementNS(SVG_NS, "path");
    path.setAttribute("d", ICONS[name]);
    path.setAttribute("fill", "currentColor");
    svg.appendChild(path);
    return svg;
  }

  function nextId(prefix) { uid += 1; return "gcw-" + prefix + "-" + uid; }

  function words(value) { return value ? String(value).replace(/_/g, " ") : "unknown"; }

  function load(key, fallback) {
    try {
      var raw = window.localStorage.getItem(STORE + key);
      return raw === null ? fallback : JSON.parse(raw);
    } catch (e) { return fallback; }
  }

  function save(key, value) {
    try {
      if (value === null) { window.localStorage.removeItem(STORE + key); }
      else { window.localStorage.setItem(STORE + key, JSON.stringify(value)); }
    } catch (e) { /* storage full or disabled: the conversation still works, it just won't survive a reload */ }
  }

  function ensureCss() {
    if (document.querySelector("link[data-gcw-css]")) { return; }
    document.head.appendChild(el("link", {rel: "stylesheet", href: API + "/widget.css", "data-gcw-css": true}));
  }

  // --- The API -------------------------------------------------------------------------------------

  function ApiError(message, status, code, retryAfter) {
    this.message = message;
    this.status = status || 0;
    this.code = code || null;
    this.retryAfter = retryAfter || null;
  }

  function api(path, body) {
    var headers = {"Accept": "application/json"};
    if (body !== undefined) { headers["Content-Type"] = "application/json"; }
    if (API_KEY) { headers.Authorization = "Bearer " + API_KEY; }
    var init = {method: body === undefined ? "GET" : "POST", headers: headers, mode: "cors", credentials: "omit"};
    if (body !== undefined) { init.body = JSON.stringify(body); }
    return fetch(API + path, init).then(function (response) {
      if (response.ok) { return response.json(); }
      return response.text().then(function (text) {
        var detail = null;
        try { detail = JSON.parse(text).error || null; } catch (e) { detail = null; }
        var code = detail && detail.code;
        var serverMessage = detail && detail.message ? detail.message : "";
        var hint = detail && detail.hint ? " (" + detail.hint + ")" : "";
        if (response.status === 429) {
          var retry = parseInt(response.headers.get("Retry-After") || "", 10);
          var wait = isFinite(retry) && retry > 0 ? "Please wait " + retry + " second" + (retry === 1 ? "" : "s") + " and try again." : "Please wait a moment and try again.";
          throw new ApiError("Too many requests. " + wait, 429, code || "rate_limited", isFinite(retry) ? retry : null);
        }
        if (serverMessage) {
          throw new ApiError("The service could not answer: " + serverMessage + hint + ".", response.status, code);
        }
        throw new ApiError("The service returned an error (HTTP " + response.status + "). Please try again later.", response.status, code);
      });
    }, function () {
      throw new ApiError("Could not reach the guideline service. Check your connection and try again.", 0, "network");
    });
  }

  // --- Badges and cards ----------------------------------------------------------------------------

  // The loaded packs' guidelines (id -> name) and what to ask about, from GET /v1/packs.
  var GUIDELINES = {};
  var packsLoaded = null;

  function loadPacks() {
    if (!packsLoaded) {
      packsLoaded = api("/v1/packs").then(function (body) {
        var packs = body.packs || [];
        packs.forEach(function (pack) {
          Object.keys(pack.parts || {}).forEach(function (id) {
            var name = pack.parts[id];
            GUIDELINES[id] = name.charAt(0).toUpperCase() + name.slice(1);
          });
        });
        return packs;
      }, function () { return []; });
    }
    return packsLoaded;
  }
  var KINDS = {recommendation: "Recommendation", good_practice_statement: "Good practice statement", research_only: "Research only"};
  var DIRECTIONS = {"for": "For", against: "Against", individualized: "Individualized", research_only: "Research only", unknown: "Direction not reported"};

  function badge(kind, value, label) {
    var text = label + ": " + words(value);
    return el("span", {"class": "gcw-badge gcw-" + kind + "-" + String(value || "unknown").replace(/[^a-z0-9_-]/gi, ""), text: text});
  }

  function badges(rec) {
    return el("div", {"class": "gcw-badges"}, [
      el("span", {"class": "gcw-badge gcw-direction-" + (rec.direction || "unknown"), text: DIRECTIONS[rec.direction] || ("Direction: " + words(rec.direction))}),
      badge("strength", rec.strength, "Strength"),
      badge("certainty", rec.certainty, "Certainty"),
      rec.status ? badge("status", rec.status, "Status") : null,
    ]);
  }

  function recCard(rec, extra) {
    var heading = (GUIDELINES[rec.guideline] || words(rec.guideline)) + (rec.number ? " #" + rec.number : "") +
      " · " + (KINDS[rec.kind] || words(rec.kind));
    var population = rec.population && rec.population.description;
    return el("article", {"class": "gcw-rec", "data-rec-id": rec.id, "aria-label": rec.title || rec.id}, [
      el("p", {"class": "gcw-rec-meta", text: heading}),
      el("h3", {"class": "gcw-rec-title", text: rec.title || rec.id}),
      badges(rec),
      population ? el("p", {"class": "gcw-rec-line"}, [el("strong", {text: "Population: "}), population]) : null,
      rec.intervention ? el("p", {"class": "gcw-rec-line"}, [el("strong", {text: "Intervention: "}), rec.intervention]) : null,
      rec.comparator ? el("p", {"class": "gcw-rec-line"}, [el("strong", {text: "Comparator: "}), rec.comparator]) : null,
      el("p", {"class": "gcw-rec-id"}, [el("code", {text: rec.id}),
        rec.confidence ? " · reporting confidence: " + words(rec.confidence) : ""]),
      extra || null,
    ]);
  }

  // --- The chat ------------------------------------------------------------------------------------

  function Chat(root, options) {
    this.root = root;
    this.options = options || {};
    this.session = load("session", null);
    this.history = load("history", []);
    this.busy = false;
    this.build();
    this.restore();
  }

  Chat.prototype.build = function () {
    var self = this;
    var inputId = nextId("input");
    var hintId = nextId("hint");
    this.log = el("div", {"class": "gcw-log", role: "log", "aria-live": "polite", "aria-relevant": "additions",
      "aria-label": "Conversation", tabindex: "0"});
    this.status = el("p", {"class": "gcw-status", role: "status", "aria-live": "polite"});
    this.input = el("textarea", {id: inputId, "class": "gcw-input", rows: "2", maxlength: "4000",
      "aria-describedby": hintId, placeholder: "e.g. Should a 19 year old with newly diagnosed ALL get a pediatric regimen?",
      onkeydown: function (event) {
        if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
          event.preventDefault();
          self.submit();
        }
      }});
    this.send = el("button", {type: "submit", "class": "gcw-send", text: "Send"});
    this.form = el("form", {"class": "gcw-form", "aria-label": "Ask a question", onsubmit: function (event) {
      event.preventDefault();
      self.submit();
    }}, [
      el("label", {"for": inputId, "class": "gcw-label", text: "Your question"}),
      el("div", {"class": "gcw-form-row"}, [this.input, this.send]),
      el("p", {id: hintId, "class": "gcw-hint", text: "Enter sends, Shift+Enter adds a line."}),
    ]);
    var headerButtons = [el("button", {type: "button", "class": "gcw-ghost", text: "New chat", title: "Start a new conversation",
      onclick: function () { self.reset(); }})];
    if (this.options.onClose) {
      headerButtons.push(el("button", {type: "button", "class": "gcw-ghost gcw-close", "aria-label": "Close the chat",
        text: "×", onclick: this.options.onClose}));
    }
    var subtitle = el("p", {"class": "gcw-subtitle", text: ""});
    loadPacks().then(function (packs) { subtitle.textContent = packs.map(function (pack) { return pack.title; }).join(" · "); });
    this.root.appendChild(el("div", {"class": "gcw-chat"}, [
      el("div", {"class": "gcw-header"}, [
        el("div", {}, [
          el("h2", {"class": "gcw-title", id: this.options.titleId || null, text: "Guideline chatbot"}),
          subtitle,
        ]),
        el("div", {"class": "gcw-header-buttons"}, headerButtons),
      ]),
      el("p", {"class": "gcw-disclaimer", text: "Answers quote the loaded guideline text with citations. Each quote says whether it " +
        "comes from the official publication or from this project's unofficial digest. Not a substitute for clinical judgement."}),
      this.log,
      this.status,
      this.form,
    ]));
  };

  Chat.prototype.focus = function () { this.input.focus(); };

  Chat.prototype.persist = function () {
    if (this.history.length > MAX_HISTORY) { this.history = this.history.slice(-MAX_HISTORY); }
    save("history", this.history);
    save("session", this.session);
  };

  Chat.prototype.restore = function () {
    var self = this;
    loadPacks();
    if (!this.history.length) {
      var welcome = el("p", {text: "Ask about the loaded guidelines."});
      this.log.appendChild(el("div", {"class": "gcw-msg gcw-system"}, [welcome]));
      loadPacks().then(function (packs) {
        if (packs.length) { welcome.textContent = packs.map(function (pack) { return pack.welcome; }).join(" "); }
      });
      return;
    }
    this.log.setAttribute("aria-busy", "true");
    this.history.forEach(function (entry) { self.render(entry); });
    this.log.removeAttribute("aria-busy");
    this.scroll();
  };

  Chat.prototype.reset = function () {
    this.session = null;
    this.history = [];
    this.persist();
    this.log.textContent = "";
    this.restore();
    this.status.textContent = "Started a new conversation.";
    this.focus();
  };

  Chat.prototype.scroll = function () {
    var last = this.log.lastElementChild;
    if (this.options.floating || this.log.scrollHeight > this.log.clientHeight) {
      this.log.scrollTop = this.log.scrollHeight;
    }
    if (last && last.scrollIntoView && !this.options.floating) { last.scrollIntoView({block: "nearest"}); }
  };

  Chat.prototype.add = function (entry) {
    this.history.push(entry);
    this.persist();
    var node = this.render(entry);
    this.scroll();
    return node;
  };

  Chat.prototype.render = function (entry) {
    var node;
    if (entry.type === "user") {
      node = el("div", {"class": "gcw-msg gcw-user"}, [el("p", {"class": "gcw-visually-hidden", text: "You asked:"}),
        el("p", {"class": "gcw-text", text: entry.text})]);
    } else if (entry.type === "reply") {
      node = this.renderReply(entry);
    } else {
      node = el("div", {"class": "gcw-msg gcw-error", role: "alert"}, [el("p", {text: entry.text})]);
    }
    this.log.appendChild(node);
    return node;
  };

  Chat.prototype.submit = function (text) {
    var question = (text === undefined ? this.input.value : text).trim();
    if (!question || this.busy) { return; }
    if (text === undefined) { this.input.value = ""; }
    this.ask(question, true);
  };

  Chat.prototype.ask = function (question, showQuestion) {
    var self = this;
    if (showQuestion) { this.add({type: "user", text: question}); }
    this.setBusy(true);
    var sentSession = this.session;
    return api("/v1/chat", {message: question, session_id: sentSession}).then(function (reply) {
      self.session = reply.session_id || self.session;
      self.add({type: "reply", reply: slim(reply), rating: null});
      self.status.textContent = "Answer received.";
    }, function (error) {
      if (error.status === 404 && sentSession) {  // the session expired on the server: start a new one
        self.session = null;
        self.persist();
        self.status.textContent = "The previous conversation expired; starting a new one.";
        return self.ask(question, false);
      }
      self.add({type: "error", text: error.message});
      self.status.textContent = "";
      if (error.retryAfter) { self.cooldown(Math.min(error.retryAfter, 120)); }
      return null;
    }).then(function () { self.setBusy(false); });
  };

  Chat.prototype.setBusy = function (busy) {
    this.busy = busy;
    this.send.disabled = busy || !!this.cooling;
    this.log.setAttribute("aria-busy", busy ? "true" : "false");
    if (busy) { this.status.textContent = "Searching the guidelines…"; }
  };

  Chat.prototype.cooldown = function (seconds) {
    var self = this;
    this.cooling = true;
    this.send.disabled = true;
    window.setTimeout(function () { self.cooling = false; self.send.disabled = self.busy; }, seconds * 1000);
  };

  function slim(reply) {  // what the history keeps: everything the view shows, not the retrieval trace
    var copy = {};
    ["answer_id", "session_id", "question", "resolved_question", "status", "summary", "quotes", "recommendations",
      "guard", "follow_ups", "clarification_options", "closest_topics", "uncovered", "corpus_version"].forEach(function (key) {
      if (reply[key] !== undefined) { copy[key] = reply[key]; }
    });
    return copy;
  }

  var STATUS_LABELS = {
    answered: null,
    not_found: "Not found in the loaded guideline text",
    out_of_scope: "Outside the scope of these guidelines",
    needs_clarification: "Please clarify",
  };

  Chat.prototype.renderReply = function (entry) {
    var self = this;
    var reply = entry.reply;
    var children = [el("p", {"class": "gcw-visually-hidden", text: "The chatbot answered:"})];
    var statusLabel = STATUS_LABELS[reply.status];
    if (statusLabel) { children.push(el("p", {"class": "gcw-reply-status gcw-reply-" + reply.status, text: statusLabel})); }
    if (reply.resolved_question && reply.question && reply.resolved_question !== reply.question) {
      children.push(el("p", {"class": "gcw-resolved", text: "Understood as: " + reply.resolved_question}));
    }
    children.push(el("p", {"class": "gcw-summary", text: reply.summary || ""}));
    if (reply.uncovered && reply.uncovered.length) {
      children.push(el("p", {"class": "gcw-uncovered", text: "Not addressed by the loaded guidelines: " + reply.uncovered.join("; ")}));
    }
    var related = reply.status === "answered" ? [] : (reply.closest_topics || []);
    if (related.length) {
      children.push(el("div", {"class": "gcw-related", role: "note", "aria-label": "Related, not an answer"}, [
        el("p", {"class": "gcw-related-title", text: "Related, not an answer:"}),
        el("ul", {}, related.map(function (topic) { return el("li", {text: topic}); })),
      ]));
    }
    var guard = reply.guard || {};
    if (guard.verdict === "warn" || guard.verdict === "fail") {
      children.push(el("div", {"class": "gcw-guard gcw-guard-" + guard.verdict, role: "note",
        "aria-label": "Guard " + (guard.verdict === "fail" ? "failure" : "warning")}, [
        el("p", {"class": "gcw-guard-title", text: guard.verdict === "fail"
          ? "Check failed: parts of this answer disagree with the recommendation set"
          : "Caution: the rules guard flagged this answer"}),
        el("ul", {}, (guard.findings || []).map(function (finding) {
          return el("li", {}, [el("code", {text: finding.kind}), " ", finding.message]);
        })),
      ]));
    }
    var quotes = reply.quotes || [];
    if (quotes.length) {
      children.push(el("div", {"class": "gcw-quotes", role: "group", "aria-label": "Quotes from the guideline text"},
        quotes.map(function (quote, index) { return self.renderQuote(quote, index); })));
    }
    var recs = reply.recommendations || [];
    if (recs.length) {
      children.push(el("div", {"class": "gcw-recs", role: "group", "aria-label": "Matching recommendations"},
        recs.map(function (rec) { return recCard(rec); })));
    }
    children.push(this.buttons(reply.clarification_options, "gcw-clarify", "Which did you mean?"));
    children.push(this.buttons(reply.follow_ups, "gcw-followups", "Suggested follow-ups"));
    children.push(this.feedback(entry));
    return el("article", {"class": "gcw-msg gcw-bot", "data-answer-id": reply.answer_id, "aria-label": "Answer"}, children);
  };

  Chat.prototype.renderQuote = function (quote, index) {
    var self = this;
    var official = quote.document_kind === "official";
    var contextId = nextId("context");
    var context = el("div", {"class": "gcw-context", id: contextId, hidden: true});
    var button = el("button", {type: "button", "class": "gcw-link gcw-context-button", "aria-expanded": "false",
      "aria-controls": contextId, text: "Show in context"});
    button.addEventListener("click", function () { self.toggleContext(quote, button, context); });
    var sourceButton = el("button", {type: "button", "class": "gcw-link gcw-source-button", "aria-haspopup": "dialog",
      text: "Show in source"});
    sourceButton.addEventListener("click", function () { viewer().openQuote(quote, sourceButton); });
    var chips = [
      el("span", {"class": "gcw-chip " + (official ? "gcw-chip-official" : "gcw-chip-digest"),
        text: official ? "Official publication" : (quote.document_kind === "added" ? "Added document" : "Unofficial digest")}),
      el("span", {"class": "gcw-chip gcw-chip-doc", text: quote.document_title}),
      quote.section ? el("span", {"class": "gcw-chip gcw-chip-section", text: "§ " + quote.section}) : null,
      quote.page !== null && quote.page !== undefined ? el("span", {"class": "gcw-chip gcw-chip-page", text: "p. " + quote.page}) : null,
      quote.recommendation_id ? el("span", {"class": "gcw-chip gcw-chip-rec", text: quote.recommendation_id}) : null,
      quote.verified === false ? el("span", {"class": "gcw-chip gcw-chip-unverified", text: "not verified"}) : null,
    ];
    return el("figure", {"class": "gcw-quote" + (official ? " gcw-quote-official" : " gcw-quote-digest"), "data-quote-index": index}, [
      el("blockquote", {"class": "gcw-quote-text", text: quote.text}),
      el("figcaption", {"class": "gcw-cite", "aria-label": "Citation"}, chips),
      el("div", {"class": "gcw-quote-actions"}, [sourceButton, button]),
      context,
    ]);
  };

  Chat.prototype.toggleContext = function (quote, button, context) {
    if (button.getAttribute("aria-expanded") === "true") {
      context.hidden = true;
      button.setAttribute("aria-expanded", "false");
      button.textContent = "Show in context";
      return;
    }
    button.setAttribute("aria-expanded", "true");
    button.textContent = "Hide context";
    context.hidden = false;
    if (context.getAttribute("data-loaded")) { return; }
    context.textContent = "Loading the surrounding text…";
    var path = "/v1/documents/" + encodeURIComponent(quote.document_id) + "/context?start=" +
      encodeURIComponent(quote.char_start) + "&end=" + encodeURIComponent(quote.char_end);
    api(path).then(function (body) {
      context.textContent = "";
      context.setAttribute("data-loaded", "1");
      context.appendChild(el("p", {"class": "gcw-context-text"}, [
        el("span", {"class": "gcw-before", text: (body.before ? "…" : "") + body.before}),
        el("mark", {"class": "gcw-context-quote", text: body.quote}),
        el("span", {"class": "gcw-after", text: body.after + (body.after ? "…" : "")}),
      ]));
      var where = [body.title, body.section ? "§ " + body.section : null, body.page ? "p. " + body.page : null]
        .filter(Boolean).join(" · ");
      context.appendChild(el("p", {"class": "gcw-context-cite", text: where}));
    }, function (error) {
      context.textContent = "";
      context.appendChild(el("p", {"class": "gcw-error-inline", role: "alert", text: error.message}));
    });
  };

  Chat.prototype.buttons = function (items, cls, label) {
    var self = this;
    if (!items || !items.length) { return null; }
    return el("div", {"class": "gcw-options " + cls, role: "group", "aria-label": label}, [
      el("p", {"class": "gcw-options-label", text: label}),
    ].concat(items.map(function (item) {
      return el("button", {type: "button", "class": "gcw-option", text: item, onclick: function () { self.submit(item); }});
    })));
  };

  Chat.prototype.feedback = function (entry) {
    var self = this;
    var answerId = entry.reply.answer_id;
    var note = el("span", {"class": "gcw-feedback-note", role: "status"});
    var up = el("button", {type: "button", "class": "gcw-thumb gcw-thumb-up", "aria-label": "Thumbs up: helpful answer",
      title: "Helpful", "aria-pressed": entry.rating === "up" ? "true" : "false"}, [icon("thumb")]);
    var down = el("button", {type: "button", "class": "gcw-thumb gcw-thumb-down", "aria-label": "Thumbs down: unhelpful answer",
      title: "Not helpful", "aria-pressed": entry.rating === "down" ? "true" : "false"}, [icon("thumb", true)]);
    if (entry.rating) { note.textContent = "Thanks for your feedback."; }
    // Thumbs down first asks what was wrong (optional): the rating and the comment are sent together.
    var comment = el("textarea", {"class": "gcw-comment-text", rows: 2, maxlength: 4000,
      "aria-label": "What was wrong with this answer? (optional)", placeholder: "What was wrong? (optional)"});
    var box = el("form", {"class": "gcw-comment", hidden: true, "aria-label": "Comment on this answer"}, [
      comment,
      el("div", {"class": "gcw-comment-actions"}, [
        el("button", {type: "submit", "class": "gcw-comment-send", text: "Send feedback"}),
        el("button", {type: "button", "class": "gcw-ghost gcw-comment-cancel", text: "Cancel",
          onclick: function () { box.hidden = true; down.focus(); }}),
      ]),
    ]);
    function rate(rating, text) {
      if (!answerId) { return; }
      up.disabled = down.disabled = true;
      note.textContent = "Sending feedback…";
      var body = {answer_id: answerId, rating: rating};
      if (text) { body.comment = text; }
      api("/v1/feedback", body).then(function () {
        entry.rating = rating;
        self.persist();
        box.hidden = true;
        up.setAttribute("aria-pressed", rating === "up" ? "true" : "false");
        down.setAttribute("aria-pressed", rating === "down" ? "true" : "false");
        note.textContent = "Thanks for your feedback.";
      }, function (error) {
        note.textContent = "Feedback not sent: " + error.message;
      }).then(function () { up.disabled = down.disabled = false; });
    }
    up.addEventListener("click", function () { box.hidden = true; rate("up"); });
    down.addEventListener("click", function () { box.hidden = false; note.textContent = ""; comment.focus(); });
    box.addEventListener("submit", function (event) { event.preventDefault(); rate("down", comment.value.trim()); });
    comment.addEventListener("keydown", function (event) {
      if (event.key === "Escape") { event.stopPropagation(); box.hidden = true; down.focus(); }
    });
    return el("div", {"class": "gcw-feedback", role: "group", "aria-label": "Rate this answer"}, [
      el("span", {"class": "gcw-feedback-label", text: "Was this helpful?"}), up, down, note, box,
    ]);
  };

  // --- The source viewer: the cited page with the quote's boxes, or the section of a text document ---

  function documentPath(documentId) { return "/v1/documents/" + encodeURIComponent(documentId); }

  function imageUrl(path) {  // a URL an <img> can show: direct, or (with an API key) fetched and inlined as data:
    if (!API_KEY) { return Promise.resolve(API + path); }
    return fetch(API + path, {headers: {Authorization: "Bearer " + API_KEY}, mode: "cors", credentials: "omit"})
      .then(function (response) {
        if (!response.ok) { throw new ApiError("The page image could not be loaded (HTTP " + response.status + ").", response.status); }
        return response.blob();
      }).then(function (blob) {
        return new Promise(function (resolve) {
          var reader = new FileReader();
          reader.onload = function () { resolve(reader.result); };
          reader.readAsDataURL(blob);
        });
      });
  }

  function Viewer() {
    var self = this;
    var titleId = nextId("viewer-title");
    this.title = el("h2", {"class": "gcw-viewer-title", id: titleId});
    this.where = el("p", {"class": "gcw-viewer-where"});
    this.prev = el("button", {type: "button", "class": "gcw-ghost gcw-prev", text: "‹ Previous page",
      onclick: function () { self.step(-1); }});
    this.next = el("button", {type: "button", "class": "gcw-ghost gcw-next", text: "Next page ›",
      onclick: function () { self.step(1); }});
    this.download = el("a", {"class": "gcw-ghost gcw-download", target: "_blank", rel: "noopener", text: "Open the PDF"});
    this.closeButton = el("button", {type: "button", "class": "gcw-ghost gcw-close", "aria-label": "Close the source view",
      text: "×", onclick: function () { self.close(); }});
    this.body = el("div", {"class": "gcw-viewer-body", tabindex: "0", role: "region", "aria-label": "Source"});
    this.status = el("p", {"class": "gcw-viewer-status", role: "status", "aria-live": "polite"});
    this.box = el("div", {"class": "gcw-viewer-box"}, [
      el("div", {"class": "gcw-viewer-head"}, [
        el("div", {"class": "gcw-viewer-heading"}, [this.title, this.where]),
        this.closeButton,
      ]),
      el("div", {"class": "gcw-viewer-tools", role: "toolbar", "aria-label": "Pages"}, [this.prev, this.next, this.download]),
      this.status,
      this.body,
    ]);
    this.node = el("div", {"class": "gcw-viewer", role: "dialog", "aria-modal": "true", "aria-labelledby": titleId, hidden: true,
      onclick: function (event) { if (event.target === self.node) { self.close(); } }}, [this.box]);
    this.node.addEventListener("keydown", function (event) { self.onKey(event); });
    document.addEventListener("keydown", function (event) {  // the focus may have left the dialog (a button got disabled)
      if (!self.node.hidden && !self.node.contains(event.target)) {
        if (event.key === "Escape") { self.close(); } else if (event.key === "Tab") { event.preventDefault(); self.closeButton.focus(); }
      }
    });
    document.body.appendChild(this.node);
  }

  Viewer.prototype.onKey = function (event) {
    if (event.key === "Escape") { event.stopPropagation(); this.close(); return; }
    if (event.key === "Tab") {  // keep the focus inside the dialog
      var focusable = Array.prototype.filter.call(this.box.querySelectorAll("button, a[href], [tabindex='0']"),
        function (node) { return !node.disabled && !node.hidden && node.offsetParent !== null; });
      if (!focusable.length) { return; }
      var first = focusable[0];
      var last = focusable[focusable.length - 1];
      if (event.shiftKey && document.activeElement === first) { event.preventDefault(); last.focus(); }
      else if (!event.shiftKey && document.activeElement === last) { event.preventDefault(); first.focus(); }
      return;
    }
    if (this.source && this.source.kind === "pdf" && event.target === this.body) {
      if (event.key === "ArrowLeft") { event.preventDefault(); this.step(-1); }
      if (event.key === "ArrowRight") { event.preventDefault(); this.step(1); }
    }
  };

  Viewer.prototype.show = function (opener) {
    this.opener = opener || null;
    this.node.hidden = false;
    document.documentElement.classList.add("gcw-viewer-open");
    this.closeButton.focus();
  };

  Viewer.prototype.close = function () {
    this.node.hidden = true;
    this.node.removeAttribute("data-ready");
    document.documentElement.classList.remove("gcw-viewer-open");
    if (this.opener && this.opener.focus) { this.opener.focus(); }
  };

  Viewer.prototype.openQuote = function (quote, opener) {
    var source = quote.source;
    if (source && source.kind === "pdf") {
      this.show(opener);
      this.render(quote.document_id, quote.document_title, source);
      return;
    }
    this.openRange(quote.document_id, quote.char_start, quote.char_end, opener);
  };

  Viewer.prototype.openRange = function (documentId, start, end, opener) {
    var self = this;
    this.show(opener);
    this.reset("Loading the source…");
    api(documentPath(documentId) + "/source?start=" + encodeURIComponent(start) + "&end=" + encodeURIComponent(end))
      .then(function (body) {
        if (body.source.kind === "pdf") { self.render(body.document_id, body.title, body.source); }
        else { self.renderText(body); }
      }, function (error) {
        self.status.textContent = "";
        self.body.appendChild(el("p", {"class": "gcw-error-inline", role: "alert", text: error.message}));
      });
  };

  Viewer.prototype.reset = function (status) {
    this.node.removeAttribute("data-ready");
    this.body.textContent = "";
    this.status.textContent = status || "";
    this.title.textContent = "";
    this.where.textContent = "";
  };

  Viewer.prototype.render = function (documentId, title, source) {
    this.reset("");
    this.documentId = documentId;
    this.source = source;
    this.title.textContent = title || documentId;
    var pages = [];
    (source.boxes || []).forEach(function (box) { if (pages.indexOf(box.page) < 0) { pages.push(box.page); } });
    if (!pages.length && source.page) { pages.push(source.page); }
    pages.sort(function (a, b) { return a - b; });
    this.box.classList.remove("gcw-viewer-text");
    this.prev.hidden = this.next.hidden = this.download.hidden = false;
    this.showPages(pages, true);
  };

  Viewer.prototype.step = function (delta) {
    if (!this.pages || !this.pages.length) { return; }
    var target = delta < 0 ? this.pages[0] - 1 : this.pages[this.pages.length - 1] + 1;
    if (target < 1 || target > (this.source.page_count || target)) { return; }
    this.showPages([target], false);
  };

  Viewer.prototype.showPages = function (pages, scrollToQuote) {
    var self = this;
    var source = this.source;
    var count = source.page_count || 0;
    this.pages = pages;
    this.node.removeAttribute("data-ready");
    this.body.textContent = "";
    var first = pages[0];
    var last = pages[pages.length - 1];
    var pageWords = pages.length > 1 ? "pp. " + first + "–" + last : "p. " + first;
    this.where.textContent = [source.section ? "§ " + source.section : null, pageWords + (count ? " of " + count : "")]
      .filter(Boolean).join(" · ");
    this.body.setAttribute("aria-label", "Page" + (pages.length > 1 ? "s " + first + " and " + last : " " + first) +
      " of the source; the quote is highlighted. Arrow keys turn the pages.");
    var focused = document.activeElement;
    this.prev.disabled = first <= 1;
    this.next.disabled = count ? last >= count : false;
    if ((focused === this.prev || focused === this.next) && focused.disabled) {  // keep the focus on a page button
      (this.prev.disabled ? this.next : this.prev).focus();
    }
    this.download.setAttribute("href", API + documentPath(this.documentId) + "/file#page=" + first);
    this.download.textContent = "Open the PDF at p. " + first;
    this.status.textContent = "Loading page" + (pages.length > 1 ? "s" : "") + "…";
    var marks = [];
    var loads = pages.map(function (number) {
      var img = el("img", {"class": "gcw-sheet-img", alt: "Page " + number + (count ? " of " + count : "") + " of " + self.title.textContent});
      var sheet = el("div", {"class": "gcw-sheet", "data-page": number}, [img]);
      (source.boxes || []).forEach(function (box) {
        if (box.page !== number) { return; }
        var mark = el("div", {"class": "gcw-hl", "aria-hidden": "true"});
        mark.style.left = (box.x0 * 100 - 0.3) + "%";
        mark.style.top = (box.y0 * 100 - 0.15) + "%";
        mark.style.width = ((box.x1 - box.x0) * 100 + 0.6) + "%";
        mark.style.height = ((box.y1 - box.y0) * 100 + 0.3) + "%";
        sheet.appendChild(mark);
        marks.push(mark);
      });
      self.body.appendChild(sheet);
      return imageUrl(documentPath(self.documentId) + "/pages/" + number).then(function (url) {
        return new Promise(function (resolve, reject) {
          img.onload = resolve;
          img.onerror = function () { reject(new ApiError("Page " + number + " could not be loaded.", 0)); };
          img.src = url;
        });
      });
    });
    Promise.all(loads).then(function () {
      if (self.pages !== pages) { return; }
      self.status.textContent = marks.length && scrollToQuote ? "The quote is highlighted." : "";
      if (marks.length && scrollToQuote) { marks[0].scrollIntoView({block: "center"}); }
      else { self.body.scrollTop = 0; }
      self.node.setAttribute("data-ready", "1");
    }, function (error) {
      self.status.textContent = "";
      self.body.insertBefore(el("p", {"class": "gcw-error-inline", role: "alert", text: error.message}), self.body.firstChild);
    });
  };

  Viewer.prototype.renderText = function (body) {
    this.reset("");
    this.source = body.source;
    this.pages = null;
    this.box.classList.add("gcw-viewer-text");
    this.prev.hidden = this.next.hidden = this.download.hidden = true;
    this.title.textContent = body.title;
    this.where.textContent = body.source.section ? "§ " + body.source.section : "";
    this.body.setAttribute("aria-label", "The section of the source; the quote is highlighted.");
    var text = body.section_text || body.quote;
    var offset = body.section_offset || 0;
    var start = Math.max(0, body.source.char_start - offset);
    var end = Math.min(text.length, body.source.char_end - offset);
    var mark = el("mark", {"class": "gcw-section-quote", text: text.slice(start, end)});
    this.body.appendChild(el("div", {"class": "gcw-section-text"}, [text.slice(0, start), mark, text.slice(end)]));
    mark.scrollIntoView({block: "center"});
    this.node.setAttribute("data-ready", "1");
  };

  var sharedViewer = null;
  function viewer() {
    if (!sharedViewer) { sharedViewer = new Viewer(); }
    return sharedViewer;
  }

  function openLinkedSource() {  // /?source=<document id>&start=&end= (the links Slack citations carry)
    var params = new URLSearchParams(window.location.search);
    var documentId = params.get("source");
    var start = parseInt(params.get("start") || "", 10);
    var end = parseInt(params.get("end") || "", 10);
    if (!documentId || !isFinite(start) || !isFinite(end)) { return; }
    viewer().openRange(documentId, start, end, null);
  }

  // --- The floating panel (embedded in any page) ---------------------------------------------------

  function mountFloating() {
    ensureCss();
    var panelId = "gcw-panel";
    var titleId = "gcw-panel-title";
    var wrap = el("div", {"class": "gcw-embed", id: "gcw-embed"});
    var panel = el("div", {"class": "gcw-panel", id: panelId, role: "dialog", "aria-labelledby": titleId, hidden: true});
    var launcher = el("button", {type: "button", "class": "gcw-launcher", "aria-controls": panelId, "aria-expanded": "false",
      "aria-label": "Open the guideline chatbot"}, [icon("chat"), " Ask the guidelines"]);
    var chat;
    function open(state) {
      panel.hidden = !state;
      launcher.setAttribute("aria-expanded", state ? "true" : "false");
      launcher.hidden = state;
      save("open", state);
      if (state) { chat.focus(); chat.scroll(); } else { launcher.focus(); }
    }
    chat = new Chat(panel, {floating: true, titleId: titleId, onClose: function () { open(false); }});
    launcher.addEventListener("click", function () { open(true); });
    panel.addEventListener("keydown", function (event) { if (event.key === "Escape") { open(false); } });
    wrap.appendChild(panel);
    wrap.appendChild(launcher);
    document.body.appendChild(wrap);
    if (load("open", false)) { panel.hidden = false; launcher.hidden = true; launcher.setAttribute("aria-expanded", "true"); }
    window.GuidelineChat = {open: function () { open(true); }, close: function () { open(false); }, ask: function (q) { open(true); chat.submit(q); }};
  }

  // --- Recommendations at a glance -----------------------------------------------------------------

  function mountGlance(root) {
    var FILTERS = [
      ["guideline", "Guideline", GUIDELINES],
      ["kind", "Kind", KINDS],
      ["direction", "Direction", DIRECTIONS],
      ["strength", "Strength", {}],
      ["status", "Status", {}],
    ];
    var count = el("p", {"class": "gcw-count", role: "status", "aria-live": "polite", text: "Loading the recommendations…"});
    var grid = el("div", {"class": "gcw-grid", role: "list", "aria-label": "Recommendations"});
    var search = el("input", {type: "search", id: "gcw-filter-text", "class": "gcw-input", placeholder: "Search titles, drugs, populations…"});
    var selects = {};
    var form = el("form", {"class": "gcw-filters", role: "search", "aria-label": "Filter the recommendations",
      onsubmit: function (event) { event.preventDefault(); }}, [
      el("div", {"class": "gcw-field gcw-field-wide"}, [el("label", {"for": "gcw-filter-text", text: "Search"}), search]),
    ].concat(FILTERS.map(function (filter) {
      var select = el("select", {id: "gcw-filter-" + filter[0], name: filter[0]}, [el("option", {value: "", text: "All"})]);
      selects[filter[0]] = select;
      return el("div", {"class": "gcw-field"}, [el("label", {"for": "gcw-filter-" + filter[0], text: filter[1]}), select]);
    })).concat([el("button", {type: "reset", "class": "gcw-ghost", text: "Clear filters", onclick: function () {
      window.setTimeout(apply, 0);
    }})]));
    root.appendChild(el("section", {"class": "gcw-glance", "aria-labelledby": "gcw-glance-title"}, [
      el("h1", {id: "gcw-glance-title", text: "Recommendations at a glance"}),
      el("p", {"class": "gcw-disclaimer", text: "Every item of the structured recommendation set of the loaded guidelines. " +
        "Fields not reported are marked unknown; placeholders are items known to exist whose content was not reported."}),
      form, count, grid,
    ]));
    var items = [];

    function apply() {
      var query = search.value.trim().toLowerCase();
      var shown = 0;
      items.forEach(function (item) {
        var ok = FILTERS.every(function (filter) {
          var want = selects[filter[0]].value;
          return !want || String(item.rec[filter[0]]) === want;
        }) && (!query || item.haystack.indexOf(query) !== -1);
        item.node.hidden = !ok;
        if (ok) { shown += 1; }
      });
      count.textContent = "Showing " + shown + " of " + items.length + " recommendations";
    }

    search.addEventListener("input", apply);
    Object.keys(selects).forEach(function (key) { selects[key].addEventListener("change", apply); });

    loadPacks().then(function () { return api("/v1/recommendations"); }).then(function (body) {
      var recs = body.recommendations || [];
      FILTERS.forEach(function (filter) {
        var seen = {};
        recs.forEach(function (rec) { seen[String(rec[filter[0]])] = true; });
        Object.keys(seen).sort().forEach(function (value) {
          selects[filter[0]].appendChild(el("option", {value: value, text: filter[2][value] || words(value)}));
        });
      });
      items = recs.map(function (rec) {
        var node = el("div", {role: "listitem", "class": "gcw-grid-item"}, [recCard(rec)]);
        grid.appendChild(node);
        var haystack = [rec.id, rec.title, rec.intervention, rec.comparator, rec.population && rec.population.description,
          rec.guideline, rec.kind, rec.direction, rec.strength, rec.certainty, rec.status].join(" ").toLowerCase();
        return {rec: rec, node: node, haystack: haystack};
      });
      apply();
    }, function (error) {
      count.textContent = "";
      grid.appendChild(el("p", {"class": "gcw-msg gcw-error", role: "alert", text: error.message}));
    });
  }

  // --- Start ---------------------------------------------------------------------------------------

  function start() {
    var root = document.getElementById("gcw-root");
    if (MODE === "glance" && root) { mountGlance(root); }
    else if (MODE === "page" && root) {
      var chat = new Chat(root, {floating: false});
      window.GuidelineChat = {ask: function (q) { chat.submit(q); }};
      chat.focus();
      openLinkedSource();
    } else { mountFloating(); }
  }

  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", start); } else { start(); }
})();
