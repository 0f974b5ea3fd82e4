// The staff page of luutru: search, facets, results, a record with its fields and pages.
// Talks only to this server's /api/v1/; everything it needs is served by luutru itself.
"use strict";

const FACETS = [
  ["loai", "Loại văn bản"],
  ["coquan", "Cơ quan ban hành"],
  ["nam", "Năm"],
  ["domat", "Độ mật"],
];
const FIELDS = [
  ["number", "Số, ký hiệu"],
  ["date", "Ngày ban hành"],
  ["place", "Địa danh"],
  ["doc_type", "Loại văn bản"],
  ["parent_agency", "Cơ quan chủ quản"],
  ["agency", "Cơ quan ban hành"],
  ["subject", "Trích yếu"],
  ["signer_title", "Chức vụ người ký"],
  ["signer", "Người ký"],
  ["confidentiality", "Độ mật"],
  ["urgency", "Độ khẩn"],
  ["recipients", "Nơi nhận"],
];
const PAGE_SIZE = 10;

const $ = (id) => document.getElementById(id);
const state = { query: "", sort: "relevance", offset: 0, record: null };

function token() { return sessionStorage.getItem("luutru-token") || ""; }

async function api(path) {
  const headers = token() ? { Authorization: "Bearer " + token() } : {};
  const response = await fetch(path, { headers });
  if (!response.ok) {
    let message = "Lỗi " + response.status;
    try { message = (await response.json()).error.message; } catch (e) { /* not JSON */ }
    const error = new Error(message);
    error.status = response.status;
    throw error;
  }
  return response;
}

function show(message) { $("message").textContent = message || ""; }

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function quoted(value) { return /\s/.test(value) ? '"' + value + '"' : value; }

async function search(offset = 0) {
  state.offset = offset;
  const params = new URLSearchParams({ q: state.query, sort: state.sort, offset, limit: PAGE_SIZE, facets: 1 });
  show("Đang tìm…");
  try {
    const results = await (await api("/api/v1/search?" + params)).json();
    show("");
    renderResults(results);
  } catch (error) {
    show(error.status === 401 ? "Mã truy cập không hợp lệ." : error.message);
  }
}

function renderResults(results) {
  $("record-view").hidden = true;
  $("results-view").hidden = false;
  $("summary").textContent = results.total
    ? `Tìm thấy ${results.total} hồ sơ cho “${results.query}”`
    : `Không tìm thấy hồ sơ nào cho “${results.query}”`;
  $("suggestion").hidden = !results.suggestion;
  $("suggestion-link").textContent = results.suggestion || "";

  const facets = $("facets");
  facets.replaceChildren();
  for (const [name, title] of FACETS) {
    const values = (results.facets || {})[name] || [];
    if (!values.length) continue;
    facets.append(element("h3", title));
    const list = element("ul");
    for (const v of values) {
      const item = element("li");
      const button = element("button", v.value);
      button.type = "button";
      button.dataset.facet = name;
      button.addEventListener("click", () => {
        state.query = `${state.query} ${name}:${quoted(v.value)}`.trim();
        $("q").value = state.query;
        search(0);
      });
      item.append(button, " ", element("span", `(${v.records})`, "count"));
      list.append(item);
    }
    facets.append(list);
  }

  const hits = $("hits");
  hits.replaceChildren();
  for (const hit of results.hits) {
    const item = element("li");
    const title = element("h3");
    const link = element("a", [hit.doc_type, hit.number].filter(Boolean).join(" ") || hit.source);
    link.href = "#record/" + hit.record;
    title.append(link);
    if (hit.confidentiality) title.append(" ", element("span", hit.confidentiality, "secrecy"));
    item.append(title);
    if (hit.subject) item.append(element("p", hit.subject));
    const meta = [hit.agency, hit.date, hit.signer && "Người ký: " + hit.signer].filter(Boolean);
    meta.push(`Trang ${hit.page} · khớp ${hit.matching_pages}/${hit.page_count} trang`);
    item.append(element("p", meta.join(" · "), "meta"));
    const snippet = element("p", undefined, "snippet");
    snippet.innerHTML = hit.snippet_html;  // escaped by the server, <mark> around the query's words
    item.append(snippet);
    hits.append(item);
  }
  $("pager").hidden = results.total <= PAGE_SIZE;
  $("prev").disabled = state.offset === 0;
  $("next").disabled = state.offset + PAGE_SIZE >= results.total;
  $("page-label").textContent = `Trang ${Math.floor(state.offset / PAGE_SIZE) + 1}/${Math.max(1, Math.ceil(results.total / PAGE_SIZE))}`;
}

