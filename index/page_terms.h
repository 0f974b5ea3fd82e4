// What a page contributes to the index, computed without Xapian so it can be tested directly.
#pragma once

#include <string>
#include <vector>

#include "core/record.h"

namespace luutru::index {

struct Posting {
  std::string term;
  unsigned position = 0;  // 1-based word position in the page
};

// Exact and folded postings for every word of `text`, both at the word's position; with
// `pairs`, its syllable-pair terms too (PairTerms), found in the same pass.
std::vector<Posting> TextPostings(const std::string& text,
                                  std::vector<std::string>* pairs = nullptr);

// The syllable-pair terms of `text` (kPrefixPair): each two adjacent words with only spaces or
// line breaks between them that make (part of) a word of the dictionary built into luutru
// (core/word_pairs.h), folded. "Số hóa, lưu trữ" -> "XPso hoa", "XPluu tru". Pairs no word
// makes ("trữ hồ") are left out: kept, they made the index 1.8 times larger (docs/search.md).
std::vector<std::string> PairTerms(const std::string& text);

// The same for words typed in a query, already folded, in order.
std::string PairTerm(const std::string& folded_left, const std::string& folded_right);

// Filter terms for a record's fields (type, agency, year, number, ...) and for how its pages
// were read (one term per method).
std::vector<std::string> FieldTerms(const Record& record);

}  // namespace luutru::index
