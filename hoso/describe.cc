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
  bool hidden = false;
  for (const FileDocument& d : *documents) {
    if (visible && !visible(d.record_id)) {
      hidden = true;
      continue;
    }
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
      for (size_t page : starts) doc.document_starts.push_back(record->pages[page].number);
    }
    doc.values = d.values;
    const std::string& date = record->metadata.date;
    if (!date.empty()) {
      if (first.empty() || date < first) first = date;
      if (last.empty() || date > last) last = date;
    }
    pages += doc.pages;
    out.documents.push_back(std::move(doc));
  }
  if (hidden) {
    for (size_t i = 0; i < out.documents.size(); ++i)
      out.documents[i].ordinal = static_cast<int>(i) + 1;
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

nlohmann::ordered_json DescriptionJson(const FileDescription& d) {
  nlohmann::ordered_json elements = nlohmann::ordered_json::object();
  for (const Element& e : Elements()) {
    if (!d.file.Value(e.name).empty()) elements[std::string(e.name)] = d.file.Value(e.name);
  }
  nlohmann::ordered_json documents = nlohmann::ordered_json::array();
  for (const DescribedDocument& doc : d.documents) {
    documents.push_back({{"ordinal", doc.ordinal},
                         {"record", doc.record_id},
                         {"typeName", doc.type_code},
                         {"doc_type", doc.metadata.doc_type},
                         {"number", doc.metadata.number},
                         {"codeNumber", doc.code_number},
                         {"codeNotation", doc.code_notation},
                         {"issuedDate", doc.metadata.date},
                         {"organName", doc.metadata.agency},
                         {"subject", doc.metadata.subject},
                         {"numberOfPage", doc.pages},
                         {"document_starts", doc.document_starts},
                         {"elements", doc.values}});
  }
  return {{"code", d.file.code},
          {"elements", std::move(elements)},
          {"derived", d.derived},
          {"missing", d.missing},
          {"documents", std::move(documents)}};
}

}  // namespace luutru::hoso
