// The web chat talks to the same dialog core as Telegram and WeChat through POST /api/chat.
// The session id lives in localStorage and the transcript on the server, so a reload resumes the dialog.
import { renderMarkdown } from "/static/markdown.js";

const log = document.getElementById("log");
const input = document.getElementById("input");
const fileInput = document.getElementById("file");
const sendButton = document.getElementById("send");
const composer = document.getElementById("composer");
const MENU = [["提问", "ask"], ["资格自查", "eligibility"], ["申报清单", "items"], ["起草方案", "draft"], ["检查方案", "check"], ["取消", "cancel"]];
const UPLOAD_LIMIT = 5 * 1024 * 1024;
const PICK = "pick:";
let busy = false;

function sessionId() {
  let id = localStorage.getItem("pilotbot-session");
  if (!id) {
    id = (crypto.randomUUID ? crypto.randomUUID() : String(Date.now()) + Math.random().toString(16).slice(2)).replace(/[^\w-]/g, "");
    localStorage.setItem("pilotbot-session", id);
  }
  return id;
}

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;  // never innerHTML: replies quote documents and users
  return node;
}

function button(label, cls, onClick) {
  const b = el("button", cls, label);
  b.type = "button";
  b.addEventListener("click", onClick);
  return b;
}

function scrollDown() { window.scrollTo(0, document.body.scrollHeight); }

// The composer is fixed at the bottom: keep the log's end clear of it whatever its height — and a reader at the end
// stays there as the composer grows with what is typed (the observer runs after the page has laid out).
new ResizeObserver(() => {
  const atEnd = window.innerHeight + window.scrollY >= document.body.scrollHeight - 4;
  log.style.paddingBottom = `${composer.offsetHeight + 16}px`;
  if (atEnd) scrollDown();
}).observe(composer);

function setBusy(on, label = "正在思考") {
  busy = on;
  sendButton.disabled = on;
  fileInput.disabled = on;
  log.setAttribute("aria-busy", on ? "true" : "false");
  document.getElementById("working")?.remove();
  if (on) {
    const working = el("div", "msg working");  // not .bot: it is no reply
    working.id = "working";
    working.setAttribute("role", "status");
    working.append(el("span", "", label), el("span", "dots", "…"));
    log.appendChild(working);
    scrollDown();
  }
}

function showUser(text) {
  const box = el("div", "msg user");
  if (text.length > 300) {
    box.appendChild(el("div", "", `${text.slice(0, 120)}…`));
    box.appendChild(el("div", "small", `（共${text.length}字）`));
  } else box.textContent = text;
  log.appendChild(box);
  scrollDown();
}

// Options of older messages are stale once a newer message offers its own.
function retireOptions(except) {
  for (const b of log.querySelectorAll(".options button:not([disabled])")) {
    if (!except || !except.contains(b)) b.disabled = true;
  }
}

function optionsOf(reply, box) {
  const wrap = el("div", "options");
  wrap.setAttribute("role", "group");
  wrap.setAttribute("aria-label", "可选回复");
  const picks = reply.options.filter((o) => o.value.startsWith(PICK));
  const chosen = new Set();
  const used = (b) => { for (const x of wrap.querySelectorAll("button")) x.disabled = true; b.classList.add("chosen"); };
  let confirm = null;
  for (const o of reply.options) {
    if (o.value.startsWith(PICK)) {
      const toggle = button(o.label, "pick", () => {
        const n = o.value.slice(PICK.length);
        if (chosen.has(n)) chosen.delete(n); else chosen.add(n);
        toggle.setAttribute("aria-pressed", chosen.has(n) ? "true" : "false");
        confirm.disabled = chosen.size === 0;
        confirm.textContent = chosen.size ? `确定所选（${chosen.size}项）` : "确定所选";
      });
      toggle.setAttribute("aria-pressed", "false");
      toggle.dataset.value = o.value;
      wrap.appendChild(toggle);
    } else {
      const b = button(o.label, "", () => { used(b); send({ kind: "choice", value: o.value, label: o.label }, o.label); });
      b.dataset.value = o.value;
      wrap.appendChild(b);
    }
  }
  if (picks.length) {
    confirm = button("确定所选", "primary confirm", () => {
      const numbers = [...chosen].sort((a, b) => a - b);
      const labels = picks.filter((o) => chosen.has(o.value.slice(PICK.length))).map((o) => o.label);
      used(confirm);
      send({ kind: "choice", value: PICK + numbers.join(","), label: `已选：${labels.join("；")}` }, `已选：${labels.join("；")}`);
    });
    confirm.disabled = true;
    wrap.insertBefore(confirm, wrap.querySelector("button:not(.pick)"));
  }
  box.appendChild(wrap);
}

