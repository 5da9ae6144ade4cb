/*
 * What the staff's pages share: calls to the staff server's API (with the session's
 * CSRF token on every change), small DOM helpers (text only, never HTML), money.
 */
(function () {
  "use strict";

  let csrf = "";

  /** An element with a class and text (always as text). */
  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  function button(label, onClick, className) {
    const node = el("button", className || "", label);
    node.type = "button";
    node.addEventListener("click", onClick);
    return node;
  }

  function money(pence, currency) {
    const value = Number(pence) / 100;
    if (!isFinite(value)) return "";
    return new Intl.NumberFormat("en-GB", { style: "currency", currency: currency || "GBP" }).format(value);
  }

  /** A call to the staff server: {ok, status, data}; throws only when the network fails. */
  async function api(method, path, body) {
    const headers = { "Accept": "application/json" };
    if (method !== "GET") headers["X-CSRF-Token"] = csrf;
    if (body !== undefined) headers["Content-Type"] = "application/json";
    const answer = await fetch(path, {
      method: method, headers: headers, credentials: "same-origin",
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    let data = null;
    try { data = await answer.json(); } catch (e) { data = null; }
    return { ok: answer.ok, status: answer.status, data: data };
  }

  /** Who is signed in (and the CSRF token); to the sign-in page when nobody is. */
  async function me() {
    const answer = await api("GET", "/api/me");
    if (answer.status === 401) {
      window.location.href = "/login?next=" + encodeURIComponent(window.location.pathname);
      return null;
    }
    csrf = answer.data.csrf;
    document.querySelectorAll("form#logout input[name=csrf]").forEach((i) => { i.value = csrf; });
    const who = document.getElementById("who");
    if (who) who.textContent = answer.data.name;
    return answer.data;
  }

  function newId() {
    const bytes = new Uint8Array(12);
    crypto.getRandomValues(bytes);
    return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
  }

  window.Staff = { el: el, button: button, money: money, api: api, me: me, newId: newId };
})();
