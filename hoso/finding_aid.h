// A finding aid (mục lục hồ sơ / danh mục hồ sơ) as archivists keep it: a spreadsheet saved
// as CSV by LibreOffice (UTF-8, with or without a byte-order mark; comma or semicolon between
// cells; quoted cells with "" inside; CRLF or LF). The first row names the columns, as Decree
// 30/2020 Appendix V and TT 05/2025 do (hoso/archival_file.h, Elements); the other rows are
// files. Pure.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"
#include "hoso/archival_file.h"

namespace luutru::hoso {

// A row that cannot be taken, with what to fix, in Vietnamese (staff read it): line 1 is the
// header.
struct RowError {
  int line = 0;
  std::string message;
};

struct FindingAid {
  std::vector<ArchivalFile> files;
  std::vector<RowError> errors;              // every bad row; none taken when there is one
  std::vector<std::string> ignored_columns;  // headers that name no element ("STT")
  int headings = 0;  // heading rows of the list (đề mục: a title without a code), skipped
};

// Fails (kInvalidArgument) when the text is not UTF-8 or has no column for the file's code or
// title; row problems are in `errors`.
Result<FindingAid> ParseFindingAid(std::string_view csv);

// The element a person names: by its TT 05 name ("maintenance") or a column header of the
// finding aid ("Thời hạn bảo quản", "thoi han bao quan"); nullptr for none.
const Element* ElementTyped(std::string_view typed);
// Checks `value` for `element` as a finding aid's cell is checked and stores it in `file` (a
// code for a coded element; "" clears it); the problem, in Vietnamese, when it cannot be taken.
std::string TakeValue(const Element& element, const std::string& value, ArchivalFile& file);

// The same for a document's own elements (DocumentElements): the element a person names, and
// `value` checked and stored in `values` ("" clears it); the problem, in Vietnamese.
const Element* DocumentElementTyped(std::string_view typed);
std::string TakeDocumentValue(const Element& element, const std::string& value,
                              std::map<std::string, std::string>& values);

// The cells of each row (RFC 4180, with `separator`); exposed for tests.
std::vector<std::vector<std::string>> ParseCsv(std::string_view text, char separator);

}  // namespace luutru::hoso
