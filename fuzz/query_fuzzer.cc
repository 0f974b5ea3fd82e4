// Fuzz target: any bytes typed as a search query, with every option of the search on (field
// filters, ranges, phrases, wildcards, facets, suggestions, sort by date), against a small
// real index. Malformed queries must come back as a Status, never as a crash.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>

#include "core/record.h"
#include "index/writer.h"
#include "search/searcher.h"

namespace {

using namespace luutru;

const std::filesystem::path& IndexDir() {
  static const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("luutru-fuzz-query-" + std::to_string(::getpid()));
  return dir;
}

std::unique_ptr<search::Searcher> MakeSearcher() {
  const std::filesystem::path& dir = IndexDir();
  std::filesystem::remove_all(dir);
  std::atexit([] {
    std::error_code ec;
    std::filesystem::remove_all(IndexDir(), ec);
  });
  auto writer = index::Writer::Open(dir);
  if (!writer.ok()) return nullptr;
  const char* texts[] = {
      "QUYẾT ĐỊNH về việc thành lập tổ công tác chuyển đổi số của Ủy ban nhân dân tỉnh",
      "Công văn V/v tăng cường phòng cháy, chữa cháy mùa hanh khô năm 2023",
      "Kế hoạch số hóa tài liệu lưu trữ giai đoạn 2021-2025; đường dương đương",
  };
  for (int i = 0; i < 3; ++i) {
    Record r;
    r.id = "fuzz" + std::to_string(i);
    r.sha256 = std::string(64, static_cast<char>('a' + i));
    r.metadata.doc_type = i == 0 ? "QUYẾT ĐỊNH" : "CÔNG VĂN";
    r.metadata.number = std::to_string(12 + i) + "/2023/QĐ-UBND";
    r.metadata.date = "2023-0" + std::to_string(i + 1) + "-15";
    r.metadata.agency = "SỞ NỘI VỤ";
    r.metadata.signer = "Nguyễn Văn An";
    r.metadata.confidentiality = i == 2 ? "MẬT" : "";
    // Two pages each, so a hit's pages are told apart (search/page_hits.cc) on every query.
    for (int n = 1; n <= 2; ++n) {
      PageText page;
      page.number = n;
      page.text = n == 1 ? texts[i] : std::string(texts[(i + 1) % 3]) + " trang hai";
      r.pages.push_back(page);
    }
    if (!(*writer)->AddRecord(r).ok()) return nullptr;
  }
  if (!(*writer)->Commit().ok()) return nullptr;
  writer->reset();
  auto searcher = search::Searcher::Open(dir);
  return searcher.ok() ? std::move(searcher).value() : nullptr;
}

// The same index searched one shard per thread, as an index of 20,000 records or more is.
std::unique_ptr<search::Searcher> MakeParallelSearcher() {
  search::SearcherOptions options;
  options.parallel_from_records = 0;
  auto searcher = search::Searcher::Open(IndexDir(), options);
  return searcher.ok() ? std::move(searcher).value() : nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  static std::unique_ptr<search::Searcher> searcher = MakeSearcher();
  static std::unique_ptr<search::Searcher> parallel = MakeParallelSearcher();
  if (!searcher || !parallel) {
    std::fprintf(stderr, "fuzz_query: cannot build the index to search\n");
    std::abort();
  }
  search::SearchRequest request;
  request.query.assign(reinterpret_cast<const char*>(data), size);
  request.facets = true;
  request.sort = size % 2 ? search::SortOrder::kNewestFirst : search::SortOrder::kRelevance;
  (void)searcher->Search(request);
  (void)parallel->Search(request);
  return 0;
}
