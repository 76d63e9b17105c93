// The questions log (grouped by similarity, filtered, exported) and the curated answers staff attach to groups.
import { api, download, el } from "/static/staff_api.js";

const $ = (id) => document.getElementById(id);
let formCount = 0;

function filterQuery() {
  const params = new URLSearchParams();
  if ($("f-refused").checked) params.set("refused", "true");
  if ($("f-down").checked) params.set("down", "true");
  for (const [key, id] of [["type", "f-type"], ["since", "f-since"], ["until", "f-until"]]) {
    if ($(id).value) params.set(key, $(id).value);
  }
  return params.toString();
}

function badge(text, cls = "") { return el("span", `badge ${cls}`, text); }

function splitIds(text) { return text.split(/[\s,，、;；]+/).map((s) => s.trim()).filter(Boolean); }

// A form for a curated answer: the text and the clause ids it cites (checked by the server).
function curatedForm({ text, clauseIds, submitLabel, onSave }) {
  formCount += 1;
  const form = el("form", "curated-form");
  const textId = `curated-text-${formCount}`;
  const idsId = `curated-ids-${formCount}`;
  const textLabel = el("label", "", "标准答案");
  textLabel.htmlFor = textId;
  const area = el("textarea");
  area.id = textId; area.rows = 4; area.required = true; area.maxLength = 4000; area.value = text;
  const idsLabel = el("label", "", "引用条款编号（用逗号分隔，如 guide.enterprise.condition.1）");
  idsLabel.htmlFor = idsId;
  const ids = el("input");
  ids.id = idsId; ids.required = true; ids.value = clauseIds.join(", ");
  const note = el("span", "muted");
  note.setAttribute("aria-live", "polite");
  const save = el("button", "primary", submitLabel);
  save.type = "submit";
  const row = el("div", "actions");
  row.append(save, note);
  form.append(textLabel, area, idsLabel, ids, row);
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    save.disabled = true;
    note.className = "muted";
    note.textContent = "保存中…";
    try {
      await onSave(area.value.trim(), splitIds(ids.value));
      note.className = "good";
      note.textContent = "✓ 已保存，之后相同或相近的提问将优先使用此答案";
    } catch (e) { note.className = "bad"; note.textContent = e.message; }
    save.disabled = false;
  });
  return form;
}

function groupCard(group) {
  const card = el("div", "group");
  card.appendChild(el("div", "question", group.question));
  const badges = el("div", "badges");
  badges.appendChild(badge(`${group.count} 次`));
  if (group.refused) badges.appendChild(badge(`拒答 ${group.refused}`, "bad"));
  if (group.down) badges.appendChild(badge(`👎 ${group.down}`, "bad"));
  if (group.up) badges.appendChild(badge(`👍 ${group.up}`, "good"));
  if (group.curated_id) badges.appendChild(badge("已有标准答案", "good"));
  badges.appendChild(badge(`最近 ${new Date(group.last_asked_at).toLocaleString("zh-CN", { hour12: false })}`));
  card.appendChild(badges);
  if (group.phrasings.length > 1) {
    const other = el("details");
    other.appendChild(el("summary", "", `其他问法（${group.phrasings.length - 1}）`));
    const list = el("ul");
    for (const p of group.phrasings.filter((p) => p !== group.question)) list.appendChild(el("li", "", p));
    other.appendChild(list);
    card.appendChild(other);
  }
  const comments = group.questions.filter((q) => q.comment);
  if (comments.length) {
    const list = el("ul");
    for (const q of comments) list.appendChild(el("li", "", `${q.vote === "down" ? "👎" : "👍"} ${q.comment}`));
    card.append(el("div", "muted", "用户意见："), list);
  }
  const answer = el("details");
  answer.appendChild(el("summary", "", `当时的回答${group.citations.length ? `（引用 ${group.citations.join("、")}）` : ""}`));
  answer.appendChild(el("div", "answer", group.answer));
  card.appendChild(answer);
  const write = el("button", "", group.curated_id ? "修改标准答案" : "编写标准答案");
  write.type = "button";
  write.addEventListener("click", () => {
    write.hidden = true;
    card.appendChild(curatedForm({
      text: group.answer,
      clauseIds: group.citations,
      submitLabel: "保存标准答案",
      onSave: (text, clauseIds) => {
        const json = { questions: group.phrasings, text, clause_ids: clauseIds };
        return group.curated_id
          ? api(`/api/staff/curated/${group.curated_id}`, { method: "PUT", json })
          : api("/api/staff/curated", { method: "POST", json });
      },
    }));
    card.querySelector("textarea").focus();
  });
  card.appendChild(write);
  return card;
}

export const questionsPanel = {
  async load() {
    const box = $("groups");
    box.replaceChildren(el("div", "muted", "加载中…"));
    try {
      const data = await api(`/api/staff/questions?${filterQuery()}`);
      $("questions-summary").textContent = `共 ${data.total} 次提问，${data.groups.length} 组`;
      box.replaceChildren(...data.groups.map(groupCard));
      if (!data.groups.length) box.appendChild(el("div", "muted", "没有符合条件的提问。"));
    } catch (e) { box.replaceChildren(el("div", "bad", e.message)); }
  },
};

function curatedCard(entry) {
  const card = el("div", "group");
  card.appendChild(el("div", "question", entry.questions[0]));
  if (entry.questions.length > 1) card.appendChild(el("div", "muted", `另含 ${entry.questions.length - 1} 种问法`));
  card.appendChild(el("div", "answer", entry.text));
  card.appendChild(el("div", "muted", `引用：${entry.clauses.map((c) => `${c.label}（${c.id}）`).join("；")}`));
  const actions = el("div", "actions");
  const edit = el("button", "", "修改");
  edit.type = "button";
  edit.addEventListener("click", () => {
    edit.disabled = true;
    card.appendChild(curatedForm({
      text: entry.text, clauseIds: entry.clause_ids, submitLabel: "保存修改",
      onSave: (text, clauseIds) => api(`/api/staff/curated/${entry.id}`, { method: "PUT", json: { text, clause_ids: clauseIds } }),
    }));
  });
  const remove = el("button", "", "删除");
  remove.type = "button";
  remove.addEventListener("click", async () => {
    if (!window.confirm("删除这条标准答案？之后这些问题将按通知原文自动回答。")) return;
    await api(`/api/staff/curated/${entry.id}`, { method: "DELETE" });
    curatedPanel.load();
  });
  actions.append(edit, remove);
  card.appendChild(actions);
  return card;
}

export const curatedPanel = {
  async load() {
    const box = $("curated-list");
    try {
      const data = await api("/api/staff/curated");
      box.replaceChildren(...data.curated.map(curatedCard));
      if (!data.curated.length) box.appendChild(el("div", "muted", "还没有标准答案。在“提问记录”中为某组问题编写。"));
    } catch (e) { box.replaceChildren(el("div", "bad", e.message)); }
  },
};

$("question-filter").addEventListener("submit", (event) => { event.preventDefault(); questionsPanel.load(); });
$("questions-csv").addEventListener("click", (event) => {
  event.preventDefault();
  download(`/api/staff/questions.csv?${filterQuery()}`, "提问记录.csv");
});
