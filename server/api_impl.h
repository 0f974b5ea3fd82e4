// What the API's route files share (server/api.cc, server/*_routes.cc): the caller of a
// request, the record they may read, and the API's state. Internal to server/.
#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>

#include "core/archive_layout.h"
#include "core/record.h"
#include "hoso/store.h"
#include "ingest/catalog.h"
#include "search/access.h"
#include "server/api.h"
#include "server/audit.h"
#include "server/metrics.h"
#include "server/searcher_pool.h"
#include "server/upload_jobs.h"
#include "server/users.h"

namespace luutru::server {

// The caller of a request, once authenticated.
struct Caller {
  std::string user;  // "" = anonymous
  search::Access access;
  bool archivist = false;  // may change the archive (server/users.h)
};

// The record a caller may read: as stored, and read.
struct StoredRecord {
  Record record;
  std::string json;  // record.json as stored
};

struct Api::Impl {
  Impl(const ServeOptions& o, std::unique_ptr<UserStore> u, std::unique_ptr<AuditLog> a,
       std::unique_ptr<ingest::Catalog> c, std::unique_ptr<hoso::Store> f)
      : options(o),
        layout(o.archive_dir),
        users(std::move(u)),
        audit(std::move(a)),
        catalog(std::move(c)),
        files(std::move(f)),
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

  // The routes: server/record_routes.cc (search, records, pages, fields, downloads),
  // server/upload_routes.cc (jobs; uploads are Api's own), server/metrics_page.cc,
  // server/hoso_routes.cc (the archival files).
  HttpResponse Search(const HttpRequest& req, const Caller& caller);
  HttpResponse RecordView(const std::string& id, const Caller& caller);
  HttpResponse PageText(const std::string& id, const std::string& page, const Caller& caller);
  HttpResponse PageImage(const HttpRequest& req, const std::string& id, const std::string& page,
                         const Caller& caller);
  HttpResponse FieldImage(const std::string& id, const std::string& field, const Caller& caller);
  HttpResponse Download(const std::string& id, const Caller& caller, bool original);
  HttpResponse Job(const std::string& id, const Caller& caller);
  HttpResponse MetricsPage(const Caller& caller);
  HttpResponse ArchivalFiles(const Caller& caller);
  HttpResponse ArchivalFile(const std::string& code, const Caller& caller);
  HttpResponse ScanSplit(const std::string& id, const Caller& caller);
  HttpResponse MoveSplit(const std::string& id, const HttpRequest& req, const Caller& caller);

  const ServeOptions options;
  const ArchiveLayout layout;
  std::mutex users_mutex;
  std::unique_ptr<UserStore> users;
  std::unique_ptr<AuditLog> audit;
  std::mutex catalog_mutex;
  std::unique_ptr<ingest::Catalog> catalog;
  std::unique_ptr<hoso::Store> files;  // the archival files; under catalog_mutex too
  const bool tokens_required;
  Metrics metrics;
  SearcherPool searchers;
  UploadJobs uploads;
  static constexpr long long kHeadLogEvery = 1000;
  std::atomic<long long> appended{0};
};

}  // namespace luutru::server
