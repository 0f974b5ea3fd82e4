#include "search/results_json.h"

#include <nlohmann/json.hpp>

namespace luutru::search {

std::string SearchResultsToJson(const std::string& query, const SearchResults& results) {
  nlohmann::ordered_json hits = nlohmann::ordered_json::array();
  for (const SearchHit& h : results.hits) {
    hits.push_back({{"record", h.record_id},
                    {"source", h.source},
                    {"page", h.best_page},
                    {"matching_pages", h.matching_pages},
                    {"page_count", h.page_count},
                    {"relevance", h.relevance},
                    {"doc_type", h.doc_type},
                    {"number", h.number},
                    {"date", h.date},
                    {"agency", h.agency},
                    {"subject", h.subject},
                    {"signer", h.signer},
                    {"confidentiality", h.confidentiality},
                    {"urgency", h.urgency},
                    {"snippet", h.snippet.text},
                    {"snippet_html", SnippetToHtml(h.snippet)}});
  }
  nlohmann::ordered_json facets = nlohmann::ordered_json::object();
  for (const auto& [facet, values] : results.facets) {
    nlohmann::ordered_json list = nlohmann::ordered_json::array();
    for (const FacetCount& v : values) list.push_back({{"value", v.value}, {"records", v.records}});
    facets[facet] = std::move(list);
  }
  nlohmann::ordered_json out{{"query", query},
                             {"total", results.total_records},
                             {"suggestion", results.suggestion},
                             {"hint", results.hint},
                             {"facets", facets},
                             {"hits", hits}};
  return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

}  // namespace luutru::search
