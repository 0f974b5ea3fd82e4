// The staff page of luutru: search, facets, results, a document (văn bản) with its fields and
// pages, the archival files (hồ sơ) with their documents in order.
// Talks only to this server's /api/v1/; everything it needs is served by luutru itself.
//
// What is shown lives in the URL (?q=&sort=&page=&record=, ?files=1, ?hoso=), so that reload,
// back and a link sent to a colleague show the same thing; the access token stays in this
// tab's storage.
"use strict";

const FACETS = [
  ["loai", "Loại văn bản"],
  ["coquan", "Cơ quan ban hành"],
  ["nam", "Năm"],
  ["domat", "Độ mật"],
];
// What the page says for each error code of the API (docs/api.md). A query the server could
// not read (bad_query) is explained by the server itself, in Vietnamese.
const ERRORS = {
  unauthorized: "Mã truy cập không hợp lệ hoặc đã bị thu hồi; nhập lại mã, hoặc xóa mã để xem tài liệu công khai.",
  not_found: "Không có văn bản này (hoặc bạn không được xem).",
  too_large: "Câu tìm quá dài; hãy rút ngắn.",
  no_index: "Kho chưa có chỉ mục tìm kiếm: hãy nhập tài liệu vào kho trước.",
  bad_request: "Yêu cầu không hợp lệ; hãy tải lại trang.",
  forbidden: "Bạn không có quyền làm việc này (cần mã truy cập của người lập hồ sơ).",
  busy: "Kho đang được ghi (đang nhập tài liệu); hãy thử lại sau ít phút.",
  internal: "Máy chủ gặp lỗi khi trả lời; hãy thử lại sau.",
};
const PAGE_SIZE = 10;
const SORTS = ["relevance", "newest", "oldest"];

const $ = (id) => document.getElementById(id);
let current = null;      // the record shown, for its downloads
let shownResults = "";   // the URL whose results are on the page, so that "back" needs no search
let rendering = 0;       // the newest render; older answers arriving late are dropped
let openedFromResults = false;  // the record on the page was opened from the results before it

function token() { return sessionStorage.getItem("luutru-token") || ""; }

// The view the URL asks for.
function viewFromUrl() {
  const params = new URLSearchParams(location.search);
  const sort = params.get("sort");
  const record = params.get("record") || "";
  return {
    query: (params.get("q") || "").trim(),
    sort: SORTS.includes(sort) ? sort : "relevance",
    page: Math.max(1, parseInt(params.get("page"), 10) || 1),
    record: /^[0-9a-f]{8,64}$/.test(record) ? record : "",
    files: params.has("files"),
    hoso: params.get("hoso") || "",
  };
}

function urlFor(view) {
  const params = new URLSearchParams();
  if (view.query) params.set("q", view.query);
  if (view.sort && view.sort !== "relevance") params.set("sort", view.sort);
  if (view.page > 1) params.set("page", view.page);
  if (view.record) params.set("record", view.record);
  if (view.files) params.set("files", "1");
  if (view.hoso) params.set("hoso", view.hoso);
  const search = params.toString();
  return location.pathname + (search ? "?" + search : "");
}

// Shows `view`, as a new entry of the history (back returns to what was shown before).
function navigate(view) {
  history.pushState(null, "", urlFor(view));
  render();
}

class ApiError extends Error {
  constructor(code, message, status) {
    super(message);
    this.code = code;
    this.status = status;
  }
}

