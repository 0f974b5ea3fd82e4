// An archival file as an archivist reads it: its description with what the documents tell
// filled in (start and end dates, counts, each document's type code and its number split as
// TT 05 asks), and which required elements are still missing.
#pragma once

#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

#include "core/archive_layout.h"
#include "core/record.h"
#include "core/status.h"
#include "hoso/archival_file.h"
#include "hoso/store.h"

namespace luutru::hoso {

struct DescribedDocument {
  int ordinal = 0;
  std::string record_id, source;
  Metadata metadata;
  int pages = 0;
  std::string type_code;                   // TT 05 typeName: "02"
  std::string code_number, code_notation;  // "123", "QĐ-UBND"
  // The pages (1-based) where a document's header opens, when there are several: one scan
  // that holds more than one document (extract/boundaries.h), to be split.
  std::vector<int> document_starts;
  std::map<std::string, std::string> values;  // its own elements (DocumentElements)
};

struct FileDescription {
  ArchivalFile file;  // the elements derived from its documents filled where the list is silent
  std::vector<DescribedDocument> documents;  // by ordinal
  std::vector<std::string> derived;          // the elements filled from the documents
  std::vector<std::string> missing;          // required elements still empty
};

// `visible`, when given, says which records the reader may see: the others are left out, of
// the documents and of everything derived from them (a hidden document's date or pages), and
// the documents left are numbered among themselves: a gap in the ordinals would tell that the
// file holds more than the reader may see (docs/security.md).
Result<FileDescription> Describe(
    const ArchiveLayout& layout, Store& store, const std::string& code,
    const std::function<bool(const std::string& record_id)>& visible = nullptr);

// The description as `hoso show --json` and the API give it: {"code", "elements" (TT 05 name:
// value), "derived", "missing", "documents": [{"ordinal", "record", "typeName", "codeNumber",
// "codeNotation", "issuedDate", "organName", "subject", "numberOfPage", "document_starts"}]}.
nlohmann::ordered_json DescriptionJson(const FileDescription& description);

// "123/QĐ-UBND" -> {"123", "QĐ-UBND"}; "45/2018/QĐ-TTg" -> {"45", "2018/QĐ-TTg"}; a number
// whose digits were not read ("…/CT-UBND") -> {"", "CT-UBND"}.
std::pair<std::string, std::string> SplitNumber(const std::string& number);

}  // namespace luutru::hoso
