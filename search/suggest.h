// "Có phải bạn muốn tìm …": a spelling of a query that the index knows, for queries that find
// (almost) nothing because a word is mistyped or was searched as OCR mangled it.
#pragma once

#include <string>

namespace Xapian {
class Database;
}

namespace luutru::search {

// The query with each plain word the index does not hold replaced by the nearest word it does
// (folded, at most one edit for words of up to four letters, two for longer; the more frequent
// word among equals). Field filters, operators, excluded words and numbers are kept as typed.
// Empty when no word needed replacing or none could be.
std::string SuggestQuery(const Xapian::Database& db, const std::string& typed);

}  // namespace luutru::search
