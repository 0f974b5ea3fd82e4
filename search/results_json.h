// Search results as the JSON object the CLI (`luutru search --json`) and the HTTP API
// (`GET /api/v1/search`) both answer with: total, suggestion, facets, hits with their fields
// and a snippet (plain, and HTML with <mark> around the query's words).
#pragma once

#include <string>

#include "search/searcher.h"

namespace luutru::search {

std::string SearchResultsToJson(const std::string& query, const SearchResults& results);

}  // namespace luutru::search