async function showRecord(id) {
  show("Đang mở hồ sơ…");
  try {
    const record = await (await api("/api/v1/records/" + encodeURIComponent(id))).json();
    show("");
    state.record = record;
    $("results-view").hidden = true;
    $("record-view").hidden = false;
    const m = record.metadata || {};
    $("record-title").textContent = [m.doc_type, m.number].filter(Boolean).join(" ") || record.source;
    const table = $("fields");
    table.replaceChildren();
    for (const [key, label] of FIELDS) {
      let value = m[key];
      if (Array.isArray(value)) value = value.join("; ");
      if (!value) continue;
      const row = element("tr");
      row.append(element("th", label), element("td", value));
      table.append(row);
    }
    const source = element("tr");
    source.append(element("th", "Tệp gốc"), element("td", record.source));
    table.append(source);
    const pages = $("pages");
    pages.replaceChildren();
    for (const page of record.pages) {
      const figure = element("figure");
      const img = element("img");
      img.alt = "Trang " + page.n;
      figure.append(img, element("figcaption", `Trang ${page.n}`));
      pages.append(figure);
      api(`/api/v1/records/${record.id}/pages/${page.n}/image?width=800`)
        .then((r) => r.blob())
        .then((blob) => { img.src = URL.createObjectURL(blob); })
        .catch(() => { figure.querySelector("figcaption").textContent += " (không xem được)"; });
    }
  } catch (error) {
    show(error.status === 404 ? "Không có hồ sơ này (hoặc bạn không được xem)." : error.message);
  }
}

async function download(kind) {
  const record = state.record;
  if (!record) return;
  try {
    const blob = await (await api(`/api/v1/records/${record.id}/${kind}`)).blob();
    const link = element("a");
    link.href = URL.createObjectURL(blob);
    link.download = kind === "pdf" ? record.id + ".pdf" : record.source.split("/").pop();
    document.body.append(link);
    link.click();
    link.remove();
  } catch (error) {
    show(error.message);
  }
}

function route() {
  const match = location.hash.match(/^#record\/([0-9a-f]+)$/);
  if (match) showRecord(match[1]);
  else if (state.query) { $("record-view").hidden = true; $("results-view").hidden = false; }
}

$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  state.query = $("q").value.trim();
  state.sort = $("sort").value;
  if (!state.query) return show("Hãy nhập từ khóa cần tìm.");
  if (location.hash) history.pushState(null, "", "#");
  search(0);
});
$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem("luutru-token", $("token").value.trim());
  $("token").value = "";
  $("who").textContent = token() ? "Đã lưu mã truy cập" : "";
  if (state.query) search(state.offset);
});
$("suggestion-link").addEventListener("click", (event) => {
  event.preventDefault();
  state.query = $("suggestion-link").textContent;
  $("q").value = state.query;
  search(0);
});
$("prev").addEventListener("click", () => search(Math.max(0, state.offset - PAGE_SIZE)));
$("next").addEventListener("click", () => search(state.offset + PAGE_SIZE));
$("back").addEventListener("click", () => history.back());
$("home").addEventListener("click", (event) => { event.preventDefault(); location.hash = ""; });
$("download-pdf").addEventListener("click", () => download("pdf"));
$("download-original").addEventListener("click", () => download("original"));
window.addEventListener("hashchange", route);
if (token()) $("who").textContent = "Đã lưu mã truy cập";
route();
