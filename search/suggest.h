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

// A respelling by the syllables around a word: a typed word that makes no word of the
// dictionary built into luutru (core/word_pairs.h) with either neighbour, and never stands
// beside one of them in the index, respelled (one edit, folded) so that it makes a word with it,
// both syllables in at least `min_records` records: "tiep cong dam" -> "tiep cong dan" (tiếp
// công dân), though "dam" is a word. Words typed with a capital (names, abbreviations) are
// neither respelled nor read; a name typed in lower case stands beside its neighbours where it
// is written. Asked even when the query finds records, for queries of up to four words (a
// longer one names several things, whose words need not stand together); the caller offers it
// when it finds more. Empty when nothing better is found.
std::string SuggestByPairs(const Xapian::Database& db, const std::string& typed,
                           unsigned min_records = 2);

}  // namespace luutru::search
