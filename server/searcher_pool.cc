#include "server/searcher_pool.h"

namespace luutru::server {

SearcherPool::Lease SearcherPool::Take() {
  Lease lease;
  lease.pool = this;
  {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!idle_.empty()) {
      lease.searcher = std::move(idle_.back());
      idle_.pop_back();
      return lease;
    }
  }
  Result<std::unique_ptr<search::Searcher>> opened = search::Searcher::Open(index_);
  if (opened.ok()) lease.searcher = std::move(opened).value();
  return lease;
}

void SearcherPool::Return(std::unique_ptr<search::Searcher> searcher) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (idle_.size() < kKeptIdle) idle_.push_back(std::move(searcher));
}

}  // namespace luutru::server
