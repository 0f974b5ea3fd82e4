#include "server/api.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <ctime>
#include <functional>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/archive_layout.h"
#include "core/fs_util.h"
#include "core/record_json.h"
#include "ingest/catalog.h"
#include "ingest/page_preview.h"
#include "search/results_json.h"
#include "search/searcher.h"
#include "server/audit.h"
#include "server/metrics.h"
#include "server/upload_jobs.h"
#include "server/users.h"
#include "server/web_assets.h"

namespace luutru::server {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// An answer that is not 200: the HTTP status, a stable code and a message naming the fix.
struct ApiError {
  int http = 500;
  std::string code, message;
};

ApiError FromStatus(const Status& s) {
  switch (s.code()) {
    case StatusCode::kInvalidArgument:
      return {400, "bad_request", s.message()};
    case StatusCode::kNotFound:
      return {404, "not_found", s.message()};
    case StatusCode::kTooLarge:
      return {413, "too_large", s.message()};
    default:
      return {500, StatusCodeName(s.code()), s.message()};
  }
}

const ApiError kNoSuchRecord{404, "not_found", "no such record"};
const ApiError kAuditDown{503, "audit_unavailable",
                          "the audit log cannot be written; nothing is served until it can"};

HttpResponse Error(const ApiError& e) {
  HttpResponse res;
  res.status = e.http;
  res.body = Json{{"error", {{"code", e.code}, {"message", e.message}}}}.dump();
  return res;
}

HttpResponse JsonAnswer(std::string json, int status = 200) {
  HttpResponse res;
  res.status = status;
  res.body = std::move(json);
  return res;
}

// Content-Disposition for a download named `name` (Vietnamese names included): an ASCII
// fallback, and the UTF-8 name percent-encoded (RFC 6266 / 5987).
std::string AttachmentHeader(const std::string& name) {
  std::string ascii, encoded;
  for (unsigned char c : name) {
    ascii += (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') ? '_' : static_cast<char>(c);
    if (std::isalnum(c) || c == '.' || c == '-' || c == '_') {
      encoded += static_cast<char>(c);
    } else {
      char hex[4];
      std::snprintf(hex, sizeof hex, "%%%02X", c);
      encoded += hex;
    }
  }
  return "attachment; filename=\"" + ascii + "\"; filename*=UTF-8''" + encoded;
}

// 8-64 lower-case hex digits: anything else ("../", a name) is no record.
bool ValidRecordId(const std::string& id) {
  return id.size() >= 8 && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

// "/api/v1/records/ab/pages/2/text" -> {"api", "v1", "records", "ab", "pages", "2", "text"}.
std::vector<std::string> PathParts(const std::string& path) {
  std::vector<std::string> parts;
  size_t start = 1;
  while (start <= path.size()) {
    const size_t end = std::min(path.find('/', start), path.size());
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  if (!parts.empty() && parts.back().empty()) parts.pop_back();
  return parts;
}

// Searchers for the requests in flight: a Xapian database is not shared between threads, so a
// request takes one for itself and gives it back (opened once, reused by later requests).
class SearcherPool {
 public:
  explicit SearcherPool(fs::path index) : index_(std::move(index)) {}

  struct Lease {
    SearcherPool* pool = nullptr;
    std::unique_ptr<search::Searcher> searcher;
    Lease() = default;
    Lease(Lease&& other) noexcept : pool(other.pool), searcher(std::move(other.searcher)) {
      other.pool = nullptr;
    }
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (pool && searcher) pool->Return(std::move(searcher));
    }
    search::Searcher* operator->() const { return searcher.get(); }
    explicit operator bool() const { return searcher != nullptr; }
  };

  // Empty when the archive has no index yet.
  Lease Take() {
    Lease lease;
    lease.pool = this;
    {
      std::lock_guard<std::mutex> lock(mutex_);
      if (!idle_.empty()) {
        lease.searcher = std::move(idle_.back());
        idle_.pop_back();
        return lease;
      }
    }
    Result<std::unique_ptr<search::Searcher>> opened = search::Searcher::Open(index_);
    if (opened.ok()) lease.searcher = std::move(opened).value();
    return lease;
  }

 private:
  static constexpr size_t kKeptIdle = 64;
  void Return(std::unique_ptr<search::Searcher> searcher) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (idle_.size() < kKeptIdle) idle_.push_back(std::move(searcher));
  }
  const fs::path index_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<search::Searcher>> idle_;
};

// The caller of a request, once authenticated.
struct Caller {
  std::string user;  // "" = anonymous
  search::Access access;
};

// The record a caller may read: as stored, and read.
struct StoredRecord {
  Record record;
  std::string json;  // record.json as stored
};

}  // namespace

struct Api::Impl {
  Impl(const ServeOptions& o, std::unique_ptr<UserStore> u, std::unique_ptr<AuditLog> a,
       std::unique_ptr<ingest::Catalog> c)
      : options(o),
        layout(o.archive_dir),
        users(std::move(u)),
        audit(std::move(a)),
        catalog(std::move(c)),
        tokens_required(!IsLoopback(o.host)),
        searchers(layout.index()),
        uploads(o.archive_dir, layout.uploads(), o.ingest_jobs) {}

