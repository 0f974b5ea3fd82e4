// The API behind `luutru serve` (server/server.h lists its routes) as plain functions from
// requests to answers: who the caller is, what they may see, the audit, the metrics. No
// socket: server/server.cc carries it over HTTP; tests call it directly.
// Thread-safe: requests are answered from many threads at once.
#pragma once

#include <memory>
#include <variant>

#include "core/status.h"
#include "server/http.h"
#include "server/server.h"

namespace luutru::server {

// An upload being received: its files as their bytes arrive. Made by Api::BeginUpload once the
// caller is known, before any byte of the body is read. Thread-compatible.
class UploadInProgress {
 public:
  virtual ~UploadInProgress() = default;
  // The next file of the upload, by the name it was sent under.
  virtual Status BeginFile(const std::string& name) = 0;
  // Bytes of the current file (kTooLarge past the upload limit).
  virtual Status Append(const char* data, size_t size) = 0;
};

class Api {
 public:
  // Opens the archive's catalog, users, audit log (with its key) and upload jobs.
  static Result<std::unique_ptr<Api>> Open(const ServeOptions& options);
  ~Api();

  // Any request but an upload.
  HttpResponse Handle(const HttpRequest& request);

  // True for the request that carries an upload (POST /api/v1/uploads).
  static bool IsUpload(const HttpRequest& request);
  // True for a request whose small JSON body Handle reads (POST /api/v1/records/{id}/split);
  // the server collects it into HttpRequest::body, up to kMaxJsonBody bytes.
  static bool TakesBody(const HttpRequest& request);
  static constexpr size_t kMaxJsonBody = 16 * 1024;
  // An answer at once (refused: no token, not multipart, too large by its headers), or the
  // upload to feed with the body's files.
  std::variant<HttpResponse, std::unique_ptr<UploadInProgress>> BeginUpload(
      const HttpRequest& request);
  // The answer to an upload once its body is read: `failure` is the first error feeding it
  // (or the body could not be read whole); the job when it was taken.
  HttpResponse FinishUpload(std::unique_ptr<UploadInProgress> upload, Status failure);

  Api(const Api&) = delete;
  Api& operator=(const Api&) = delete;

 private:
  struct Impl;
  explicit Api(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace luutru::server
