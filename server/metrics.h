// Request counts and latencies by route, as Prometheus text for GET /metrics: what the API
// observed, kept in memory since the server started. Thread-safe.
#pragma once

#include <array>
#include <map>
#include <mutex>
#include <string>
#include <utility>

namespace luutru::server {

class Metrics {
 public:
  // One request answered: its route ("search", "record"), HTTP status and time to answer.
  void Observe(const std::string& route, int status, double seconds);
  // Counters and latency histograms by route, in the Prometheus text format.
  std::string Render();

 private:
  static constexpr std::array<double, 7> kBounds = {0.005, 0.01, 0.025, 0.05, 0.1, 0.5, 2.5};
  struct Latency {
    double sum = 0;
    long long count = 0;
    std::array<long long, kBounds.size()> buckets{};
  };
  std::mutex mutex_;
  std::map<std::pair<std::string, int>, long long> requests_;
  std::map<std::string, Latency> latency_;
};

}  // namespace luutru::server
