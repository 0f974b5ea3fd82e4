#include "extract/patterns.h"

#include <algorithm>
#include <array>
#include <cctype>
#include <span>
#include <vector>

#include "core/edit_distance.h"
#include "core/marks.h"
#include "core/record.h"
#include "core/strings.h"
#include "core/vietnamese.h"

namespace luutru::extract {
namespace {

// Key() with everything but letters, digits and single spaces removed.
std::string LetterKey(std::string_view text) {
  std::string key = Key(text), out;
  for (char c : key) {
    if (std::isalnum(static_cast<unsigned char>(c))) {
      out += c;
    } else if (c == ' ' && !out.empty() && out.back() != ' ') {
      out += ' ';
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

// A list of names with their letter keys, made once: lookups by key do not fold the list again.
struct KeyedName {
  std::string key;
  std::string_view name;
};
std::vector<KeyedName> Keyed(std::initializer_list<std::string_view> names) {
  std::vector<KeyedName> out;
  for (std::string_view name : names) out.push_back({LetterKey(name), name});
  return out;
}

// A keyword read with at most one wrong letter (only for words long enough to stay distinct).
bool NearlyIs(std::string_view key, std::string_view keyword) {
  if (key == keyword) return true;
  return keyword.size() >= 4 && EditDistance(key, keyword) <= 1;
}

// Digits OCR reads as letters: "l2" -> "12", "2O2O" -> "2020". Only for runs that are digits
// apart from such look-alikes and hold at least one real digit.
std::optional<std::string> RepairDigits(std::string_view run, bool* repaired) {
  std::string out;
  bool digit = false;
  for (char c : run) {
    if (std::isdigit(static_cast<unsigned char>(c))) {
      out += c;
      digit = true;
    } else if (c == 'l' || c == 'I' || c == '|' || c == 'i') {
      out += '1';
      *repaired = true;
    } else if (c == 'O' || c == 'o') {
      out += '0';
      *repaired = true;
    } else {
      return std::nullopt;
    }
  }
  if (!digit) return std::nullopt;
  return out;
}

struct DocType {
  std::string_view name;        // as printed in the title
  std::string_view state_code;  // Appendix III of Decree 30 ("" when the State has none)
  std::string_view party_code;  // Party documents ("" when none)
};

// The types of Appendix III of Decree 30/2020/NĐ-CP, the Party's types, and the normative
// documents an archive also holds.
constexpr std::array<DocType, 36> kDocTypes = {{
    {"NGHỊ QUYẾT", "NQ", "NQ"},
    {"QUYẾT ĐỊNH", "QĐ", "QĐ"},
    {"CHỈ THỊ", "CT", "CT"},
    {"KẾT LUẬN", "", "KL"},
    {"QUY CHẾ", "QC", "QC"},
    {"QUY ĐỊNH", "QyĐ", "QĐi"},
    {"THÔNG CÁO", "TC", ""},
    {"THÔNG BÁO", "TB", "TB"},
    {"THÔNG TRI", "", "TT"},
    {"HƯỚNG DẪN", "HD", "HD"},
    {"CHƯƠNG TRÌNH", "CTr", "CTr"},
    {"KẾ HOẠCH", "KH", "KH"},
    {"PHƯƠNG ÁN", "PA", ""},
    {"ĐỀ ÁN", "ĐA", "ĐA"},
    {"DỰ ÁN", "DA", ""},
    {"BÁO CÁO", "BC", "BC"},
    {"BIÊN BẢN", "BB", "BB"},
    {"TỜ TRÌNH", "TTr", "TTr"},
    {"HỢP ĐỒNG", "HĐ", ""},
    {"CÔNG VĂN", "", "CV"},
    {"CÔNG ĐIỆN", "CĐ", ""},
    {"BẢN GHI NHỚ", "GN", ""},
    {"BẢN THỎA THUẬN", "TTh", ""},
    {"GIẤY ỦY QUYỀN", "GUQ", ""},
    {"GIẤY MỜI", "GM", "GM"},
    {"GIẤY GIỚI THIỆU", "GGT", "GGT"},
    {"GIẤY NGHỈ PHÉP", "GNP", ""},
    {"PHIẾU GỬI", "PG", ""},
    {"PHIẾU CHUYỂN", "PC", ""},
    {"PHIẾU BÁO", "PB", ""},
    {"NGHỊ ĐỊNH", "NĐ", ""},
    {"THÔNG TƯ", "TT", ""},
    {"THÔNG TƯ LIÊN TỊCH", "TTLT", ""},
    {"PHÁP LỆNH", "PL", ""},
    {"LUẬT", "", ""},
    {"LỆNH", "", ""},
}};

// kDocTypes with the keys of their names and codes, longest names first (so "THÔNG TƯ LIÊN
// TỊCH" is tried before "THÔNG TƯ"). Made once.
struct KeyedDocType {
  const DocType* type;
  std::string name_key, state_key, party_key;
};
const std::vector<KeyedDocType>& KeyedDocTypes() {
  static const std::vector<KeyedDocType> types = [] {
    std::vector<KeyedDocType> out;
    for (const DocType& t : kDocTypes)
      out.push_back({&t, Key(t.name), Key(t.state_code), Key(t.party_code)});
    std::stable_sort(out.begin(), out.end(), [](const KeyedDocType& a, const KeyedDocType& b) {
      return a.type->name.size() > b.type->name.size();
    });
    return out;
  }();
  return types;
}

std::string TypeForCode(std::string_view code, bool party) {
  // Exact first; then by key, which forgives a lost mark ("QD" for "QĐ") when only one
  // type's code reads like it.
  for (const DocType& t : kDocTypes) {
    std::string_view c = party ? t.party_code : t.state_code;
    if (!c.empty() && c == code) return std::string(t.name);
  }
  std::string key = Key(code), found;
  for (const KeyedDocType& t : KeyedDocTypes()) {
    const std::string& c = party ? t.party_key : t.state_key;
    if (c.empty() || c != key) continue;
    if (!found.empty() && found != t.type->name) return "";
    found = std::string(t.type->name);
  }
  return found;
}

constexpr std::array<std::string_view, 9> kLocalities = {
    "tinh", "thanh pho", "huyen", "quan", "thi xa", "xa", "phuong", "thi tran", "tp"};

}  // namespace

std::vector<std::pair<std::string_view, std::string_view>> DocTypeAbbreviations() {
  std::vector<std::pair<std::string_view, std::string_view>> out;
  for (const DocType& t : kDocTypes) {
    for (std::string_view code : {t.state_code, t.party_code}) {
      if (code.empty()) continue;
      if (std::find(out.begin(), out.end(), std::make_pair(code, t.name)) == out.end())
        out.emplace_back(code, t.name);
    }
  }
  return out;
}

std::string Key(std::string_view text) {
  std::string folded = vi::Fold(vi::Lower(text)), out;
  for (char c : folded) {
    if (c == ' ' || c == '\t' || c == '\r' || c == '\n') {
      if (!out.empty() && out.back() != ' ') out += ' ';
    } else {
      out += c;
    }
  }
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out;
}

namespace {

// A number's type code as Appendix III spells it when OCR lost or changed a mark ("QD" or "QÐ",
// with an Icelandic eth, for "QĐ"; "TTR" for "TTr"): the one code, State or Party, whose letters
// it has. nullopt when it is a code as it stands, or reads like none or like two ("HD": Hướng
// dẫn or Hợp đồng).
std::optional<std::string> SpelledAsTypeCode(std::string_view run) {
  std::string text(run);
  for (auto [eth, d] : {std::pair<std::string_view, std::string_view>{"\xC3\x90", "\xC4\x90"},
                        {"\xC3\xB0", "\xC4\x91"}}) {  // Ð ð -> Đ đ
    for (size_t at; (at = text.find(eth)) != std::string::npos;) text.replace(at, eth.size(), d);
  }
  const std::string key = Key(text);
  std::optional<std::string> found;
  for (const KeyedDocType& t : KeyedDocTypes()) {
    for (const auto& [code, code_key] :
         {std::pair<std::string_view, const std::string&>{t.type->state_code, t.state_key},
          {t.type->party_code, t.party_key}}) {
      if (code.empty()) continue;
      if (code == run) return std::nullopt;
      if (code_key != key || (found && *found == code)) continue;
      if (found) return std::nullopt;
      found = std::string(code);
    }
  }
  return found;
}

}  // namespace

std::optional<Match> ParseNumberLine(std::string_view line) {
  const std::u32string cps = vi::Utf32(Trim(line));
  if (cps.size() < 3 || (cps[0] != 'S' && cps[0] != 's')) return std::nullopt;
  // "Số" and what OCR makes of it: "So", "Sô", "Só", "S6", "S0".
  const char32_t second = cps[1];
  const bool is_o = second == '6' || second == '0' || Key(vi::Utf8(cps.substr(1, 1))) == "o";
  if (!is_o) return std::nullopt;
  bool exact = second == 0x1ED1 || second == 0x1ED0;  // ố / Ố
  // What follows "Số": ':' (or what OCR reads for it) and spaces, then the number.
  std::string rest;
  size_t i = 2;
  if (i < cps.size() && vi::IsLetter(cps[i])) return std::nullopt;  // "Sở Nội vụ", "Sổ"
  while (i < cps.size() &&
         (cps[i] == ':' || cps[i] == ';' || cps[i] == '.' || cps[i] == ',' || cps[i] == ' ')) {
    if (cps[i] != ':' && cps[i] != ' ') exact = false;
    ++i;
  }
  if (i < cps.size()) rest = vi::Utf8(cps.substr(i));
  // Spaces next to '/' or '-' are OCR's ("12 /2023/ QĐ-UBND"); the number ends at the next space.
  std::string compact;
  for (size_t k = 0; k < rest.size(); ++k) {
    if (rest[k] == ' ') {
      char before = compact.empty() ? ' ' : compact.back();
      size_t next = rest.find_first_not_of(' ', k);
      char after = next == std::string::npos ? ' ' : rest[next];
      if (before == '/' || before == '-' || after == '/' || after == '-') {
        exact = false;
        continue;
      }
    }
    compact += rest[k];
  }
  std::string token = compact.substr(0, compact.find(' '));
  // The number line holds the number, perhaps the place and date beside it; a sentence that
  // starts with "Số" ("Số 45/2018/QĐ-TTg ngày … được bãi bỏ") is body text.
  // What OCR makes of a stamp or a scratch beside it ("675/PTP-VP 2 ` p: X") is no sentence:
  // only words of two letters or more count.
  if (token.size() < compact.size()) {
    std::string_view after = Trim(std::string_view(compact).substr(token.size()));
    int words = 0;
    for (const std::string& w : SplitSpaces(after)) {
      int letters = 0;
      for (char32_t c : vi::Utf32(w)) letters += vi::IsLetter(c);
      words += letters >= 2;
    }
    if (words > 3 && !ParseDateLine(after)) return std::nullopt;
  }
  while (!token.empty() && (token.back() == '.' || token.back() == ',' || token.back() == ';' ||
                            token.back() == ':')) {
    token.pop_back();
  }
  if (token.empty()) return std::nullopt;
  // The digits written by hand into the printed form and not read ("Số: 2ƒ /CT-UBND", "Số:
  // /QĐ-BCĐ138"): the notation, printed, is kept after an ellipsis, the number partial.
  if (const size_t slash = token.find('/'); slash != std::string::npos && slash <= 3) {
    const std::string scrawl = token.substr(0, slash), notation = token.substr(slash + 1);
    bool repaired = false;
    const bool unread = !RepairDigits(scrawl, &repaired);
    const bool printed = notation.find('-') != std::string::npos && LetterCount(notation) >= 3 &&
                         vi::Upper(notation) == notation;
    if (unread && printed) return Match{std::string(kUnreadDigits) + "/" + notation, false};
  }
  // The runs between separators that are digits but for look-alike letters are repaired.
  std::string number;
  size_t start = 0;
  bool first_run = true, code_seen = false;
  while (start <= token.size()) {
    size_t end = token.find_first_of("/-", start);
    if (end == std::string::npos) end = token.size();
    std::string_view run(token.data() + start, end - start);
    bool repaired = false;
    std::optional<std::string> digits = RepairDigits(run, &repaired);
    if (first_run && !digits) return std::nullopt;  // a number starts with its digits
    std::optional<std::string> code;
    if (!digits && !code_seen) {  // the first letters after the digits: the type's code
      code_seen = true;
      code = SpelledAsTypeCode(run);
      repaired = repaired || code.has_value();
    }
    number += digits ? *digits : code ? *code : std::string(run);
    exact = exact && !repaired;
    first_run = false;
    if (end < token.size()) number += token[end];
    start = end + 1;
  }
  return Match{number, exact};
}

namespace {

// A date line's tokens, with letters and digits that OCR ran together split apart ("ngày05").
struct Piece {
  std::string key;
  size_t offset;
  bool digits;
};

std::vector<Piece> DatePieces(std::string_view line) {
  // A letter that reads like a digit ("2O23", "l2") belongs with the digits around it.
  auto numeric = [](const std::string& key, size_t i) {
    auto digit = [&](size_t k) {
      return k < key.size() && std::isdigit(static_cast<unsigned char>(key[k]));
    };
    if (digit(i)) return true;
    bool look_alike = key[i] == 'o' || key[i] == 'l' || key[i] == 'i';
    return look_alike && ((i > 0 && digit(i - 1)) || digit(i + 1));
  };
  std::vector<Piece> pieces;
  for (const vi::Token& t : vi::Tokenize(line)) {
    std::string key = vi::Fold(t.word);
    size_t i = 0;
    while (i < key.size()) {
      bool digits = numeric(key, i);
      size_t j = i;
      while (j < key.size() && numeric(key, j) == digits) ++j;
      pieces.push_back({key.substr(i, j - i), t.offset, digits});
      i = j;
    }
  }
  return pieces;
}

// The place of a date line: the words before "ngày" (at `offset`), after anything else the
// line holds ("Số: …"); nullopt when they are more than a place (a sentence quoting a date:
// "… theo Quyết định số 12 ngày 05 tháng 3 năm 2020 của …").
std::optional<std::string> PlaceBefore(std::string_view line, size_t offset) {
  std::string_view before = Trim(line.substr(0, offset));
  while (!before.empty() &&
         (before.back() == ',' || before.back() == '.' || before.back() == ' ')) {
    before.remove_suffix(1);
  }
  std::vector<std::string> words = SplitSpaces(before);
  size_t first = 0;
  for (size_t w = 0; w < words.size(); ++w) {
    bool has_digit = std::any_of(words[w].begin(), words[w].end(), [](char c) {
      return std::isdigit(static_cast<unsigned char>(c));
    });
    if (has_digit || words[w].back() == ',' || words[w].back() == ':') first = w + 1;
  }
  if (words.size() - first > 6) return std::nullopt;
  return JoinWords({words.begin() + static_cast<long>(first), words.end()});
}

}  // namespace

// Nothing follows a date line's year but a speck read as a letter or two ("năm 2006 p:"); a
// sentence that goes on ("năm 2006 của …") holds no date line.
constexpr int kMaxLettersAfterYear = 2;

std::optional<DateLine> ParsePartialDateLine(std::string_view line) {
  const std::vector<Piece> pieces = DatePieces(line);
  for (size_t k = 0; k < pieces.size(); ++k) {
    if (pieces[k].digits || !NearlyIs(pieces[k].key, "ngay")) continue;
    // "Ngãi, ngày": the place's last word may look like "ngày" too.
    if (k + 1 < pieces.size() && NearlyIs(pieces[k + 1].key, "ngay")) continue;
    // "tháng", then "năm" and a year, within a few pieces: the day (and maybe the month) is a
    // blank, a hand's figures OCR could not read, or a speck.
    size_t t = k + 1;
    while (t < pieces.size() && t <= k + 4 && !NearlyIs(pieces[t].key, "thang")) ++t;
    size_t m = t;
    while (m < pieces.size() && m <= k + 8 && pieces[m].key != "nam") ++m;
    if (m + 1 >= pieces.size() || pieces[m].key != "nam" || !pieces[m + 1].digits ||
        pieces[m + 1].key.size() != 4)
      continue;
    const size_t after = m + 2 < pieces.size() ? pieces[m + 2].offset : line.size();
    if (LetterCount(line.substr(std::min(after, line.size()))) > kMaxLettersAfterYear) continue;
    // Without its date to vouch for it, the place must look like one: every word capitalized
    // ("Quảng Ngãi"), not the end of a line run into it ("… lưu trữ Hưng Yên").
    std::optional<std::string> place = PlaceBefore(line, pieces[k].offset);
    if (!place || place->empty()) continue;
    const std::vector<std::string> words = SplitSpaces(*place);
    if (std::any_of(words.begin(), words.end(),
                    [](const std::string& w) { return StartsWithLowerCase(w); }))
      continue;
    const int year = std::stoi(pieces[m + 1].key);
    if (year < 1900 || year > 2100) continue;
    // The month: the one number printed between "tháng" and "năm", when it is one.
    int month = 0;
    if (t < m && m == t + 2 && pieces[t + 1].digits && pieces[t + 1].key.size() <= 2) {
      month = std::stoi(pieces[t + 1].key);
      if (month < 1 || month > 12) month = 0;
    }
    char iso[16];
    if (month > 0) {
      std::snprintf(iso, sizeof iso, "%04d-%02d", year, month);
    } else {
      std::snprintf(iso, sizeof iso, "%04d", year);
    }
    return DateLine{*place, iso, false};
  }
  return std::nullopt;
}

std::optional<DateLine> ParseDateLine(std::string_view line) {
  const std::vector<Piece> pieces = DatePieces(line);
  bool exact = true;
  // A number of at most `max_digits` digits starting at pieces[k], look-alikes repaired and
  // split digits ("20 09") joined.
  auto number_at = [&](size_t& k, size_t max_digits) -> std::optional<int> {
    std::string digits;
    while (k < pieces.size() && digits.size() < max_digits) {
      bool repaired = false;
      std::optional<std::string> d = RepairDigits(pieces[k].key, &repaired);
      if (!d || digits.size() + d->size() > max_digits) break;
      if (repaired || !digits.empty()) exact = false;
      digits += *d;
      ++k;
    }
    if (digits.empty()) return std::nullopt;
    return std::stoi(digits);
  };
  for (size_t k = 0; k < pieces.size(); ++k) {
    if (pieces[k].digits || !NearlyIs(pieces[k].key, "ngay")) continue;
    exact = pieces[k].key == "ngay";
    size_t m = k + 1;
    std::optional<int> day = number_at(m, 2);
    if (!day || m >= pieces.size() || !NearlyIs(pieces[m].key, "thang")) continue;
    exact = exact && pieces[m].key == "thang";
    ++m;
    std::optional<int> month = number_at(m, 2);
    if (!month || m >= pieces.size() || pieces[m].key != "nam") continue;
    ++m;
    size_t year_start = m;
    std::optional<int> year = number_at(m, 4);
    if (!year || m - year_start == 0 || *year < 1900 || *year > 2100) continue;
    static constexpr int kDays[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (*month < 1 || *month > 12 || *day < 1 || *day > kDays[*month - 1]) continue;
    bool leap = (*year % 4 == 0 && *year % 100 != 0) || *year % 400 == 0;
    if (*month == 2 && *day == 29 && !leap) continue;
    char iso[16];
    std::snprintf(iso, sizeof iso, "%04d-%02d-%02d", *year, *month, *day);
    std::optional<std::string> place = PlaceBefore(line, pieces[k].offset);
    if (!place) continue;
    size_t after = m < pieces.size() ? pieces[m].offset : line.size();
    if (LetterCount(line.substr(std::min(after, line.size()))) > kMaxLettersAfterYear) continue;
    return DateLine{*place, iso, exact};
  }
  return std::nullopt;
}

namespace {

// A whole line that is one of `marks` (core/marks.h), spelled as the mark is. A mark of two
// words forgives a letter OCR misread ("TỐI MẠT"); one of a single short word must be exact
// ("MẬT", "KHẨN"). The longer marks are tried first: "TUYỆT MẬT" ends in "MẬT".
std::optional<Match> MatchMark(std::string_view line, std::span<const std::string_view> marks) {
  if (!IsUpperCaseLine(line)) return std::nullopt;
  const std::string key = LetterKey(line);
  const std::string nfc(Trim(line));
  for (size_t i = marks.size(); i-- > 0;) {
    const std::string mark_key = Key(marks[i]);
    const bool one_word = mark_key.find(' ') == std::string::npos;
    if (one_word ? key == mark_key : NearlyIs(key, mark_key))
      return Match{std::string(marks[i]), nfc == marks[i]};
  }
  return std::nullopt;
}

}  // namespace

std::optional<Match> MatchConfidentiality(std::string_view line) {
  return MatchMark(line, kPrintedSecrecyMarks);
}

std::optional<Match> MatchUrgency(std::string_view line) {
  // "HỎA TỐC HẸN GIỜ", the older form with a deadline, is the most urgent mark.
  if (IsUpperCaseLine(line) && LetterKey(line) == "hoa toc hen gio")
    return Match{std::string(kUrgencyMarks[2]), false};
  return MatchMark(line, kUrgencyMarks);
}

std::optional<Match> MatchDocTypeTitle(std::string_view line) {
  if (!IsUpperCaseLine(line)) return std::nullopt;
  std::string nfc = vi::Nfc(Trim(line));
  std::string key = LetterKey(line);
  for (const KeyedDocType& t : KeyedDocTypes()) {
    if (key == t.name_key) return Match{std::string(t.type->name), nfc == t.type->name};
    // "BÁO CÁO TÓM TẮT": the type, then a qualifier.
    if (t.name_key.size() >= 6 && key.rfind(t.name_key + " ", 0) == 0) {
      return Match{std::string(t.type->name), nfc.rfind(t.type->name, 0) == 0};
    }
  }
  const DocType* best = nullptr;
  for (const KeyedDocType& t : KeyedDocTypes()) {
    if (t.name_key.size() < 6 || EditDistance(key, t.name_key) > 1) continue;
    if (best) return std::nullopt;  // two types read alike: do not guess
    best = t.type;
  }
  if (best) return Match{std::string(best->name), false};
  return std::nullopt;
}

std::string DocTypeForNumber(std::string_view number) {
  // Party: "123-QĐ/TU" (number, '-', code, '/', body).
  size_t dash = number.find('-'), slash = number.find('/');
  if (dash != std::string_view::npos && (slash == std::string_view::npos || dash < slash)) {
    size_t end = number.find('/', dash + 1);
    if (end == std::string_view::npos) return "";
    return TypeForCode(number.substr(dash + 1, end - dash - 1), /*party=*/true);
  }
  // State: "12/QĐ-UBND", "12/2023/QĐ-UBND" (the code is the part before the first '-').
  if (slash == std::string_view::npos || dash == std::string_view::npos) return "";
  std::string_view head = number.substr(0, dash);
  size_t last_slash = head.rfind('/');
  return TypeForCode(head.substr(last_slash + 1), /*party=*/false);
}

bool IsCongVanSubject(std::string_view line) {
  const std::u32string cps = vi::Utf32(Trim(line));
  size_t i = 0;
  auto skip_spaces = [&] {
    while (i < cps.size() && cps[i] == ' ') ++i;
  };
  // Specks read before it ("_ V/v", ". V/v") are no part of the line.
  while (i < cps.size() && !(vi::IsLetter(cps[i]) || vi::IsDigit(cps[i]))) ++i;
  if (i >= cps.size() || (cps[i] != 'V' && cps[i] != 'v')) return false;
  ++i;
  skip_spaces();
  if (i >= cps.size() ||
      (cps[i] != '/' && cps[i] != '|' && cps[i] != '\\' && cps[i] != 'l' && cps[i] != 0xED))
    return false;
  ++i;
  skip_spaces();
  if (i >= cps.size() || !(cps[i] == 'v' || cps[i] == 'V' || cps[i] == 'y')) return false;
  ++i;
  return i >= cps.size() || !vi::IsLetter(cps[i]);
}

bool StartsSubject(std::string_view line) {
  if (IsCongVanSubject(line)) return true;
  std::vector<std::string> words = SplitSpaces(Trim(line));
  return !words.empty() && Key(words[0]) == "ve" && !IsUpperCaseLine(line);
}

namespace {
constexpr std::array<std::array<std::string_view, 8>, 3> kMottos = {{
    {"cong", "hoa", "xa", "hoi", "chu", "nghia", "viet", "nam"},
    {"doc", "lap", "tu", "do", "hanh", "phuc", "", ""},
    {"dang", "cong", "san", "viet", "nam", "", "", ""},
}};

// The mottos as printed.
constexpr std::array<std::array<std::string_view, 8>, 3> kMottoSpellings = {{
    {"cộng", "hòa", "xã", "hội", "chủ", "nghĩa", "việt", "nam"},
    {"độc", "lập", "tự", "do", "hạnh", "phúc", "", ""},
    {"đảng", "cộng", "sản", "việt", "nam", "", "", ""},
}};

// The [first, last) word range of `words` that spells a motto, or {0, 0}.
std::pair<size_t, size_t> FindMotto(const std::vector<std::string>& words) {
  for (const auto& motto : kMottos) {
    size_t length = 0;
    while (length < motto.size() && !motto[length].empty()) ++length;
    for (size_t start = 0; start < words.size(); ++start) {
      size_t w = start, m = 0, wrong = 0;
      while (w < words.size() && m < length) {
        std::string key = LetterKey(words[w]);
        if (key.empty()) {  // "-" between the motto's words
          ++w;
          continue;
        }
        if (key != motto[m] && ++wrong > length / 4) break;
        ++w;
        ++m;
      }
      if (m == length && NearlyIs(LetterKey(words[start]), motto[0])) return {start, w};
    }
  }
  return {0, 0};
}
}  // namespace

std::optional<std::string> SpelledAsMotto(std::string_view line) {
  std::vector<std::string> words = SplitSpaces(Trim(line));
  for (size_t which = 0; which < kMottos.size(); ++which) {
    const auto& motto = kMottos[which];
    std::vector<std::string> spelled = words;
    size_t m = 0;
    bool same = true;
    for (std::string& word : spelled) {
      if (LetterKey(word).empty()) continue;  // "-" between the motto's words
      if (m >= motto.size() || motto[m].empty() || LetterKey(word) != motto[m]) {
        same = false;
        break;
      }
      const std::string printed(kMottoSpellings[which][m++]);
      const std::string lower = vi::Lower(word);
      if (lower == printed || (printed == "hòa" && lower == "hoà")) continue;
      if (Key(word) != LetterKey(word)) continue;  // punctuation on it: left as read
      word = word == vi::Upper(word) ? vi::Upper(printed)
             : word == lower         ? printed
                                     : vi::CapitalizeFirst(printed);
    }
    if (same && m < motto.size() && !motto[m].empty()) same = false;  // the motto cut short
    if (!same) continue;
    std::string out = JoinWords(spelled);
    if (out == JoinWords(words)) return std::nullopt;
    return out;
  }
  return std::nullopt;
}

bool IsMotto(std::string_view line) {
  std::vector<std::string> words = SplitSpaces(Trim(line));
  auto [first, last] = FindMotto(words);
  return last > first;
}

std::string WithoutMotto(std::string_view line) {
  std::vector<std::string> words = SplitSpaces(Trim(line));
  for (;;) {
    auto [first, last] = FindMotto(words);
    if (last <= first) break;
    words.erase(words.begin() + static_cast<long>(first), words.begin() + static_cast<long>(last));
  }
  return JoinWords(words);
}

std::string BeforeMotto(std::string_view line) {
  std::vector<std::string> words = SplitSpaces(Trim(line));
  auto [first, last] = FindMotto(words);
  if (last > first) words.resize(first);
  return JoinWords(words);
}

bool IsSigningAuthority(std::string_view line) {
  std::string key = Key(line);
  for (std::string_view prefix : {"thua lenh", "thua uy quyen", "thay mat", "ky thay"}) {
    if (key.rfind(prefix, 0) == 0) return true;
  }
  // "TM.", "T/M", "KT.", "TL.", "TUQ.", "Q." (also run into the next word: "TM.ỦY BAN"), or
  // bare "TM", "KT", "TL", "TUQ" as a word (no Vietnamese word starts so).
  for (std::string_view mark :
       {"tm.", "t/m", "t.m", "kt.", "k/t", "k.t", "tl.", "t/l", "tuq.", "t.u.q", "q."}) {
    if (key.rfind(mark, 0) == 0) return true;
  }
  std::vector<std::string> words = SplitSpaces(key);
  if (words.empty()) return false;
  for (std::string_view mark : {"tm", "kt", "tl", "tuq"}) {
    if (words[0] == mark) return true;
  }
  return false;
}

std::string AfterSigningAuthority(std::string_view line) {
  std::string_view s = Trim(line);
  size_t space = s.find(' ');
  if (space == std::string_view::npos) return "";
  return std::string(Trim(s.substr(space + 1)));
}

bool IsUpperCaseLine(std::string_view line) {
  int upper = 0, lower = 0;
  for (char32_t c : vi::Utf32(line)) {
    if (vi::IsUpperCase(c)) ++upper;
    if (vi::IsLowerCase(c)) ++lower;
  }
  // One letter in five may be OCR's lower case ("PHÓ Bí THƯ").
  return upper >= 2 && lower * 5 <= upper + lower;
}

namespace {

// Vietnamese family names, the common ones and those of the northern and central highland
// peoples (Lò, Sùng, Giàng …), so that those are not taken for misreadings of the common.
// Lower case.
const std::vector<std::u32string>& Surnames() {
  static const std::vector<std::u32string> kSurnames = [] {
    std::vector<std::u32string> out;
    for (std::string_view s :
         {"Nguyễn", "Trần",   "Lê",    "Phạm", "Hoàng", "Huỳnh", "Phan",   "Vũ",     "Võ",
          "Đặng",   "Bùi",    "Đỗ",    "Hồ",   "Ngô",   "Dương", "Lý",     "Đào",    "Đoàn",
          "Vương",  "Trịnh",  "Đinh",  "Lâm",  "Phùng", "Mai",   "Tô",     "Trương", "Hà",
          "Lương",  "Lưu",    "Cao",   "Tạ",   "Thái",  "Châu",  "Đàm",    "Đồng",   "Kiều",
          "Lục",    "Nông",   "Quách", "Tăng", "Thân",  "Triệu", "Văn",    "Khúc",   "Tống",
          "Diệp",   "Chu",    "Hứa",   "La",   "Lã",    "Mạc",   "Nghiêm", "Ông",    "Phí",
          "Tôn",    "Từ",     "Kim",   "Lại",  "Âu",    "Chế",   "Giang",  "Hầu",    "Khổng",
          "Ninh",   "Quan",   "Thạch", "Viên", "Bạch",  "Cù",    "Doãn",   "Đông",   "Giáp",
          "Hàn",    "Khương", "Lạc",   "Lữ",   "Mã",    "Mẫn",   "Nhữ",    "Ôn",     "Phó",
          "Quang",  "Tiêu",   "Trà",   "Vi",   "Yên",   "Lò",    "Lù",     "Sùng",   "Giàng",
          "Vàng",   "Thào",   "Mùa",   "Lèng", "Cầm",   "Hà",    "Y",      "H'",     "Ksor",
          "Rơ",     "Siu"}) {
      out.push_back(vi::Utf32(vi::Lower(s)));
    }
    return out;
  }();
  return kSurnames;
}

bool IsSurname(std::string_view word) {
  const std::u32string lower = vi::Utf32(vi::Lower(word));
  return std::find(Surnames().begin(), Surnames().end(), lower) != Surnames().end();
}

}  // namespace

std::optional<std::string> ESignatureSigner(std::string_view line) {
  // The label: the words up to the first colon ("Người ký:", "Ký bởi :").
  const std::vector<std::string> words = SplitSpaces(Trim(line));
  size_t colon = 0;
  while (colon < words.size() && colon < 3 && words[colon].find(':') == std::string::npos) ++colon;
  if (colon >= words.size() || words[colon].back() != ':') return std::nullopt;
  std::vector<std::string> label(words.begin(), words.begin() + static_cast<long>(colon) + 1);
  const std::string key = Key(JoinWords(label));
  if (key != "nguoi ky:" && key != "nguoi ky :" && key != "ky boi:" && key != "ky boi :")
    return std::nullopt;
  // The value, up to the next label of the block on the same line ("… Email: …").
  std::vector<std::string> name;
  for (size_t k = colon + 1; k < words.size() && words[k].find(':') == std::string::npos; ++k)
    name.push_back(words[k]);
  // A person, not the office whose certificate signed ("Ủy ban nhân dân tỉnh Quảng Ngãi").
  if (name.empty() || !LooksLikePersonName(JoinWords(name)) || !IsSurname(name.front()))
    return std::nullopt;
  return JoinWords(name);
}

std::string RepairSurname(std::string_view name) {
  const std::vector<std::u32string>& kSurnames = Surnames();
  std::vector<std::string> words = SplitSpaces(name);
  if (words.size() < 2) return std::string(name);
  const std::u32string read = vi::Utf32(vi::Lower(words[0]));
  if (std::find(kSurnames.begin(), kSurnames.end(), read) != kSurnames.end())
    return std::string(name);
  // One vowel read wrong ("Đã" for "Đỗ", "Trân" for "Trần"): the one family name it can be,
  // looked for first among those that differ only in the vowel's marks, then among those that
  // differ in the vowel; else the name as read. Consonants are not guessed ("Mã", "Lã").
  auto is_vowel = [](char32_t c) {
    const std::string folded = vi::Fold(vi::Utf8(std::u32string(1, c)));
    return folded.size() == 1 &&
           std::string_view("aeiouy").find(folded[0]) != std::string_view::npos;
  };
  const std::u32string* fit = nullptr;
  for (const bool same_vowel : {true, false}) {
    bool ambiguous = false;
    for (const std::u32string& surname : kSurnames) {
      if (surname.size() != read.size()) continue;
      size_t differ = 0;
      bool vowels = true;
      for (size_t i = 0; i < read.size(); ++i) {
        if (surname[i] == read[i]) continue;
        ++differ;
        vowels = vowels && is_vowel(surname[i]) && is_vowel(read[i]) &&
                 (!same_vowel || vi::Fold(vi::Utf8(std::u32string(1, surname[i]))) ==
                                     vi::Fold(vi::Utf8(std::u32string(1, read[i]))));
      }
      if (differ != 1 || !vowels) continue;
      ambiguous = ambiguous || fit;
      fit = &surname;
    }
    if (ambiguous) return std::string(name);
    if (fit) break;
  }
  if (!fit) return std::string(name);
  words[0] = vi::CapitalizeFirst(vi::Utf8(*fit));
  return JoinWords(words);
}

bool IsFamilyNameFirst(std::string_view name) {
  const std::string repaired = RepairSurname(Trim(name));
  return LooksLikePersonName(repaired) && IsSurname(SplitSpaces(repaired).front());
}

bool LooksLikePersonName(std::string_view line) {
  std::string_view s = Trim(line);
  while (!s.empty() && (s.back() == '.' || s.back() == ',' || s.back() == ';')) s.remove_suffix(1);
  std::vector<std::string> words = SplitSpaces(s);
  if (words.size() < 2 || words.size() > 6) return false;
  int lower_letters = 0;
  for (const std::string& word : words) {
    const std::u32string cps = vi::Utf32(word);
    if (cps.empty() || !vi::IsUpperCase(cps[0])) return false;
    for (size_t i = 1; i < cps.size(); ++i) {
      if (!vi::IsLowerCase(cps[i])) return false;
      ++lower_letters;
    }
  }
  return lower_letters > 0;
}

bool IsRecipientsHeading(std::string_view line) {
  std::string key = LetterKey(line);
  return key.size() >= 8 && NearlyIs(key.substr(0, 8), "noi nhan");
}

bool StartsBody(std::string_view line) {
  std::string key = Key(Trim(line));
  for (std::string_view prefix : {"can cu", "kinh gui", "dieu ", "chuong ", "phan "}) {
    if (key.rfind(prefix, 0) == 0) return true;
  }
  // Enumerations: "1.", "2)", "a)", "II."
  size_t i = 0;
  while (i < key.size() && std::isdigit(static_cast<unsigned char>(key[i]))) ++i;
  if (i > 0 && i < key.size() && (key[i] == '.' || key[i] == ')')) return true;
  if (key.size() >= 2 && std::isalpha(static_cast<unsigned char>(key[0])) && key[1] == ')')
    return true;
  i = 0;
  while (i < key.size() && (key[i] == 'i' || key[i] == 'v' || key[i] == 'x')) ++i;
  return i > 0 && i < key.size() && key[i] == '.';
}

bool StartsWithLowerCase(std::string_view line) {
  for (char32_t c : vi::Utf32(Trim(line))) {
    if (vi::IsLetter(c)) return vi::IsLowerCase(c);
  }
  return false;
}

int LetterCount(std::string_view line) {
  int letters = 0;
  for (char32_t c : vi::Utf32(line)) letters += vi::IsLetter(c) ? 1 : 0;
  return letters;
}

bool StartsWithLocality(std::string_view line) {
  std::string key = LetterKey(line);
  for (std::string_view locality : kLocalities) {
    const std::string start = std::string(locality) + " ";
    // "TỈNH ỦY", "HUYỆN ỦY": a Party committee, a body of its own.
    if (key.rfind(start, 0) == 0 && key.rfind(start + "uy", 0) != 0) return true;
  }
  return false;
}

bool HasLocality(std::string_view line) {
  std::string key = " " + LetterKey(line) + " ";
  for (std::string_view locality : kLocalities) {
    if (key.find(" " + std::string(locality) + " ") != std::string::npos) return true;
  }
  return false;
}

// The 63 provinces and centrally-run cities (before the 2025 mergers, which kept 34 of the
// names): the places most date lines and agency names name.
const std::vector<KeyedName>& Provinces() {
  static const std::vector<KeyedName> kProvinces = Keyed({"An Giang",
                                                          "Bà Rịa - Vũng Tàu",
                                                          "Bạc Liêu",
                                                          "Bắc Giang",
                                                          "Bắc Kạn",
                                                          "Bắc Ninh",
                                                          "Bến Tre",
                                                          "Bình Dương",
                                                          "Bình Định",
                                                          "Bình Phước",
                                                          "Bình Thuận",
                                                          "Cà Mau",
                                                          "Cao Bằng",
                                                          "Cần Thơ",
                                                          "Đà Nẵng",
                                                          "Đắk Lắk",
                                                          "Đắk Nông",
                                                          "Điện Biên",
                                                          "Đồng Nai",
                                                          "Đồng Tháp",
                                                          "Gia Lai",
                                                          "Hà Giang",
                                                          "Hà Nam",
                                                          "Hà Nội",
                                                          "Hà Tĩnh",
                                                          "Hải Dương",
                                                          "Hải Phòng",
                                                          "Hậu Giang",
                                                          "Hòa Bình",
                                                          "Hưng Yên",
                                                          "Khánh Hòa",
                                                          "Kiên Giang",
                                                          "Kon Tum",
                                                          "Lai Châu",
                                                          "Lạng Sơn",
                                                          "Lào Cai",
                                                          "Lâm Đồng",
                                                          "Long An",
                                                          "Nam Định",
                                                          "Nghệ An",
                                                          "Ninh Bình",
                                                          "Ninh Thuận",
                                                          "Phú Thọ",
                                                          "Phú Yên",
                                                          "Quảng Bình",
                                                          "Quảng Nam",
                                                          "Quảng Ngãi",
                                                          "Quảng Ninh",
                                                          "Quảng Trị",
                                                          "Sóc Trăng",
                                                          "Sơn La",
                                                          "Tây Ninh",
                                                          "Thái Bình",
                                                          "Thái Nguyên",
                                                          "Thanh Hóa",
                                                          "Thừa Thiên Huế",
                                                          "Huế",
                                                          "Tiền Giang",
                                                          "Thành phố Hồ Chí Minh",
                                                          "TP. Hồ Chí Minh",
                                                          "Trà Vinh",
                                                          "Tuyên Quang",
                                                          "Vĩnh Long",
                                                          "Vĩnh Phúc",
                                                          "Yên Bái"});
  return kProvinces;
}

std::string RepairProvinceWord(std::string_view text) {
  std::vector<std::string> words = SplitSpaces(text);
  bool changed = false;
  for (size_t i = 0; i + 1 < words.size(); ++i) {
    std::string& unit = words[i];
    const std::string lower = vi::Lower(unit);
    if (LetterKey(unit) != "tinh" || lower == "tỉnh" || lower == "tịnh") continue;
    // "Hà Tĩnh", "Sơn Tịnh": the syllable of a name, not the word before one.
    if (i > 0 && !IsUpperCaseLine(words[i - 1]) && !StartsWithLowerCase(words[i - 1])) continue;
    bool before_province = false;
    for (size_t n = 1; n <= 3 && i + n < words.size() && !before_province; ++n) {
      std::vector<std::string> name(words.begin() + static_cast<long>(i + 1),
                                    words.begin() + static_cast<long>(i + 1 + n));
      const std::string key = LetterKey(JoinWords(name));
      for (const KeyedName& p : Provinces()) before_province |= p.key == key;
    }
    if (!before_province) continue;
    unit = vi::Upper(unit) == unit ? "TỈNH" : StartsWithLowerCase(unit) ? "tỉnh" : "Tỉnh";
    changed = true;
  }
  return changed ? JoinWords(words) : std::string(text);
}

std::string CanonicalPlace(std::string_view place) {
  const std::vector<KeyedName>& kProvinces = Provinces();
  const std::string key = LetterKey(place);
  for (const KeyedName& province : kProvinces) {
    if (province.key == key) return std::string(province.name);
  }
  // One letter misread ("Tưng Yên"): the one province it can be. Short names are too close to
  // each other to tell.
  const KeyedName* fit = nullptr;
  if (key.size() >= 6) {
    for (const KeyedName& province : kProvinces) {
      if (EditDistance(key, province.key, 1) != 1) continue;
      if (fit) return std::string(place);
      fit = &province;
    }
  }
  return fit ? std::string(fit->name) : std::string(place);
}

// Titles of the people who sign State and Party documents, in capitals as printed.
const std::vector<KeyedName>& Titles() {
  static const std::vector<KeyedName> kTitles = Keyed({"CHỦ TỊCH",        "PHÓ CHỦ TỊCH",
                                                       "GIÁM ĐỐC",        "PHÓ GIÁM ĐỐC",
                                                       "TỔNG GIÁM ĐỐC",   "PHÓ TỔNG GIÁM ĐỐC",
                                                       "BÍ THƯ",          "PHÓ BÍ THƯ",
                                                       "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG",
                                                       "TRƯỞNG BAN",      "PHÓ TRƯỞNG BAN",
                                                       "TRƯỞNG PHÒNG",    "PHÓ TRƯỞNG PHÒNG",
                                                       "HIỆU TRƯỞNG",     "PHÓ HIỆU TRƯỞNG",
                                                       "BỘ TRƯỞNG",       "THỨ TRƯỞNG",
                                                       "CỤC TRƯỞNG",      "PHÓ CỤC TRƯỞNG",
                                                       "VỤ TRƯỞNG",       "PHÓ VỤ TRƯỞNG",
                                                       "CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA",
                                                       "TỔNG CỤC TRƯỞNG", "CHI CỤC TRƯỞNG",
                                                       "VIỆN TRƯỞNG",     "PHÓ VIỆN TRƯỞNG",
                                                       "CHÁNH ÁN",        "PHÓ CHÁNH ÁN",
                                                       "THỦ TRƯỞNG",      "TRƯỞNG ĐOÀN",
                                                       "CHỦ NHIỆM",       "PHÓ CHỦ NHIỆM",
                                                       "THỦ TƯỚNG",       "PHÓ THỦ TƯỚNG",
                                                       "TRƯỞNG KHOA",     "GIÁM ĐỐC SỞ",
                                                       "TỔNG BÍ THƯ",     "TRƯỞNG TRẠM",
                                                       "ĐỘI TRƯỞNG",      "TỔ TRƯỞNG"});
  return kTitles;
}

std::string TitleOfKey(const std::string& key) {
  for (const KeyedName& t : Titles()) {
    if (t.key == key) return std::string(t.name);
  }
  return "";
}

std::string CanonicalTitle(std::string_view title) {
  std::string known = TitleOfKey(LetterKey(title));
  if (!known.empty()) return known;
  // A title followed by what it heads ("CHỮ TỊCH UBND TỈNH"): the longest known title its first
  // words spell, marks and all as printed, then the rest as read.
  const std::vector<std::string> words = SplitSpaces(Trim(title));
  size_t longest = 0;
  for (const KeyedName& t : Titles()) {
    const size_t n = SplitSpaces(t.name).size();
    if (n <= longest || n >= words.size()) continue;
    if (LetterKey(JoinWords({words.begin(), words.begin() + static_cast<long>(n)})) != t.key)
      continue;
    longest = n;
    known = std::string(t.name);
  }
  if (known.empty()) return std::string(Trim(title));
  return known + " " + JoinWords({words.begin() + static_cast<long>(longest), words.end()});
}

std::string KnownTitle(std::string_view line) {
  std::vector<std::string> words = SplitSpaces(line);
  while (!words.empty() && LetterCount(words.front()) == 0) words.erase(words.begin());
  while (!words.empty() && LetterCount(words.back()) == 0) words.pop_back();
  return words.empty() ? "" : TitleOfKey(LetterKey(JoinWords(words)));
}

std::string CanonicalBodyName(std::string_view name) {
  // The standing bodies of provinces and districts (Decrees 24/2014 and 37/2014, as amended)
  // and of the Party's provincial committees, as they head documents.
  static const std::vector<KeyedName> kBodies = Keyed({"ỦY BAN NHÂN DÂN",
                                                       "HỘI ĐỒNG NHÂN DÂN",
                                                       "ỦY BAN MẶT TRẬN TỔ QUỐC VIỆT NAM",
                                                       "TỈNH ỦY",
                                                       "HUYỆN ỦY",
                                                       "THÀNH ỦY",
                                                       "ĐẢNG ỦY",
                                                       "BAN TUYÊN GIÁO",
                                                       "BAN TỔ CHỨC",
                                                       "BAN DÂN VẬN",
                                                       "BAN NỘI CHÍNH",
                                                       "BAN KINH TẾ",
                                                       "ỦY BAN KIỂM TRA",
                                                       "VĂN PHÒNG",
                                                       "BAN THƯỜNG VỤ",
                                                       "BAN CHẤP HÀNH",
                                                       "TRƯỜNG CHÍNH TRỊ",
                                                       "SỞ NỘI VỤ",
                                                       "SỞ TƯ PHÁP",
                                                       "SỞ KẾ HOẠCH VÀ ĐẦU TƯ",
                                                       "SỞ TÀI CHÍNH",
                                                       "SỞ CÔNG THƯƠNG",
                                                       "SỞ NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
                                                       "SỞ NÔNG NGHIỆP VÀ MÔI TRƯỜNG",
                                                       "SỞ GIAO THÔNG VẬN TẢI",
                                                       "SỞ XÂY DỰNG",
                                                       "SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG",
                                                       "SỞ THÔNG TIN VÀ TRUYỀN THÔNG",
                                                       "SỞ LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
                                                       "SỞ VĂN HÓA, THỂ THAO VÀ DU LỊCH",
                                                       "SỞ VĂN HÓA VÀ THỂ THAO",
                                                       "SỞ DU LỊCH",
                                                       "SỞ KHOA HỌC VÀ CÔNG NGHỆ",
                                                       "SỞ GIÁO DỤC VÀ ĐÀO TẠO",
                                                       "SỞ Y TẾ",
                                                       "SỞ NGOẠI VỤ",
                                                       "SỞ DÂN TỘC VÀ TÔN GIÁO",
                                                       "BAN DÂN TỘC",
                                                       "THANH TRA TỈNH",
                                                       "THANH TRA HUYỆN",
                                                       "VĂN PHÒNG ỦY BAN NHÂN DÂN",
                                                       "VĂN PHÒNG HĐND VÀ UBND",
                                                       "PHÒNG NỘI VỤ",
                                                       "PHÒNG TƯ PHÁP",
                                                       "PHÒNG TÀI CHÍNH - KẾ HOẠCH",
                                                       "PHÒNG TÀI NGUYÊN VÀ MÔI TRƯỜNG",
                                                       "PHÒNG LAO ĐỘNG - THƯƠNG BINH VÀ XÃ HỘI",
                                                       "PHÒNG VĂN HÓA VÀ THÔNG TIN",
                                                       "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO",
                                                       "PHÒNG Y TẾ",
                                                       "PHÒNG KINH TẾ",
                                                       "PHÒNG KINH TẾ VÀ HẠ TẦNG",
                                                       "PHÒNG QUẢN LÝ ĐÔ THỊ",
                                                       "PHÒNG NÔNG NGHIỆP VÀ PHÁT TRIỂN NÔNG THÔN",
                                                       "PHÒNG DÂN TỘC"});
  std::string_view trimmed = Trim(name);
  const std::string key = LetterKey(trimmed);
  for (const KeyedName& keyed : kBodies) {
    const std::string& body_key = keyed.key;
    const std::string_view body = keyed.name;
    if (key == body_key) return std::string(body);
    // "ỦY BAN NHÂN DÂN TỈNH THANH HOÁ": the body's words, then the place as printed.
    if (key.rfind(body_key + " ", 0) == 0) {
      std::vector<std::string> words = SplitSpaces(trimmed);
      size_t body_words = SplitSpaces(body).size();
      if (words.size() <= body_words) continue;
      std::string out(body);
      for (size_t w = body_words; w < words.size(); ++w) out += " " + words[w];
      return out;
    }
  }
  return std::string(trimmed);
}

}  // namespace luutru::extract