function citationsOf(reply, box) {
  const details = el("details", "citations");
  const first = reply.citations[0].label || reply.citations[0].title;
  const more = reply.citations.length > 1 ? ` 等${reply.citations.length}条` : "";
  details.appendChild(el("summary", "", `出处：${first}${more}`));
  for (const c of reply.citations) {
    const cite = el("div", "cite");
    cite.appendChild(el("div", "cite-title", c.label || c.title));
    cite.appendChild(el("div", "cite-text", c.text));
    cite.appendChild(el("div", "cite-id", `条款编号 ${c.id}`));
    details.appendChild(cite);
  }
  box.appendChild(details);
}

async function copyText(text, b) {
  try { await navigator.clipboard.writeText(text); }
  catch (e) {
    const area = el("textarea"); area.value = text; document.body.appendChild(area); area.select();
    document.execCommand("copy"); area.remove();
  }
  b.textContent = "已复制";
  setTimeout(() => { b.textContent = "复制"; }, 1500);
}

function feedbackOf(reply, tools) {
  const status = el("span", "small feedback-status");
  status.setAttribute("aria-live", "polite");
  const vote = async (value, comment = "") => {
    const response = await fetch("/api/chat/feedback", {
      method: "POST", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ session: sessionId(), answer_id: reply.answer_id, vote: value, comment }),
    });
    status.textContent = response.ok ? "谢谢反馈！" : "反馈未保存，请稍后再试";
    return response.ok;
  };
  const up = button("👍", "icon", async () => { up.setAttribute("aria-pressed", "true"); down.setAttribute("aria-pressed", "false"); await vote("up"); });
  up.setAttribute("aria-label", "有帮助");
  const down = button("👎", "icon", async () => {
    up.setAttribute("aria-pressed", "false"); down.setAttribute("aria-pressed", "true");
    await vote("down");
    if (tools.querySelector(".comment")) return;
    const form = el("form", "comment");
    const id = `comment-${reply.answer_id}`;
    const label = el("label", "small", "哪里不对？（可选）"); label.htmlFor = id;
    const area = el("textarea"); area.id = id; area.rows = 2; area.maxLength = 1000;
    const submit = el("button", "", "提交意见"); submit.type = "submit";
    form.append(label, area, submit);
    form.addEventListener("submit", async (event) => {
      event.preventDefault();
      if (await vote("down", area.value.trim())) form.replaceWith(el("span", "small", "意见已收到，工作人员会据此改进回答。"));
    });
    tools.after(form);
    area.focus();
  });
  down.setAttribute("aria-label", "没帮助");
  up.setAttribute("aria-pressed", "false"); down.setAttribute("aria-pressed", "false");
  tools.append(up, down, status);
}

