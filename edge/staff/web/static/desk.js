/*
 * The staff desk: the hand-off queue, live (server-sent events from /api/desk/events),
 * taking one (the assistant goes quiet in that conversation and the shopper is told who
 * joined), messages both ways, and handing back (the consultation carries on where it
 * was). Everything from shoppers goes on the page as text, never HTML.
 */
(function () {
  "use strict";

  const { el, button, money, api, me } = window.Staff;
  const $ = (id) => document.getElementById(id);
  const state = { me: null, queue: [], selected: null, messages: {} };

  function banner(text) {
    $("banner").textContent = text || "";
    $("banner").classList.toggle("hidden", !text);
  }

  function connection(online) {
    $("status").dataset.state = online ? "online" : "offline";
    $("status").textContent = online ? "Live" : "Reconnecting…";
  }

  function time(iso) {
    return (iso || "").replace("T", " ").slice(0, 16);
  }

  function mine(h) {
    return h.status === "taken" && h.taken_by_id === state.me.id;
  }

  function drawQueue() {
    const list = $("queue");
    list.replaceChildren();
    if (!state.queue.length) list.append(el("li", "empty", "Nobody is waiting."));
    state.queue.forEach((h) => {
      const item = el("li");
      const pick = el("button");
      pick.type = "button";
      pick.dataset.id = String(h.id);
      const job = ((h.said || []).find((l) => l.question === "The job") || {}).answer ||
        (h.summary && h.summary.item) || "no job yet";
      pick.append(el("span", "reason", h.reason),
        el("span", "meta", time(h.created_at) + " · " + job.replace(/_/g, " ")),
        el("span", "meta" + (h.status === "taken" ? " taken" : ""),
          h.status === "taken" ? "Taken by " + (mine(h) ? "you" : h.taken_by) : "Waiting"));
      pick.setAttribute("aria-current", String(state.selected === h.id));
      pick.addEventListener("click", () => { state.selected = h.id; drawQueue(); drawSelected(); });
      item.append(pick);
      list.append(item);
    });
  }

  function selected() {
    return state.queue.find((h) => h.id === state.selected) || null;
  }

  function summaryOf(h) {
    const s = h.summary || {};
    const box = el("div");
    const facts = el("dl");
    const add = (name, value) => {
      if (value === null || value === undefined || value === "") return;
      facts.append(el("dt", null, name), el("dd", null, value));
    };
    add("Why", h.reason);
    add("Asked for", (s.item || "").replace(/_/g, " "));
    (h.said || []).forEach((line) => add(line.question, line.answer));
    if ((s.bundle || []).length) {
      add("List", s.bundle.map((i) => i.quantity + " × " + i.name).join("; "));
      add("Total", money(s.total_cents));
    }
    if (s.fault) add("Fault", (s.fault.words || []).join(" "));
    box.append(facts);
    if ((s.transcript || []).length && !mine(h)) {
      box.append(el("h3", null, "What they said"));
      const said = el("ul", "said");
      // A button's payload ("/inform{...}") is not the shopper's words.
      s.transcript.forEach((t) => said.append(el("li", null, t.startsWith("/") ? "(picked a button)" : t)));
      box.append(said);
    }
    return box;
  }

  function drawSelected() {
    const h = selected();
    $("summary").replaceChildren();
    $("chat").classList.toggle("hidden", !h || !mine(h));
    $("take").classList.toggle("hidden", !h || h.status !== "waiting");
    if (!h) {
      $("chat-title").textContent = "Pick a hand-off";
      return;
    }
    $("chat-title").textContent = mine(h) ? "You're talking with the shopper" : "Hand-off #" + h.id;
    $("summary").append(summaryOf(h));
    if (mine(h)) drawMessages(h.id);
  }

  function drawMessages(id) {
    const box = $("messages");
    const atEnd = box.scrollHeight - box.scrollTop - box.clientHeight < 40;
    box.replaceChildren();
    (state.messages[id] || []).forEach((m) => {
      const line = el("div", "msg " + m.who);
      const from = m.who === "shopper" ? "Shopper" : m.who === "staff" ? (m.name || "Staff") : "Assistant";
      line.append(el("span", "from", from), el("span", "text", m.text));
      box.append(line);
    });
    if (atEnd) box.scrollTop = box.scrollHeight;
  }

  async function take() {
    const h = selected();
    if (!h) return;
    const answer = await api("POST", "/api/desk/handoffs/" + h.id + "/take");
    if (!answer.ok) {
      banner((answer.data && answer.data.error) || "Couldn't take it.");
      return;
    }
    banner("");
    h.status = "taken";
    h.taken_by_id = state.me.id;
    drawQueue();
    drawSelected();
    $("reply-text").focus();
  }

  async function reply(event) {
    event.preventDefault();
    const h = selected();
    const text = $("reply-text").value.trim();
    if (!h || !text) return;
    const answer = await api("POST", "/api/desk/handoffs/" + h.id + "/messages", { text: text });
    if (!answer.ok) {
      banner((answer.data && answer.data.error) || "Not sent: try again.");
      return;
    }
    banner("");
    $("reply-text").value = "";
  }

  async function handBack() {
    const h = selected();
    if (!h) return;
    const answer = await api("POST", "/api/desk/handoffs/" + h.id + "/hand-back");
    if (!answer.ok) {
      banner((answer.data && answer.data.error) || "Couldn't hand back: try again.");
      return;
    }
    banner("Handed back: the assistant carries on where it was.");
    state.selected = null;
    drawSelected();
  }

  function listen() {
    const events = new EventSource("/api/desk/events");
    events.addEventListener("open", () => connection(true));
    events.addEventListener("error", () => connection(false));
    events.addEventListener("queue", (e) => {
      state.queue = JSON.parse(e.data).queue;
      connection(true);
      drawQueue();
      drawSelected();
    });
    events.addEventListener("messages", (e) => {
      const data = JSON.parse(e.data);
      state.messages[data.handoff] = data.messages;
      if (state.selected === data.handoff) drawMessages(data.handoff);
    });
  }

  async function start() {
    $("take").addEventListener("click", take);
    $("reply").addEventListener("submit", reply);
    $("hand-back").addEventListener("click", handBack);
    state.me = await me();
    if (!state.me) return;
    listen();
  }

  start();
})();
