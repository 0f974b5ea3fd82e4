// The API's answers and the pieces of a request it checks, shared by the API's route files
// (server/api.cc, server/*_routes.cc): errors as JSON with a stable code, JSON bodies,
// download names, record ids and path parts. Internal to server/.
#pragma once

#include <string>
#include <vector>

#include "core/status.h"
#include "server/http.h"

namespace luutru::server {

// An answer that is not 200: the HTTP status, a stable code and a message naming the fix.
struct ApiError {
  int http = 500;
  std::string code, message;
};

// 400 for a bad argument, 404 not found, 413 too large, else 500 under the status's name.
ApiError FromStatus(const Status& s);

extern const ApiError kNoSuchRecord;
// The audit log cannot be written: nothing is served until it can.
extern const ApiError kAuditDown;

// {"error": {"code": ..., "message": ...}} under the error's HTTP status.
HttpResponse Error(const ApiError& e);
HttpResponse JsonAnswer(std::string json, int status = 200);

// Content-Disposition for a download named `name` (Vietnamese names included): an ASCII
// fallback, and the UTF-8 name percent-encoded (RFC 6266 / 5987).
std::string AttachmentHeader(const std::string& name);

// 8-64 lower-case hex digits: anything else ("../", a name) is no record.
bool ValidRecordId(const std::string& id);

// "/api/v1/records/ab/pages/2/text" -> {"api", "v1", "records", "ab", "pages", "2", "text"}.
std::vector<std::string> PathParts(const std::string& path);

}  // namespace luutru::server
