#include "index/page_terms.h"

#include <algorithm>

#include "core/archival_codes.h"
#include "core/vietnamese.h"
#include "core/word_pairs.h"
#include "index/schema.h"

namespace luutru::index {

std::string FieldTermValue(std::string_view value) { return vi::TypedKey(value); }

std::string PairTerm(const std::string& folded_left, const std::string& folded_right) {
  return std::string(kPrefixPair) + folded_left + " " + folded_right;
}

std::vector<Posting> TextPostings(const std::string& text, std::vector<std::string>* pairs) {
  std::vector<Posting> postings;
  const std::string nfc = vi::Nfc(text);
  std::vector<vi::Token> tokens = vi::Tokenize(nfc);
  postings.reserve(tokens.size() * 2);
  unsigned position = 0;
  const vi::Token* previous = nullptr;  // the word before, when it could start a pair
  std::string previous_key;
  for (const vi::Token& token : tokens) {
    ++position;  // an overlong token still takes its place, so phrases do not jump over it
    if (token.word.size() > kMaxWordBytes) {
      previous = nullptr;
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
    previous = &token;
    previous_key = std::move(folded);
  }
  return postings;
}

std::vector<std::string> PairTerms(const std::string& text) {
  std::vector<std::string> pairs;
  TextPostings(text, &pairs);
  return pairs;
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
