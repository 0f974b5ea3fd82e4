// Abbreviations staff type and offices write (UBND, HĐND, TU, QĐ, CV, VP …), found both ways:
// `ubnd tinh` also finds "ủy ban nhân dân tỉnh", and "ủy ban nhân dân" also UBND. The list: the
// document types' abbreviations of Decree 30/2020 Appendix III and the Party's rules
// (extract/patterns.h, their one owner), the common names of bodies (abbreviations.cc), and an
// archive's own, in `<archive>/viet-tat.txt` (docs/search.md): one per line,
// "VIẾT TẮT = tên đầy đủ", '#' starting a comment.
//
// The built-in list is also known to the index writer: where a text writes an entry, either way,
// the record gets the entry's term (TermOf), so that a query asks one term instead of a phrase of
// common words. An archive's own entries, and indexes written before (schema.h kFormatFile), are
// asked as phrases.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "core/status.h"

namespace luutru::index {

struct Abbreviation {
  std::string short_form;  // as written: "UBND", "HĐND", "TTr"
  std::string long_form;   // "Ủy ban nhân dân"
};

class Abbreviations {
 public:
  // The built-in list alone.
  static const Abbreviations& BuiltIn();
  // A short digest of the built-in list, written with the index format (schema.h): an index
  // written with another list is asked by phrases, as if it held no entry's terms.
  static std::string BuiltInDigest();
  // The built-in list and the lines of `archive_file` (absent: the built-in list). A line that
  // is not "SHORT = long" is kInvalidArgument, naming the file and the line.
  static Result<Abbreviations> WithArchiveFile(const std::filesystem::path& archive_file);

  // `typed` (NFC) with each abbreviation and each long form among its plain words written out
  // with the other as alternatives, for the folded side of the query: "UBND tỉnh" ->
  // `(UBND OR "ủy ban nhân dân") tỉnh`, "quyết định khen thưởng" ->
  // `((quyết định) OR QĐ) khen thưởng` (the words typed still match anywhere). With
  // `indexed_field`, the alternative of a built-in entry is `<indexed_field>:<n>` instead, n
  // its place in list(), for a query parser that asks its term (TermOf). Quoted phrases,
  // filters, operators, negated and wildcard words are left as typed. An abbreviation is taken when
  // it is typed in capitals or is no Vietnamese syllable ("ubnd", "qd"; not "tu", which is a word
  // unless typed "TU"); one typed with đ matches only abbreviations written with đ. Unchanged when
  // nothing matched.
  std::string Expand(const std::string& typed, std::string_view indexed_field = {}) const;

  const std::vector<Abbreviation>& list() const { return list_; }
  // Whether list()[n] is of the built-in list (the index writer knows it).
  bool Indexed(size_t n) const { return n < built_in_; }

  // The term of list()[n] (kPrefixAbbreviation and the short form in lower case): held by each
  // record whose text writes either form.
  std::string TermOf(size_t n) const;

  // The terms of the built-in entries written in a text, given its words (NFC) and their
  // folded keys (vi::SearchKeyOfToken), in order: a long form's words one after another
  // ("Ủy ban nhân dân"), or the short form as offices write it (as listed, in capitals, or no
  // syllable: "UBND", "TTr", "QĐ-UBND"; not "Tu").
  void AddTermsOf(const std::vector<std::string_view>& words, const std::vector<std::string>& keys,
                  std::vector<std::string>& terms) const;

 private:
  Abbreviations(std::vector<Abbreviation> list, size_t built_in);
  std::vector<Abbreviation> list_;
  size_t built_in_ = 0;  // the first entries, of the built-in list
  // Of each entry, computed once: its long form's and short form's folded words, and its short
  // form in lower case.
  std::vector<std::vector<std::string>> long_keys_, short_keys_;
  std::vector<std::string> short_lower_;
  // The built-in entries by a folded word: those whose long form it starts, and those whose
  // short form it is (one lookup per word of every page indexed).
  struct EntriesOfKey {
    std::vector<size_t> long_starts, shorts;
  };
  std::unordered_map<std::string, EntriesOfKey> by_key_;
};

}  // namespace luutru::index
