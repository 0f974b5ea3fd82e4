#include "search/results_json.h"

#include <nlohmann/json.hpp>

namespace luutru::search {

std::string SearchResultsToJson(const std::string& query, const SearchResults& results) {
  nlohmann::ordered_json hits = nlohmann::ordered_json::array();
  for (const SearchHit& h : results.hits) {
    nlohmann::ordered_json hit{{"record", h.record_id},      {"source", h.source},
                               {"page", h.best_page},        {"matching_pages", h.matching_pages},
                               {"page_count", h.page_count}, {"relevance", h.relevance}};
    for (Field field : kSummaryFields) {
      hit[std::string(FieldOf(field).json)] = h.summary.*FieldOf(field).text;
    }
    hit["snippet"] = h.snippet.text;
    hit["snippet_html"] = SnippetToHtml(h.snippet);
    hits.push_back(std::move(hit));
  }
  nlohmann::ordered_json facets = nlohmann::ordered_json::object();
  for (const auto& [facet, values] : results.facets) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const FacetCount& v : values) list.push_back({{"value", v.value}, {"records", v.records}});
    facets[facet] = std::move(list);
  }
  nlohmann::ordered_json out{{"query", query},
                             {"total", results.total_records},
                             {"total_kind", TotalKindName(results.total_kind)},
                             {"partial", results.partial()},
                             {"missing_shards", results.missing_shards},
                             {"suggestion", results.suggestion},
                             {"hint", results.hint},
                             {"facets", facets},
                             {"hits", hits}};
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace luutru::search
