#include "server/api.h"

#include <spdlog/spdlog.h>

#include <chrono>
#include <filesystem>
#include <functional>

#include "core/fs_util.h"
#include "core/record_json.h"
#include "server/answers.h"
#include "server/api_impl.h"
#include "server/web_assets.h"

namespace luutru::server {

namespace fs = std::filesystem;

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
  caller.archivist = (*user)->archivist;
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
  if (!search::MayRead(caller.access, AccessSecrecy(*record))) return NotFound("no such record");
  return StoredRecord{std::move(record).value(), std::move(json).value()};
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
  Result<std::unique_ptr<hoso::Store>> files = hoso::Store::Open(layout.catalog());
  if (!files.ok()) return files.status();
  return std::unique_ptr<Api>(
      new Api(std::make_unique<Impl>(options, std::move(users).value(), std::move(audit).value(),
                                     std::move(catalog).value(), std::move(files).value())));
}

HttpResponse Api::Handle(const HttpRequest& req) {
  Impl& api = *impl_;
  const std::vector<std::string> p = PathParts(req.path);
  if (TakesBody(req)) {
    if (req.body.size() > kMaxJsonBody)
      return Error({413, "too_large", "the request's body is larger than the server takes"});
    return api.Answer("split-move", req,
                      [&](const Caller& c) { return api.MoveSplit(p[3], req, c); });
  }
  if (req.method != "GET" && req.method != "HEAD") {
    return Error({405, "method_not_allowed",
                  "only GET here (and POST to /api/v1/uploads, /api/v1/records/{id}/split)"});
  }
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
    if (p.size() == 3 && p[2] == "hoso")
      return api.Answer("hoso", req, [&](const Caller& c) { return api.ArchivalFiles(c); });
    if (p.size() == 4 && p[2] == "hoso")
      return api.Answer("hoso", req, [&](const Caller& c) { return api.ArchivalFile(p[3], c); });
    if (p.size() == 4 && p[2] == "jobs")
      return api.Answer("job", req, [&](const Caller& c) { return api.Job(p[3], c); });
    if (p[2] == "records" && p.size() >= 4) {
      const std::string& id = p[3];
      if (p.size() == 4)
        return api.Answer("record", req, [&](const Caller& c) { return api.RecordView(id, c); });
      if (p.size() == 5 && p[4] == "split")
        return api.Answer("split", req, [&](const Caller& c) { return api.ScanSplit(id, c); });
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

bool Api::TakesBody(const HttpRequest& req) {
  const std::vector<std::string> p = PathParts(req.path);
  return req.method == "POST" && p.size() == 5 && p[0] == "api" && p[1] == "v1" &&
         p[2] == "records" && p[4] == "split";
}

bool Api::IsUpload(const HttpRequest& req) {
  return req.method == "POST" && req.path == "/api/v1/uploads";
}

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

}  // namespace luutru::server
