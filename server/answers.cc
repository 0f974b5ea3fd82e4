#include "server/answers.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <nlohmann/json.hpp>

namespace luutru::server {

using Json = nlohmann::ordered_json;

ApiError FromStatus(const Status& s) {
  switch (s.code()) {
    case StatusCode::kInvalidArgument:
      return {400, "bad_request", s.message()};
    case StatusCode::kNotFound:
      return {404, "not_found", s.message()};
    case StatusCode::kTooLarge:
      return {413, "too_large", s.message()};
    case StatusCode::kBusy:
      return {409, "busy", s.message()};
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

HttpResponse JsonAnswer(std::string json, int status) {
  HttpResponse res;
  res.status = status;
  res.body = std::move(json);
  return res;
}

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

bool ValidRecordId(const std::string& id) {
  return id.size() >= 8 && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
           return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
         });
}

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

}  // namespace luutru::server
