"use strict";
const $ = (id) => document.getElementById(id);
let token = sessionStorage.getItem("pilotbot-staff-token") || "";

function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;
  return node;
}

async function api(path, options = {}) {
  const response = await fetch(path, { ...options, headers: { ...(options.headers || {}), Authorization: `Bearer ${token}` } });
  let body = null;
  try { body = await response.json(); } catch (e) { /* CSV or empty */ }
  if (!response.ok) throw new Error((body && body.error) || `请求失败（${response.status}）`);
  return body;
}

const STATE_MARKS = { covered: "✅", restated: "🔁", missing: "❌", unchecked: "⏸" };
const STATE_NOTES = { restated: "只复述了要求，没有本单位内容", missing: "未体现", unchecked: "未检查" };

function reportCell(report) {
  const cell = el("td");
  cell.appendChild(el("div", report.ok ? "good" : "bad", report.ok ? "✅ 通过基本检查" : "⚠️ 需要修改"));
  cell.appendChild(el("div", "", `字数 ${report.chars}/${report.limit}；章节：${report.sections_found.join("、") || "无"}`));
  const list = el("ul");
  for (const m of report.mandatory) {
    const state = m.state || (m.covered ? "covered" : "missing");  // reports stored before per-item states
    const note = STATE_NOTES[state] ? `（${STATE_NOTES[state]}）` : "";
    const item = el("li", state === "covered" ? "" : "bad", `${STATE_MARKS[state]} 必选项${m.number} ${m.title}${note}`);
    const quote = m.sentence || m.restated;
    if (quote) item.appendChild(el("div", "muted", `“${quote}”`));
    list.appendChild(item);
  }
  cell.appendChild(list);
  cell.appendChild(el("div", "", `涉及创新项：${report.innovation_covered.length ? report.innovation_covered.join("、") : "无"}`));
  for (const p of report.problems) cell.appendChild(el("div", "bad", `· ${p}`));
  return cell;
}

function statusCell(review) {
  const cell = el("td");
  const select = el("select");
  for (const s of ["待审核", "待修改", "通过"]) {
    const option = el("option", "", s);
    option.value = s;
    if (s === review.status) option.selected = true;
    select.appendChild(option);
  }
  const comment = el("textarea");
  comment.rows = 2;
  comment.placeholder = "审核意见";
  comment.value = review.comment;
  const save = el("button", "", "保存");
  save.type = "button";
  save.addEventListener("click", async () => {
    await api(`/api/staff/reviews/${review.id}`, {
      method: "PATCH", headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ status: select.value, comment: comment.value }),
    });
    await refresh();
  });
  cell.append(select, el("br"), comment, el("br"), save);
  return cell;
}

function render(data) {
  const tally = $("tally").querySelector("tbody");
  tally.replaceChildren();
  for (const row of data.tally) {
    const tr = el("tr", row.over_quota ? "over" : "");
    for (const v of [row.district, row.name, row.drafts, row.passed, `≤${row.quota}${row.over_quota ? "（已超）" : ""}`]) tr.appendChild(el("td", "", String(v)));
    tally.appendChild(tr);
  }
  const body = $("reviews").querySelector("tbody");
  body.replaceChildren();
  for (const review of data.reviews) {
    const tr = el("tr");
    tr.dataset.id = review.id;
    tr.append(el("td", "", String(review.id)), el("td", "", review.filename), el("td", "", `${review.type_name} / ${review.district}`));
    tr.append(reportCell(review.report), statusCell(review));
    body.appendChild(tr);
  }
}

async function refresh() { render(await api("/api/staff/reviews")); }

async function login() {
  token = $("token").value || token;
  try {
    await refresh();
    sessionStorage.setItem("pilotbot-staff-token", token);
    $("login").hidden = true;
    $("desk").hidden = false;
  } catch (e) { $("login-error").textContent = e.message; }
}

$("login-button").addEventListener("click", login);
$("token").addEventListener("keydown", (e) => { if (e.key === "Enter") login(); });
$("upload").addEventListener("submit", async (event) => {
  event.preventDefault();
  const form = new FormData();
  form.append("type", $("type").value);
  form.append("district", $("district").value);
  for (const f of $("files").files) form.append("files", f);
  const result = $("upload-result");
  result.replaceChildren(el("span", "muted", "检查中…"));
  try {
    const data = await api("/api/staff/reviews", { method: "POST", body: form });
    result.replaceChildren(el("span", "good", `已检查 ${data.created.length} 份`));
    for (const r of data.rejected) result.appendChild(el("div", "bad", `${r.filename}：${r.error}`));
    render(data);
  } catch (e) { result.replaceChildren(el("span", "bad", e.message)); }
});
$("csv").addEventListener("click", async (event) => {
  event.preventDefault();
  const response = await fetch("/api/staff/reviews.csv", { headers: { Authorization: `Bearer ${token}` } });
  const url = URL.createObjectURL(await response.blob());
  const a = el("a"); a.href = url; a.download = "审核清单.csv"; a.click();
  URL.revokeObjectURL(url);
});
if (token) login();
