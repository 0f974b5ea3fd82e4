// What a page contributes to the index, computed without Xapian so it can be tested directly.
#pragma once

#include <string>
#include <vector>

#include "core/dates.h"
#include "core/record.h"

namespace luutru::index {

struct Posting {
  std::string term;
  unsigned position = 0;  // 1-based word position in the page
};

// Exact and folded postings for every word of `text`, both at the word's position; with
// `pairs`, its syllable-pair terms too (PairTerms), and with `written`, the terms of what it
// writes out (WrittenTerms), found in the same pass.
std::vector<Posting> TextPostings(const std::string& text,
                                  std::vector<std::string>* pairs = nullptr,
                                  std::vector<std::string>* written = nullptr);

// The terms of the built-in abbreviations and long forms (kPrefixAbbreviation,
// index/abbreviations.h) and of the dates written out as words (kPrefixWrittenDate: "ngày 02
// tháng 10 năm 2022" -> day and month, "tháng 10 năm 2022" -> month) in `text`.
std::vector<std::string> WrittenTerms(const std::string& text);

// The kPrefixWrittenDate terms of a date: its day's when it has one, and its month's.
std::vector<std::string> DateTerms(const CalendarDate& date);

// The kPrefixRecordDate terms of a record's date: its year's, its month's and its day's (a day
// or month not read counts as the first, as the date's value sorts: FirstDayKey).
std::vector<std::string> RecordDateTerms(const CalendarDate& date);

// The fewest record-date terms that hold exactly the records dated from `first` to `last`
// (YYYYMMDD keys): whole years by their year, whole months by their month, the other days by
// their day. Empty when an end is open ("" or past 9999) or more than `max_terms` are needed.
std::vector<std::string> RecordDateCover(const std::string& first, const std::string& last,
                                         size_t max_terms);

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
