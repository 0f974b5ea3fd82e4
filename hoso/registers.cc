#include "hoso/registers.h"

#include "core/dates.h"
#include "hoso/describe.h"

namespace luutru::hoso {
namespace {

constexpr const char* kByteOrderMark = "\xEF\xBB\xBF";

// "17/03/2001 - 26/10/2015", or one date when both are the same.
std::string Period(const ArchivalFile& file) {
  const std::string start = WrittenDate(file.Value(kStartDate));
  const std::string end = WrittenDate(file.Value(kEndDate));
  if (start.empty() || start == end) return end;
  if (end.empty()) return start;
  return start + " - " + end;
}

std::string Retention(const ArchivalFile& file) {
  const std::string code = file.Value(kRetention);
  if (code == "07" && !file.Value(kRetentionText).empty()) return file.Value(kRetentionText);
  return std::string(NameOf(kRetentionCodes, code));
}

// "2 tờ, 3 trang", or "3 trang" while the sheets are not known: no cell LibreOffice could
// take for a date ("2/3").
std::string SheetsAndPages(const ArchivalFile& file) {
  const std::string sheets = file.Value("numberOfPaper"), pages = file.Value(kPages);
  std::string out = sheets.empty() ? "" : sheets + " tờ";
  if (!pages.empty()) out += (out.empty() ? "" : ", ") + pages + " trang";
  return out;
}

Result<std::vector<FileDescription>> DescribeAll(const ArchiveLayout& layout, Store& store) {
  Result<std::vector<ArchivalFile>> files = store.List();
  if (!files.ok()) return files.status();
  std::vector<FileDescription> described;
  for (const ArchivalFile& file : *files) {
    Result<FileDescription> d = Describe(layout, store, file.code);
    if (!d.ok()) return d.status();
    described.push_back(std::move(d).value());
  }
  return described;
}

}  // namespace

std::string CsvLine(const std::vector<std::string>& cells) {
  std::string line;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i > 0) line += ',';
    const std::string& c = cells[i];
    if (c.find_first_of(",\"\r\n") == std::string::npos) {
      line += c;
      continue;
    }
    line += '"';
    for (char ch : c) line += ch == '"' ? std::string("\"\"") : std::string(1, ch);
    line += '"';
  }
  return line + "\r\n";
}

Result<std::string> FilesRegisterCsv(const ArchiveLayout& layout, Store& store) {
  Result<std::vector<FileDescription>> files = DescribeAll(layout, store);
  if (!files.ok()) return files.status();
  std::string csv = kByteOrderMark;
  csv += CsvLine({"STT", "Số, ký hiệu hồ sơ", "Tiêu đề hồ sơ", "Thời gian tài liệu",
                  "Thời hạn bảo quản", "Số tờ/Số trang", "Ghi chú"});
  int n = 0;
  for (const FileDescription& d : *files) {
    csv += CsvLine({std::to_string(++n), d.file.code, d.file.Value(kTitle), Period(d.file),
                    Retention(d.file), SheetsAndPages(d.file), d.file.Value("description")});
  }
  return csv;
}

Result<std::string> DocumentsRegisterCsv(const ArchiveLayout& layout, Store& store) {
  Result<std::vector<FileDescription>> files = DescribeAll(layout, store);
  if (!files.ok()) return files.status();
  std::string csv = kByteOrderMark;
  csv +=
      CsvLine({"Số, ký hiệu hồ sơ", "STT", "Số, ký hiệu văn bản", "Ngày tháng năm văn bản",
               "Tên loại và trích yếu nội dung", "Tác giả văn bản", "Tờ số/Trang số", "Ghi chú"});
  for (const FileDescription& d : *files) {
    int page = 1;
    for (const DescribedDocument& doc : d.documents) {
      const Metadata& m = doc.metadata;
      std::string kind_and_subject = m.doc_type;
      if (!m.subject.empty()) kind_and_subject += (kind_and_subject.empty() ? "" : " ") + m.subject;
      // Pages within the file, as the form counts them: "1–2", "3" (an en dash: "1-2" could
      // be taken for a date).
      const int last = page + std::max(doc.pages, 1) - 1;
      const std::string pages =
          last > page ? std::to_string(page) + "–" + std::to_string(last) : std::to_string(page);
      page = last + 1;
      const auto notes = doc.values.find("description");
      csv += CsvLine({d.file.code, std::to_string(doc.ordinal), m.number, WrittenDate(m.date),
                      kind_and_subject, m.agency, pages,
                      notes == doc.values.end() ? "" : notes->second});
    }
  }
  return csv;
}

}  // namespace luutru::hoso
