#include "server/metrics.h"

#include <cstdio>

namespace luutru::server {
namespace {

std::string Number(double v) {
  char text[32];
  std::snprintf(text, sizeof text, "%g", v);
  return text;
}

}  // namespace

void Metrics::Observe(const std::string& route, int status, double seconds) {
  std::lock_guard<std::mutex> lock(mutex_);
  ++requests_[{route, status}];
  Latency& l = latency_[route];
  l.sum += seconds;
  ++l.count;
  for (size_t i = 0; i < kBounds.size(); ++i) l.buckets[i] += seconds <= kBounds[i];
}

std::string Metrics::Render() {
  std::lock_guard<std::mutex> lock(mutex_);
  std::string out =
      "# HELP luutru_http_requests_total Requests answered, by route and HTTP status.\n"
      "# TYPE luutru_http_requests_total counter\n";
  for (const auto& [key, n] : requests_) {
    out += "luutru_http_requests_total{route=\"" + key.first + "\",code=\"" +
           std::to_string(key.second) + "\"} " + std::to_string(n) + "\n";
  }
  out +=
      "# HELP luutru_http_request_duration_seconds Time to answer, by route.\n"
      "# TYPE luutru_http_request_duration_seconds histogram\n";
  for (const auto& [route, l] : latency_) {
    const std::string labels = "route=\"" + route + "\"";
    for (size_t i = 0; i < kBounds.size(); ++i) {
      out += "luutru_http_request_duration_seconds_bucket{" + labels + ",le=\"" +
             Number(kBounds[i]) + "\"} " + std::to_string(l.buckets[i]) + "\n";
    }
    out += "luutru_http_request_duration_seconds_bucket{" + labels + ",le=\"+Inf\"} " +
           std::to_string(l.count) + "\n";
    out += "luutru_http_request_duration_seconds_sum{" + labels + "} " + Number(l.sum) + "\n";
    out += "luutru_http_request_duration_seconds_count{" + labels + "} " + std::to_string(l.count) +
           "\n";
  }
  return out;
}

}  // namespace luutru::server
