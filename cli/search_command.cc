#include <unistd.h>

#include <iostream>

#include "cli/app.h"
#include "core/archive_layout.h"
#include "search/results_json.h"
#include "search/searcher.h"

namespace luutru::cli {
namespace {

struct SearchFlags {
  std::vector<std::string> words;
  std::string archive = DefaultArchiveDir();
  bool json = false;
  std::string color = "auto";      // auto | always | never
  std::string sort = "relevance";  // relevance | newest | oldest
};

search::SortOrder SortOrderFor(const std::string& name) {
  if (name == "newest") return search::SortOrder::kNewestFirst;
  if (name == "oldest") return search::SortOrder::kOldestFirst;
  return search::SortOrder::kRelevance;
}

constexpr const char* kHighlightOn = "\033[1;33m";
constexpr const char* kHighlightOff = "\033[0m";

std::string RenderSnippet(const search::Snippet& s, bool color) {
  if (!color) return s.text;
  std::string out;
  size_t at = 0;
  for (const search::Highlight& h : s.highlights) {
    out += s.text.substr(at, h.offset - at);
    out += kHighlightOn + s.text.substr(h.offset, h.length) + kHighlightOff;
    at = h.offset + h.length;
  }
  return out + s.text.substr(at);
}

void PrintText(const std::string& query, const search::SearchResults& results, int offset,
               bool color) {
  const char* how = results.total_kind == search::TotalKind::kAtLeast ? "at least "
                    : results.total_kind == search::TotalKind::kAbout ? "about "
                                                                      : "";
  std::cout << how << results.total_records
            << (results.total_records == 1 ? " record matches: " : " records match: ") << query
            << "\n";
  if (results.partial()) {
    std::cout << "Kết quả chưa đủ: máy chủ phân đoạn không trả lời:";
    for (const std::string& shard : results.missing_shards) std::cout << " " << shard;
    std::cout << "\n";
  }
  if (!results.hint.empty()) std::cout << results.hint << "\n";
  if (!results.suggestion.empty()) {
    std::cout << "Có phải bạn muốn tìm: " << results.suggestion << "\n";
  }
  for (const auto& [facet, values] : results.facets) {
    if (values.empty()) continue;
    std::cout << "  " << facet << ":";
    for (const search::FacetCount& v : values)
      std::cout << "  " << v.value << " (" << v.records << ")";
    std::cout << "\n";
  }
  int n = offset;
  for (const search::SearchHit& hit : results.hits) {
    std::cout << "\n"
              << ++n << ". " << hit.source << "  (record " << hit.record_id << ", page "
              << hit.best_page;
    // A document of a split scan: its pages are numbered as in the scan (docs/hoso.md).
    if (hit.best_page > hit.page_count) {
      std::cout << " of the scan, " << hit.page_count << (hit.page_count > 1 ? " pages" : " page");
    } else {
      std::cout << " of " << hit.page_count;
    }
    if (hit.matching_pages > 1) std::cout << ", " << hit.matching_pages << " pages match";
    std::cout << ")\n";
    std::string fields;
    for (Field field : kSummaryFields) {  // the subject on a line of its own
      const std::string& value = hit.summary.*FieldOf(field).text;
      if (field != Field::kSubject && !value.empty())
        fields += (fields.empty() ? "" : " · ") + value;
    }
    if (!fields.empty()) std::cout << "   " << fields << "\n";
    if (!hit.summary.subject.empty()) std::cout << "   " << hit.summary.subject << "\n";
    std::cout << "   " << RenderSnippet(hit.snippet, color) << "\n";
  }
}

void PrintJson(const std::string& query, const search::SearchResults& results) {
  std::cout << search::SearchResultsToJson(query, results) << "\n";
}

}  // namespace

Command AddSearchCommand(CLI::App& app) {
  auto flags = std::make_shared<SearchFlags>();
  auto request = std::make_shared<search::SearchRequest>();
  CLI::App* cmd = app.add_subcommand("search", "Search the archive");
  cmd->add_option("query", flags->words, "Words, \"phrases\", field filters (see docs/cli.md)")
      ->required();
  cmd->add_option("--archive", flags->archive, "Archive folder ($LUUTRU_ARCHIVE or ./archive)");
  cmd->add_option("-n,--limit", request->limit, "Records to show")
      ->capture_default_str()
      ->check(CLI::Range(1, 1000));
  cmd->add_option("--offset", request->offset, "Records to skip")->check(CLI::NonNegativeNumber);
  cmd->add_flag("--json", flags->json, "Print results as one JSON object");
  cmd->add_option("--color", flags->color, "Highlight matches: auto, always, never")
      ->check(CLI::IsMember({"auto", "always", "never"}));
  cmd->add_option("--sort", flags->sort, "relevance, newest or oldest (by the document's date)")
      ->check(CLI::IsMember({"relevance", "newest", "oldest"}))
      ->capture_default_str();
  cmd->add_flag("--facets", request->facets,
                "Count the matching records by type, body, year and secrecy");

  return {cmd, [flags, request]() -> int {
            for (const std::string& w : flags->words) {
              request->query += (request->query.empty() ? "" : " ") + w;
            }
            request->sort = SortOrderFor(flags->sort);
            const ArchiveLayout layout(flags->archive);
            if (Status s = RequireArchive(layout); !s.ok()) return Fail(s);
            Result<std::unique_ptr<search::Searcher>> searcher =
                search::Searcher::Open(layout.index());
            if (!searcher.ok()) return Fail(searcher.status());
            Result<search::SearchResults> results = (*searcher)->Search(*request);
            if (!results.ok()) return Fail(results.status());
            if (flags->json) {
              PrintJson(request->query, *results);
            } else {
              bool color =
                  flags->color == "always" || (flags->color == "auto" && ::isatty(STDOUT_FILENO));
              PrintText(request->query, *results, request->offset, color);
            }
            return kExitOk;
          }};
}

}  // namespace luutru::cli
