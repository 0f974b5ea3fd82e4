// `luutru serve`: the JSON API under /api/v1/ over one archive, with clearance levels
// enforced and every access audited. Built on cpp-httplib.
//
//   GET /healthz                                   {"status":"ok"}
//   GET /metrics                                   Prometheus text: requests, latencies
//   GET /api/v1/search?q=&offset=&limit=&sort=&facets=
//   GET /api/v1/records/{id}                       fields, evidence, pages
//   GET /api/v1/records/{id}/pages/{n}/text        the page's text
//   GET /api/v1/records/{id}/pages/{n}/image       the page, upright, as PNG (?width=)
//   GET /api/v1/records/{id}/pdf                   the searchable PDF
//   GET /api/v1/records/{id}/original              the original file, byte for byte
//   POST /api/v1/uploads                           multipart files, ingested in the background
//   GET /api/v1/jobs/{id}                          an upload's state and run report
//
// A caller is identified by `Authorization: Bearer TOKEN` (luutru user add). Without a token a
// caller is `public`, and only on a loopback address; elsewhere a token is required. A record
// above the caller's clearance answers exactly as a missing one (404), and never counts.
#pragma once

#include <filesystem>
#include <functional>
#include <string>

#include "core/status.h"
#include "search/access.h"
#include "server/audit.h"

namespace luutru::server {

struct ServeOptions {
  std::filesystem::path archive_dir;
  // Address and port to listen on. Default: 127.0.0.1:8080 (this machine only).
  std::string host = "127.0.0.1";
  int port = 8080;
  // What an unmarked record needs. Default: internal (staff with a token).
  search::Clearance unmarked = search::Clearance::kInternal;
  // Limits: longest query (bytes), most results per page. Defaults: 1,000 and 100.
  size_t max_query_bytes = 1000;
  int max_page_size = 100;
  // Request threads. A keep-alive connection holds one while it lasts, so this is also how
  // many clients are served at once. Default: 32.
  int threads = 32;
  // Largest upload (the whole request), bytes. Default: 256 MB.
  size_t max_upload_bytes = 256u << 20;
  // OCR threads for uploads. Default: 1 (the server keeps answering on the other core).
  int ingest_jobs = 1;
  // The key file the audit log is signed with (server/audit.h): outside the archive, created
  // with a first key when missing. Default: DefaultAuditKeyFile().
  std::filesystem::path audit_key_file = DefaultAuditKeyFile();
  // Called once the socket listens (with the port, useful when `port` is 0).
  std::function<void(int port)> on_listening;
};

// Serves until StopServing() is called (from a signal handler too). Fails when the archive
// cannot be opened or the address cannot be bound.
Status Serve(const ServeOptions& options);
void StopServing();

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopback(const std::string& host);

}  // namespace luutru::server
