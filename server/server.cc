#include "server/server.h"

#include <httplib.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cstring>
#include <chrono>
#include <ctime>
#include <fstream>
#include <map>
#include <mutex>
#include <nlohmann/json.hpp>

#include "core/archive_layout.h"
#include "core/fs_util.h"
#include "core/record_json.h"
#include "search/results_json.h"
#include "search/searcher.h"
#include "ingest/catalog.h"
#include "ingest/page_preview.h"
#include "server/audit.h"
#include "server/upload_jobs.h"
#include "server/users.h"
#include "server/web_assets.h"

namespace luutru::server {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

std::atomic<httplib::Server*> g_server{nullptr};

// An answer that is not 200: the HTTP status, a stable code and a message naming the fix.
struct ApiError {
  int http = 500;
  std::string code, message;
};

ApiError FromStatus(const Status& s) {
  switch (s.code()) {
    case StatusCode::kInvalidArgument: return {400, "bad_request", s.message()};
    case StatusCode::kNotFound: return {404, "not_found", s.message()};
    case StatusCode::kTooLarge: return {413, "too_large", s.message()};
    default: return {500, StatusCodeName(s.code()), s.message()};
  }
}

ApiError NoSuchRecord() { return {404, "not_found", "no such record"}; }

// Request counts and latencies by route, for /metrics.
class Metrics {
 public:
  void Observe(const std::string& route, int status, double seconds) {
    std::lock_guard<std::mutex> lock(mutex_);
    ++requests_[{route, status}];
    Latency& l = latency_[route];
    l.sum += seconds;
    ++l.count;
    for (size_t i = 0; i < kBounds.size(); ++i) l.buckets[i] += seconds <= kBounds[i];
  }
  std::string Render() {
    std::lock_guard<std::mutex> lock(mutex_);
    std::string out =
        "# HELP luutru_http_requests_total Requests answered, by route and HTTP status.\n"
        "# TYPE luutru_http_requests_total counter\n";
    for (const auto& [key, n] : requests_) {
      out += "luutru_http_requests_total{route=\"" + key.first + "\",code=\"" + std::to_string(key.second) +
             "\"} " + std::to_string(n) + "\n";
    }
    out += "# HELP luutru_http_request_duration_seconds Time to answer, by route.\n"
           "# TYPE luutru_http_request_duration_seconds histogram\n";
    for (const auto& [route, l] : latency_) {
      const std::string labels = "route=\"" + route + "\"";
      for (size_t i = 0; i < kBounds.size(); ++i) {
        out += "luutru_http_request_duration_seconds_bucket{" + labels + ",le=\"" + Number(kBounds[i]) + "\"} " +
               std::to_string(l.buckets[i]) + "\n";
      }
      out += "luutru_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " + std::to_string(l.count) + "\n";
      out += "luutru_http_request_duration_seconds_sum{" + labels + "} " + Number(l.sum) + "\n";
      out += "luutru_http_request_duration_seconds_count{" + labels + "} " + std::to_string(l.count) + "\n";
    }
    return out;
  }

 private:
  static constexpr std::array<double, 7> kBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5};
  struct Latency {
    double sum = 0;
    long long count = 0;
    std::array<long long, kBounds.size()> buckets{};
  };
  static std::string Number(double v) {
    char text[32];
    std::snprintf(text, sizeof text, "%g", v);
    return text;
  }
  std::mutex mutex_;
  std::map<std::pair<std::string, int>, long long> requests_;
  std::map<std::string, Latency> latency_;
};

// The caller of a request, once authenticated.
struct Caller {
  std::string user;  // "" = anonymous
  search::Access access;
};

class Api {
 public:
  Api(const ServeOptions& options, std::unique_ptr<UserStore> users, std::unique_ptr<AuditLog> audit,
      std::unique_ptr<ingest::Catalog> catalog)
      : options_(options), layout_(options.archive_dir), users_(std::move(users)), audit_(std::move(audit)),
        catalog_(std::move(catalog)),
        tokens_required_(!IsLoopback(options.host)),
        uploads_(options.archive_dir, layout_.root() / "uploads", options.ingest_jobs) {}