  // Authentication, errors as JSON, metrics, around a route's handler.
  HttpResponse Answer(const std::string& route, const HttpRequest& req,
                      const std::function<HttpResponse(const Caller&)>& handler);
  Result<Caller> Authenticate(const HttpRequest& req);
  // Appends to the audit log; false when it could not (the caller then answers nothing but 503).
  bool Audit(const Caller& caller, const std::string& action, const std::string& target,
             long long count, int status);
  // The record `id` if the index holds it where the caller may read: checked before anything
  // of the record is read, so that a hidden record answers as a missing one, as fast.
  Result<StoredRecord> VisibleRecord(const std::string& id, const Caller& caller);

  HttpResponse Search(const HttpRequest& req, const Caller& caller);
  HttpResponse RecordView(const std::string& id, const Caller& caller);
  HttpResponse PageText(const std::string& id, const std::string& page, const Caller& caller);
  HttpResponse PageImage(const HttpRequest& req, const std::string& id, const std::string& page,
                         const Caller& caller);
  HttpResponse FieldImage(const std::string& id, const std::string& field, const Caller& caller);
  HttpResponse Download(const std::string& id, const Caller& caller, bool original);
  HttpResponse Job(const std::string& id, const Caller& caller);
  HttpResponse MetricsPage(const Caller& caller);

