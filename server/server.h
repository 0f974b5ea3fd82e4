// `luutru serve`: the JSON API under /api/v1/ and the staff page over one archive, with
// clearance levels enforced and every access audited (the API itself: server/api.h), carried
// over HTTP by libmicrohttpd.
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
//   GET /api/v1/hoso                               the archival files the caller may see
//   GET /api/v1/hoso/{code}                        one, with its documents in order
//
// A caller is identified by `Authorization: Bearer TOKEN` (luutru user add). Without a token a
// caller is `public`, and only on a loopback address; elsewhere a token is required. A record
// above the caller's clearance answers exactly as a missing one (404), and never counts.
//
// Each connection has a thread of its own, so a slow request or a slow client never holds up
// another; what a client may take is bounded: connections (in all and per address), idle
// time, header bytes, upload bytes, one byte range per download.
#pragma once

#include <filesystem>
#include <memory>
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
  // Connections served at once, and from one address (each has a thread; more wait to be
  // accepted). A client slow on purpose holds at most its address's share. Defaults: 512, 64.
  int max_connections = 512;
  int max_connections_per_address = 64;
  // A connection idle this long (no byte of a request coming) is closed. Default: 30 s.
  int idle_timeout_seconds = 30;
  // The request line and headers together, bytes; more is refused (431). Default: 32 KB.
  size_t max_header_bytes = 32u << 10;
  // Largest upload (the whole request), bytes. Default: 256 MB.
  size_t max_upload_bytes = 256u << 20;
  // OCR threads for uploads. Default: 1 (the server keeps answering on the other core).
  int ingest_jobs = 1;
  // The key file the audit log is signed with (server/audit.h): outside the archive, created
  // with a first key when missing. Default: DefaultAuditKeyFile().
  std::filesystem::path audit_key_file = DefaultAuditKeyFile();
};

// A running server. Thread-safe.
class Server {
 public:
  // Opens the archive and listens. kAddressInUse when another process listens on the address;
  // kNotFound without an archive.
  static Result<std::unique_ptr<Server>> Start(const ServeOptions& options);
  // Stops accepting, finishes the requests in flight and the upload being archived (what it
  // read whole is kept; the rest waits on disk).
  ~Server();

  // The port listened on (the one chosen when `port` was 0).
  int port() const;

  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

 private:
  struct Impl;
  explicit Server(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// True for 127.0.0.0/8, ::1 and "localhost".
bool IsLoopback(const std::string& host);

}  // namespace luutru::server