  void Register(httplib::Server& http);

 private:
  using Handler = std::function<void(const httplib::Request&, httplib::Response&, const Caller&)>;
  // Wraps a handler: authentication, errors as JSON, metrics.
  httplib::Server::Handler Route(const std::string& route, Handler handler);
  void Answer(const std::string& route, const httplib::Request& req, httplib::Response& res,
              const std::function<void(const Caller&)>& handler);
  Result<Caller> Authenticate(const httplib::Request& request);
  // Appends to the audit log; false when it could not (the caller then answers nothing but 503).
  bool Audit(const Caller& caller, const std::string& action, const std::string& target, long long count, int status);

  void Search(const httplib::Request& req, httplib::Response& res, const Caller& caller);
  void RecordView(const httplib::Request& req, httplib::Response& res, const Caller& caller);
  void OnePageText(const httplib::Request& req, httplib::Response& res, const Caller& caller);
  void Download(const httplib::Request& req, httplib::Response& res, const Caller& caller, bool original);
  void PageImage(const httplib::Request& req, httplib::Response& res, const Caller& caller);
  // Reads the body itself, after the caller is known, onto disk as it arrives.
  void Upload(const httplib::Request& req, httplib::Response& res, const Caller& caller,
              const httplib::ContentReader& body);
  void Job(const httplib::Request& req, httplib::Response& res, const Caller& caller);
  // The archive and ingest side of /metrics: the records the caller may see; the last ingest
  // run and upload jobs (their counts include every mark) to a caller who may see every record.
  std::string IngestMetrics(const Caller& caller);
  // The record `id` if it exists and the caller may read it; NoSuchRecord() otherwise, alike.
  struct StoredRecord {
    Record record;
    std::string json;  // record.json as stored
  };
  Result<StoredRecord> VisibleRecord(const std::string& id, const Caller& caller);
  search::Searcher* ThreadSearcher();

  const ServeOptions& options_;
  ArchiveLayout layout_;
  std::mutex users_mutex_;
  std::unique_ptr<UserStore> users_;
  std::unique_ptr<AuditLog> audit_;
  std::mutex catalog_mutex_;
  std::unique_ptr<ingest::Catalog> catalog_;
  bool tokens_required_;
  Metrics metrics_;
  UploadJobs uploads_;
  static constexpr long long kHeadLogEvery = 1000;
  std::atomic<long long> appended_{0};
};

void SendError(httplib::Response& res, const ApiError& e) {
  res.status = e.http;
  res.set_content(Json{{"error", {{"code", e.code}, {"message", e.message}}}}.dump(), "application/json");
}

void SendJson(httplib::Response& res, const std::string& json) { res.set_content(json, "application/json"); }

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
  return id.size() >= 8 && id.size() <= 64 &&
         std::all_of(id.begin(), id.end(), [](char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); });
}

