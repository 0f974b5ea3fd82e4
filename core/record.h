// The record model: what luutru knows about one archived original. It is what
// records/<id>/record.json holds and what `luutru export` writes (DESIGN.md, export contract).
#pragma once

#include <algorithm>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/marks.h"

namespace luutru {

// How a page's text was obtained.
enum class TextMethod { kOcr, kTextLayer, kNone };
const char* TextMethodName(TextMethod method);  // "ocr", "text-layer", "none"
TextMethod TextMethodFromName(const std::string& name);

struct Box {
  int x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  bool operator==(const Box&) const = default;
};

// The smallest box holding both.
inline Box Union(const Box& a, const Box& b) {
  return {std::min(a.x0, b.x0), std::min(a.y0, b.y0), std::max(a.x1, b.x1), std::max(a.y1, b.y1)};
}

// A word read on a page, in the coordinates of the upright, straightened page image that was
// read (the cleaned image: `width` x `height` at `dpi` of its PageText).
struct Word {
  std::string text;  // NFC
  Box box;
  float confidence = 0;  // 0..100
  int line = 0;          // words of one text line share this number, in reading order
  int block = 0;         // likewise for layout blocks
};

struct PageText {
  int number = 1;    // 1-based
  std::string text;  // NFC, in reading order, lines separated by '\n'
  TextMethod method = TextMethod::kNone;
  double confidence = 0;  // 0..100, mean word confidence (100 for a trusted text layer)
  int rotation = 0;       // degrees clockwise the page was turned before reading
  double skew_deg = 0;    // skew that was corrected
  int width = 0, height = 0, dpi = 0;  // of the image that was read (0 for text layers)
  std::string error;                   // why the page could not be read; empty when it was
  std::vector<Word> words;  // OCR pages: every word with its box (the evidence for fields)
};

// Registry fields, with the value conventions of DESIGN.md. Empty means "not found".
struct Metadata {
  std::string doc_type, number, date, place, agency, parent_agency, subject, signer, signer_title,
      confidentiality, urgency;
  std::vector<std::string> recipients;
  bool operator==(const Metadata&) const = default;
};

// A registry field (DESIGN.md, field conventions).
enum class Field {
  kDocType,
  kNumber,
  kDate,
  kPlace,
  kAgency,
  kParentAgency,
  kSubject,
  kSigner,
  kSignerTitle,
  kConfidentiality,
  kUrgency,
  kRecipients,
};

// What a field's value is: how a typed value is checked (`luutru set`) and how a value read
// only in part is told (review).
enum class FieldKind {
  kText,         // as read or typed (NFC)
  kNumber,       // "12/2023/QĐ-UBND"; "…/CT-UBND" when its digits were not read
  kDate,         // YYYY-MM-DD; YYYY-MM or YYYY when the day was not read
  kSecrecyMark,  // one of kPrintedSecrecyMarks (core/marks.h)
  kUrgencyMark,  // one of kUrgencyMarks
  kList,         // one value per line: the recipients
};

// The one table of the registry fields: each with its two names, as record.json, the export
// and the API spell it and as staff type it (search filters, `luutru set`; either is taken
// wherever a person names a field), where Metadata keeps its text, and what it is. A field
// added here and read by the extractor is written, read back, exported, shown, set and
// reviewed; a search filter on it is one line of index/schema.h (its term prefix).
enum FieldTrait : unsigned {
  // Its values recur across an archive's records (an agency, a signer): a value people
  // corrected repairs the same misreading in later records.
  kLearned = 1,
  // A register cannot do without it: review lists it when it was not read.
  kRequired = 2,
};

struct FieldName {
  Field field;
  std::string_view json;        // "doc_type"
  std::string_view vietnamese;  // "loai"
  std::string_view label;       // as the staff page titles it: "Loại văn bản"
  std::string Metadata::*text;  // &Metadata::doc_type; nullptr for recipients, the one list
  FieldKind kind = FieldKind::kText;
  unsigned traits = 0;  // FieldTrait bits

