// Abbreviations staff type and offices write (UBND, HĐND, TU, QĐ, CV, VP …), expanded both ways
// at query time: `ubnd tinh` also asks for "ủy ban nhân dân tỉnh", and "ủy ban nhân dân" also for
// UBND. The list: the document types' abbreviations of Decree 30/2020 Appendix III and the
// Party's rules (extract/patterns.h, their one owner), the common names of bodies below, and an
// archive's own, in `<archive>/viet-tat.txt` (docs/search.md): one per line,
// "VIẾT TẮT = tên đầy đủ", '#' starting a comment.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"

namespace luutru::search {

struct Abbreviation {
  std::string short_form;  // as written: "UBND", "HĐND", "TTr"
  std::string long_form;   // "Ủy ban nhân dân"
};

class Abbreviations {
 public:
  // The built-in list alone.
  static const Abbreviations& BuiltIn();
  // The built-in list and the lines of `archive_file` (absent: the built-in list). A line that
  // is not "SHORT = long" is kInvalidArgument, naming the file and the line.
  static Result<Abbreviations> WithArchiveFile(const std::filesystem::path& archive_file);

  // `typed` (NFC) with each abbreviation and each long form among its plain words written out
  // with the other as alternatives, for the folded side of the query: "UBND tỉnh" ->
  // `(UBND OR "ủy ban nhân dân") tỉnh`, "quyết định khen thưởng" ->
  // `((quyết định) OR QĐ) khen thưởng` (the words typed still match anywhere). Quoted phrases,
  // filters, operators, negated and wildcard words are left as typed. An abbreviation is taken when
  // it is typed in capitals or is no Vietnamese syllable ("ubnd", "qd"; not "tu", which is a word
  // unless typed "TU"); one typed with đ matches only abbreviations written with đ. Unchanged when
  // nothing matched.
  std::string Expand(const std::string& typed) const;

  const std::vector<Abbreviation>& list() const { return list_; }

 private:
  explicit Abbreviations(std::vector<Abbreviation> list);
  std::vector<Abbreviation> list_;
  // Of each entry, computed once: its long form's and short form's folded words, and its short
  // form in lower case.
  std::vector<std::vector<std::string>> long_keys_, short_keys_;
  std::vector<std::string> short_lower_;
};

}  // namespace luutru::search
