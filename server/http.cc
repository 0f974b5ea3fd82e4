#include "server/http.h"

#include <algorithm>

namespace luutru::server {

std::optional<ByteRange> OneByteRange(const std::string& header, unsigned long long size,
                                      bool& unsatisfiable) {
  unsatisfiable = false;
  const std::string prefix = "bytes=";
  if (header.rfind(prefix, 0) != 0 || header.find(',') != std::string::npos) return std::nullopt;
  const std::string spec = header.substr(prefix.size());
  const size_t dash = spec.find('-');
  if (dash == std::string::npos) return std::nullopt;
  const std::string a = spec.substr(0, dash), b = spec.substr(dash + 1);
  auto number = [](const std::string& s, unsigned long long& out) {
    if (s.empty() || s.size() > 19 || s.find_first_not_of("0123456789") != std::string::npos)
      return false;
    out = std::stoull(s);
    return true;
  };
  unsigned long long first = 0, last = 0;
  if (a.empty()) {  // the last N bytes
    if (!number(b, last) || last == 0) return std::nullopt;
    last = std::min(last, size);
    return ByteRange{size - last, last};
  }
  if (!number(a, first)) return std::nullopt;
  if (first >= size) {
    unsatisfiable = true;
    return std::nullopt;
  }
  if (b.empty()) return ByteRange{first, size - first};
  if (!number(b, last) || last < first) return std::nullopt;
  return ByteRange{first, std::min(last, size - 1) - first + 1};
}

}  // namespace luutru::server
