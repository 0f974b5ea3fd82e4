// An archival file (hồ sơ): the unit archivists describe, digitize and hand over, with the
// elements of Circular 05/2025/TT-BNV (../shared/standards/README.md §2.1) and the columns of
// the finding aid (Decree 30/2020 Appendix V). Its documents are luutru's records, in order.
// docs/hoso.md explains the model with an example.
#pragma once

#include <map>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "core/archival_codes.h"

namespace luutru::hoso {

// One element of a file's description: its TT 05 name, the column headers a finding aid may
// give it (compared without marks or case), whether TT 05 requires it, and its code list.
struct Element {
  std::string_view name;                  // TT 05: "maintenance"
  std::string_view label;                 // as shown: "Thời hạn bảo quản"
  std::vector<std::string_view> headers;  // finding-aid columns: "Thời hạn bảo quản", ...
  bool required = false;                  // TT 05: required (derived ones are filled)
  std::span<const Code> codes;            // empty: free text
};

// The elements, in the order TT 05's EAD.xml lists them, then luutru's own: where the paper
// file is (kho, giá, hộp), who made it, and the folder its scan is in.
const std::vector<Element>& Elements();
const Element* ElementNamed(std::string_view name);

// A document's own elements (TT 05's EAD_doc, ../shared/standards/README.md §3.1) that people
// give, beside those read from it (hoso/describe.h): its autograph notes (bút tích), keywords,
// notes, information code, physical state, language and reliability. Set by the archivist
// (`luutru hoso set CODE --doc N`), kept with its place in the file.
const std::vector<Element>& DocumentElements();

// The element names used by the code (one spelling each).
inline constexpr std::string_view kCode = "fileCode";  // số và ký hiệu hồ sơ: "01.TCCB"
inline constexpr std::string_view kTitle = "title";
inline constexpr std::string_view kRetention = "maintenance";
inline constexpr std::string_view kRetentionText = "maintenanceText";  // a "07" period as typed
inline constexpr std::string_view kAccess = "mode";
inline constexpr std::string_view kLanguage = "language";
inline constexpr std::string_view kStartDate = "startDate";
inline constexpr std::string_view kEndDate = "endDate";
inline constexpr std::string_view kTotalDocuments = "totalDoc";
inline constexpr std::string_view kPages = "numberOfPage";
inline constexpr std::string_view kReliability = "confidenceLevel";
inline constexpr std::string_view kFonds = "fonds";
inline constexpr std::string_view kBox = "box";
inline constexpr std::string_view kFolder = "folder";

// A coded element's value with its name ("01 Vĩnh viễn"); any other as it is.
std::string ShownValue(const Element& element, const std::string& value);

struct ArchivalFile {
  std::string code;                           // số và ký hiệu hồ sơ, unique in the archive
  std::map<std::string, std::string> values;  // element name -> value (a code for coded ones)
  std::string Value(std::string_view element) const;
  // As people read it: a code with its name ("01 Vĩnh viễn", "07 Khác (5 năm)"), a date day
  // first ("17/03/2001").
  std::string Shown(const Element& element) const;
};

// A document of a file: the record, its place in the file (1, 2, ...), and the elements people
// gave it (DocumentElements: element name -> value, a code for coded ones).
struct FileDocument {
  std::string record_id;
  int ordinal = 0;
  std::map<std::string, std::string> values;
};

}  // namespace luutru::hoso
