// Searching an archive's index: the one search implementation behind the CLI, the library
// API and the HTTP server. A large index is searched one shard per thread at once
// (index/layout.h), and the shards' answers merged. Thread contract: a Searcher is
// thread-compatible (one per thread, or guard it); opening several is cheap.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"
#include "core/status.h"
#include "search/access.h"
#include "search/snippet.h"

namespace luutru::search {

enum class SortOrder { kRelevance, kNewestFirst, kOldestFirst };

struct SearchRequest {
  // The query as typed: words with or without diacritics, "quoted phrases", AND/OR/NOT, -word,
  // prefix* and field filters by their Vietnamese or record.json names (loai: doc_type:, so:,
  // coquan:, nguoiky:, nam: with ranges nam:2020..2022, domat:, dokhan:), dates as people write
  // them and their ranges (ngay:02/10/2022, ngay:10/2022, ngay:2020-01-01..2020-12-31), a
  // document number typed bare. Mistakes are reported (kInvalidArgument) in Vietnamese.
  std::string query;
  int offset = 0;  // records to skip. Default: 0.
  int limit = 10;  // records to return. Default: 10.
  // Relevance, or by the document's date (records without a date last). Default: relevance.
  SortOrder sort = SortOrder::kRelevance;
  // Count the matching records by type, issuing body, year and secrecy. Default: off.
  bool facets = false;
  // When the query finds (almost) nothing, look for a spelling of it that finds more, from
  // the words of the index ("Có phải bạn muốn tìm …"). Default: on.
  bool suggest = true;
  SnippetOptions snippet;
  // What the caller may see (search/access.h): records above it are filtered out inside the
  // query. Default: everything.
  Access access;
};

struct SearcherOptions {
  // An archive's own abbreviations, added to the built-in ones (index/abbreviations.h).
  // Default: viet-tat.txt in the folder above the index (the archive's root), when there.
  std::filesystem::path abbreviations_file;
  // From this many records on, the shards are searched at once, one thread each, and their
  // answers merged (each ranks by its own word statistics, which a split by record id makes
  // alike at that size). Below it they are searched as one database in the calling thread:
  // whole-index statistics, and small indexes gain nothing from threads. Default: 20,000.
  long long parallel_from_records = 20'000;
  // How long a shard on another machine (index/layout.h RemoteShard) may take to connect or to
  // answer one request before the search goes on without it, marked partial. Default: 1,000 ms.
  int remote_deadline_ms = 1'000;
};

struct SearchHit {
  std::string record_id;
  std::string source;
  int best_page = 1;  // the page that matched best
  // Pages of this record holding the whole query (when its words are spread over several
  // pages, those holding any of them).
  int matching_pages = 1;
  int page_count = 1;
  double relevance = 0;  // 0..100, Xapian's percentage
  Metadata summary;      // the record's kSummaryFields (core/record.h)
  Snippet snippet;
};

struct FacetCount {
  std::string value;  // as shown: "QUYẾT ĐỊNH", "2023"
  long long records = 0;
};

// What SearchResults::total_records is.
enum class TotalKind { kExact, kAtLeast, kAbout };
std::string_view TotalKindName(TotalKind kind);  // "exact", "at_least", "about"

struct SearchResults {
  // Records that matched: exact up to 1,000 in each index shard (10,000 with facets). Past it
  // a lower bound for a caller below tuyệt mật (the estimate counts records hidden from them),
  // Xapian's estimate otherwise.
  long long total_records = 0;
  TotalKind total_kind = TotalKind::kExact;
  std::vector<SearchHit> hits;
  // With SearchRequest::facets: by filter name ("loai", "coquan", "nam", "domat"), the values
  // of the matching records, most records first. Records, not pages, are counted.
  std::map<std::string, std::vector<FacetCount>> facets;
  // Shards on other machines that did not answer within the deadline ("HOST:PORT"): what is
  // here (counts, facets, records) is the other shards' only. Empty: every shard answered.
  std::vector<std::string> missing_shards;
  bool partial() const { return !missing_shards.empty(); }
  // A query that finds more records than the one asked, when this one finds almost none;
  // empty otherwise. Words are given without marks (they match every spelling).
  std::string suggestion;
  // When the query found nothing and looks mistyped, what to change, in Vietnamese (a filter
  // value of several words without quotes); empty otherwise.
  std::string hint;
};

class Searcher {
 public:
  // Opens the index folder of an archive. kNotFound when there is no index yet; kUnsupported
  // (naming `luutru reindex`) for an index written by an earlier luutru in another layout.
  static Result<std::unique_ptr<Searcher>> Open(const std::filesystem::path& index_dir,
                                                const SearcherOptions& options = {});
  ~Searcher();

  Result<SearchResults> Search(const SearchRequest& request);

  // True when the index holds the record in a database `access` may read: the check made
  // before any of a record's data is read, so that a hidden record and a missing one cost the
  // same and answer alike (the hidden one is never looked for).
  Result<bool> MayOpen(const std::string& record_id, const Access& access);

  // The records `access` may read, counted exactly.
  Result<long long> CountRecords(const Access& access);

  Searcher(const Searcher&) = delete;
  Searcher& operator=(const Searcher&) = delete;

 private:
  struct Impl;
  explicit Searcher(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace luutru::search