  const ServeOptions options;
  const ArchiveLayout layout;
  std::mutex users_mutex;
  std::unique_ptr<UserStore> users;
  std::unique_ptr<AuditLog> audit;
  std::mutex catalog_mutex;
  std::unique_ptr<ingest::Catalog> catalog;
  const bool tokens_required;
  Metrics metrics;
  SearcherPool searchers;
  UploadJobs uploads;
  static constexpr long long kHeadLogEvery = 1000;
  std::atomic<long long> appended{0};
};

HttpResponse Api::Impl::Answer(const std::string& route, const HttpRequest& req,
                               const std::function<HttpResponse(const Caller&)>& handler) {
  const auto start = std::chrono::steady_clock::now();
  HttpResponse res;
  Result<Caller> caller = Authenticate(req);
  if (!caller.ok()) {
    res = Error({401, "unauthorized", caller.status().message()});
  } else {
    try {
      res = handler(*caller);
    } catch (const std::exception& e) {
      spdlog::error("{} {}: {}", req.method, req.path, e.what());
      res = Error({500, "internal", "the request could not be answered"});
    }
  }
  metrics.Observe(route, res.status,
                  std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
  return res;
}

Result<Caller> Api::Impl::Authenticate(const HttpRequest& req) {
  Caller caller;
  caller.access.unmarked = options.unmarked;
  const std::string header = req.Header("authorization");
  if (header.empty()) {
    if (tokens_required) {
      return InvalidArgument(
          "this server listens beyond this machine: send Authorization: Bearer TOKEN "
          "(luutru user add NAME --clearance LEVEL)");
    }
    caller.access.clearance = search::Clearance::kPublic;
    return caller;
  }
  const std::string prefix = "Bearer ";
  if (header.rfind(prefix, 0) != 0) return InvalidArgument("Authorization must be 'Bearer TOKEN'");
  std::lock_guard<std::mutex> lock(users_mutex);
  Result<std::optional<User>> user = users->FindByToken(header.substr(prefix.size()));
  if (!user.ok()) return user.status();
  if (!user->has_value()) return InvalidArgument("unknown token");
  caller.user = (*user)->name;
  caller.access.clearance = (*user)->clearance;
  return caller;
}

bool Api::Impl::Audit(const Caller& caller, const std::string& action, const std::string& target,
                      long long count, int status) {
  AuditEntry entry;
  entry.user = caller.user;
  entry.action = action;
  entry.target = target;
  entry.result_count = count;
  entry.status = status;
  if (Status s = audit->Append(entry); !s.ok()) {
    spdlog::error("audit: {}; the request is refused", s.ToString());
    return false;
  }
  // The head, in the server's log (the journal): kept outside the archive, it shows whether
  // the newest entries were removed later (luutru audit verify --head).
  if (appended.fetch_add(1) % kHeadLogEvery == 0) {
    if (Result<std::string> head = audit->Head(); head.ok()) spdlog::info("audit head {}", *head);
  }
  return true;
}

Result<StoredRecord> Api::Impl::VisibleRecord(const std::string& id, const Caller& caller) {
  if (!ValidRecordId(id)) return NotFound("no such record");
  SearcherPool::Lease searcher = searchers.Take();
  if (!searcher) return NotFound("no such record");
  Result<bool> may_open = searcher->MayOpen(id, caller.access);
  if (!may_open.ok()) return may_open.status();
  if (!*may_open) return NotFound("no such record");
  Result<std::string> json = ReadFile(layout.RecordJson(id));
  if (!json.ok()) return NotFound("no such record");
  Result<Record> record = RecordFromJson(*json);
  if (!record.ok()) return record.status();
  if (!search::MayRead(caller.access, record->metadata.confidentiality))
    return NotFound("no such record");
  return StoredRecord{std::move(record).value(), std::move(json).value()};
}

HttpResponse Api::Impl::Search(const HttpRequest& req, const Caller& caller) {
  search::SearchRequest request;
  request.query = req.Param("q");
  if (request.query.empty()) return Error({400, "bad_request", "give a query: ?q=..."});
  if (request.query.size() > options.max_query_bytes) {
    return Error(
        {413, "too_large",
         "the query is longer than " + std::to_string(options.max_query_bytes) + " bytes"});
  }
  try {
    if (req.HasParam("offset")) request.offset = std::stoi(req.Param("offset"));
    if (req.HasParam("limit")) request.limit = std::stoi(req.Param("limit"));
  } catch (const std::exception&) {
    return Error({400, "bad_request", "offset and limit are whole numbers"});
  }
  if (request.offset < 0 || request.limit < 0 || request.limit > options.max_page_size) {
    return Error({400, "bad_request",
                  "limit is 0-" + std::to_string(options.max_page_size) + ", offset 0 or more"});
  }
  const std::string sort = req.Param("sort");
  if (sort == "newest") {
    request.sort = search::SortOrder::kNewestFirst;
  } else if (sort == "oldest") {
    request.sort = search::SortOrder::kOldestFirst;
  } else if (!sort.empty() && sort != "relevance") {
    return Error({400, "bad_request", "sort is relevance, newest or oldest"});
  }
  request.facets = req.Param("facets") == "1" || req.Param("facets") == "true";
  request.access = caller.access;
  SearcherPool::Lease searcher = searchers.Take();
  if (!searcher)
    return Error({503, "no_index", "the archive has no index yet; ingest files first"});
  Result<search::SearchResults> results = searcher->Search(request);
  if (!results.ok()) {
    // A query the parser cannot take is the caller's to fix: the message says how, in
    // Vietnamese (search/searcher.h), under a code of its own.
    const ApiError error = results.status().code() == StatusCode::kInvalidArgument
                               ? ApiError{400, "bad_query", results.status().message()}
                               : FromStatus(results.status());
    (void)Audit(caller, "search", request.query, 0, error.http);
    return Error(error);
  }
  if (!Audit(caller, "search", request.query, static_cast<long long>(results->total_records),
             200)) {
    return Error(kAuditDown);
  }
  // Where the server keeps a file is not the caller's business: the file's name only.
  search::SearchResults shown = std::move(results).value();
  for (search::SearchHit& hit : shown.hits) hit.source = fs::path(hit.source).filename().string();
  return JsonAnswer(search::SearchResultsToJson(request.query, shown));
}

HttpResponse Api::Impl::RecordView(const std::string& id, const Caller& caller) {
  Result<StoredRecord> stored = VisibleRecord(id, caller);
  if (!stored.ok()) {
    (void)Audit(caller, "view", id, 0, 404);
    return Error(stored.status().code() == StatusCode::kNotFound ? kNoSuchRecord
                                                                 : FromStatus(stored.status()));
  }
  // The record as stored, without the bulk of each page (its text and word boxes have their
  // own URLs).
  Json j = Json::parse(stored->json, nullptr, false);
  if (j.is_discarded()) return Error({500, "internal", "the record cannot be shown"});
  for (Json& page : j["pages"]) {
    const int number = page.value("n", 0);
    page["chars"] = page.value("text", std::string()).size();
    page.erase("text");
    page.erase("words");
    page["text_url"] = "/api/v1/records/" + id + "/pages/" + std::to_string(number) + "/text";
  }
  j["source"] = fs::path(j.value("source", "")).filename().string();  // not the server's folders
  j["pdf_url"] = "/api/v1/records/" + id + "/pdf";
  j["original_url"] = "/api/v1/records/" + id + "/original";
  if (!Audit(caller, "view", id, 1, 200)) return Error(kAuditDown);
  return JsonAnswer(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

HttpResponse Api::Impl::PageText(const std::string& id, const std::string& page_number,
                                 const Caller& caller) {
  const std::string target = id + ":" + page_number;
  Result<StoredRecord> stored = VisibleRecord(id, caller);
  const Record* record = stored.ok() ? &stored->record : nullptr;
  int number = 0;
  try {
    number = std::stoi(page_number);
  } catch (const std::exception&) {
  }
  const luutru::PageText* page = nullptr;
  if (record) {
    for (const luutru::PageText& p : record->pages) page = p.number == number ? &p : page;
  }
  if (!page) {
    (void)Audit(caller, "page-text", target, 0, 404);
    return Error({404, "not_found", record ? "no such page" : "no such record"});
  }
  if (!Audit(caller, "page-text", target, 1, 200)) return Error(kAuditDown);
  HttpResponse res;
  res.content_type = "text/plain; charset=utf-8";
  res.body = page->text;
  return res;
}

// Where a field was read, for the staff to check it against the page (review).
HttpResponse Api::Impl::FieldImage(const std::string& id, const std::string& field,
                                   const Caller& caller) {
  const std::string target = id + ":" + field;
  Result<StoredRecord> stored = VisibleRecord(id, caller);
  Result<std::string> png = stored.ok() ? ingest::FieldCropPng(layout, stored->record, field)
                                        : Result<std::string>(stored.status());
  if (!png.ok()) {
    (void)Audit(caller, "field-image", target, 0, 404);
    return Error(stored.ok() ? ApiError{404, "not_found", "no place on a page for this field"}
                             : kNoSuchRecord);
  }
  if (!Audit(caller, "field-image", target, 1, 200)) return Error(kAuditDown);
  HttpResponse res;
  res.content_type = "image/png";
  res.body = std::move(png).value();
  return res;
}

HttpResponse Api::Impl::PageImage(const HttpRequest& req, const std::string& id,
                                  const std::string& page, const Caller& caller) {
  const std::string target = id + ":" + page;
  int number = 0, width = 1000;
  try {
    number = std::stoi(page);
    if (req.HasParam("width")) width = std::stoi(req.Param("width"));
  } catch (const std::exception&) {
    return Error({400, "bad_request", "the page and width are whole numbers"});
  }
  if (width < 100 || width > 2000) return Error({400, "bad_request", "width is 100-2000 pixels"});
  Result<StoredRecord> stored = VisibleRecord(id, caller);
  Result<std::string> png = stored.ok()
                                ? ingest::PagePreviewPng(layout, stored->record, number, width)
                                : Result<std::string>(stored.status());
  if (!png.ok()) {
    (void)Audit(caller, "page-image", target, 0, 404);
    return Error(stored.ok() ? FromStatus(png.status()) : kNoSuchRecord);
  }
  if (!Audit(caller, "page-image", target, 1, 200)) return Error(kAuditDown);
  HttpResponse res;
  res.content_type = "image/png";
  res.body = std::move(png).value();
  return res;
}

HttpResponse Api::Impl::Download(const std::string& id, const Caller& caller, bool original) {
  const char* action = original ? "download-original" : "download-pdf";
  Result<StoredRecord> stored = VisibleRecord(id, caller);
  const Record* record = stored.ok() ? &stored->record : nullptr;
  fs::path path;
  if (record) path = original ? layout.ObjectPath(record->sha256) : layout.SearchablePdf(id);
  std::error_code ec;
  const auto size = record ? fs::file_size(path, ec) : 0;
  if (!record || ec) {
    (void)Audit(caller, action, id, 0, 404);
    return Error(record ? ApiError{404, "not_found", "this record has no such file"}
                        : kNoSuchRecord);
  }
  if (!Audit(caller, action, id, 1, 200)) return Error(kAuditDown);
  HttpResponse res;
  res.content_type = "application/pdf";
  if (original && record->format != "pdf")
    res.content_type = record->format == "tiff" ? "image/tiff" : "image/" + record->format;
  const std::string name = original ? fs::path(record->source).filename().string() : id + ".pdf";
  res.headers.emplace_back("Content-Disposition", AttachmentHeader(name));
  res.file = path;  // sent from disk as it is read: an original may be hundreds of megabytes
  res.file_size = size;
  return res;
}

HttpResponse Api::Impl::Job(const std::string& id, const Caller& caller) {
  std::optional<UploadJob> job = uploads.Find(id);
  // A job is its uploader's: anyone else is told it does not exist.
  if (!job || job->user != caller.user || caller.user.empty())
    return Error({404, "not_found", "no such job"});
  Json j{{"job", job->id}, {"state", job->state}, {"files", job->files}};
  if (!job->error.empty()) j["error"] = job->error;
  if (!job->report_json.empty()) {
    Json report = Json::parse(job->report_json, nullptr, false);
    // Only what the uploader may see of the outcome: per file its outcome, and their counts. A
    // copy of a record above the uploader's clearance is "archived", as a new file would be:
    // "duplicate" would tell that the archive holds it.
    if (!report.is_discarded()) {
      SearcherPool::Lease searcher = searchers.Take();
      Json outcomes = Json::array();
      std::map<std::string, int> counts;
      for (const Json& o : report["outcomes"]) {
        std::string outcome = o.value("outcome", "");
        if (outcome == "duplicate") {
          Result<bool> visible = searcher ? searcher->MayOpen(o.value("record", ""), caller.access)
                                          : Result<bool>(false);
          if (!visible.ok() || !*visible) outcome = "archived";
        }
        Json item{{"file", fs::path(o.value("source", "")).filename().string()},
                  {"outcome", outcome}};
        if (o.contains("error")) item["error"] = o["error"];
        outcomes.push_back(std::move(item));
        ++counts[outcome];
      }
      j["files_outcome"] = counts;
      j["outcomes"] = std::move(outcomes);
    }
  }
  return JsonAnswer(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

HttpResponse Api::Impl::MetricsPage(const Caller& caller) {
  std::string out = metrics.Render();
  auto line = [&](const std::string& name, const std::string& labels, long long value) {
    out += name + (labels.empty() ? "" : "{" + labels + "}") + " " + std::to_string(value) + "\n";
  };
  // The records the caller may see; the last ingest run and the upload jobs (their counts
  // include every mark) only to a caller who may see every record.
  if (SearcherPool::Lease searcher = searchers.Take()) {
    if (Result<long long> records = searcher->CountRecords(caller.access); records.ok()) {
      out +=
          "# HELP luutru_records Records in the archive the caller may see.\n# TYPE luutru_records "
          "gauge\n";
      line("luutru_records", "", *records);
    }
  }
  HttpResponse res;
  res.content_type = "text/plain; version=0.0.4";
  if (caller.access.clearance != search::Clearance::kTuyetMat) {
    res.body = std::move(out);
    return res;
  }
  {
    std::lock_guard<std::mutex> lock(catalog_mutex);
    Result<std::optional<ingest::Catalog::RunEntry>> run = catalog->LastFinishedRun("ingest");
    if (run.ok() && run->has_value()) {
      Json report = Json::parse((*run)->report_json, nullptr, false);
      if (!report.is_discarded()) {
        out +=
            "# HELP luutru_last_ingest_files Files of the newest finished ingest run, by outcome.\n"
            "# TYPE luutru_last_ingest_files gauge\n";
        for (const auto& [outcome, n] : report["files"].items()) {
          line("luutru_last_ingest_files", "outcome=\"" + outcome + "\"", n.get<long long>());
        }
        out +=
            "# HELP luutru_last_ingest_pages Pages of the newest finished ingest run.\n"
            "# TYPE luutru_last_ingest_pages gauge\n";
        line("luutru_last_ingest_pages", "", report["pages"].value("total", 0LL));
        std::tm tm{};
        if (strptime((*run)->finished_at.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm)) {
          out +=
              "# HELP luutru_last_ingest_finished_seconds When the newest ingest run ended (Unix "
              "time).\n"
              "# TYPE luutru_last_ingest_finished_seconds gauge\n";
          line("luutru_last_ingest_finished_seconds", "", static_cast<long long>(timegm(&tm)));
        }
      }
    }
  }
  out +=
      "# HELP luutru_upload_jobs_total Upload jobs ended since the server started, by state.\n"
      "# TYPE luutru_upload_jobs_total counter\n";
  for (const auto& [state, n] : uploads.EndedJobs())
    line("luutru_upload_jobs_total", "state=\"" + state + "\"", n);
  out +=
      "# HELP luutru_upload_files_total Uploaded files ingested since the server started, by "
      "outcome.\n"
      "# TYPE luutru_upload_files_total counter\n";
  for (const auto& [outcome, n] : uploads.FileOutcomes()) {
    line("luutru_upload_files_total", "outcome=\"" + outcome + "\"", n);
  }
  res.body = std::move(out);
  return res;
}

Api::Api(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Api::~Api() = default;

Result<std::unique_ptr<Api>> Api::Open(const ServeOptions& options) {
  ArchiveLayout layout(options.archive_dir);
  std::error_code ec;
  if (!fs::exists(layout.catalog(), ec)) {
    if (ec)
      return IoError("cannot read the archive " + layout.root().string() + ": " + ec.message());
    return NotFound("no archive at " + layout.root().string() +
                    "; give --archive DIR (ingest files first)");
  }
  Result<std::unique_ptr<UserStore>> users = UserStore::Open(layout.catalog());
  if (!users.ok()) return users.status();
  Result<AuditKeys> keys = AuditKeys::LoadOrCreate(options.audit_key_file, layout.root());
  if (!keys.ok()) return keys.status().WithContext("the audit key (--audit-key FILE)");
  Result<std::unique_ptr<AuditLog>> audit =
      AuditLog::Open(layout.catalog(), std::move(keys).value());
  if (!audit.ok()) return audit.status();
  Result<std::unique_ptr<ingest::Catalog>> catalog = ingest::Catalog::Open(layout.catalog());
  if (!catalog.ok()) return catalog.status();
  return std::unique_ptr<Api>(new Api(std::make_unique<Impl>(
      options, std::move(users).value(), std::move(audit).value(), std::move(catalog).value())));
}

HttpResponse Api::Handle(const HttpRequest& req) {
  Impl& api = *impl_;
  if (req.method != "GET" && req.method != "HEAD") {
    return Error({405, "method_not_allowed", "only GET here (and POST to /api/v1/uploads)"});
  }
  const std::vector<std::string> p = PathParts(req.path);
  // Health answers without a token (monitoring): it tells nothing of the records.
  if (req.path == "/healthz") return JsonAnswer(R"({"status":"ok"})");
  // The staff page: / and /web/<file>, all from the binary.
  if (req.path == "/" || (p.size() == 2 && p[0] == "web")) {
    const std::string name = req.path == "/" ? "index.html" : p[1];
    for (const WebAsset& asset : WebAssets()) {
      if (asset.name != name) continue;
      HttpResponse res;
      res.content_type = std::string(asset.content_type);
      res.body = std::string(asset.content);
      res.headers = {{"Cache-Control", "no-cache"},
                     {"Content-Security-Policy",
                      "default-src 'self'; img-src 'self' blob:; style-src 'self'"}};
      return res;
    }
  }
  // Metrics: without a token only on loopback (as every route), and the archive's side only as
  // far as the caller may see it.
  if (req.path == "/metrics")
    return api.Answer("metrics", req, [&](const Caller& c) { return api.MetricsPage(c); });
  if (p.size() >= 3 && p[0] == "api" && p[1] == "v1") {
    if (p.size() == 3 && p[2] == "search") {
      return api.Answer("search", req, [&](const Caller& c) { return api.Search(req, c); });
    }
    if (p.size() == 4 && p[2] == "jobs")
      return api.Answer("job", req, [&](const Caller& c) { return api.Job(p[3], c); });
    if (p[2] == "records" && p.size() >= 4) {
      const std::string& id = p[3];
      if (p.size() == 4)
        return api.Answer("record", req, [&](const Caller& c) { return api.RecordView(id, c); });
      if (p.size() == 5 && (p[4] == "pdf" || p[4] == "original")) {
        const bool original = p[4] == "original";
        return api.Answer(p[4], req,
                          [&](const Caller& c) { return api.Download(id, c, original); });
      }
      if (p.size() == 7 && p[4] == "pages" && p[6] == "text") {
        return api.Answer("page_text", req,
                          [&](const Caller& c) { return api.PageText(id, p[5], c); });
      }
      if (p.size() == 7 && p[4] == "pages" && p[6] == "image") {
        return api.Answer("page_image", req,
                          [&](const Caller& c) { return api.PageImage(req, id, p[5], c); });
      }
      if (p.size() == 7 && p[4] == "fields" && p[6] == "image") {
        return api.Answer("field_image", req,
                          [&](const Caller& c) { return api.FieldImage(id, p[5], c); });
      }
    }
  }
  return Error({404, "not_found", "no such endpoint (see docs/api.md)"});
}

bool Api::IsUpload(const HttpRequest& req) {
  return req.method == "POST" && req.path == "/api/v1/uploads";
}

namespace {

class JobUpload : public UploadInProgress {
 public:
  JobUpload(Caller caller, std::unique_ptr<UploadJobs::Incoming> incoming,
            std::chrono::steady_clock::time_point start)
      : caller(std::move(caller)), incoming(std::move(incoming)), start(start) {}
  Status BeginFile(const std::string& name) override { return incoming->BeginFile(name); }
  Status Append(const char* data, size_t size) override { return incoming->Append(data, size); }

  Caller caller;
  std::unique_ptr<UploadJobs::Incoming> incoming;
  std::chrono::steady_clock::time_point start;
};

}  // namespace

std::variant<HttpResponse, std::unique_ptr<UploadInProgress>> Api::BeginUpload(
    const HttpRequest& req) {
  Impl& api = *impl_;
  const auto start = std::chrono::steady_clock::now();
  auto refuse = [&](const ApiError& e) {
    api.metrics.Observe(
        "upload", e.http,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return Error(e);
  };
  // Refused before a byte of the body is read.
  Result<Caller> caller = api.Authenticate(req);
  if (!caller.ok()) return refuse({401, "unauthorized", caller.status().message()});
  if (caller->user.empty()) {
    return refuse(
        {403, "forbidden", "uploads need a token (luutru user add NAME --clearance internal)"});
  }
  if (req.Header("content-type").rfind("multipart/form-data", 0) != 0) {
    return refuse(
        {400, "bad_request", "send the files as multipart/form-data, each in a 'file' field"});
  }
  const std::string length = req.Header("content-length");
  if (!length.empty() &&
      std::strtoull(length.c_str(), nullptr, 10) > api.options.max_upload_bytes) {
    return refuse(
        {413, "too_large", "the request is larger than the server takes (--max-upload-mb)"});
  }
  Result<std::unique_ptr<UploadJobs::Incoming>> incoming =
      api.uploads.Receive(caller->user, static_cast<long long>(api.options.max_upload_bytes));
  if (!incoming.ok()) return refuse(FromStatus(incoming.status()));
  return std::unique_ptr<UploadInProgress>(
      new JobUpload(*caller, std::move(incoming).value(), start));
}

HttpResponse Api::FinishUpload(std::unique_ptr<UploadInProgress> upload, Status failure) {
  Impl& api = *impl_;
  auto& job_upload = static_cast<JobUpload&>(*upload);
  const Caller caller = job_upload.caller;
  std::string names;
  for (const std::string& name : job_upload.incoming->files())
    names += (names.empty() ? "" : ", ") + name;
  HttpResponse res;
  if (!failure.ok()) {
    (void)api.Audit(caller, "upload-refused", names, 0, FromStatus(failure).http);
    res = Error(FromStatus(failure));  // the bytes received go with `upload`
  } else if (!api.Audit(caller, "upload", names,
                        static_cast<long long>(job_upload.incoming->files().size()), 202)) {
    // Logged before anything is kept: an upload the log cannot record is not taken.
    res = Error(kAuditDown);
  } else {
    const size_t count = job_upload.incoming->files().size();
    Result<std::string> job = api.uploads.Queue(std::move(job_upload.incoming));
    if (!job.ok()) {
      (void)api.Audit(caller, "upload-refused", names, 0, FromStatus(job.status()).http);
      res = Error(FromStatus(job.status()));
    } else {
      res = JsonAnswer(
          Json{{"job", *job}, {"files", count}, {"status_url", "/api/v1/jobs/" + *job}}.dump(),
          202);
    }
  }
  api.metrics.Observe(
      "upload", res.status,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - job_upload.start).count());
  return res;
}

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace luutru::server
