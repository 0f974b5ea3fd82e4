// The index schema: every term prefix and value slot luutru puts into Xapian, and how each is
// encoded. The writer and the searcher both build from this header and from nowhere else.
//
// A record is a Xapian document (index/layout.h puts it in one shard). Its pages follow one
// another in the word positions, a gap between two pages so that no phrase runs across them;
// the document data (index/record_data.h) says which positions each page holds, from which the
// searcher finds a hit's best page and its matching pages. Free text is indexed twice: the
// folded form (marks stripped, đ -> d) under kPrefixFolded, with positions (phrases match on
// it; vi::SearchKey from format 2 on), and the exact form (NFC, lower case, marks kept) without
// prefix and without positions (it only ranks exact spellings first).
#pragma once

#include <array>
#include <string>
#include <string_view>
#include <vector>

#include "core/record.h"

namespace luutru::index {

// --- Term prefixes (Xapian convention: multi-letter user prefixes start with X) ---
inline constexpr std::string_view kPrefixFolded = "XF";  // folded word, positional
inline constexpr std::string_view kPrefixRecord = "XR";  // record id: the document's unique term
// Two adjacent syllables of a record's title fields (type, subject, issuing body, signer) that
// make a word of the built-in dictionary, folded, joined by a space ("XPso hoa"): a Vietnamese
// word is written as separate syllables, and a record about "số hóa" must outrank one holding
// "số" and "Thanh Hóa" apart. No positions; weighted as title words are. Written from index
// format 2 on (kFormatFile).
inline constexpr std::string_view kPrefixPair = "XP";
// Record fields as boolean terms (folded, lower case, whole value).
inline constexpr std::string_view kPrefixDocType = "XT";
inline constexpr std::string_view kPrefixAgency = "XA";
inline constexpr std::string_view kPrefixYear = "XY";  // "2023"
inline constexpr std::string_view kPrefixNumber =
    "XN";  // whole number "12/2023/qd-ubnd" and its parts;
           // weighted (wdf 1), so a typed number ranks its record
inline constexpr std::string_view kPrefixSigner = "XS";
inline constexpr std::string_view kPrefixSecrecy = "XC";  // confidentiality mark
inline constexpr std::string_view kPrefixUrgency = "XU";
inline constexpr std::string_view kPrefixMethod = "XM";  // "ocr" / "text-layer"
// The archival file a record is a document of (core/record.h, ArchivalFileRef): its code, fonds
// and box as written; its retention period and access regime by their TT 05 code and by
// their name ("01" and "vinh vien").
inline constexpr std::string_view kPrefixFile = "XXHOSO:";
inline constexpr std::string_view kPrefixFonds = "XXPHONG:";
inline constexpr std::string_view kPrefixBox = "XXHOP:";
inline constexpr std::string_view kPrefixRetention = "XXTHOIHAN:";
inline constexpr std::string_view kPrefixAccessRegime = "XXCHEDO:";
inline constexpr std::string_view kPrefixIncoming =
    "XI";  // số đến: an incoming-mail stamp's number

// Where a record's text writes an abbreviation of the built-in list or its long form ("UBND",
// "Ủy ban nhân dân"), the entry's term: this prefix and its short form in lower case
// ("XBubnd"; index/abbreviations.h). No positions. From index format 3 on.
inline constexpr std::string_view kPrefixAbbreviation = "XB";
// A date the record is of, or that its text writes out ("ngày 02 tháng 10 năm 2022", "tháng 10
// năm 2022"): "XD20221002" for a day, "XD202210" for its month. From index format 3 on.
inline constexpr std::string_view kPrefixWrittenDate = "XD";
// The record's own date as terms: its year ("XE2023"), month ("XE202303") and day
// ("XE20230315"), so that a date filter asks posting lists instead of every record's value
// (kSlotDate). From index format 3 on.
inline constexpr std::string_view kPrefixRecordDate = "XE";

// The format of a database's terms, in the file kFormatFile of its folder, written when the
// database is begun: absent in those of format 1; "2" when its folded words are
// vi::SearchKey's (final i/y one spelling) and its records carry their title fields' syllable
// pairs (kPrefixPair); "3 <digest>" when they also carry their dates as terms
// (kPrefixWrittenDate, kPrefixRecordDate) and the built-in abbreviations of the list whose digest
// it names (kPrefixAbbreviation). A search asks a database for what its format holds: an older
// index is searched as before until `luutru reindex` rebuilds it.
inline constexpr std::string_view kFormatFile = "luutru-format";

struct IndexFormat {
  bool search_keys = false;    // format 2 on: words by vi::SearchKey, title pairs
  bool written_dates = false;  // format 3 on
  bool abbreviations = false;  // format 3 with this build's built-in list
};
// The line a database begun now is written with.
std::string CurrentIndexFormat();
// What a database holds, by its kFormatFile's text ("" when there is none).
IndexFormat ReadIndexFormat(std::string_view written);

// --- Value slots ---
enum Slot : unsigned {
  kSlotRecordId = 0,  // record id, raw string
  kSlotDate = 1,      // document date "YYYYMMDD" (string order = date order); absent if unknown
  // 2: unused (the page number, when a page was a document)
  kSlotPageCount = 3,  // Xapian::sortable_serialise(pages in the record)
  // Facets: the record's value as shown (NFC), counted per record by the searcher.
  kSlotFacetDocType = 4,
  kSlotFacetAgency = 5,
  kSlotFacetYear = 6,
  kSlotFacetSecrecy = 7,
};

// The facets a search counts, by the filter that selects one of their values.
struct Facet {
  std::string_view name;  // the filter's name: "loai"
  Slot slot;
};
inline constexpr std::array<Facet, 4> kFacets = {{
    {FieldOf(Field::kDocType).vietnamese, kSlotFacetDocType},
    {FieldOf(Field::kAgency).vietnamese, kSlotFacetAgency},
    {"nam", kSlotFacetYear},
    {FieldOf(Field::kConfidentiality).vietnamese, kSlotFacetSecrecy},
}};

// Word positions between two pages of a record (and before its title fields): phrases and
// NEAR windows never run from one page into the next.
inline constexpr unsigned kPageGap = 16;

// Words longer than this (bytes) are OCR noise, and Xapian refuses terms over 245 bytes.
inline constexpr size_t kMaxWordBytes = 64;

// The registry fields kept as boolean terms (the value folded, lower case, whole; a number
// also by its parts), each under its prefix: every text field of core's table (core/record.h)
// but the date (a value slot, below). The six of the first index format keep their letters;
// any other field is "XX", its Vietnamese name in capitals and ":" ("XXDIADANH:"), so that a
// field added to core's table is kept and filtered on with no change here, and no prefix is
// the beginning of another (the marks are found by a wildcard on theirs).
struct FieldTerm {
  Field field;
  std::string prefix;
};
const std::vector<FieldTerm>& FieldTermPrefixes();

// The user-visible field filters of the query language (search/ builds its parser from this):
// each field of FieldTermPrefixes by its two names in core's table, and those that are not
// metadata fields: "nam" (the year of the date, also a range: nam:2020..2022), "soden" (an
// incoming-mail stamp's number, from record.json's "stamps"), and the archival file's "hoso",
// "phong", "hop", "thoihan", "chedo". Either name is taken.
struct FieldFilter {
  std::string_view name;   // as staff type it: "loai"
  std::string_view alias;  // as record.json spells it: "doc_type"
  std::string prefix;      // term prefix
};
const std::vector<FieldFilter>& FieldFilters();

// The date filter (on kSlotDate): a day, a month or a year as people write them, or a range
// of them: ngay:02/10/2022, ngay:10/2022, ngay:2020-01-01..2020-12-31, ngay:2019.. .
inline constexpr std::string_view kDateFilterName = FieldOf(Field::kDate).vietnamese;
inline constexpr std::string_view kDateFilterAlias = FieldOf(Field::kDate).json;

// The encoding of a field value in a boolean term: as people type it (vi::TypedKey: NFC, lower
// case, folded, spaces collapsed).
std::string FieldTermValue(std::string_view value);

}  // namespace luutru::index
