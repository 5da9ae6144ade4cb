/*
 * The trainer's replay: real conversations (filtered), stories (and Rasa's check of them
 * all), practice sets; a conversation turn by turn, forward and back, with what the
 * assistant understood, what it did and why, what it said and the list; the path of the
 * consultation (an SVG the server draws, the turn on screen lit up); practice (pick the
 * next question, then see the gains and the assistant's choice, scored); a misread message
 * corrected; a recording saved as a test story. Everything from shoppers goes on the page
 * as text, never HTML.
 */
(function () {
  "use strict";

  const { el, button, api, me } = window.Staff;
  const $ = (id) => document.getElementById(id);
  const state = { tab: "recorded", replay: null, index: 0, practising: false, round: null,
                  picks: {}, corrections: {}, ticked: new Map(), verdicts: {} };

  function banner(text) {
    $("banner").textContent = text || "";
    $("banner").classList.toggle("hidden", !text);
  }

  function pct(x) { return Math.round(x * 100) + "%"; }
  function label(key) { return String(key || "").replace(/_/g, " "); }

  // -- the sources --------------------------------------------------------------------------
  function selectTab(tab) {
    state.tab = tab;
    ["recorded", "stories", "sets", "proposals"].forEach((t) =>
      $("tab-" + t).setAttribute("aria-selected", String(t === tab)));
    $("filters").classList.toggle("hidden", tab !== "recorded");
    $("story-tools").classList.toggle("hidden", tab !== "stories");
    $("set-form").classList.toggle("hidden", tab === "sets" || tab === "proposals");
    loadSources();
  }

  async function loadSources() {
    const list = $("sources");
    list.replaceChildren(el("li", "empty", "Loading…"));
    if (state.tab === "recorded") {
      const query = new URLSearchParams();
      new FormData($("filters")).forEach((v, k) => { if (v) query.set(k, v); });
      const answer = await api("GET", "/api/replay/recorded?" + query.toString());
      if (!answer.ok) return banner((answer.data || {}).error || "Could not list conversations.");
      const outcome = $("filters").elements.outcome;
      if (outcome.options.length === 1) {
        (answer.data.outcomes || []).forEach((o) => outcome.append(new Option(o, o)));
      }
      drawSources(answer.data.conversations.map((c) => ({
        kind: "recorded", ref: c.ref, first: c.first_line || "(no words)",
        meta: [(c.started || "").replace("T", " "), c.length + " messages", c.outcome,
               label(c.job || "no job")].join(" · ") })), answer.data.note);
    } else if (state.tab === "stories") {
      const answer = await api("GET", "/api/replay/stories");
      if (!answer.ok) return banner("Could not list the stories.");
      drawSources(answer.data.stories.map((s) => ({
        kind: "story", ref: s.key, first: s.name,
        meta: s.source + " · " + s.messages + " messages" + (s.words ? "" : " · intents only") })));
    } else if (state.tab === "proposals") {
      const answer = await api("GET", "/api/replay/proposals");
      if (!answer.ok) return banner("Could not list the proposed examples.");
      drawProposals(answer.data.proposals);
    } else {
      const answer = await api("GET", "/api/replay/sets");
      if (!answer.ok) return banner("Could not list the practice sets.");
      const items = [];
      answer.data.sets.forEach((set) => set.items.forEach((i) => items.push({
        kind: i.kind, ref: i.ref, first: i.kind === "story" ? i.ref.split("#").pop() : "Conversation " + i.ref,
        meta: "Set: " + set.name + " (by " + set.by + ")" })));
      drawSources(items, items.length ? "" : "No practice sets yet: tick conversations and save them as a set.");
    }
  }

  function drawSources(items, note) {
    const list = $("sources");
    list.replaceChildren();
    if (!items.length) list.append(el("li", "empty", note || "Nothing matches."));
    items.forEach((item) => {
      const row = el("li");
      const key = item.kind + ":" + item.ref;
      if (state.tab !== "sets") {
        const tick = el("input");
        tick.type = "checkbox";
        tick.checked = state.ticked.has(key);
        tick.setAttribute("aria-label", "Put in a practice set: " + item.first);
        tick.addEventListener("change", () => {
          if (tick.checked) state.ticked.set(key, { kind: item.kind, ref: item.ref });
          else state.ticked.delete(key);
        });
        row.append(tick);
      }
      const open = el("button");
      open.type = "button";
      open.dataset.ref = item.ref;
      open.append(el("span", "first", item.first), el("span", "meta", item.meta));
      const verdict = state.verdicts[item.ref];
      if (verdict) open.append(el("span", verdict.passed ? "verdict-ok" : "verdict-bad", verdict.describe));
      open.addEventListener("click", () => openReplay(item.kind, item.ref));
      row.append(open);
      list.append(row);
    });
  }

  function drawProposals(found) {
    const list = $("sources");
    list.replaceChildren();
    if (!found.length) list.append(el("li", "empty", "No misread messages waiting: correct one in a replay."));
    found.forEach((p) => {
      const row = el("li", "proposal");
      const body = el("div", "proposal-body");
      body.append(el("span", "first", "“" + p.text + "”"),
        el("span", "meta", "read as " + (p.read_as || "?") + " · should be " + p.intent + " · by " + p.by));
      p.flags.forEach((f) => body.append(el("span", "flag", "⚠ " + f)));
      const actions = el("div", "proposal-actions");
      actions.append(button("Accept", () => decideProposal(p.id, "accept"), "primary"),
        button("Reject", () => decideProposal(p.id, "reject"), "quiet"));
      body.append(actions);
      row.append(body);
      list.append(row);
    });
  }

  async function decideProposal(id, verdict) {
    const answer = await api("POST", "/api/replay/proposals/" + id + "/" + verdict);
    if (!answer.ok) return banner((answer.data || {}).error || "Not done.");
    banner(verdict === "accept" ? "Accepted: the next `bot train` learns it." : "Rejected.");
    loadSources();
  }

  async function proposeExample(turn, intent) {
    const r = state.replay;
    const answer = await api("POST", "/api/replay/recorded/" + encodeURIComponent(r.ref) + "/annotate",
      { turn: turn, intent: intent });
    banner(answer.ok ? "Proposed as a training example: a trainer accepts or rejects it under “Misread messages”."
      : (answer.data || {}).error || "Not proposed.");
  }

  // -- a replay -----------------------------------------------------------------------------
  async function openReplay(kind, ref) {
    banner("");
    $("title").textContent = "Loading…";
    const path = kind === "recorded" ? "/api/replay/recorded/" + encodeURIComponent(ref)
      : "/api/replay/story?key=" + encodeURIComponent(ref);
    const answer = await api("GET", path);
    if (!answer.ok) {
      $("title").textContent = "Pick a conversation";
      return banner((answer.data || {}).error || "Could not open it.");
    }
    state.replay = answer.data;
    state.index = 0;
    state.practising = false;
    state.round = null;
    state.picks = {};
    state.corrections = {};
    document.querySelectorAll(".source-list button").forEach((b) =>
      b.setAttribute("aria-current", String(b.dataset.ref === ref)));
    $("title").textContent = answer.data.title || "(no words)";
    if (window.matchMedia("(max-width: 980px)").matches) $("title").scrollIntoView({ block: "start" });
    $("subtitle").textContent = kind === "recorded"
      ? "A real conversation · " + answer.data.summary.outcome + " · " + (answer.data.summary.started || "").replace("T", " ")
      : "A story in " + answer.data.source + (answer.data.parts ? "" : " · the assistant today does what it says");
    $("tools").classList.remove("hidden");
    $("export").classList.toggle("hidden", kind !== "recorded");
    $("practise").textContent = "Practise it";
    drawPath(answer.data.path);
    drawStep();
  }

  function drawPath(svgText) {
    const holder = $("path");
    holder.replaceChildren();
    const parsed = new DOMParser().parseFromString(svgText, "image/svg+xml");
    const svg = parsed.documentElement;
    if (svg.nodeName.toLowerCase() !== "svg") return;
    holder.append(document.importNode(svg, true));
    holder.querySelectorAll("g.turn").forEach((g) => g.addEventListener("click", () => {
      state.index = Number(g.dataset.turn) - 1;
      drawStep();
    }));
  }

  function exerciseAt(turn) {
    return (state.replay.practice || []).find((e) => e.turn === turn);
  }

  function drawStep() {
    const r = state.replay;
    const steps = r.steps;
    const step = steps[state.index];
    $("position").textContent = "Turn " + step.turn + " of " + steps.length;
    $("back").disabled = state.index === 0;
    $("next").disabled = state.index === steps.length - 1;
    document.querySelectorAll("#path g.turn").forEach((g) =>
      g.classList.toggle("current", Number(g.dataset.turn) === step.turn));
    const current = document.querySelector("#path g.turn.current");
    if (current && current.scrollIntoView) current.scrollIntoView({ block: "nearest", inline: "center" });

    const parting = r.parts && r.parts.turn === step.turn ? r.parts : null;
    $("parting").classList.toggle("hidden", !parting);
    $("parting").classList.toggle("harmless", Boolean(parting && parting.harmless));
    if (parting) {
      const read = parting.story_intent !== parting.today_intent
        ? "The story says " + parting.story_intent + "; today's model reads " + parting.today_intent +
          (parting.today_confidence === null ? "" : " (" + parting.today_confidence.toFixed(2) + ")") + ". "
        : "";
      $("parting").textContent = "The assistant parts from the story here. " + read +
        (parting.harmless ? "It says the same either way." :
          "The story's path says: “" + parting.story_said.join(" ") + "”");
    }

    const exercise = state.practising ? exerciseAt(step.turn) : null;
    const hide = exercise && !state.picks[step.turn];
    const box = $("step");
    box.replaceChildren(shopperSection(step, r), understoodSection(step, r));
    if (!hide) box.append(decisionSection(step), saidSection(step), listSection(step));
    drawPractice(step, exercise);
  }

  function section(title) {
    const s = el("section");
    s.append(el("h3", "", title));
    return s;
  }

  function shopperSection(step) {
    const s = section("The shopper said");
    s.append(el("p", "shopper", step.text));
    return s;
  }

  function understoodSection(step, r) {
    const s = section("What the assistant understood");
    const u = step.understood;
    const chips = el("div", "chips");
    chips.append(el("span", "chip", "intent: " + (u.intent || "none") +
      (u.confidence === null ? "" : " (" + u.confidence.toFixed(2) + ")")));
    if (r.kind === "story") {
      const said = r.story_steps[state.index].understood.intent;
      chips.append(el("span", "chip", "the story says: " + said));
    }
    const words = u.words || {};
    (words.categories || []).forEach((c) => chips.append(el("span", "chip", "item: " + label(c))));
    Object.entries(words.options || {}).forEach(([q, os]) =>
      chips.append(el("span", "chip", label(q) + ": " + os.map(label).join(" or "))));
    Object.entries(words.values || {}).forEach(([a, vs]) =>
      chips.append(el("span", "chip", label(a) + ": " + vs.map(label).join(", "))));
    (words.measures || []).forEach((m) => chips.append(el("span", "chip", "number: " + m[0] + (m[1] ? " (" + m[1] + ")" : ""))));
    if (words.dont_know) chips.append(el("span", "chip", "not sure"));
    Object.entries(u.entities || {}).forEach(([k, v]) => chips.append(el("span", "chip", "button " + k + ": " + v)));
    s.append(chips);
    if (r.kind === "recorded" && !step.text.startsWith("[")) {
      const fix = el("label", "correct");
      fix.append("Misread? The right intent: ");
      const pick = el("select");
      pick.setAttribute("aria-label", "The right intent for turn " + step.turn);
      pick.append(new Option("(as read)", ""));
      r.intents.forEach((i) => pick.append(new Option(i, i)));
      pick.value = state.corrections[step.turn] || "";
      pick.addEventListener("change", () => {
        if (pick.value) state.corrections[step.turn] = pick.value;
        else delete state.corrections[step.turn];
      });
      fix.append(pick);
      fix.append(button("Propose as training example", () => {
        if (!pick.value) return banner("Pick the right intent first.");
        proposeExample(step.turn, pick.value);
      }, "quiet"));
      s.append(fix);
    }
    return s;
  }

  function gainBars(gains, chosen, extra) {
    const box = el("div", "gains");
    const best = Math.max(0.001, ...gains.map((g) => g.gain));
    gains.forEach((g) => {
      const row = el("div", "gain" + (g.key === chosen ? " chosen" : ""));
      const bar = el("div", "bar");
      bar.style.width = Math.max(1, 100 * g.gain / best) + "%";
      const track = el("div");
      track.append(bar);
      row.append(el("span", "name", g.label + (g.key === chosen ? " ✓" : "")), track,
        el("span", "", g.gain.toFixed(2) + " bits"));
      if (extra && extra[g.key]) row.title = extra[g.key];
      box.append(row);
    });
    return box;
  }

  function decisionSection(step) {
    const s = section("What it did and why");
    const d = step.decision;
    if (!d) {
      s.append(el("p", "", step.handed_off ? "Waiting for a colleague: no question asked."
        : "No new decision about the job this turn."));
      return s;
    }
    const what = d.action === "ask" ? "Asked about the " + label(d.question)
      : d.action === "bundle" ? "Made the list" : "Found nothing that fits";
    s.append(el("p", "", what + ": " + d.solutions + " solution" + (d.solutions === 1 ? "" : "s") +
      " left, " + (d.bundles === 1 ? "all leading to the same list." : "leading to " + d.bundles + " different lists.")));
    s.append(el("p", "reason hint", d.reason));
    if (d.gains.length) {
      s.append(gainBars(d.gains.map((g) => ({ key: g.question, label: label(g.question), gain: g.gain })),
        d.action === "ask" ? d.question : null));
    }
    return s;
  }

  function saidSection(step) {
    const s = section("What it said");
    s.classList.add("said");
    step.said.forEach((m) => {
      s.append(el("p", "", m.text));
      if (m.options.length) s.append(el("p", "options", "[" + m.options.join("] [") + "]"));
    });
    return s;
  }

  function listSection(step) {
    const s = section("The list as it stood");
    if (!step.list) {
      s.append(el("p", "hint", "No list yet."));
      return s;
    }
    const lines = el("ul", "list-lines");
    step.list.lines.forEach((l) => lines.append(el("li", "", l.quantity + " × " + l.sku + " (" + label(l.role) + ")")));
    s.append(el("p", "", "For the job: " + label(step.list.job)), lines);
    return s;
  }

  // -- practice -----------------------------------------------------------------------------
  function drawPractice(step, exercise) {
    const box = $("practice");
    box.classList.toggle("hidden", !state.practising);
    if (!state.practising) return;
    box.replaceChildren();
    const picked = state.picks[step.turn];
    if (!exercise) {
      box.append(el("p", "hint", "Nothing to decide at this turn: the assistant made no choice " +
        "about the job. Go on with Next."));
    } else if (!picked) {
      box.append(el("h3", "", "What would you do next?"));
      const options = el("div", "options");
      exercise.options.forEach((o) => options.append(button(o.label, () => pick(step.turn, o.key))));
      box.append(options);
    } else {
      const right = picked.picked === picked.assistant;
      box.append(el("h3", right ? "right" : "wrong", right ? "Same choice as the assistant." :
        "The assistant chose: " + (picked.options.find((o) => o.key === picked.assistant) || {}).label));
      box.append(el("p", "", "Your pick scores " + pct(picked.score) + ". What each option would have gained:"));
      box.append(gainBars(picked.options, picked.assistant));
    }
    const total = state.round && state.round.picked ? state.round : null;
    box.append(el("p", "score", total ? "Score over the session: " + pct(total.score) +
      " (" + total.picked + " turn" + (total.picked === 1 ? "" : "s") + ")" : "Score over the session: no picks yet"));
  }

  async function pick(turn, key) {
    const r = state.replay;
    const answer = await api("POST", "/api/replay/practice/" + state.round.id + "/pick",
      { kind: r.kind, ref: r.ref, turn: turn, picked: key });
    if (!answer.ok) return banner((answer.data || {}).error || "The pick was not scored.");
    state.picks[turn] = answer.data;
    state.round.score = answer.data.round.score;
    state.round.picked = answer.data.round.picked;
    drawStep();
  }

  async function togglePractice() {
    if (state.practising) {
      state.practising = false;
      $("practise").textContent = "Practise it";
      return drawStep();
    }
    const r = state.replay;
    const answer = await api("POST", "/api/replay/practice", { kind: r.kind, ref: r.ref });
    if (!answer.ok) return banner((answer.data || {}).error || "Could not start practice.");
    state.round = { id: answer.data.round, score: 0, picked: 0 };
    state.picks = {};
    state.practising = true;
    state.index = 0;
    $("practise").textContent = "Stop practising";
    drawStep();
  }

  // -- saving -------------------------------------------------------------------------------
  async function exportStory() {
    const r = state.replay;
    const answer = await api("POST", "/api/replay/recorded/" + encodeURIComponent(r.ref) + "/export",
      { intents: state.corrections });
    if (!answer.ok) return banner((answer.data || {}).error || "Could not write the story.");
    const link = el("a", "", "download");
    link.href = URL.createObjectURL(new Blob([answer.data.story], { type: "text/yaml" }));
    link.download = answer.data.filename;
    document.body.append(link);
    link.click();
    link.remove();
    banner("Saved as a test story (personal data replaced): add it to tests/ and run `rasa test`.");
  }

  async function saveSet(event) {
    event.preventDefault();
    const name = $("set-form").elements.name.value.trim();
    const items = Array.from(state.ticked.values());
    if (!items.length) return banner("Tick the conversations to put in the set first.");
    const answer = await api("POST", "/api/replay/sets", { name: name, items: items });
    banner(answer.ok ? "Practice set “" + name + "” saved with " + items.length + " conversation(s)."
      : (answer.data || {}).error || "The set was not saved.");
  }

  async function checkAll() {
    $("check-all").disabled = true;
    $("check-note").textContent = "Rasa is checking every story (about a minute)…";
    const answer = await api("POST", "/api/replay/check");
    $("check-all").disabled = false;
    if (!answer.ok) {
      $("check-note").textContent = "";
      return banner((answer.data || {}).error || "The check did not run.");
    }
    state.verdicts = {};
    answer.data.results.forEach((v) => { state.verdicts[v.key] = v; });
    const passed = answer.data.results.filter((v) => v.passed).length;
    $("check-note").textContent = passed + " of " + answer.data.results.length + " stories replay exactly (Rasa's own evaluation).";
    loadSources();
  }

  function move(by) {
    if (!state.replay) return;
    state.index = Math.max(0, Math.min(state.replay.steps.length - 1, state.index + by));
    drawStep();
  }

  async function start() {
    const who = await me();
    if (!who) return;
    $("tab-recorded").addEventListener("click", () => selectTab("recorded"));
    $("tab-stories").addEventListener("click", () => selectTab("stories"));
    $("tab-sets").addEventListener("click", () => selectTab("sets"));
    $("tab-proposals").addEventListener("click", () => selectTab("proposals"));
    $("filters").addEventListener("submit", (e) => { e.preventDefault(); loadSources(); });
    $("set-form").addEventListener("submit", saveSet);
    $("check-all").addEventListener("click", checkAll);
    $("back").addEventListener("click", () => move(-1));
    $("next").addEventListener("click", () => move(1));
    $("practise").addEventListener("click", togglePractice);
    $("export").addEventListener("click", exportStory);
    document.addEventListener("keydown", (e) => {
      if (e.target.closest && e.target.closest("input, select, textarea")) return;
      if (e.key === "ArrowLeft") move(-1);
      if (e.key === "ArrowRight") move(1);
    });
    selectTab("recorded");
  }

  start();
})();
