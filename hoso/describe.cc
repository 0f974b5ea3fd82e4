#include "hoso/describe.h"

#include <algorithm>

#include "core/fs_util.h"
#include "core/record_json.h"
#include "extract/boundaries.h"

namespace luutru::hoso {

std::pair<std::string, std::string> SplitNumber(const std::string& number) {
  const size_t slash = number.find('/');
  if (slash == std::string::npos) return {number, ""};
  std::string digits = number.substr(0, slash);
  if (digits == kUnreadDigits) digits.clear();
  return {digits, number.substr(slash + 1)};
}

Result<FileDescription> Describe(const ArchiveLayout& layout, Store& store, const std::string& code,
                                 const std::function<bool(const std::string&)>& visible) {
  Result<std::optional<ArchivalFile>> file = store.Find(code);
  if (!file.ok()) return file.status();
  if (!file->has_value()) return NotFound("no archival file " + code + " in this archive");
  FileDescription out;
  out.file = std::move(**file);
  Result<std::vector<FileDocument>> documents = store.Documents(code);
  if (!documents.ok()) return documents.status();
  std::string first, last;
  int pages = 0;
  for (const FileDocument& d : *documents) {
    if (visible && !visible(d.record_id)) continue;
    Result<std::string> json = ReadFile(layout.RecordJson(d.record_id));
    if (!json.ok()) return json.status().WithContext("document " + std::to_string(d.ordinal));
    Result<Record> record = RecordFromJson(*json);
    if (!record.ok()) return record.status().WithContext("document " + std::to_string(d.ordinal));
    DescribedDocument doc;
    doc.ordinal = d.ordinal;
    doc.record_id = d.record_id;
    doc.source = record->source;
    doc.metadata = record->metadata;
    doc.pages = static_cast<int>(record->pages.size());
    doc.type_code = DocumentTypeCode(record->metadata.doc_type);
    std::tie(doc.code_number, doc.code_notation) = SplitNumber(record->metadata.number);
    if (const std::vector<size_t> starts = extract::DocumentStarts(record->pages);
        starts.size() > 1) {
      for (size_t page : starts) doc.document_starts.push_back(static_cast<int>(page) + 1);
    }
    const std::string& date = record->metadata.date;
    if (!date.empty()) {
      if (first.empty() || date < first) first = date;
      if (last.empty() || date > last) last = date;
    }
    pages += doc.pages;
    out.documents.push_back(std::move(doc));
  }
  auto derive = [&](std::string_view element, const std::string& value) {
    if (value.empty() || !out.file.Value(element).empty()) return;
    out.file.values[std::string(element)] = value;
    out.derived.emplace_back(element);
  };
  derive(kStartDate, first);
  derive(kEndDate, last);
  if (!out.documents.empty()) {
    derive(kTotalDocuments, std::to_string(out.documents.size()));
    derive(kPages, std::to_string(pages));
  }
  for (const Element& e : Elements()) {
    if (e.required && out.file.Value(e.name).empty()) out.missing.emplace_back(e.name);
  }
  return out;
}

}  // namespace luutru::hoso
