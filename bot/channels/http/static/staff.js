// The staff desk: plan reviews (upload, check, status, quota tally), the questions log and curated answers.
import { curatedPanel, questionsPanel } from "/static/staff_questions.js";
import { api, download, el, setToken, token } from "/static/staff_api.js";

const $ = (id) => document.getElementById(id);

const STATE_MARKS = { covered: "✅", restated: "🔁", missing: "❌", unchecked: "⏸" };
const STATE_NOTES = { restated: "只复述了要求，没有本单位内容", missing: "未体现", unchecked: "未检查" };

function reportCell(report) {
  const cell = el("td");
  cell.dataset.label = "检查结果";
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
  const cell = el("td", "status-cell");
  cell.dataset.label = "状态与意见";
  const select = el("select");
  select.setAttribute("aria-label", `${review.filename} 的审核状态`);
  for (const s of ["待审核", "待修改", "通过"]) {
    const option = el("option", "", s);
    option.value = s;
    if (s === review.status) option.selected = true;
    select.appendChild(option);
  }
  const comment = el("textarea");
  comment.rows = 2;
  comment.placeholder = "审核意见";
  comment.setAttribute("aria-label", `${review.filename} 的审核意见`);
  comment.value = review.comment;
  const note = el("span", "muted");
  note.setAttribute("aria-live", "polite");
  const save = el("button", "primary", "保存");
  save.type = "button";
  save.addEventListener("click", async () => {
    const body = { status: select.value, comment: comment.value };
    save.disabled = true;
    note.textContent = "保存中…";
    try {
      try {
        await api(`/api/staff/reviews/${review.id}`, { method: "PATCH", json: body });
      } catch (e) {
        if (e.status !== 409 || !window.confirm(e.message)) throw e;
        await api(`/api/staff/reviews/${review.id}`, { method: "PATCH", json: { ...body, confirm: true } });
      }
      await refresh();
      const row = document.querySelector(`#reviews tr[data-id="${review.id}"] .status-cell .muted`);
      if (row) row.textContent = `✓ 已保存 ${new Date().toLocaleTimeString("zh-CN", { hour12: false })}`;
    } catch (e) {
      note.textContent = e.message;
      note.className = "bad";
      save.disabled = false;
    }
  });
  const remove = el("button", "", "删除");
  remove.type = "button";
  remove.addEventListener("click", async () => {
    if (!window.confirm(`删除“${review.filename}”的审核记录？删除后不再计入名额统计。`)) return;
    try { render(await api(`/api/staff/reviews/${review.id}`, { method: "DELETE" })); }
    catch (e) { note.textContent = e.message; note.className = "bad"; }
  });
  const actions = el("div", "actions");
  actions.append(save, remove, note);
  cell.append(select, comment, actions);
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
    const uploaded = new Date(review.created_at).toLocaleString("zh-CN", { hour12: false });
    const cells = [["#", String(review.id)], ["文件", review.filename], ["类型 / 区", `${review.type_name} / ${review.district}`]];
    for (const [label, text] of cells) { const td = el("td", "", text); td.dataset.label = label; tr.appendChild(td); }
    tr.children[1].appendChild(el("div", "muted", uploaded));
    tr.append(reportCell(review.report), statusCell(review));
    body.appendChild(tr);
  }
}

async function refresh() { render(await api("/api/staff/reviews")); }

function showTab(name) {
  for (const tab of ["reviews", "questions", "curated"]) {
    $(`tab-${tab}`).setAttribute("aria-selected", String(tab === name));
    $(`panel-${tab}`).hidden = tab !== name;
  }
  if (name === "questions") questionsPanel.load();
  if (name === "curated") curatedPanel.load();
}

async function login(event) {
  if (event) event.preventDefault();
  setToken($("token").value || token());
  try {
    await refresh();
    sessionStorage.setItem("pilotbot-staff-token", token());
    $("login").hidden = true;
    $("desk").hidden = false;
  } catch (e) { $("login-error").textContent = e.message; }
}

// Each file is uploaded and checked on its own, so staff see progress file by file.
async function upload(event) {
  event.preventDefault();
  const button = $("check-button");
  const files = [...$("files").files];
  const result = $("upload-result");
  result.replaceChildren();
  button.disabled = true;
  const rows = files.map((f) => { const li = el("li", "muted", `⏳ ${f.name}：等待检查`); result.appendChild(li); return li; });
  let done = 0;
  for (const [i, file] of files.entries()) {
    rows[i].textContent = `🔍 ${file.name}：检查中…（${i + 1}/${files.length}）`;
    const form = new FormData();
    form.append("type", $("type").value);
    form.append("district", $("district").value);
    form.append("files", file);
    try {
      const data = await api("/api/staff/reviews", { method: "POST", body: form });
      if (data.created.length) { rows[i].textContent = `✅ ${file.name}：已检查`; rows[i].className = "good"; done += 1; }
      else if (data.existing.length) { rows[i].textContent = `↩️ ${file.name}：此前已上传（记录 #${data.existing[0].id}），未重复登记`; rows[i].className = "muted"; }
      else { rows[i].textContent = `❌ ${file.name}：${data.rejected[0].error}`; rows[i].className = "bad"; }
      render(data);
    } catch (e) { rows[i].textContent = `❌ ${file.name}：${e.message}`; rows[i].className = "bad"; }
  }
  result.appendChild(el("li", "", `完成：新检查 ${done} 份，共 ${files.length} 份`));
  button.disabled = false;
}

$("login").addEventListener("submit", login);
$("upload").addEventListener("submit", upload);
$("csv").addEventListener("click", (event) => { event.preventDefault(); download("/api/staff/reviews.csv", "审核清单.csv"); });
for (const tab of ["reviews", "questions", "curated"]) $(`tab-${tab}`).addEventListener("click", () => showTab(tab));
if (token()) login();