void Api::Answer(const std::string& route, const httplib::Request& req, httplib::Response& res,
                 const std::function<void(const Caller&)>& handler) {
  const auto start = std::chrono::steady_clock::now();
  Result<Caller> caller = Authenticate(req);
  if (!caller.ok()) {
    SendError(res, {401, "unauthorized", caller.status().message()});
  } else {
    try {
      handler(*caller);
    } catch (const std::exception& e) {
      spdlog::error("{} {}: {}", req.method, req.path, e.what());
      SendError(res, {500, "internal", "the request could not be answered"});
    }
  }
  if (res.status == -1) res.status = 200;  // httplib fills it in after the handler
  metrics_.Observe(route, res.status, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
}

httplib::Server::Handler Api::Route(const std::string& route, Handler handler) {
  return [this, route, handler](const httplib::Request& req, httplib::Response& res) {
    Answer(route, req, res, [&](const Caller& caller) { handler(req, res, caller); });
  };
}

Result<Caller> Api::Authenticate(const httplib::Request& req) {
  Caller caller;
  caller.access.unmarked = options_.unmarked;
  const std::string header = req.get_header_value("Authorization");
  if (header.empty()) {
    if (tokens_required_) {
      return InvalidArgument("this server listens beyond this machine: send Authorization: Bearer TOKEN "
                             "(luutru user add NAME --clearance LEVEL)");
    }
    caller.access.clearance = search::Clearance::kPublic;
    return caller;
  }
  const std::string prefix = "Bearer ";
  if (header.rfind(prefix, 0) != 0) return InvalidArgument("Authorization must be 'Bearer TOKEN'");
  std::lock_guard<std::mutex> lock(users_mutex_);
  Result<std::optional<User>> user = users_->FindByToken(header.substr(prefix.size()));
  if (!user.ok()) return user.status();
  if (!user->has_value()) return InvalidArgument("unknown token");
  caller.user = (*user)->name;
  caller.access.clearance = (*user)->clearance;
  return caller;
}

bool Api::Audit(const Caller& caller, const std::string& action, const std::string& target, long long count,
                int status) {
  AuditEntry entry;
  entry.user = caller.user;
  entry.action = action;
  entry.target = target;
  entry.result_count = count;
  entry.status = status;
  if (Status s = audit_->Append(entry); !s.ok()) {
    spdlog::error("audit: {}; the request is refused", s.ToString());
    return false;
  }
  // The head, in the server's log (the journal): kept outside the archive, it shows whether
  // the newest entries were removed later (luutru audit verify --head).
  if (appended_.fetch_add(1) % kHeadLogEvery == 0) {
    if (Result<std::string> head = audit_->Head(); head.ok()) spdlog::info("audit head {}", *head);
  }
  return true;
}

void SendAuditDown(httplib::Response& res) {
  SendError(res, {503, "audit_unavailable", "the audit log cannot be written; nothing is served until it can"});
}

search::Searcher* Api::ThreadSearcher() {
  // Xapian databases are not shared between threads: one searcher per request thread, opened
  // once (it sees each new commit by itself).
  thread_local std::filesystem::path index;
  thread_local std::unique_ptr<search::Searcher> searcher;
  if (!searcher || index != layout_.index()) {
    Result<std::unique_ptr<search::Searcher>> opened = search::Searcher::Open(layout_.index());
    searcher = opened.ok() ? std::move(opened).value() : nullptr;
    index = layout_.index();
  }
  return searcher.get();
}

void Api::Search(const httplib::Request& req, httplib::Response& res, const Caller& caller) {
  search::SearchRequest request;
  request.query = req.get_param_value("q");
  if (request.query.empty()) return SendError(res, {400, "bad_request", "give a query: ?q=..."});
  if (request.query.size() > options_.max_query_bytes) {
    return SendError(res, {413, "too_large", "the query is longer than " + std::to_string(options_.max_query_bytes) + " bytes"});
  }
  try {
    if (req.has_param("offset")) request.offset = std::stoi(req.get_param_value("offset"));
    if (req.has_param("limit")) request.limit = std::stoi(req.get_param_value("limit"));
  } catch (const std::exception&) {
    return SendError(res, {400, "bad_request", "offset and limit are whole numbers"});
  }
  if (request.offset < 0 || request.limit < 0 || request.limit > options_.max_page_size) {
    return SendError(res, {400, "bad_request", "limit is 0-" + std::to_string(options_.max_page_size) + ", offset 0 or more"});
  }
  const std::string sort = req.get_param_value("sort");
  if (sort == "newest") {
    request.sort = search::SortOrder::kNewestFirst;
  } else if (sort == "oldest") {
    request.sort = search::SortOrder::kOldestFirst;
  } else if (!sort.empty() && sort != "relevance") {
    return SendError(res, {400, "bad_request", "sort is relevance, newest or oldest"});
  }
  request.facets = req.get_param_value("facets") == "1" || req.get_param_value("facets") == "true";
  request.access = caller.access;
  search::Searcher* searcher = ThreadSearcher();
  if (!searcher) return SendError(res, {503, "no_index", "the archive has no index yet; ingest files first"});
  Result<search::SearchResults> results = searcher->Search(request);
  if (!results.ok()) {
    // A query the parser cannot take is the caller's to fix: the message says how, in
    // Vietnamese (search/searcher.h), under a code of its own.
    const ApiError error = results.status().code() == StatusCode::kInvalidArgument
                               ? ApiError{400, "bad_query", results.status().message()}
                               : FromStatus(results.status());
    Audit(caller, "search", request.query, 0, error.http);
    return SendError(res, error);
  }
  if (!Audit(caller, "search", request.query, static_cast<long long>(results->total_records), 200)) {
    return SendAuditDown(res);
  }
  // Where the server keeps a file is not the caller's business: the file's name only.
  search::SearchResults shown = std::move(results).value();
  for (search::SearchHit& hit : shown.hits) hit.source = fs::path(hit.source).filename().string();
  SendJson(res, search::SearchResultsToJson(request.query, shown));
}

Result<Api::StoredRecord> Api::VisibleRecord(const std::string& id, const Caller& caller) {
  if (!ValidRecordId(id)) return NotFound("no such record");
  // Who may read a record is decided before anything of it is read: by the index's databases
  // the caller may read (a hidden record is not even looked for, so it answers as fast as a
  // missing one). record.json's own mark is checked too.
  search::Searcher* searcher = ThreadSearcher();
  if (!searcher) return NotFound("no such record");
  Result<bool> may_open = searcher->MayOpen(id, caller.access);
  if (!may_open.ok()) return may_open.status();
  if (!*may_open) return NotFound("no such record");
  Result<std::string> json = ReadFile(layout_.RecordJson(id));
  if (!json.ok()) return NotFound("no such record");
  Result<Record> record = RecordFromJson(*json);
  if (!record.ok()) return record.status();
  if (!search::MayRead(caller.access, record->metadata.confidentiality)) return NotFound("no such record");
  return StoredRecord{std::move(record).value(), std::move(json).value()};
}

void Api::RecordView(const httplib::Request& req, httplib::Response& res, const Caller& caller) {
  const std::string id = req.matches[1];
  Result<StoredRecord> stored = VisibleRecord(id, caller);
  if (!stored.ok()) {
    Audit(caller, "view", id, 0, 404);
    return SendError(res, stored.status().code() == StatusCode::kNotFound ? NoSuchRecord() : FromStatus(stored.status()));
  }
  // The record as stored, without the bulk of each page (its text and word boxes have their
  // own URLs).
  Json j = Json::parse(stored->json, nullptr, false);
  if (j.is_discarded()) return SendError(res, {500, "internal", "the record cannot be shown"});
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
  if (!Audit(caller, "view", id, 1, 200)) return SendAuditDown(res);
  SendJson(res, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

void Api::OnePageText(const httplib::Request& req, httplib::Response& res, const Caller& caller) {
  const std::string id = req.matches[1];
  const std::string target = id + ":" + std::string(req.matches[2]);
  Result<StoredRecord> stored = VisibleRecord(id, caller);
  const Record* record = stored.ok() ? &stored->record : nullptr;
  int number = 0;
  try {
    number = std::stoi(req.matches[2]);
  } catch (const std::exception&) {
  }
  const PageText* page = nullptr;
  if (record) {
    for (const PageText& p : record->pages) page = p.number == number ? &p : page;
  }
  if (!page) {
    Audit(caller, "page-text", target, 0, 404);
    return SendError(res, {404, "not_found", record ? "no such page" : "no such record"});
  }
  if (!Audit(caller, "page-text", target, 1, 200)) return SendAuditDown(res);
  res.set_content(page->text, "text/plain; charset=utf-8");
}

void Api::Download(const httplib::Request& req, httplib::Response& res, const Caller& caller, bool original) {
  const std::string id = req.matches[1];
  const char* action = original ? "download-original" : "download-pdf";
  Result<StoredRecord> stored = VisibleRecord(id, caller);
  const Record* record = stored.ok() ? &stored->record : nullptr;
  fs::path path;
  if (record) path = original ? layout_.ObjectPath(record->sha256) : layout_.SearchablePdf(id);
  std::error_code ec;
  const auto size = record ? fs::file_size(path, ec) : 0;
  if (!record || ec) {
    Audit(caller, action, id, 0, 404);
    return SendError(res, record ? ApiError{404, "not_found", "this record has no such file"} : NoSuchRecord());
  }
  if (!Audit(caller, action, id, 1, 200)) return SendAuditDown(res);
  std::string type = "application/pdf";
  if (original && record->format != "pdf") type = record->format == "tiff" ? "image/tiff" : "image/" + record->format;
  const std::string name = original ? fs::path(record->source).filename().string() : id + ".pdf";
  res.set_header("Content-Disposition", AttachmentHeader(name));
  // Streamed in chunks: an original may be hundreds of megabytes.
  // The file is opened once; httplib asks for it chunk after chunk.
  auto in = std::make_shared<std::ifstream>(path, std::ios::binary);
  res.set_content_provider(static_cast<size_t>(size), type,
                           [in](size_t offset, size_t length, httplib::DataSink& sink) {
                             in->seekg(static_cast<std::streamoff>(offset));
                             std::string chunk(std::min<size_t>(length, 1 << 20), '\0');
                             in->read(chunk.data(), static_cast<std::streamsize>(chunk.size()));
                             if (in->gcount() <= 0) return false;
                             return sink.write(chunk.data(), static_cast<size_t>(in->gcount()));
                           });
}

void Api::PageImage(const httplib::Request& req, httplib::Response& res, const Caller& caller) {
  const std::string id = req.matches[1];
  const std::string target = id + ":" + std::string(req.matches[2]);
  int number = 0, width = 1000;
  try {
    number = std::stoi(req.matches[2]);
    if (req.has_param("width")) width = std::stoi(req.get_param_value("width"));
  } catch (const std::exception&) {
    return SendError(res, {400, "bad_request", "the page and width are whole numbers"});
  }
  if (width < 100 || width > 2000) return SendError(res, {400, "bad_request", "width is 100-2000 pixels"});
  Result<StoredRecord> stored = VisibleRecord(id, caller);
  Result<std::string> png = stored.ok() ? ingest::PagePreviewPng(layout_, stored->record, number, width)
                                        : Result<std::string>(stored.status());
  if (!png.ok()) {
    Audit(caller, "page-image", target, 0, 404);
    return SendError(res, stored.ok() ? FromStatus(png.status()) : NoSuchRecord());
  }
  if (!Audit(caller, "page-image", target, 1, 200)) return SendAuditDown(res);
  res.set_content(*png, "image/png");
}

void Api::Upload(const httplib::Request& req, httplib::Response& res, const Caller& caller,
                 const httplib::ContentReader& body) {
  // Refused before a byte of the body is read.
  if (caller.user.empty()) {
    return SendError(res, {403, "forbidden", "uploads need a token (luutru user add NAME --clearance internal)"});
  }
  if (!req.is_multipart_form_data()) {
    return SendError(res, {400, "bad_request", "send the files as multipart/form-data, each in a 'file' field"});
  }
  const ApiError too_large{413, "too_large", "the request is larger than the server takes (--max-upload-mb)"};
  if (req.has_header("Content-Length") &&
      std::strtoull(req.get_header_value("Content-Length").c_str(), nullptr, 10) > options_.max_upload_bytes) {
    return SendError(res, too_large);  // said before reading it
  }
  Result<std::unique_ptr<UploadJobs::Incoming>> incoming =
      uploads_.Receive(caller.user, static_cast<long long>(options_.max_upload_bytes));
  if (!incoming.ok()) return SendError(res, FromStatus(incoming.status()));
  // The bytes received are counted (chunked bodies too) and written to disk as they come.
  Status received;
  bool in_file = false;
  const bool whole = body(
      [&](const httplib::MultipartFormData& part) {
        in_file = part.name == "file";
        if (in_file) received = (*incoming)->BeginFile(part.filename);
        return received.ok();
      },
      [&](const char* data, size_t size) {
        if (in_file) received = (*incoming)->Append(data, size);
        return received.ok();
      });
  std::string names;
  for (const std::string& name : (*incoming)->files()) names += (names.empty() ? "" : ", ") + name;
  if (received.ok() && !whole) received = InvalidArgument("the upload could not be read whole");
  if (!received.ok()) {
    (void)Audit(caller, "upload-refused", names, 0, FromStatus(received).http);
    return SendError(res, FromStatus(received));  // the bytes received are removed with `incoming`
  }
  // Logged before anything is kept: an upload the log cannot record is not taken.
  const long long count = static_cast<long long>((*incoming)->files().size());
  if (!Audit(caller, "upload", names, count, 202)) return SendAuditDown(res);
  Result<std::string> job = uploads_.Queue(std::move(incoming).value());
  if (!job.ok()) {
    (void)Audit(caller, "upload-refused", names, 0, FromStatus(job.status()).http);
    return SendError(res, FromStatus(job.status()));
  }
  res.status = 202;
  SendJson(res, Json{{"job", *job}, {"files", count}, {"status_url", "/api/v1/jobs/" + *job}}.dump());
}

void Api::Job(const httplib::Request& req, httplib::Response& res, const Caller& caller) {
  std::optional<UploadJob> job = uploads_.Find(req.matches[1]);
  // A job is its uploader's: anyone else is told it does not exist.
  if (!job || job->user != caller.user || caller.user.empty()) {
    return SendError(res, {404, "not_found", "no such job"});
  }
  Json j{{"job", job->id}, {"state", job->state}, {"files", job->files}};
  if (!job->error.empty()) j["error"] = job->error;
  if (!job->report_json.empty()) {
    Json report = Json::parse(job->report_json, nullptr, false);
    // Only what the uploader may see of the outcome: per file its outcome, and their counts. A
    // copy of a record above the uploader's clearance is "archived", as a new file would be:
    // "duplicate" would tell that the archive holds it.
    if (!report.is_discarded()) {
      search::Searcher* searcher = ThreadSearcher();
      Json outcomes = Json::array();
      std::map<std::string, int> counts;
      for (const Json& o : report["outcomes"]) {
        std::string outcome = o.value("outcome", "");
        if (outcome == "duplicate") {
          Result<bool> visible = searcher ? searcher->MayOpen(o.value("record", ""), caller.access) : Result<bool>(false);
          if (!visible.ok() || !*visible) outcome = "archived";
        }
        Json item{{"file", std::filesystem::path(o.value("source", "")).filename().string()}, {"outcome", outcome}};
        if (o.contains("error")) item["error"] = o["error"];
        outcomes.push_back(std::move(item));
        ++counts[outcome];
      }
      j["files_outcome"] = counts;
      j["outcomes"] = std::move(outcomes);
    }
  }
  SendJson(res, j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

std::string Api::IngestMetrics(const Caller& caller) {
  std::string out;
  auto line = [&](const std::string& name, const std::string& labels, long long value) {
    out += name + (labels.empty() ? "" : "{" + labels + "}") + " " + std::to_string(value) + "\n";
  };
  if (search::Searcher* searcher = ThreadSearcher()) {
    if (Result<long long> records = searcher->CountRecords(caller.access); records.ok()) {
      out += "# HELP luutru_records Records in the archive the caller may see.\n# TYPE luutru_records gauge\n";
      line("luutru_records", "", *records);
    }
  }
  if (caller.access.clearance != search::Clearance::kTuyetMat) return out;
  {
    std::lock_guard<std::mutex> lock(catalog_mutex_);
    Result<std::optional<ingest::Catalog::RunEntry>> run = catalog_->LastFinishedRun("ingest");
    if (run.ok() && run->has_value()) {
      Json report = Json::parse((*run)->report_json, nullptr, false);
      if (!report.is_discarded()) {
        out += "# HELP luutru_last_ingest_files Files of the newest finished ingest run, by outcome.\n"
               "# TYPE luutru_last_ingest_files gauge\n";
        for (const auto& [outcome, n] : report["files"].items()) {
          line("luutru_last_ingest_files", "outcome=\"" + outcome + "\"", n.get<long long>());
        }
        out += "# HELP luutru_last_ingest_pages Pages of the newest finished ingest run.\n"
               "# TYPE luutru_last_ingest_pages gauge\n";
        line("luutru_last_ingest_pages", "", report["pages"].value("total", 0LL));
        std::tm tm{};
        if (strptime((*run)->finished_at.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm)) {
          out += "# HELP luutru_last_ingest_finished_seconds When the newest ingest run ended (Unix time).\n"
                 "# TYPE luutru_last_ingest_finished_seconds gauge\n";
          line("luutru_last_ingest_finished_seconds", "", static_cast<long long>(timegm(&tm)));
        }
      }
    }
  }
  out += "# HELP luutru_upload_jobs_total Upload jobs ended since the server started, by state.\n"
         "# TYPE luutru_upload_jobs_total counter\n";
  for (const auto& [state, n] : uploads_.EndedJobs()) line("luutru_upload_jobs_total", "state=\"" + state + "\"", n);
  out += "# HELP luutru_upload_files_total Uploaded files ingested since the server started, by outcome.\n"
         "# TYPE luutru_upload_files_total counter\n";
  for (const auto& [outcome, n] : uploads_.FileOutcomes()) {
    line("luutru_upload_files_total", "outcome=\"" + outcome + "\"", n);
  }
  return out;
}

void Api::Register(httplib::Server& http) {
  // Health and metrics answer without a token (monitoring); they tell nothing of the records.
  http.Get("/healthz", [](const httplib::Request&, httplib::Response& res) { SendJson(res, R"({"status":"ok"})"); });
  // The staff page: / and /web/<file>, all from the binary.
  for (const WebAsset& asset : WebAssets()) {
    auto serve_asset = [&asset](const httplib::Request&, httplib::Response& res) {
      res.set_header("Cache-Control", "no-cache");
      res.set_header("Content-Security-Policy", "default-src 'self'; img-src 'self' blob:; style-src 'self'");
      res.set_content(std::string(asset.content), std::string(asset.content_type));
    };
    http.Get("/web/" + std::string(asset.name), serve_asset);
    if (asset.name == "index.html") http.Get("/", serve_asset);
  }
  // Metrics: without a token only on loopback (as every route), and the archive's side only as
  // far as the caller may see it (IngestMetrics).
  http.Get("/metrics", [this](const httplib::Request& req, httplib::Response& res) {
    Result<Caller> caller = Authenticate(req);
    if (!caller.ok()) return SendError(res, {401, "unauthorized", caller.status().message()});
    res.set_content(metrics_.Render() + IngestMetrics(*caller), "text/plain; version=0.0.4");
  });
  http.Get("/api/v1/search", Route("search", [this](const httplib::Request& req, httplib::Response& res,
                                                    const Caller& c) { Search(req, res, c); }));
  http.Get(R"(/api/v1/records/([^/]+))", Route("record", [this](const httplib::Request& req, httplib::Response& res,
                                                                const Caller& c) { RecordView(req, res, c); }));
  http.Get(R"(/api/v1/records/([^/]+)/pages/([^/]+)/text)",
           Route("page_text", [this](const httplib::Request& req, httplib::Response& res, const Caller& c) {
             OnePageText(req, res, c);
           }));
  http.Get(R"(/api/v1/records/([^/]+)/pages/([^/]+)/image)",
           Route("page_image", [this](const httplib::Request& req, httplib::Response& res, const Caller& c) {
             PageImage(req, res, c);
           }));
  http.Post("/api/v1/uploads",
            [this](const httplib::Request& req, httplib::Response& res, const httplib::ContentReader& body) {
              Answer("upload", req, res, [&](const Caller& c) { Upload(req, res, c, body); });
            });
  http.Get(R"(/api/v1/jobs/([0-9a-f]+))", Route("job", [this](const httplib::Request& req, httplib::Response& res,
                                                              const Caller& c) { Job(req, res, c); }));
  http.Get(R"(/api/v1/records/([^/]+)/pdf)",
           Route("pdf", [this](const httplib::Request& req, httplib::Response& res, const Caller& c) {
             Download(req, res, c, false);
           }));
  http.Get(R"(/api/v1/records/([^/]+)/original)",
           Route("original", [this](const httplib::Request& req, httplib::Response& res, const Caller& c) {
             Download(req, res, c, true);
           }));
  http.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    if (res.status == 404) {
      SendError(res, {404, "not_found", "no such endpoint (see docs/api.md)"});
    } else if (res.status == 413) {
      SendError(res, {413, "too_large", "the request is larger than the server takes (--max-upload-mb)"});
    } else {
      SendError(res, {res.status, "bad_request", "the request could not be read"});
    }
  });
}

}  // namespace

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

void StopServing() {
  if (httplib::Server* server = g_server.load()) server->stop();
}

Status Serve(const ServeOptions& options) {
  ArchiveLayout layout(options.archive_dir);
  std::error_code ec;
  if (!fs::exists(layout.catalog(), ec)) {
    if (ec) return IoError("cannot read the archive " + layout.root().string() + ": " + ec.message());
    return NotFound("no archive at " + layout.root().string() + "; give --archive DIR (ingest files first)");
  }
  Result<std::unique_ptr<UserStore>> users = UserStore::Open(layout.catalog());
  if (!users.ok()) return users.status();
  Result<AuditKeys> keys = AuditKeys::LoadOrCreate(options.audit_key_file, layout.root());
  if (!keys.ok()) return keys.status().WithContext("the audit key (--audit-key FILE)");
  Result<std::unique_ptr<AuditLog>> audit = AuditLog::Open(layout.catalog(), std::move(keys).value());
  if (!audit.ok()) return audit.status();
  Result<std::unique_ptr<ingest::Catalog>> catalog = ingest::Catalog::Open(layout.catalog());
  if (!catalog.ok()) return catalog.status();
  Api api(options, std::move(users).value(), std::move(audit).value(), std::move(catalog).value());

  httplib::Server http;
  // SO_REUSEADDR only: a restarted server gets its port back at once, but a second server on
  // the same port fails to bind. (httplib's default, SO_REUSEPORT, lets the second one start
  // and silently take a share of the requests.)
  http.set_socket_options([](socket_t sock) {
    int yes = 1;
    setsockopt(sock, SOL_SOCKET, SO_REUSEADDR, &yes, sizeof yes);
  });
  http.new_task_queue = [threads = options.threads] { return new httplib::ThreadPool(static_cast<size_t>(threads)); };
  http.set_payload_max_length(options.max_upload_bytes);
  api.Register(http);
  int port = options.port;
  errno = 0;
  if (port == 0) {
    port = http.bind_to_any_port(options.host);
  } else if (!http.bind_to_port(options.host, port)) {
    port = -1;
  }
  if (port < 0) {
    const std::string address = options.host + ":" + std::to_string(options.port);
    if (errno == EADDRINUSE) {
      return AddressInUse("another process already listens on " + address +
                          " (another luutru serve?); stop it, or give another port with --listen HOST:PORT");
    }
    return IoError("cannot listen on " + address + ": " + (errno ? std::strerror(errno) : "not an address of this machine"));
  }
  spdlog::info("serving {} on http://{}:{}/ ({})", layout.root().string(), options.host, port,
               IsLoopback(options.host) ? "this machine only; no token = public" : "tokens required");
  if (options.on_listening) options.on_listening(port);
  g_server = &http;
  const bool ok = http.listen_after_bind();
  g_server = nullptr;
  return ok ? Status::Ok() : IoError("the server stopped listening");
}

}  // namespace luutru::server
