// Recognizers for the lines of a Vietnamese administrative document's header and signature
// block (Decree 30/2020/NĐ-CP, Appendix I; Party documents, Hướng dẫn 36-HD/VPTW), tolerant of
// the damage OCR does: lost marks (`Sô:`, `ngay`), `S6:`, `l` for `1`, `O` for `0`, spaces inside
// numbers. Each takes one line of NFC text. Pure and thread-safe.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace luutru::extract {

// The comparison key of a text: lower case, marks stripped, đ -> d, white space collapsed.
std::string Key(std::string_view text);

// A recognized value. `exact` is false when OCR damage had to be repaired to read it.
struct Match {
  std::string value;
  bool exact = true;
};

// "Số: 12/2023/QĐ-UBND", "Số 123-QĐ/TU", "Sô: l2 /2023/QĐ-UBND" -> the number as printed
// (repaired). The line must start with Số and the number must hold a digit.
std::optional<Match> ParseNumberLine(std::string_view line);

struct DateLine {
  std::string place;  // "Hà Nội" (may be empty)
  std::string iso;    // "2020-03-05"
  bool exact = true;
};
// "Hà Nội, ngày 05 tháng 3 năm 2020" -> {"Hà Nội", "2020-03-05"}: the whole
// "ngày … tháng … năm …" sequence with a valid calendar date, else nothing.
std::optional<DateLine> ParseDateLine(std::string_view line);
// A date line whose day cannot be read ("Quảng Ngãi, ngày    tháng 02 năm 2025", the day
// written by hand and not read): the place (the words before "ngày", every one capitalized),
// and the date as far as it is printed: "2025-02", or "2025" when the month is not read either;
// `exact` false. Only when "tháng" and "năm" and a year follow "ngày" and nothing else does.
std::optional<DateLine> ParsePartialDateLine(std::string_view line);

// Whole-line marks in capitals, returned as core/marks.h spells them (the secrecy marks / the
// urgency marks).
std::optional<Match> MatchConfidentiality(std::string_view line);
std::optional<Match> MatchUrgency(std::string_view line);

// A title line naming a type of document (Appendix III of Decree 30, and the Party's types):
// "QUYẾT ĐỊNH", "QUYÊT ĐINH" (damaged) -> "QUYẾT ĐỊNH".
std::optional<Match> MatchDocTypeTitle(std::string_view line);
// The type a number's code names: "12/2023/QĐ-UBND" -> "QUYẾT ĐỊNH" (State form
// number/code-body), "123-CV/TU" -> "CÔNG VĂN" (Party form number-code/body); "" when the
// number carries no type code ("675/PTP-VP", a State công văn).
std::string DocTypeForNumber(std::string_view number);

// Every type's abbreviation with its name, as Appendix III of Decree 30 (State) and the Party's
// rules write them: {"QĐ", "QUYẾT ĐỊNH"}, {"TTr", "TỜ TRÌNH"}, {"CV", "CÔNG VĂN"}, ... A code the
// State and the Party share is given once.
std::vector<std::pair<std::string_view, std::string_view>> DocTypeAbbreviations();

bool StartsSubject(std::string_view line);     // "Về …", "V/v …"
bool IsCongVanSubject(std::string_view line);  // "V/v …" (and "V/V", "V/y", "V / v")
// A line that is exactly a motto, spelled as the motto is ("CỘNG HÒA XÃ HỌI CHỦ NGHĨA VIỆT NAM"
// -> "… HỘI …"): each word whose letters are the motto's but whose marks are not gets the
// motto's marks, in the word's own case ("HOÀ", the older placement of the tone, stays).
// nullopt when the line is not exactly one of them, or already spelled right.
std::optional<std::string> SpelledAsMotto(std::string_view line);
bool IsMotto(std::string_view line);  // "CỘNG HÒA XÃ HỘI …", "Độc lập - Tự do - Hạnh phúc", "ĐẢNG
                                      // CỘNG SẢN VIỆT NAM"
std::string WithoutMotto(std::string_view line);  // the line with motto text merged into it cut out
std::string BeforeMotto(std::string_view line);   // the words before a motto (the left block's)
bool IsSigningAuthority(
    std::string_view line);  // "TM. …", "KT. …", "TL. …", "TUQ. …", "Q. …", "T/M …", "K/T …"
std::string AfterSigningAuthority(std::string_view line);  // "KT. GIÁM ĐỐC" -> "GIÁM ĐỐC"
bool IsUpperCaseLine(std::string_view line);  // two letters or more, (nearly) all capitals
bool LooksLikePersonName(std::string_view line);
// A person's name whose family name was misread by one letter ("Đã Minh Trung", "Trân Phước
// Hiên") with the one Vietnamese family name it can be ("Đỗ", "Trần"); unchanged otherwise.
std::string RepairSurname(std::string_view name);  // "Nguyễn Văn An": 2-6 capitalized syllables
// A person's name that starts with a Vietnamese family name, or one a vowel from one
// ("Đã Thanh Dũng"): what a signer's name read again must be to be believed.
bool IsFamilyNameFirst(std::string_view name);
// The person in an electronic signature's visible text ("Người ký: Nguyễn Văn An", "Ký bởi:
// …"); nothing when the signer named there is an office ("Ký bởi: Ủy ban nhân dân tỉnh …").
std::optional<std::string> ESignatureSigner(std::string_view line);
bool IsRecipientsHeading(std::string_view line);  // "Nơi nhận:"
bool StartsBody(std::string_view line);  // "Căn cứ", "Kính gửi", "Điều 1.", "1.", "a)"
bool StartsWithLowerCase(std::string_view line);
int LetterCount(std::string_view line);
// Starts a new administrative unit name's locality: "TỈNH …", "HUYỆN …", "THÀNH PHỐ …".
bool StartsWithLocality(std::string_view line);
bool HasLocality(std::string_view line);
// A province or centrally-run city whose marks OCR damaged, spelled right ("Đà Năng" ->
// "Đà Nẵng"); any other place as given.
std::string CanonicalPlace(std::string_view place);
// "tỉnh" misread before a province's name ("TĨNH QUẢNG NGÃI", "tại tính Quảng Ngãi": a word
// whose letters are "tinh" cannot be anything else there), put right; other text unchanged.
// The syllable of a name ("Hà Tĩnh", "Sơn Tịnh") is left alone.
std::string RepairProvinceWord(std::string_view text);
// A signer's title whose marks OCR damaged, spelled right ("PHO Bí THƯ" -> "PHÓ BÍ THƯ");
// titles not in the list of office titles as given.
std::string CanonicalTitle(std::string_view title);
// The office title a line holds when it is one of the list, however damaged its marks and
// whatever strokes without letters stand at its ends ("2/77. BI THƯ" -> "BÍ THƯ"); empty
// otherwise. For a title line read through a seal.
std::string KnownTitle(std::string_view line);
// A standing body's name whose marks OCR damaged, spelled right ("BAN TUYỂN GIÁO" -> "BAN
// TUYÊN GIÁO", "UY BAN NHAN DAN TỈNH …" -> "ỦY BAN NHÂN DÂN TỈNH …"); other names as given.
std::string CanonicalBodyName(std::string_view name);

}  // namespace luutru::extract
