// Searchers for the API's requests in flight. Internal to server/.
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <vector>

#include "search/searcher.h"

namespace luutru::server {

// Searchers for the requests in flight: a Xapian database is not shared between threads, so a
// request takes one for itself and gives it back (opened once, reused by later requests).
class SearcherPool {
 public:
  explicit SearcherPool(std::filesystem::path index) : index_(std::move(index)) {}

  struct Lease {
    SearcherPool* pool = nullptr;
    std::unique_ptr<search::Searcher> searcher;
    Lease() = default;
    Lease(Lease&& other) noexcept : pool(other.pool), searcher(std::move(other.searcher)) {
      other.pool = nullptr;
    }
    Lease& operator=(Lease&&) = delete;
    ~Lease() {
      if (pool && searcher) pool->Return(std::move(searcher));
    }
    search::Searcher* operator->() const { return searcher.get(); }
    explicit operator bool() const { return searcher != nullptr; }
  };

  // Empty when the archive has no index yet.
  Lease Take();

 private:
  static constexpr size_t kKeptIdle = 64;
  void Return(std::unique_ptr<search::Searcher> searcher);
  const std::filesystem::path index_;
  std::mutex mutex_;
  std::vector<std::unique_ptr<search::Searcher>> idle_;
};

}  // namespace luutru::server
