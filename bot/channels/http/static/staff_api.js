// The staff desk's calls: every request carries the desk token; errors keep the HTTP status.
let current = sessionStorage.getItem("pilotbot-staff-token") || "";

export function token() { return current; }
export function setToken(value) { current = value; }

export function el(tag, cls, text) {
  const node = document.createElement(tag);
  if (cls) node.className = cls;
  if (text !== undefined) node.textContent = text;  // never innerHTML: questions and plans are untrusted text
  return node;
}

export async function api(path, options = {}) {
  const headers = { ...(options.headers || {}), Authorization: `Bearer ${current}` };
  let body = options.body;
  if (options.json !== undefined) { headers["Content-Type"] = "application/json"; body = JSON.stringify(options.json); }
  const response = await fetch(path, { method: options.method || "GET", headers, body });
  let data = null;
  try { data = await response.json(); } catch (e) { /* CSV or empty */ }
  if (!response.ok) {
    const error = new Error((data && data.error) || `请求失败（${response.status}）`);
    error.status = response.status;
    throw error;
  }
  return data;
}

export async function download(path, filename) {
  const response = await fetch(path, { headers: { Authorization: `Bearer ${current}` } });
  const url = URL.createObjectURL(await response.blob());
  const a = el("a");
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  URL.revokeObjectURL(url);
}
