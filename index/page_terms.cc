#include "index/page_terms.h"

#include <algorithm>

#include "core/archival_codes.h"
#include "core/vietnamese.h"
#include "core/word_pairs.h"
#include "index/abbreviations.h"
#include "index/schema.h"

namespace luutru::index {

std::string FieldTermValue(std::string_view value) { return vi::TypedKey(value); }

std::string PairTerm(const std::string& folded_left, const std::string& folded_right) {
  return std::string(kPrefixPair) + folded_left + " " + folded_right;
}

namespace {

bool Digits(const std::string& s) {
  return !s.empty() && s.size() <= 4 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "ngày D tháng M năm Y" and "tháng M năm Y" among folded words: their dates' terms.
void AddWrittenDates(const std::vector<std::string>& keys, std::vector<std::string>& terms) {
  auto key = [&](size_t i) -> const std::string& {
    static const std::string none;
    return i < keys.size() ? keys[i] : none;
  };
  for (size_t i = 0; i < keys.size(); ++i) {
    if (keys[i] != "thang" || !Digits(key(i + 1)) || key(i + 2) != "nam" || !Digits(key(i + 3)))
      continue;
    const bool day = i >= 2 && key(i - 2) == "ngay" && Digits(key(i - 1));
    const ParsedDate parsed =
        ParseDate((day ? key(i - 1) + "/" : std::string()) + key(i + 1) + "/" + key(i + 3));
    if (!parsed.ok() || parsed.date.year < 1000) continue;
    for (std::string& term : DateTerms(parsed.date)) terms.push_back(std::move(term));
  }
}

}  // namespace

std::vector<std::string> DateTerms(const CalendarDate& date) {
  const std::string day = FirstDayKey(date);
  std::vector<std::string> terms;
  std::string term(kPrefixWrittenDate);
  if (date.day > 0) terms.push_back(term + day);
  terms.push_back(term.append(day, 0, 6));
  return terms;
}

std::vector<std::string> RecordDateTerms(const CalendarDate& date) {
  const std::string day = FirstDayKey(date);
  std::vector<std::string> terms;
  for (size_t digits : {4, 6, 8}) {
    std::string term(kPrefixRecordDate);
    terms.push_back(term.append(day, 0, digits));
  }
  return terms;
}

std::vector<std::string> RecordDateCover(const std::string& first, const std::string& last,
                                         size_t max_terms) {
  auto parse = [](const std::string& key, CalendarDate& d) {
    if (key.size() != 8 || !std::all_of(key.begin(), key.end(), ::isdigit)) return false;
    d = {std::stoi(key.substr(0, 4)), std::stoi(key.substr(4, 2)), std::stoi(key.substr(6, 2))};
    return d.year >= 1000 && d.year <= 9999 && d.month >= 1 && d.month <= 12 && d.day >= 1 &&
           d.day <= DaysInMonth(d.year, d.month);
  };
  CalendarDate at, end;
  if (!parse(first, at) || !parse(last, end)) return {};
  const std::string prefix(kPrefixRecordDate);
  std::vector<std::string> terms;
  while (FirstDayKey(at) <= last) {
    if (terms.size() == max_terms) return {};
    const CalendarDate year_end{at.year, 12, 31};
    const CalendarDate month_end{at.year, at.month, DaysInMonth(at.year, at.month)};
    if (at.month == 1 && at.day == 1 && FirstDayKey(year_end) <= last) {
      terms.push_back(prefix + std::to_string(at.year));
      at = {at.year + 1, 1, 1};
    } else if (at.day == 1 && FirstDayKey(month_end) <= last) {
      std::string month = prefix;
      terms.push_back(month.append(FirstDayKey(at), 0, 6));
      at =
          at.month == 12 ? CalendarDate{at.year + 1, 1, 1} : CalendarDate{at.year, at.month + 1, 1};
    } else {
      terms.push_back(prefix + FirstDayKey(at));
      at = at.day < month_end.day ? CalendarDate{at.year, at.month, at.day + 1}
           : at.month == 12       ? CalendarDate{at.year + 1, 1, 1}
                                  : CalendarDate{at.year, at.month + 1, 1};
    }
  }
  return terms;
}

std::vector<Posting> TextPostings(const std::string& text, std::vector<std::string>* pairs,
                                  std::vector<std::string>* written) {
  std::vector<Posting> postings;
  const std::string nfc = vi::Nfc(text);
  std::vector<vi::Token> tokens = vi::Tokenize(nfc);
  postings.reserve(tokens.size() * 2);
  // With `written`: every word and its key, in order (an overlong one as "", breaking runs).
  std::vector<std::string_view> words;
  std::vector<std::string> keys;
  if (written != nullptr) {
    words.reserve(tokens.size());
    keys.reserve(tokens.size());
  }
  unsigned position = 0;
  const vi::Token* previous = nullptr;  // the word before, when it could start a pair
  std::string previous_key;
  for (const vi::Token& token : tokens) {
    ++position;  // an overlong token still takes its place, so phrases do not jump over it
    if (token.word.size() > kMaxWordBytes) {
      previous = nullptr;
      if (written != nullptr) {
        words.emplace_back();
        keys.emplace_back();
      }
      continue;
    }
    std::string folded = vi::SearchKeyOfToken(token.word);
    if (pairs != nullptr && previous != nullptr) {
      const size_t gap_start = previous->offset + previous->length;
      const std::string_view gap(nfc.data() + gap_start, token.offset - gap_start);
      if (gap.find_first_not_of(" \t\r\n") == std::string_view::npos &&
          vi::WordPairs::Vietnamese().JoinsFolded(previous_key, folded)) {
        pairs->push_back(PairTerm(previous_key, folded));
      }
    }
    postings.push_back({token.word, position});
    postings.push_back({std::string(kPrefixFolded) + folded, position});
    if (written != nullptr) {
      words.emplace_back(nfc.data() + token.offset, token.length);
      keys.push_back(folded);
    }
    previous = &token;
    previous_key = std::move(folded);
  }
  if (written != nullptr) {
    Abbreviations::BuiltIn().AddTermsOf(words, keys, *written);
    AddWrittenDates(keys, *written);
  }
  return postings;
}

std::vector<std::string> PairTerms(const std::string& text) {
  std::vector<std::string> pairs;
  TextPostings(text, &pairs);
  return pairs;
}

std::vector<std::string> WrittenTerms(const std::string& text) {
  std::vector<std::string> written;
  TextPostings(text, nullptr, &written);
  return written;
}

namespace {

// A number's parts, so that so:12 or so:ubnd find it: "12/2023/qd-ubnd" -> 12, 2023, qd, ubnd;
// and its notation after the last slash, so that so:ubnd-ktth finds "574/UBND-KTTH" and a
// number whose digits were not read ("…/CT-UBND") is found by so:ct-ubnd.
template <typename Add>
void AddNumberParts(std::string_view prefix, const std::string& value, const Add& add) {
  const std::string number = FieldTermValue(value);
  for (size_t start = 0; start < number.size();) {
    size_t end = number.find_first_of("/-", start);
    if (end == std::string::npos) end = number.size();
    const std::string part = number.substr(start, end - start);
    // "…/ct-ubnd", the digits not read: its notation's parts only.
    if (end > start && end - start < number.size() && part != kUnreadDigits) add(prefix, part);
    start = end + 1;
  }
  if (const size_t slash = number.rfind('/');
      slash != std::string::npos && number.find('-', slash) != std::string::npos) {
    add(prefix, number.substr(slash + 1));
  }
}

}  // namespace

std::vector<std::string> FieldTerms(const Record& record) {
  std::vector<std::string> terms;
  auto add = [&](std::string_view prefix, const std::string& value) {
    std::string v = FieldTermValue(value);
    if (!v.empty() && v.size() <= kMaxWordBytes * 2) terms.push_back(std::string(prefix) + v);
  };
  const Metadata& m = record.metadata;
  for (const FieldTerm& field : FieldTermPrefixes()) {
    // The mark term decides who finds the record: the mark its file may raise (core/record.h).
    const std::string value = FieldOf(field.field).kind == FieldKind::kSecrecyMark
                                  ? AccessMark(record)
                                  : m.*FieldOf(field.field).text;
    add(field.prefix, value);
    if (FieldOf(field.field).kind == FieldKind::kNumber) AddNumberParts(field.prefix, value, add);
  }
  if (m.date.size() >= 4) add(kPrefixYear, m.date.substr(0, 4));
  for (const Stamp& stamp : record.stamps) add(kPrefixIncoming, stamp.number);
  if (const std::optional<ArchivalFileRef>& file = record.hoso) {
    add(kPrefixFile, file->code);
    add(kPrefixFonds, file->fonds);
    add(kPrefixBox, file->box);
    add(kPrefixRetention, file->retention);
    add(kPrefixRetention, std::string(NameOf(kRetentionCodes, file->retention)));
    add(kPrefixAccessRegime, file->access);
    add(kPrefixAccessRegime, std::string(NameOf(kAccessCodes, file->access)));
  }
  for (const PageText& page : record.pages) {
    std::string method = std::string(kPrefixMethod) + TextMethodName(page.method);
    if (std::find(terms.begin(), terms.end(), method) == terms.end())
      terms.push_back(std::move(method));
  }
  return terms;
}

}  // namespace luutru::index
