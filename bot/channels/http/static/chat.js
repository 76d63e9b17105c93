"use strict";
// The web chat talks to the same dialog core as Telegram and WeChat through POST /api/chat.
const log = document.getElementById("log");
const input = document.getElementById("input");
const fileInput = document.getElementById("file");
const MENU = [["问答", "ask"], ["资格自查", "eligibility"], ["申报清单", "items"], ["起草方案", "draft"], ["检查方案", "check"], ["取消", "cancel"]];

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

function scrollDown() { window.scrollTo(0, document.body.scrollHeight); }

function showUser(text) { log.appendChild(el("div", "msg user", text)); scrollDown(); }

function showReply(reply) {
  const box = el("div", "msg bot", reply.text || "");
  if (reply.citations && reply.citations.length) {
    const details = el("details", "citations");
    details.appendChild(el("summary", "", `引用条款（${reply.citations.length}）`));
    for (const c of reply.citations) {
      const cite = el("div", "cite");
      cite.appendChild(el("b", "", c.id));
      cite.appendChild(el("div", "muted", c.title));
      cite.appendChild(el("div", "", c.text));
      details.appendChild(cite);
    }
    box.appendChild(details);
  }
  if (reply.options && reply.options.length) {
    const options = el("div", "options");
    for (const o of reply.options) {
      const button = el("button", "", o.label);
      button.type = "button";
      button.dataset.value = o.value;
      button.addEventListener("click", () => send({ kind: "choice", value: o.value }, o.label));
      options.appendChild(button);
    }
    box.appendChild(options);
  }
  if (reply.document) {
    const link = el("a", "button doc", `下载 ${reply.document.filename}`);
    link.href = reply.document.url;
    link.setAttribute("download", reply.document.filename);
    box.appendChild(link);
  }
  log.appendChild(box);
  scrollDown();
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
}

async function send(message, echo) {
  if (echo) showUser(echo);
  try {
    await handle(await fetch("/api/chat", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ session: sessionId(), message }),
    }));
  } catch (e) { showError("网络异常，请稍后再试。"); }
}

document.getElementById("composer").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = input.value.trim();
  if (!text) return;
  input.value = "";
  send({ kind: "text", text }, text);
});

fileInput.addEventListener("change", async () => {
  const file = fileInput.files[0];
  if (!file) return;
  fileInput.value = "";
  if (file.size > 5 * 1024 * 1024) { showError("文件超过5MB，请精简后再上传。"); return; }
  showUser(`📎 ${file.name}`);
  const form = new FormData();
  form.append("session", sessionId());
  form.append("file", file);
  try { await handle(await fetch("/api/chat/file", { method: "POST", body: form })); }
  catch (e) { showError("上传失败，请稍后再试。"); }
});

const menu = document.getElementById("menu");
for (const [label, command] of MENU) {
  const button = el("button", "", label);
  button.type = "button";
  button.addEventListener("click", () => {
    if (command === "ask") { input.focus(); return; }
    send({ kind: "command", value: command }, label);
  });
  menu.appendChild(button);
}
send({ kind: "command", value: "start" });