function showReply(reply, { live = true } = {}) {
  const box = el("div", "msg bot");
  const labels = Object.fromEntries((reply.citations || []).map((c) => [c.id, c.label || c.title]));
  const body = el("div", "md");
  body.appendChild(renderMarkdown(reply.text || "", { labels, onExample: (text) => ask(text) }));
  box.appendChild(body);
  if (reply.citations && reply.citations.length) citationsOf(reply, box);
  if (reply.document) {
    const link = el("a", "button doc", `下载 ${reply.document.filename}`);
    link.href = reply.document.url;
    link.setAttribute("download", reply.document.filename);
    box.appendChild(link);
  }
  if (reply.options && reply.options.length) {
    if (live) retireOptions();
    optionsOf(reply, box);
  }
  // Answers and long reports get copy (and 👍/👎 when logged); prompts with buttons do not.
  if (reply.answer_id || (reply.text && reply.text.length > 120 && !(reply.options && reply.options.length))) {
    const tools = el("div", "tools");
    tools.appendChild(button("复制", "small-button", (e) => copyText(reply.text, e.currentTarget)));
    if (reply.answer_id) feedbackOf(reply, tools);
    box.appendChild(tools);
  }
  log.appendChild(box);
  return box;
}

function showError(message) { log.appendChild(el("div", "msg bot bad", message)); scrollDown(); }

async function handle(response) {
  let body = null;
  try { body = await response.json(); } catch (e) { /* not JSON */ }
  if (!response.ok) {
    showError((body && body.error) || `请求失败（${response.status}）`);
    return;
  }
  for (const reply of body.replies) showReply(reply);
  scrollDown();
}

async function send(message, echo) {
  if (busy) return;
  if (echo) showUser(echo);
  setBusy(true);
  try {
    await handle(await fetch("/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ session: sessionId(), message }),
    }));
  } catch (e) { showError("网络异常，请稍后再试。"); }
  finally { setBusy(false); }
}

async function sendFile(file, echo, label) {
  if (busy) return;
  if (file.size > UPLOAD_LIMIT) { showError("文件超过5MB，请精简后再上传。"); return; }
  showUser(echo);
  setBusy(true, label);
  const form = new FormData();
  form.append("session", sessionId());
  form.append("file", file);
  try { await handle(await fetch("/api/chat/file", { method: "POST", body: form })); }
  catch (e) { showError("上传失败，请稍后再试。"); }
  finally { setBusy(false); }
}

// A pasted plan (long, or several lines of some length) is checked as a file, whole, with its line breaks.
function looksLikePlan(text) {
  const lines = text.split("\n").filter((l) => l.trim()).length;
  return text.length > 1000 || (lines >= 3 && text.length >= 200);
}

function ask(text) {
  if (busy || !text) return;
  if (looksLikePlan(text)) {
    const file = new File([text], "粘贴的方案.txt", { type: "text/plain" });
    sendFile(file, `📋 粘贴的方案（${text.length}字）`, "正在检查方案");
  } else send({ kind: "text", text }, text);
}

function grow() {
  input.style.height = "auto";
  input.style.height = `${Math.min(input.scrollHeight, window.innerHeight * 0.3)}px`;
}

composer.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text || busy) return;
  input.value = "";
  grow();
  ask(text);
});
input.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    composer.requestSubmit();
  }
});
input.addEventListener("input", grow);

fileInput.addEventListener("change", () => {
  const file = fileInput.files[0];
  fileInput.value = "";
  if (file) sendFile(file, `📎 ${file.name}`, "正在检查方案");
});

const menu = document.getElementById("menu");
for (const [label, command] of MENU) {
  menu.appendChild(button(label, "", () => {
    if (command === "ask") { input.focus(); return; }
    send({ kind: "command", value: command, label }, label);
  }));
}

// Restore the conversation from the server; only a new session is greeted with `start`.
async function restore() {
  let entries = [];
  try {
    const response = await fetch(`/api/chat/history?session=${encodeURIComponent(sessionId())}`);
    if (response.ok) entries = (await response.json()).entries;
  } catch (e) { /* offline: start afresh below */ }
  if (!entries.length) { await send({ kind: "command", value: "start" }); return; }
  const lastUser = entries.map((e) => e.role).lastIndexOf("user");
  entries.forEach((entry, i) => {
    if (entry.role === "user") showUser(entry.text);
    else {
      const box = showReply(entry.reply, { live: false });
      if (i < lastUser) for (const b of box.querySelectorAll(".options button")) b.disabled = true;
    }
  });
  scrollDown();
}
restore();
