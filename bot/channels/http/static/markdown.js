// A tiny, safe Markdown renderer: it builds DOM nodes with textContent only (never innerHTML), so text
// quoted from documents or typed by users can never become markup. It knows what replies use: paragraphs,
// line breaks, headings, bullet and numbered lists, **bold**, `code`, inline clause markers 〔id〕（place）,
// and example questions after 例如 (“…”“…”), which become buttons.

const INLINE = /\*\*([^*]+)\*\*|`([^`]+)`|〔([\w.]+)〕(?:（([^）]*)）)?|“([^”]{2,40})”/g;
const BULLET = /^\s*[-*•]\s+(.*)$/;
const NUMBERED = /^\s*(\d+)[.)、]\s+(.*)$/;
const HEADING = /^(#{1,4})\s+(.*)$/;

function node(tag, cls, text) {
  const el = document.createElement(tag);
  if (cls) el.className = cls;
  if (text !== undefined) el.textContent = text;
  return el;
}

// Inline spans of one line. `ctx.labels` maps clause ids to words; `ctx.onExample(text)` sends an example.
function inline(parent, line, ctx) {
  let last = 0;
  let examples = false;
  for (const m of line.matchAll(INLINE)) {
    const before = line.slice(last, m.index);
    if (before) parent.appendChild(document.createTextNode(before));
    if (/例如\s*$/.test(before)) examples = true;
    else if (before.trim()) examples = false;
    if (m[1] !== undefined) parent.appendChild(node("strong", "", m[1]));
    else if (m[2] !== undefined) parent.appendChild(node("code", "", m[2]));
    else if (m[3] !== undefined) {
      const label = (ctx.labels && ctx.labels[m[3]]) || m[4] || m[3];
      const ref = node("span", "cite-ref", label);
      ref.title = m[3];
      parent.appendChild(ref);
    } else if (examples && ctx.onExample) {
      const text = m[5];
      const button = node("button", "example", text);
      button.type = "button";
      button.addEventListener("click", () => ctx.onExample(text));
      parent.append("“", button, "”");
    } else parent.appendChild(document.createTextNode(m[0]));
    last = m.index + m[0].length;
  }
  if (last < line.length) parent.appendChild(document.createTextNode(line.slice(last)));
}

function list(lines, ordered, ctx) {
  const el = node(ordered ? "ol" : "ul");
  for (const item of lines) {
    const li = node("li");
    if (ordered) li.value = item.n;
    inline(li, item.text, ctx);
    el.appendChild(li);
  }
  return el;
}

// Render `text` into a fragment of safe nodes.
export function renderMarkdown(text, ctx = {}) {
  const out = document.createDocumentFragment();
  for (const block of String(text).replace(/\r\n?/g, "\n").split(/\n{2,}/)) {
    const lines = block.split("\n");
    let para = null;
    let pending = [];
    let pendingOrdered = false;
    const flushList = () => {
      if (pending.length) out.appendChild(list(pending, pendingOrdered, ctx));
      pending = [];
    };
    for (const line of lines) {
      const heading = line.match(HEADING);
      const bullet = line.match(BULLET);
      const numbered = line.match(NUMBERED);
      if (heading) {
        flushList();
        para = null;
        const h = node(heading[1].length <= 2 ? "h3" : "h4");
        inline(h, heading[2], ctx);
        out.appendChild(h);
      } else if (bullet || numbered) {
        para = null;
        const ordered = Boolean(numbered);
        if (pending.length && ordered !== pendingOrdered) flushList();
        pendingOrdered = ordered;
        pending.push(bullet ? { text: bullet[1] } : { text: numbered[2], n: Number(numbered[1]) });
      } else {
        flushList();
        if (!para) { para = node("p"); out.appendChild(para); }
        else para.appendChild(node("br"));
        inline(para, line, ctx);
      }
    }
    flushList();
  }
  return out;
}