async function api(path, body) {
  const headers = token() ? { Authorization: "Bearer " + token() } : {};
  const init = { headers };
  if (body !== undefined) {
    init.method = "POST";
    init.body = JSON.stringify(body);
    headers["Content-Type"] = "application/json";
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (e) {
    throw new ApiError("network", "Không kết nối được máy chủ; kiểm tra mạng rồi thử lại.", 0);
  }
  if (!response.ok) {
    let code = "", message = "";
    try {
      const body = await response.json();
      code = body.error.code;
      message = body.error.message;
    } catch (e) { /* not JSON */ }
    throw new ApiError(code, code === "bad_query" ? message : ERRORS[code] || `Lỗi ${response.status} từ máy chủ.`,
                       response.status);
  }
  return response;
}

function say(message) { $("message").textContent = message || ""; }

function element(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}

function quoted(value) { return /\s/.test(value) ? '"' + value + '"' : value; }

function showOnly(section) {
  for (const id of ["landing", "results-view", "record-view", "files-view", "hoso-view"])
    $(id).hidden = id !== section;
}

async function render() {
  const view = viewFromUrl();
  const mine = ++rendering;
  $("q").value = view.query;
  $("sort").value = view.sort;
  if (view.record) return showRecord(view, mine);
  if (view.hoso) return showFile(view, mine);
  if (view.files) return showFiles(mine);
  openedFromResults = false;
  if (!view.query) {
    say("");
    showOnly("landing");
    return;
  }
  if (shownResults === urlFor(view)) {
    say("");
    showOnly("results-view");
    return;
  }
  await search(view, mine);
}

async function search(view, mine) {
  const params = new URLSearchParams({
    q: view.query, sort: view.sort, offset: (view.page - 1) * PAGE_SIZE, limit: PAGE_SIZE, facets: 1,
  });
  say("Đang tìm…");
  try {
    const results = await (await api("/api/v1/search?" + params)).json();
    if (mine !== rendering) return;
    say("");
    renderResults(view, results);
    shownResults = urlFor(view);
    showOnly("results-view");
  } catch (error) {
    if (mine !== rendering) return;
    shownResults = "";
    showOnly("landing");
    say(error.message);
  }
}

// Past the count the index makes exactly, the total is a lower bound or an estimate.
const TOTAL_WORD = { at_least: "ít nhất ", about: "khoảng " };

function renderResults(view, results) {
  $("summary").textContent = results.total
    ? `Tìm thấy ${TOTAL_WORD[results.total_kind] || ""}${results.total} văn bản cho “${results.query}”`
    : `Không tìm thấy văn bản nào cho “${results.query}”`;
  if (results.partial) {
    $("summary").textContent +=
      ` — kết quả chưa đủ: máy chủ ${results.missing_shards.join(", ")} không trả lời`;
  }
  $("hint").hidden = !results.hint;
  $("hint").textContent = results.hint || "";
  $("suggestion").hidden = !results.suggestion;
  $("suggestion-link").textContent = results.suggestion || "";
  $("suggestion-link").href = urlFor({ query: results.suggestion || "", sort: view.sort });
  // Without a token only public documents are searched: say that a token may show more,
  // whatever the restricted documents are (their number is not the caller's to know).
  $("sign-in-hint").hidden = !!token() || results.total > 0;

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
        navigate({ query: `${view.query} ${name}:${quoted(v.value)}`.trim(), sort: view.sort, page: 1 });
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
    link.href = urlFor({ ...view, record: hit.record });
    link.dataset.record = hit.record;
    link.addEventListener("click", (event) => {
      if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;  // a new tab
      event.preventDefault();
      openedFromResults = true;
      navigate({ ...view, record: hit.record });
    });
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
  const pages = Math.max(1, Math.ceil(results.total / PAGE_SIZE));
  $("pager").hidden = pages <= 1;
  $("prev").disabled = view.page <= 1;
  $("next").disabled = view.page >= pages;
  $("page-label").textContent = `Trang ${view.page}/${pages}`;
}

// "Ký bởi …, lúc …: hợp lệ" for a signature of the file (record.json "signatures").
const VERDICTS = {
  valid: "hợp lệ",
  invalid: "không hợp lệ (tệp đã bị sửa sau khi ký hoặc chữ ký sai)",
  unreadable: "không kiểm tra được",
};
function signatureText(sig) {
  const who = [sig.signer, sig.organization].filter(Boolean).join(", ") || "không rõ người ký";
  const when = sig.signed_at ? ", lúc " + new Date(sig.signed_at).toLocaleString("vi-VN") : "";
  let verdict = VERDICTS[sig.verdict] || sig.verdict;
  if (sig.verdict === "valid" && !sig.whole_file) verdict += "; tệp có thêm nội dung sau khi ký";
  return `Ký bởi ${who}${when}: ${verdict}`;
}

// "Trang 1 — số đến 2770, ngày đến 4/4/2018" for an incoming-mail stamp (record.json "stamps").
function stampText(stamp) {
  const number = stamp.number || "chưa đọc được";
  const date = stamp.date ? new Date(stamp.date + "T00:00:00").toLocaleDateString("vi-VN") : "chưa đọc được";
  return `Trang ${stamp.page} — số đến ${number}, ngày đến ${date}`;
}

// A value to check against the page: partial ("2025-02", "…/CT-UBND": written by hand and
// not read) or read with low confidence (as `luutru review` lists them).
// The crop of the page where the field was read, under its value, to check it by eye.
function showWhereRead(id, key, cell) {
  cell.append(element("div", "Cần kiểm tra — chỗ đọc được trên trang:"));
  const img = element("img");
  img.className = "field-crop";
  img.alt = "Chỗ đọc trường này trên trang";
  cell.append(img);
  api(`/api/v1/records/${id}/fields/${key}/image`)
    .then((r) => (r.ok ? r.blob() : Promise.reject(new Error(String(r.status)))))
    .then((blob) => { img.src = URL.createObjectURL(blob); })
    .catch(() => img.remove());
}

async function showRecord(view, mine) {
  say("Đang mở văn bản…");
  try {
    const record = await (await api("/api/v1/records/" + encodeURIComponent(view.record))).json();
    if (mine !== rendering) return;
    say("");
    current = record;
    const m = record.metadata || {};
    $("record-title").textContent = [m.doc_type, m.number].filter(Boolean).join(" ") || record.source;
    $("back").hidden = !view.query;
    const table = $("fields");
    table.replaceChildren();
    // The server titles the fields and says which to check against the page (docs/api.md).
    for (const field of record.fields || []) {
      const row = element("tr");
      const cell = element("td");
      // The archival file it is a document of opens with its other documents.
      if (field.field === "hoso" && record.hoso) cell.append(linkTo({ hoso: record.hoso.code }, field.value));
      else cell.textContent = field.value;
      row.append(element("th", field.label), cell);
      table.append(row);
      if (field.check) showWhereRead(record.id, field.field, cell);
    }
    showScanDocuments(record, mine);
    for (const sig of record.signatures || []) {
      const row = element("tr");
      row.append(element("th", "Chữ ký số"), element("td", signatureText(sig)));
      table.append(row);
    }
    for (const stamp of record.stamps || []) {
      const row = element("tr");
      row.append(element("th", "Dấu đến"), element("td", stampText(stamp)));
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
    showOnly("record-view");
    // The document opens where the user is looking: at the top, its title focused.
    window.scrollTo(0, 0);
    $("record-title").focus({ preventScroll: true });
  } catch (error) {
    if (mine !== rendering) return;
    current = null;
    showOnly("landing");
    say(error.message);
  }
}

// A link inside the page to `view` (a record, a file), opened as the page opens its views.
function linkTo(view, text) {
  const link = element("a", text);
  link.href = urlFor(view);
  link.addEventListener("click", (event) => {
    if (event.ctrlKey || event.metaKey || event.shiftKey || event.button !== 0) return;  // a new tab
    event.preventDefault();
    navigate(view);
  });
  return link;
}

function writtenDate(iso) {
  const [y, m, d] = (iso || "").split("-");
  return [d, m, y].filter(Boolean).join("/");
}

// A document of a scan that holds several: the scan's documents, how it was split, and how
// to move the split (on the archive's machine: the page does not change the archive).
async function showScanDocuments(record, mine) {
  $("scan-documents").hidden = true;
  if (!record.split_url) return;
  try {
    const review = await (await api(record.split_url)).json();
    if (mine !== rendering) return;
    const list = $("scan-list");
    list.replaceChildren();
    for (const d of review.documents) {
      const pages = d.first_page === d.last_page ? `trang ${d.first_page}` : `trang ${d.first_page}–${d.last_page}`;
      const title = [d.doc_type, d.number].filter(Boolean).join(" ") || "(chưa đọc được loại, số)";
      const item = element("li");
      if (d.id === record.id) item.append(element("strong", `${title} (${pages}) — văn bản đang xem`));
      else item.append(linkTo({ record: d.id }, title), ` (${pages})`);
      list.append(item);
    }
    const found = review.found.join(", ") !== review.starts.join(", ")
      ? ` luutru thấy đầu văn bản ở trang ${review.found.join(", ")}.` : "";
    $("scan-fix").textContent =
      (review.checked ? "Cách tách đã được kiểm tra." : "luutru tự tách theo đầu văn bản, chưa ai kiểm tra.") + found +
      ` Tệp quét có ${review.pages_total} trang; người lập hồ sơ sửa cách tách ở đây (hoặc: luutru hoso split ${record.id.slice(0, 8)} --review).`;
    $("split-starts").value = review.starts.join(", ");
    $("scan-documents").hidden = false;
  } catch (error) { /* the record itself is shown; its scan's list is a help */ }
}

// The archival files the caller may see (mục lục hồ sơ).
async function showFiles(mine) {
  say("Đang mở danh sách hồ sơ…");
  try {
    const body = await (await api("/api/v1/hoso")).json();
    if (mine !== rendering) return;
    say(body.files.length ? "" : "Kho chưa có hồ sơ nào (nhập mục lục: luutru hoso import).");
    const rows = $("files").querySelector("tbody");
    rows.replaceChildren();
    for (const f of body.files) {
      const row = element("tr");
      const code = element("td");
      code.append(linkTo({ hoso: f.code }, f.code));
      row.append(code, element("td", f.title), element("td", f.maintenance_shown), element("td", f.mode_shown));
      rows.append(row);
    }
    showOnly("files-view");
  } catch (error) {
    if (mine !== rendering) return;
    showOnly("landing");
    say(error.message);
  }
}

// One archival file: its description, what it still lacks, its documents in order.
async function showFile(view, mine) {
  say("Đang mở hồ sơ…");
  try {
    const file = await (await api("/api/v1/hoso/" + encodeURIComponent(view.hoso))).json();
    if (mine !== rendering) return;
    say("");
    $("hoso-title").textContent = `Hồ sơ ${file.code}`;
    const elements = $("hoso-elements");
    elements.replaceChildren();
    for (const e of file.shown) {
      const row = element("tr");
      row.append(element("th", e.label), element("td", e.value + (e.derived ? " (từ văn bản)" : "")));
      elements.append(row);
    }
    $("hoso-missing").textContent = file.missing_shown.length
      ? "Còn thiếu: " + file.missing_shown.join(", ")
      : "Đủ các yếu tố bắt buộc.";
    const rows = $("hoso-documents").querySelector("tbody");
    rows.replaceChildren();
    for (const d of file.documents) {
      const row = element("tr");
      const number = element("td");
      number.append(linkTo({ record: d.record }, d.number || "(chưa đọc được)"));
      const subject = [d.doc_type, d.subject].filter(Boolean).join(" ");
      row.append(element("td", String(d.ordinal)), number, element("td", writtenDate(d.issuedDate)),
                 element("td", subject), element("td", d.organName), element("td", String(d.numberOfPage)));
      rows.append(row);
    }
    showOnly("hoso-view");
    window.scrollTo(0, 0);
    $("hoso-title").focus({ preventScroll: true });
  } catch (error) {
    if (mine !== rendering) return;
    showOnly("landing");
    say(error.code === "not_found" ? "Không có hồ sơ này (hoặc bạn không được xem)." : error.message);
  }
}

// The archivist moves the split: the documents whose pages change are read again, values set
// by hand stay; the page then shows the document that now holds this page.
async function moveSplit(event) {
  event.preventDefault();
  const record = current;
  if (!record || !record.split_url) return;
  const starts = $("split-starts").value.split(/[\s,;]+/).filter(Boolean).map(Number);
  if (!starts.length || starts.some((n) => !Number.isInteger(n) || n < 1))
    return say("Ghi các trang bắt đầu văn bản, cách nhau bằng dấu phẩy: 1, 3, 6.");
  say("Đang tách lại…");
  try {
    const review = await (await api(record.split_url, { starts })).json();
    const page = record.pages.length ? record.pages[0].n : 1;
    const holder = review.documents.find((d) => d.first_page <= page && page <= d.last_page) || review.documents[0];
    say(review.changed ? `Đã tách lại: ${review.documents.length} văn bản.` : "Không có gì thay đổi.");
    history.replaceState(null, "", urlFor({ ...viewFromUrl(), record: holder.id }));
    const message = $("message").textContent;
    await render();
    say(message);
  } catch (error) {
    say(error.message);
  }
}

async function download(kind) {
  const record = current;
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
    say(error.message);
  }
}

$("search-form").addEventListener("submit", (event) => {
  event.preventDefault();
  const query = $("q").value.trim();
  if (!query) return say("Hãy nhập từ khóa cần tìm.");
  navigate({ query, sort: $("sort").value, page: 1 });
});
$("sort").addEventListener("change", () => {
  const view = viewFromUrl();
  if (view.query && !view.record) navigate({ ...view, sort: $("sort").value, page: 1 });
});
$("token-form").addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem("luutru-token", $("token").value.trim());
  $("token").value = "";
  $("who").textContent = token() ? "Đã lưu mã truy cập" : "";
  shownResults = "";  // what may be seen has changed
  render();
});
$("suggestion-link").addEventListener("click", (event) => {
  event.preventDefault();
  navigate({ query: $("suggestion-link").textContent, sort: viewFromUrl().sort, page: 1 });
});
$("prev").addEventListener("click", () => { const v = viewFromUrl(); navigate({ ...v, page: v.page - 1 }); });
$("next").addEventListener("click", () => { const v = viewFromUrl(); navigate({ ...v, page: v.page + 1 }); });
$("back").addEventListener("click", () => {
  if (openedFromResults) history.back();  // the results as they were, scrolled where they were
  else navigate({ ...viewFromUrl(), record: "" });
});
$("home").addEventListener("click", (event) => { event.preventDefault(); navigate({}); });
$("files-link").addEventListener("click", (event) => { event.preventDefault(); navigate({ files: true }); });
$("download-pdf").addEventListener("click", () => download("pdf"));
$("split-form").addEventListener("submit", moveSplit);
$("download-original").addEventListener("click", () => download("original"));
window.addEventListener("popstate", render);
if (token()) $("who").textContent = "Đã lưu mã truy cập";
render();
