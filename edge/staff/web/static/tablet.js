/*
 * The attendant's tablet. Each turn goes to the staff server, which sends it through Rasa's
 * tablet channel, and comes back as the tablet payload (docs/payloads.md, "tablet"): the
 * dialogue's replies and its briefing. This page draws them its own way: the question to
 * say aloud with one line of why, the answers as big buttons, what is known (each fact
 * changeable with one tap), the list with stock, aisle and talking points, the warnings.
 *
 * Nothing entered is lost: every turn waits in an outbox kept in localStorage until the
 * server has answered it, and is sent again (with the same turn id, so it is never run
 * twice) while the network is down; the banner says so. What is typed in the box is kept
 * there until its turn has gone through.
 */
(function () {
  "use strict";

  const { el, button, money, api, me, newId } = window.Staff;
  const KEYS = { shopper: "tablet:shopper", outbox: "tablet:outbox", draft: "tablet:draft" };
  const $ = (id) => document.getElementById(id);

  const state = {
    shopperId: Number(localStorage.getItem(KEYS.shopper)) || null,
    view: null,
    lastAsk: null, // the question on screen, kept until it is answered
    lastWhy: "",
    openFact: null, // the fact whose answers are shown, to change it
    outbox: readOutbox(),
    pumping: false,
  };

  function readOutbox() {
    try {
      const saved = JSON.parse(localStorage.getItem(KEYS.outbox) || "[]");
      return Array.isArray(saved) ? saved : [];
    } catch (e) {
      return [];
    }
  }

  function saveOutbox() {
    localStorage.setItem(KEYS.outbox, JSON.stringify(state.outbox));
  }

  // -- talking to the server -------------------------------------------------------------------

  function banner(text) {
    $("banner").textContent = text || "";
    $("banner").classList.toggle("hidden", !text);
  }

  function connection(online) {
    $("status").dataset.state = online ? "online" : "offline";
    $("status").textContent = online ? "Online" : "Offline";
  }

  /** A turn for the current shopper: words, or a tap (an act with its label). */
  function send(turn) {
    if (!state.shopperId) return;
    state.outbox.push(Object.assign({ shopper: state.shopperId, turn_id: newId() }, turn));
    saveOutbox();
    busy(true);
    pump();
  }

  function sleep(ms) {
    return new Promise((resolve) => setTimeout(resolve, ms));
  }

  /** Send what waits in the outbox, in order, each until the server has answered it. */
  async function pump() {
    if (state.pumping) return;
    state.pumping = true;
    while (state.outbox.length) {
      const entry = state.outbox[0];
      const body = { turn_id: entry.turn_id, text: entry.text, act: entry.act, label: entry.label };
      let attempt = 0;
      for (;;) {
        let answer = null;
        try {
          answer = await api("POST", "/api/tablet/shoppers/" + entry.shopper + "/turns", body);
        } catch (e) {
          answer = null; // the network: try again
        }
        if (answer && answer.status === 401) {
          // Signed out meanwhile: the outbox stays in this browser for after signing in.
          window.location.href = "/login?next=/tablet";
          return;
        }
        if (answer && (answer.ok || (answer.status >= 400 && answer.status < 500))) {
          state.outbox.shift();
          saveOutbox();
          connection(true);
          if (answer.ok) {
            banner(attempt ? "Back online: your last entry went through." : "");
            if (entry.text) clearDraft(entry.text);
            if (entry.shopper === state.shopperId) show(answer.data);
          } else {
            banner("That didn't go through: " + ((answer.data && answer.data.error) || answer.status));
          }
          break;
        }
        attempt += 1;
        connection(false);
        banner("The connection dropped: trying again (attempt " + attempt + ")… Nothing you entered is lost.");
        await sleep(Math.min(500 * 2 ** attempt, 8000));
      }
    }
    state.pumping = false;
    busy(false);
  }

  function busy(on) {
    $("main").setAttribute("aria-busy", on ? "true" : "false");
  }

  function clearDraft(text) {
    if ($("said-text").value.trim() === text) $("said-text").value = "";
    localStorage.removeItem(KEYS.draft);
  }

  async function newShopper() {
    const answer = await api("POST", "/api/tablet/shoppers");
    if (!answer.ok) {
      banner("Couldn't start a new shopper: " + ((answer.data && answer.data.error) || answer.status));
      return;
    }
    state.lastAsk = null;
    state.openFact = null;
    show(answer.data);
  }

  async function reopen(id) {
    const answer = await api("GET", "/api/tablet/shoppers/" + id);
    if (!answer.ok) {
      localStorage.removeItem(KEYS.shopper);
      state.shopperId = null;
      return;
    }
    state.lastAsk = null;
    state.openFact = null;
    show(answer.data);
  }

  async function showRecent() {
    const panel = $("recent");
    const open = panel.classList.toggle("hidden") === false;
    $("recent-toggle").setAttribute("aria-expanded", String(open));
    if (!open) return;
    panel.replaceChildren(el("p", "empty", "Loading…"));
    const answer = await api("GET", "/api/tablet/shoppers");
    panel.replaceChildren();
    const shoppers = (answer.data && answer.data.shoppers) || [];
    if (!shoppers.length) panel.append(el("p", "empty", "No shoppers yet on this tablet."));
    shoppers.forEach((s) => {
      const time = (s.updated_at || "").slice(11, 16);
      const label = "#" + s.id + " · " + (s.job || "just started") +
        (s.items ? " · " + s.items + " items" : "") + " · " + time;
      panel.append(button(label, () => {
        panel.classList.add("hidden");
        $("recent-toggle").setAttribute("aria-expanded", "false");
        reopen(s.id);
      }));
    });
  }

  async function giveList() {
    const answer = await api("POST", "/api/tablet/shoppers/" + state.shopperId + "/share");
    if (!answer.ok) {
      banner((answer.data && answer.data.error) || "Couldn't make the link.");
      return;
    }
    $("qr").src = answer.data.qr;
    $("share-link").href = answer.data.url;
    $("share-expires").textContent = answer.data.expires_at.replace("T", " ");
    $("share").classList.remove("hidden");
    $("share-close").focus();
  }

  // -- drawing a turn --------------------------------------------------------------------------

  function show(data) {
    state.shopperId = data.shopper.id;
    localStorage.setItem(KEYS.shopper, String(state.shopperId));
    state.view = data.view;
    if (data.view) draw(data.view);
  }

  /** The text before a list's own lines ("Here's the updated list."). */
  function leadOf(reply, bundle) {
    const text = reply.text || "";
    if (reply.kind !== "offer") return text;
    const marks = ["To " + ((bundle && bundle.job_name) || "\u0000"), "Your list:"];
    const at = Math.min(...marks.map((m) => { const i = text.indexOf(m); return i < 0 ? text.length : i; }));
    return text.slice(0, at).trim();
  }

  function draw(view) {
    const replies = view.replies || [];
    const b = view.briefing || {};
    const ask = replies.slice().reverse().find((r) => r.kind === "ask");
    if (ask) {
      state.lastAsk = ask;
      state.lastWhy = b.why_asked || "";
    } else if (!b.pending || !state.lastAsk || state.lastAsk.question.key !== b.pending) {
      state.lastAsk = null;
    }
    const shown = drawAsk(replies, b);
    drawNotes(replies, ask || shown, b);
    drawProduct(replies);
    drawWarnings(replies, b);
    drawFacts(b);
    drawBundle(b, view.currency);
    $("take-all").classList.toggle("hidden", !!b.taken);
    $("taken").classList.toggle("hidden", !b.taken);
  }

  function drawNotes(replies, ask, b) {
    const notes = $("notes");
    notes.replaceChildren();
    replies.filter((r) => r !== ask).forEach((r) => {
      const text = leadOf(r, b.bundle);
      if (text) notes.append(el("p", null, text));
    });
  }

  function act(choice) {
    return () => send({ act: choice.act, label: choice.label });
  }

  /** The question card; returns the reply it shows, when that is not a question. */
  function drawAsk(replies, b) {
    const options = $("options");
    options.replaceChildren();
    $("help").classList.add("hidden");
    $("lead").textContent = "";
    $("why").textContent = "";
    const ask = state.lastAsk;
    let shown = null;
    const asked = replies.slice().reverse().find((r) => r.kind !== "ask" && r.kind !== "offer" &&
                                                       (r.choices || []).length);
    if (ask) {
      $("lead").textContent = ask.question.lead || "";
      $("question").textContent = ask.question.text;
      $("why").textContent = state.lastWhy;
      if (ask.question.help) {
        $("help-text").textContent = ask.question.help;
        $("help").classList.remove("hidden");
      }
      ask.choices.forEach((c) => options.append(button(c.label, act(c))));
    } else if (asked) {
      $("question").textContent = asked.text;
      asked.choices.forEach((c) => options.append(button(c.label, act(c))));
      shown = asked;
    } else if (b.bundle) {
      $("question").textContent = "The list is ready: go through it with the shopper.";
      const offer = replies.slice().reverse().find((r) => r.kind === "offer");
      ((offer && offer.choices) || []).filter((c) => c.act.meaning !== "drop_item" &&
                                                      c.act.meaning !== "take_all")
        .forEach((c) => options.append(button(c.label, act(c), "quiet")));
    } else if ((b.starts || []).length || (b.items || []).length) {
      $("question").textContent = "What is the shopper after?";
      if ((b.items || []).length) options.append(el("h3", null, "An item they asked for"));
      (b.items || []).forEach((label) => options.append(button(label, () => send({ text: label }))));
      if ((b.starts || []).length) options.append(el("h3", null, "Or the job"));
      (b.starts || []).forEach((c) => options.append(button(c.label, act(c))));
    } else {
      $("question").textContent = "Listen, then tap or type what the shopper says.";
    }
    $("skip").classList.toggle("hidden", !b.can_skip);
    $("finish").classList.toggle("hidden", !b.can_finish);
    return shown;
  }

  function drawProduct(replies) {
    const box = $("product");
    const answer = replies.slice().reverse().find((r) => r.kind === "productanswer");
    box.replaceChildren();
    box.classList.toggle("hidden", !answer);
    if (!answer) return;
    const p = answer.product;
    box.append(el("h3", null, p.name),
      el("p", null, money(p.unit_price_pence) + " · " + (p.stock > 0 ? p.stock + " in stock" : "out of stock") +
        " · aisle " + p.aisle));
  }

  function drawWarnings(replies, b) {
    const list = $("warnings");
    list.replaceChildren();
    (b.warnings || []).forEach((w) => list.append(el("li", null, w)));
  }

  function drawFacts(b) {
    const list = $("facts");
    list.replaceChildren();
    $("asked-for").textContent = b.asked_for ? "Asked for: " + b.asked_for : "";
    $("asked-for").classList.toggle("hidden", !b.asked_for);
    const facts = b.facts || [];
    if (!facts.length) list.append(el("li", "empty", "Nothing yet."));
    facts.forEach((fact) => list.append(factRow(fact)));
  }

  function factRow(fact) {
    const row = el("li", "fact");
    const open = state.openFact === fact.question;
    const head = el("button");
    head.type = "button";
    head.setAttribute("aria-expanded", String(open));
    const words = el("span");
    words.append(el("span", "q", fact.asked + " "), el("span", "a", fact.answer));
    if (fact.assumed) words.append(el("span", "assumed", "assumed"));
    head.append(words, el("span", "change", open ? "Close" : "Change"));
    head.addEventListener("click", () => {
      state.openFact = open ? null : fact.question;
      drawFacts(state.view.briefing);
    });
    row.append(head);
    if (open) {
      const choices = el("div", "choices");
      choices.setAttribute("role", "group");
      choices.setAttribute("aria-label", "Change: " + fact.asked);
      fact.choices.forEach((c) => {
        const option = button(c.label, () => {
          state.openFact = null;
          send({ act: c.act, label: c.label });
        });
        option.setAttribute("aria-pressed", String(fact.answer.split(" or ").includes(c.label)));
        choices.append(option);
      });
      row.append(choices);
    }
    return row;
  }

  function drawBundle(b, currency) {
    const bundle = b.bundle;
    const items = $("items");
    items.replaceChildren();
    $("bundle-empty").classList.toggle("hidden", !!bundle);
    $("bundle-foot").classList.toggle("hidden", !bundle || !(bundle.items || []).length);
    $("bundle-title").textContent = bundle && bundle.job_name ? "The list: to " + bundle.job_name : "The list";
    $("total").textContent = "";
    if (!bundle) return;
    bundle.items.forEach((item) => items.append(itemRow(item, currency)));
    (bundle.missing || []).forEach((label) => items.append(el("li", "item", "Nothing in stock fits as the " + label)));
    $("total").textContent = "Total " + money(bundle.total_pence, currency);
  }

  function itemRow(item, currency) {
    const row = el("li", "item");
    const head = el("div", "item-head");
    head.append(el("span", "qty", item.quantity + " ×"), el("span", "name", item.name),
      el("span", "line", money(item.line_total_pence, currency)));
    const meta = el("p", "meta");
    const short = item.stock < item.quantity;
    meta.append(money(item.unit_price_pence, currency) + " each · ",
      el("span", short ? "low" : "ok", short ? "only " + item.stock + " in stock" : item.stock + " in stock"),
      " · ", el("span", "aisle", "aisle " + item.aisle));
    const points = el("ul", "points");
    points.setAttribute("aria-label", "Talking points");
    [item.why].concat(item.talking_points || []).filter(Boolean)
      .forEach((p) => points.append(el("li", null, p)));
    const drop = button("Drop", () => send({ act: { meaning: "drop_item", answer: null, sku: item.sku },
                                             label: "Drop the " + item.name }), "drop");
    drop.setAttribute("aria-label", "Drop the " + item.name);
    const body = el("div", "item-body");
    body.append(head, meta, points);
    row.append(body, drop);
    return row;
  }

  // -- wiring ----------------------------------------------------------------------------------

  function wire() {
    $("new-shopper").addEventListener("click", newShopper);
    $("recent-toggle").addEventListener("click", showRecent);
    $("skip").addEventListener("click", () => send({ act: { meaning: "skip_question", answer: null, sku: null },
                                                     label: "Skip this question" }));
    $("finish").addEventListener("click", () => send({ act: { meaning: "finish_now", answer: null, sku: null },
                                                       label: "Finish now" }));
    $("take-all").addEventListener("click", () => send({ act: { meaning: "take_all", answer: null, sku: null },
                                                         label: "Take all" }));
    $("give").addEventListener("click", giveList);
    $("share-close").addEventListener("click", () => $("share").classList.add("hidden"));
    const input = $("said-text");
    input.value = localStorage.getItem(KEYS.draft) || "";
    input.addEventListener("input", () => localStorage.setItem(KEYS.draft, input.value));
    $("said").addEventListener("submit", (event) => {
      event.preventDefault();
      const text = input.value.trim();
      if (text) send({ text: text });
    });
    $("skip").classList.add("hidden");
    $("finish").classList.add("hidden");
  }

  async function start() {
    wire();
    const who = await me();
    if (!who) return;
    if (state.shopperId) await reopen(state.shopperId);
    if (state.outbox.length) pump();
  }

  start();
})();