  bool learned() const { return traits & kLearned; }
  bool required() const { return traits & kRequired; }
};

// Metadata's fields, in record.json's order (and the enum's).
inline constexpr FieldName kMetadataFields[] = {
    {Field::kDocType, "doc_type", "loai", "Loại văn bản", &Metadata::doc_type, FieldKind::kText,
     kRequired},
    {Field::kNumber, "number", "so", "Số, ký hiệu", &Metadata::number, FieldKind::kNumber,
     kRequired},
    {Field::kDate, "date", "ngay", "Ngày ban hành", &Metadata::date, FieldKind::kDate, kRequired},
    // Required: every document prints its place before its date (Decree 30/2020, App. I).
    {Field::kPlace, "place", "diadanh", "Địa danh", &Metadata::place, FieldKind::kText, kRequired},
    {Field::kAgency, "agency", "coquan", "Cơ quan ban hành", &Metadata::agency, FieldKind::kText,
     kLearned | kRequired},
    {Field::kParentAgency, "parent_agency", "coquanchuquan", "Cơ quan chủ quản",
     &Metadata::parent_agency, FieldKind::kText, kLearned},
    {Field::kSubject, "subject", "trichyeu", "Trích yếu", &Metadata::subject, FieldKind::kText,
     kRequired},
    {Field::kSigner, "signer", "nguoiky", "Người ký", &Metadata::signer, FieldKind::kText,
     kLearned | kRequired},
    {Field::kSignerTitle, "signer_title", "chucvu", "Chức vụ người ký", &Metadata::signer_title,
     FieldKind::kText, kLearned},
    {Field::kConfidentiality, "confidentiality", "domat", "Độ mật", &Metadata::confidentiality,
     FieldKind::kSecrecyMark},
    {Field::kUrgency, "urgency", "dokhan", "Độ khẩn", &Metadata::urgency, FieldKind::kUrgencyMark},
    {Field::kRecipients, "recipients", "noinhan", "Nơi nhận", nullptr, FieldKind::kList}};

// A field's row (constexpr: index/schema.h builds its filters from it).
constexpr const FieldName& FieldOf(Field field) {
  return kMetadataFields[static_cast<size_t>(field)];
}

// The field record.json calls `json` ("doc_type"); nothing for any other name.
std::optional<Field> FieldNamed(std::string_view json);

// What a result line shows of a record: kept in the index's record data
// (index/record_data.h) and given with each search hit, as a Metadata holding these only.
inline constexpr Field kSummaryFields[] = {Field::kDocType,         Field::kNumber,  Field::kDate,
                                           Field::kAgency,          Field::kSubject, Field::kSigner,
                                           Field::kConfidentiality, Field::kUrgency};
// `metadata` with only its kSummaryFields.
Metadata SummaryOf(const Metadata& metadata);

// The JSON name of the field a person typed, by either name, in any case, with or without
// marks ("Loại", "LOAI", "doc_type" -> "doc_type"); empty when no field is called so.
std::string_view CanonicalFieldName(std::string_view typed);

// The text field called `name` ("agency"); nullptr for unknown names and for "recipients",
// the one list.
std::string* MetadataText(Metadata& metadata, std::string_view name);
const std::string* MetadataText(const Metadata& metadata, std::string_view name);
bool IsMetadataField(std::string_view name);

// A number whose digits were written by hand and not read keeps its printed notation after
// this mark: "…/CT-UBND" (DESIGN.md's field conventions, as luutru extends them).
inline constexpr std::string_view kUnreadDigits = "…";

// A value known to be incomplete: a date without its day ("2025-02", "2025") or a number
// without its digits ("…/CT-UBND"). Review lists these first.
bool IsPartialValue(Field field, std::string_view value);

// Where a field's value was read, or that a person set it.
struct Evidence {
  int page = 0;
  Box box;
  double confidence = 0;   // 0..1
  bool corrected = false;  // set by `luutru set`: the value is a person's, not the reading's
  // What the page read when the value is a repair of it: by what the field must be (a
  // province's name, a family name, an office title, "TÍNH" -> "TỈNH") or by a value people
  // confirmed elsewhere in the archive ("UBND TỈNH QUẢNG NGÀI" -> "UBND TỈNH QUẢNG NGÃI");
  // empty when the value is as read.
  std::string read;
  bool operator==(const Evidence&) const = default;
};

// A digital signature of the original (a signed PDF), kept as a fact about the file. Its
// visible stamp ("Ký bởi: …", "Thời gian ký: …") is not page text.
struct Signature {
  enum class Verdict {
    kValid,       // the signed bytes are unchanged and the signature over them verifies
    kInvalid,     // the bytes it covers were changed, or the signature does not verify
    kUnreadable,  // not a signature luutru can check (damaged, or a kind it does not read)
  };
  std::string field;         // the form field's name ("Signature1")
  std::string signer;        // the signing certificate's common name (CN)
  std::string organization;  // its organisation (O), when it names one
  std::string signed_at;     // ISO 8601 UTC: the signed signingTime, else the PDF's /M
  Verdict verdict = Verdict::kUnreadable;
  bool whole_file = false;  // it covers every byte of the file: nothing was added after it
  int page = 0;             // the page its visible stamp is on; 0: it shows none
  // The certificate is not checked against a trust list: that is the archive's own policy
  // (the national CA's roots), and what `pdfsig` reports as "issuer unknown" offline.
  bool operator==(const Signature&) const = default;
};
const char* SignatureVerdictName(Signature::Verdict verdict);  // "valid", "invalid", "unreadable"
Signature::Verdict SignatureVerdictFromName(const std::string& name);

// A stamp an office put on the paper, kept as a fact about the document and out of its fields.
// Today the incoming-mail stamp (dấu "ĐẾN", Decree 30/2020 Appendix IV): the office that
// received the document wrote its entry number and the day it arrived into the stamp's form.
struct Stamp {
  enum class Kind { kIncoming };
  Kind kind = Kind::kIncoming;
  int page = 0;  // the page it is on
  Box box;       // where, in that page's image
  std::string
      number;  // số đến, the entry number ("2770"); empty when not read (mostly handwritten)
  std::string date;  // ngày đến, ISO 8601 ("2018-04-04"); empty when not read
  bool operator==(const Stamp&) const = default;
};
const char* StampKindName(Stamp::Kind kind);  // "incoming"
Stamp::Kind StampKindFromName(const std::string& name);

// The archival file (hồ sơ) a record is a document of, as the catalog holds it (hoso/store.h)
// when the record was attached or the file described again: kept with the record so that the
// index, rebuilt from records/, finds it by its file (hoso:, phong:, hop:, thoihan:, chedo:).
struct ArchivalFileRef {
  std::string code;  // số và ký hiệu hồ sơ
  int ordinal = 0;   // its place in the file: 1, 2, ...
  std::string fonds, box;
  std::string retention;  // TT 05 code (core/archival_codes.h): "01"
  std::string access;     // TT 05 code: "01" Công khai, "02", "03" Mật
  bool operator==(const ArchivalFileRef&) const = default;
};

// One document of a scan that holds several (one PDF of a whole archival file, split by
// hoso/split.h): its place among the scan's documents. Its pages are its own share of the
// scan's, numbered as in the scan (a second document may hold pages 3 to 5).
struct ScanPart {
  int n = 1;             // 1, 2, ...: the document's place in the scan
  int of = 1;            // how many documents the scan was split into
  int scan_pages = 0;    // pages of the whole scan
  bool checked = false;  // a person set the split (luutru hoso split --at); else it was found
  bool operator==(const ScanPart&) const = default;
};

struct Record {
  std::string id;  // derived from sha256 (RecordIdFor; a scan's later documents: PartRecordIdFor)
  std::string source;       // the path the original was first ingested from
  std::string sha256;       // of the original's bytes
  std::string format;       // "pdf", "tiff", "png", "jpeg"
  long long size = 0;       // bytes of the original
  std::string ingested_at;  // ISO 8601 UTC
  std::vector<PageText> pages;
  Metadata metadata;
  std::map<Field, Evidence> evidence;   // where each field was read
  std::vector<Signature> signatures;    // in the file's order; empty: not signed
  std::vector<Stamp> stamps;            // in page order
  std::optional<ArchivalFileRef> hoso;  // none: a loose record
  std::optional<ScanPart> part;         // none: the original's one document, every page
};

// The mark that decides who may read a record: its own (`confidentiality`), raised to MẬT when
// the archival file it belongs to is "03" Mật by its access regime (TT 05/2025 `mode`). The
// index (its shard and mark term), the server and verify ask this, never the field alone.
Secrecy AccessSecrecy(const Record& record);
// The same as a printed mark: the record's own value when the file does not raise it.
std::string AccessMark(const Record& record);

// The record id of an original: the first 16 hex digits of its SHA-256. Same content, same id.
std::string RecordIdFor(const std::string& sha256_hex);
// The record id of a document of a scan split into several that begins at `first_page`: the
// first document's is the original's own (RecordIdFor); a later one's, 16 hex digits of the
// SHA-256 of "<sha256>/<first_page>" (or "<sha256>/<first_page>/<k>" when that is taken), so
// that a split made again gives the same ids. hoso/split.h keeps a document's id while its
// boundaries move.
std::string PartRecordIdFor(const std::string& sha256_hex, int first_page, int k = 0);

}  // namespace luutru
