// HTTP as the API sees it, free of any server library: a request as the API reads it and the
// answer it gives. server/server.cc carries them over the network (libmicrohttpd); the tests
// build them by hand and call the API directly (server/api.h).
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace luutru::server {

struct HttpRequest {
  std::string method;                          // "GET", "POST"
  std::string path;                            // decoded, without the query: "/api/v1/records/ab12"
  std::map<std::string, std::string> params;   // the query's parameters, decoded
  std::map<std::string, std::string> headers;  // by lower-case name
  std::string body;  // a small JSON body (Api::TakesBody); an upload's is streamed instead

  std::string Param(const std::string& name) const {
    auto it = params.find(name);
    return it == params.end() ? std::string() : it->second;
  }
  bool HasParam(const std::string& name) const { return params.count(name) > 0; }
  std::string Header(const std::string& lower_case_name) const {
    auto it = headers.find(lower_case_name);
    return it == headers.end() ? std::string() : it->second;
  }
};

struct HttpResponse {
  int status = 200;
  std::string content_type = "application/json";
  std::string body;
  std::vector<std::pair<std::string, std::string>> headers;
  // A file answered from disk instead of `body` (a download, however large): the server sends
  // it as it is read, or the one byte range a client asks for.
  std::filesystem::path file;
  std::uint64_t file_size = 0;
};

// The one byte range of a "Range: bytes=..." header, as [first, first + length); none for no
// header, several ranges or anything else (the whole file is sent). `unsatisfiable` for a
// range past the end.
struct ByteRange {
  unsigned long long first = 0, length = 0;
};
std::optional<ByteRange> OneByteRange(const std::string& header, unsigned long long size,
                                      bool& unsatisfiable);

}  // namespace luutru::server
