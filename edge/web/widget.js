/*
 * The shop assistant's chat widget.
 *
 * Embed with one tag; the widget finds its stylesheet and socket.io client next to itself:
 *   <script src="https://shop.example/assistant/widget.js"
 *           data-server="https://assistant.shop.example" defer></script>
 *
 * It speaks Rasa's socket.io channel (session_request / session_confirm, user_uttered with
 * the session id, bot_uttered back) and draws the custom payloads of docs/payloads.md.
 * Every string from the shopper, the assistant or the catalogue goes into the page as
 * text (textContent), never as HTML. The session id and the transcript are kept in
 * localStorage, so a reload shows the same conversation.
 */
(function () {
  "use strict";

  const script = document.currentScript;
  if (!script || !script.dataset.server) {
    console.error("shop assistant: the script tag needs data-server=\"<the assistant's address>\"");
    return;
  }
  const SERVER = script.dataset.server.replace(/\/+$/, "");
  const HERE = new URL(".", script.src).href;
  const TITLE = script.dataset.title || "Shop assistant";
  const STORAGE_KEY = "shop-assistant:" + SERVER;
  const MAX_ENTRIES = 200;
  const REPLY_WAIT_MS = 30000;
  const OFFLINE_TEXT = "The assistant can't be reached right now. Reconnecting automatically…";

  // -- small helpers -------------------------------------------------------------------------

  /** An element with a class and, optionally, text (always as text, never HTML). */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function money(amount, currency) {
    const value = Number(amount);
    if (!isFinite(value)) return "";
    try {
      return new Intl.NumberFormat("en-GB", { style: "currency", currency: currency || "GBP" })
        .format(value);
    } catch (e) {
      return value.toFixed(2) + " " + (currency || "");
    }
  }

  function readState() {
    try {
      const saved = JSON.parse(localStorage.getItem(STORAGE_KEY) || "{}");
      return {
        session: typeof saved.session === "string" ? saved.session : null,
        entries: Array.isArray(saved.entries) ? saved.entries : [],
        open: saved.open === true,
        staff: typeof saved.staff === "string" ? saved.staff : null,
      };
    } catch (e) {
      return { session: null, entries: [], open: false, staff: null };
    }
  }

  const state = readState();

  function saveState() {
    state.entries = state.entries.slice(-MAX_ENTRIES);
    try {
      localStorage.setItem(STORAGE_KEY, JSON.stringify(state));
    } catch (e) {
      // Storage full or blocked: the chat still works, it just won't survive a reload.
    }
  }

  // -- the frame: launcher, panel, log, form ---------------------------------------------------

  const root = el("div", "saw");
  const launcher = el("button", "saw-launcher", "Chat with our assistant");
  launcher.type = "button";
  launcher.setAttribute("aria-controls", "saw-panel");
  launcher.setAttribute("aria-expanded", "false");

  const panel = el("section", "saw-panel");
  panel.id = "saw-panel";
  panel.setAttribute("role", "dialog");
  panel.setAttribute("aria-labelledby", "saw-title");
  panel.hidden = true;

  const header = el("header", "saw-header");
  const heading = el("h2", "saw-title", TITLE);
  heading.id = "saw-title";
  const status = el("span", "saw-status", "Connecting…");
  status.setAttribute("role", "status");
  status.dataset.state = "connecting";
  const close = el("button", "saw-close", "×");
  close.type = "button";
  close.setAttribute("aria-label", "Close the chat");
  header.append(heading, status, close);

  const log = el("div", "saw-log");
  log.setAttribute("role", "log");
  log.setAttribute("aria-live", "polite");
  log.setAttribute("aria-label", "Conversation with the assistant");
  log.tabIndex = 0;

  const typing = el("div", "saw-typing");
  typing.setAttribute("role", "status");
  typing.hidden = true;
  typing.append(el("span", "saw-dots"), el("span", "saw-typing-text", "The assistant is typing…"));

  const offline = el("p", "saw-offline", OFFLINE_TEXT);
  offline.setAttribute("role", "alert");
  offline.hidden = true;

  const form = el("form", "saw-form");
  const label = el("label", "saw-hidden", "Your message");
  label.htmlFor = "saw-input";
  const input = el("input", "saw-input");
  input.id = "saw-input";
  input.type = "text";
  input.autocomplete = "off";
  input.maxLength = 1000;
  input.placeholder = "Ask about a product or a job…";
  const sendButton = el("button", "saw-send", "Send");
  sendButton.type = "submit";
  form.append(label, input, sendButton);

  // Who the shopper is talking with, while a member of staff has taken over.
  const withStaff = el("p", "saw-with");
  withStaff.setAttribute("role", "status");
  withStaff.hidden = true;

  panel.append(header, withStaff, log, typing, offline, form);
  root.append(launcher, panel);

  function openPanel(focusInput) {
    panel.hidden = false;
    launcher.hidden = true;
    launcher.setAttribute("aria-expanded", "true");
    state.open = true;
    saveState();
    scrollToEnd();
    if (focusInput) input.focus();
  }

  function closePanel() {
    panel.hidden = true;
    launcher.hidden = false;
    launcher.setAttribute("aria-expanded", "false");
    state.open = false;
    saveState();
    launcher.focus();
  }

  launcher.addEventListener("click", () => openPanel(true));
  close.addEventListener("click", closePanel);
  panel.addEventListener("keydown", (event) => {
    if (event.key === "Escape") {
      event.preventDefault();
      closePanel();
    }
  });

  function scrollToEnd() {
    log.scrollTop = log.scrollHeight;
  }

  // -- drawing messages ------------------------------------------------------------------------

  /** A button that sends a payload and shows its title as the shopper's words; ``shown`` is
   * a shorter visible label (the title stays its accessible name). */
  function choiceButton(button, className, shown) {
    const node = el("button", "saw-choice " + (className || ""), shown || button.title);
    node.type = "button";
    if (shown) node.setAttribute("aria-label", button.title);
    node.addEventListener("click", () => {
      // The buttons go once answered: keep the keyboard where the next answer is typed.
      if (send(String(button.payload), String(button.title))) input.focus();
    });
    return node;
  }

  function choices(buttons) {
    const row = el("div", "saw-choices");
    row.setAttribute("role", "group");
    row.setAttribute("aria-label", "Answers you can pick");
    buttons.forEach((b) => row.append(choiceButton(b)));
    return row;
  }

  function bubble(who, text, name) {
    const node = el("div", "saw-msg saw-" + who);
    if (who === "staff") {
      node.append(el("span", "saw-from", (name || "Staff") + " from the shop"));
    } else {
      node.append(el("span", "saw-hidden", who === "user" ? "You said: " : "Assistant: "));
    }
    node.append(el("span", "saw-text", text));
    return node;
  }

  function dropSku(payload) {
    const match = /^\/drop_item(\{.*\})$/.exec(payload || "");
    if (!match) return null;
    try {
      return JSON.parse(match[1]).sku || null;
    } catch (e) {
      return null;
    }
  }

  function stockLine(item) {
    const where = item.aisle ? " · aisle " + item.aisle : "";
    if (item.in_stock === false || Number(item.stock) < Number(item.quantity)) {
      return { text: "Only " + (item.stock || 0) + " in stock" + where, ok: false };
    }
    return { text: "In stock (" + item.stock + ")" + where, ok: true };
  }

  /** The bundle (or order) as a card; with buttons, each Drop sits on its item's row. */
  function itemsCard(payload, buttons, isOrder) {
    const currency = payload.currency;
    const card = el("article", "saw-card " + (isOrder ? "saw-order" : "saw-bundle"));
    const facts = Object.values(payload.answers || {}).filter(Boolean).map(String);
    const title = isOrder ? "Your list: " + (payload.job_name || "") : "To " + (payload.job_name || "do the job");
    card.setAttribute("aria-label", (isOrder ? "Order" : "Suggested bundle") + ": " + (payload.job_name || ""));
    card.append(el("h3", "saw-card-title", title));
    if (facts.length) card.append(el("p", "saw-facts", facts.join(" · ")));

    const rest = [];
    const drops = {};
    (buttons || []).forEach((b) => {
      const sku = dropSku(b.payload);
      if (sku && !isOrder) drops[sku] = b;
      else rest.push(b);
    });

    const list = el("ul", "saw-items");
    (payload.items || []).forEach((item) => {
      const row = el("li", "saw-item");
      const head = el("div", "saw-item-head");
      head.append(el("span", "saw-qty", item.quantity + " ×"), el("span", "saw-name", item.name),
        el("span", "saw-line", money(item.line_total, currency)));
      row.append(head);
      row.append(el("p", "saw-unit", money(item.unit_price, currency) + " each"));
      if (item.reason) row.append(el("p", "saw-reason", item.reason));
      if (item.substitute_for && item.substitute_for.name) {
        row.append(el("p", "saw-substitute", "Instead of " + item.substitute_for.name + ", which is out of stock"));
      }
      const stock = stockLine(item);
      const foot = el("div", "saw-item-foot");
      foot.append(el("p", "saw-stock " + (stock.ok ? "saw-ok" : "saw-low"), stock.text));
      if (drops[item.sku]) foot.append(choiceButton(drops[item.sku], "saw-drop", "Drop"));
      row.append(foot);
      list.append(row);
    });
    card.append(list);
    (payload.missing || []).forEach((label) => {
      card.append(el("p", "saw-missing", "No " + label + " fits right now: staff can order one."));
    });
    const total = el("p", "saw-total");
    total.append(el("span", null, "Total "), el("strong", "saw-total-amount", money(payload.total, currency)));
    card.append(total);
    if (rest.length) card.append(choices(rest));
    return card;
  }

  function productCard(product) {
    const card = el("article", "saw-card saw-product");
    card.setAttribute("aria-label", "Product: " + (product.name || ""));
    card.append(el("h3", "saw-card-title", product.name));
    if (product.brand) card.append(el("p", "saw-facts", product.brand));
    card.append(el("p", "saw-price", money(product.unit_price)));
    const stock = Number(product.stock) > 0;
    card.append(el("p", "saw-stock " + (stock ? "saw-ok" : "saw-low"),
      (stock ? "In stock (" + product.stock + ")" : "Out of stock") +
      (product.aisle ? " · aisle " + product.aisle : "")));
    return card;
  }

  function whyAsked(decision) {
    const details = el("details", "saw-why");
    details.append(el("summary", null, "Why I'm asking"));
    details.append(el("p", null, decision.reason));
    return details;
  }

  function note(text) {
    return el("p", "saw-note", text);
  }

  /** The text before the bundle's own lines ("Here's the updated list."), if any. */
  function leadIn(text, payload) {
    if (!text) return "";
    const start = text.indexOf("To " + payload.job_name);
    return (start >= 0 ? text.slice(0, start) : "").trim();
  }

  /** Everything one bot message shows: its text, its payload, its buttons. */
  function botMessage(entry, withButtons) {
    const group = el("div", "saw-group");
    const custom = entry.custom && typeof entry.custom === "object" ? entry.custom : null;
    const buttons = withButtons ? entry.buttons || [] : [];
    const type = custom ? custom.type : null;
    if (type === "bundle") {
      const lead = leadIn(entry.text, custom);
      if (lead) group.append(bubble("bot", lead));
      group.append(itemsCard(custom, buttons, false));
      return group;
    }
    if (type === "staff_message") {
      group.append(bubble("staff", entry.text, custom.name));
      return group;
    }
    if (type === "staff_joined" || type === "staff_left") {
      group.append(note(entry.text));
      return group;
    }
    if (entry.text) group.append(bubble("bot", entry.text));
    if (type === "order") group.append(itemsCard(custom, [], true));
    if (type === "product" && custom.product) group.append(productCard(custom.product));
    if (type === "question" && custom.decision && custom.decision.reason) group.append(whyAsked(custom.decision));
    if (type === "return") {
      group.append(note((custom.accepted ? "Return accepted, " + money(custom.refund) + " refunded" : "Return not accepted") +
        (custom.order ? " · order " + custom.order : "") + (custom.maker_case ? " · maker case " + custom.maker_case : "")));
    }
    if (type === "handoff") {
      group.append(note("Waiting for a colleague: you're number " + custom.place + " in the queue"));
    }
    if (buttons.length) group.append(choices(buttons));
    return group;
  }

  function draw(entry, withButtons) {
    log.append(entry.who === "user" ? bubble("user", entry.text) : botMessage(entry, withButtons));
  }

  /** Buttons belong to the assistant's latest turn only; older ones are answered. */
  function clearChoices() {
    log.querySelectorAll(".saw-choice").forEach((b) => b.remove());
    log.querySelectorAll(".saw-choices").forEach((row) => row.remove());
  }

  function drawHistory() {
    if (!state.entries.length) {
      log.append(el("p", "saw-welcome",
        "Hello! Tell me what you need or what you're working on, and I'll help you get the right things."));
    }
    let lastUser = -1;
    state.entries.forEach((e, i) => { if (e.who === "user") lastUser = i; });
    state.entries.forEach((e, i) => draw(e, i > lastUser));
  }

  // -- talking to the assistant ----------------------------------------------------------------

  let socket = null;
  let ready = false;
  let replyTimer = null;

  /** The header names the member of staff the shopper is talking with, while they are. */
  function showStaff() {
    withStaff.textContent = state.staff ? "You're talking with " + state.staff + " from the shop" : "";
    withStaff.hidden = !state.staff;
  }

  function setConnection(name) {
    ready = name === "online";
    status.dataset.state = name;
    status.textContent = { connecting: "Connecting…", online: "Online", offline: "Offline" }[name];
    offline.hidden = name !== "offline";
    if (name !== "online") showTyping(false);
    scrollToEnd();  // the line takes room from the log: keep the latest message in view
  }

  function showTyping(on) {
    typing.hidden = !on;
    clearTimeout(replyTimer);
    if (on) {
      replyTimer = setTimeout(() => {
        typing.hidden = true;
        log.append(note("No answer yet: the assistant may be busy. Please try again in a moment."));
        scrollToEnd();
      }, REPLY_WAIT_MS);
    }
  }

  function send(message, shownAs) {
    if (!ready) {
      offline.hidden = false;
      return false;
    }
    socket.emit("user_uttered", { message: message, session_id: state.session, customData: {} });
    const entry = { who: "user", text: shownAs || message };
    state.entries.push(entry);
    saveState();
    clearChoices();
    log.querySelectorAll(".saw-welcome").forEach((w) => w.remove());
    draw(entry);
    // A member of staff types at a person's pace: no "assistant is typing", no time-out.
    showTyping(!state.staff);
    scrollToEnd();
    return true;
  }

  function receive(message) {
    if (!message || typeof message !== "object") return;
    const buttons = (message.quick_replies || message.buttons || [])
      .filter((b) => b && b.title && b.payload)
      .map((b) => ({ title: String(b.title), payload: String(b.payload) }));
    const entry = { who: "bot", text: typeof message.text === "string" ? message.text : "", buttons: buttons };
    if (message.custom && typeof message.custom === "object") entry.custom = message.custom;
    if (!entry.text && !entry.custom && !buttons.length) return;
    const kind = entry.custom ? entry.custom.type : null;
    if (kind === "staff_joined") state.staff = String(entry.custom.name || "Staff");
    if (kind === "staff_left") state.staff = null;
    showStaff();
    state.entries.push(entry);
    saveState();
    showTyping(false);
    draw(entry, true);
    scrollToEnd();
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    const text = input.value.trim();
    if (text && send(text)) input.value = "";
  });

  function connect(io) {
    // Websocket only: no polling, so no sticky sessions are needed behind a load balancer.
    socket = io(SERVER, { transports: ["websocket"], reconnectionDelayMax: 5000 });
    socket.on("connect", () => socket.emit("session_request", { session_id: state.session }));
    socket.on("session_confirm", (id) => {
      if (typeof id === "string" && id) state.session = id;
      saveState();
      setConnection("online");
    });
    socket.on("bot_uttered", receive);
    socket.on("disconnect", () => setConnection("offline"));
    socket.on("connect_error", () => setConnection("offline"));
  }

  function loadClient(then) {
    if (typeof window.io === "function") return then(window.io);
    const tag = document.createElement("script");
    tag.src = HERE + "vendor/socket.io.min.js";
    tag.onload = () => then(window.io);
    tag.onerror = () => setConnection("offline");
    document.head.append(tag);
  }

  function start() {
    const styles = document.createElement("link");
    styles.rel = "stylesheet";
    styles.href = HERE + "widget.css";
    document.head.append(styles);
    document.body.append(root);
    drawHistory();
    showStaff();
    if (state.open) openPanel(false);
    loadClient(connect);
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
