#include "hoso/finding_aid.h"

#include <algorithm>
#include <set>

#include "core/dates.h"
#include "core/strings.h"
#include "core/vietnamese.h"

namespace luutru::hoso {
namespace {

// The separator LibreOffice wrote: the one of ',' and ';' the header row holds more of.
char SeparatorOf(std::string_view text) {
  const std::string_view header = text.substr(0, text.find('\n'));
  return std::count(header.begin(), header.end(), ';') >
                 std::count(header.begin(), header.end(), ',')
             ? ';'
             : ',';
}

std::string Names(std::span<const Code> codes) {
  std::string names;
  for (const Code& c : codes) {
    names += (names.empty() ? "" : ", ") + std::string(c.code) + " " + std::string(c.name);
  }
  return names;
}

// A coded element's cell: its code ("01", or "1" as a spreadsheet writes it) or its name.
std::string TakeCoded(const Element& element, const std::string& cell,
                      std::map<std::string, std::string>& values) {
  const std::optional<std::string_view> code = CodeNamed(element.codes, cell);
  if (!code) {
    return std::string(element.label) + " \"" + cell + "\" không có trong danh mục mã; dùng " +
           Names(element.codes);
  }
  values[std::string(element.name)] = std::string(*code);
  return "";
}

std::string TakeCell(const Element& element, const std::string& cell, ArchivalFile& file) {
  const std::string name(element.name);
  if (element.name == kCode) {
    file.code = cell;
  } else if (element.name == kRetention) {
    file.values[name] = RetentionCode(cell);
    if (file.values[name] == "07") {
      file.values[std::string(kRetentionText)] = cell;
    } else {
      file.values.erase(std::string(kRetentionText));
    }
  } else if (!element.codes.empty()) {
    return TakeCoded(element, cell, file.values);
  } else if (element.name == kStartDate || element.name == kEndDate) {
    const ParsedDate date = ParseDate(cell);
    if (!date.ok()) {
      return std::string(element.label) + " \"" + cell +
             "\" không phải ngày: viết DD/MM/YYYY, MM/YYYY hoặc YYYY";
    }
    file.values[name] = IsoDate(date.date);
  } else if (element.name == kTotalDocuments || element.name == kPages ||
             element.name == "numberOfPaper") {
    if (cell.find_first_not_of("0123456789") != std::string::npos) {
      return std::string(element.label) + " \"" + cell + "\" phải là một số";
    }
    file.values[name] = cell;
  } else {
    file.values[name] = cell;
  }
  return "";
}

}  // namespace

const Element* ElementTyped(std::string_view typed) {
  const std::string key = vi::TypedKey(typed);
  for (const Element& e : Elements()) {
    if (key == vi::TypedKey(e.name) || key == vi::TypedKey(e.label)) return &e;
    for (std::string_view h : e.headers) {
      if (key == vi::TypedKey(h)) return &e;
    }
  }
  return nullptr;
}

std::string TakeValue(const Element& element, const std::string& value, ArchivalFile& file) {
  const std::string v(Trim(vi::Nfc(value)));
  if (!v.empty()) return TakeCell(element, v, file);
  if (element.name == kCode || element.name == kTitle || element.name == kRetention)
    return std::string(element.label) + " không thể để trống";
  file.values.erase(std::string(element.name));
  if (element.name == kRetention) file.values.erase(std::string(kRetentionText));
  return "";
}

const Element* DocumentElementTyped(std::string_view typed) {
  const std::string key = vi::TypedKey(typed);
  for (const Element& e : DocumentElements()) {
    if (key == vi::TypedKey(e.name) || key == vi::TypedKey(e.label)) return &e;
  }
  return nullptr;
}

std::string TakeDocumentValue(const Element& element, const std::string& value,
                              std::map<std::string, std::string>& values) {
  const std::string v(Trim(vi::Nfc(value)));
  if (v.empty()) {
    values.erase(std::string(element.name));
    return "";
  }
  if (!element.codes.empty()) return TakeCoded(element, v, values);
  values[std::string(element.name)] = v;
  return "";
}

std::vector<std::vector<std::string>> ParseCsv(std::string_view text, char separator) {
  std::vector<std::vector<std::string>> rows(1);
  std::string cell;
  bool quoted = false, row_has_content = false;
  auto end_cell = [&] {
    rows.back().push_back(std::move(cell));
    cell.clear();
  };
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c == '"' && i + 1 < text.size() && text[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = row_has_content = true;
    } else if (c == separator) {
      end_cell();
      row_has_content = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      end_cell();
      rows.emplace_back();
      row_has_content = false;
    } else {
      cell += c;
      row_has_content = true;
    }
  }
  if (row_has_content || !cell.empty()) end_cell();
  if (rows.back().empty()) rows.pop_back();
  return rows;
}

Result<FindingAid> ParseFindingAid(std::string_view csv) {
  if (csv.substr(0, 3) == "\xEF\xBB\xBF") csv.remove_prefix(3);
  if (!vi::IsValidUtf8(csv)) {
    return InvalidArgument(
        "the finding aid is not UTF-8: in LibreOffice, Save As… Text CSV with the character set "
        "Unicode (UTF-8)");
  }
  const std::vector<std::vector<std::string>> rows = ParseCsv(csv, SeparatorOf(csv));
  if (rows.empty()) return InvalidArgument("the finding aid is empty");
  FindingAid aid;
  // Each column's element (nullptr: not one of them).
  std::vector<const Element*> columns;
  std::set<std::string_view> seen;
  for (const std::string& header : rows[0]) {
    const Element* found = nullptr;
    for (const Element& e : Elements()) {
      for (std::string_view h : e.headers) {
        if (vi::TypedKey(h) == vi::TypedKey(header)) found = &e;
      }
    }
    if (found && !seen.insert(found->name).second) found = nullptr;  // a second such column
    if (!found && !Trim(header).empty()) aid.ignored_columns.push_back(header);
    columns.push_back(found);
  }
  for (std::string_view needed : {kCode, kTitle}) {
    if (!seen.count(needed)) {
      return InvalidArgument("the finding aid has no column \"" +
                             std::string(ElementNamed(needed)->label) +
                             "\"; its first row must name the columns (" +
                             std::string(ElementNamed(needed)->headers[0]) + ", …)");
    }
  }
  std::set<std::string> codes;
  for (size_t r = 1; r < rows.size(); ++r) {
    const int line = static_cast<int>(r) + 1;
    ArchivalFile file;
    std::vector<std::string> problems;
    bool any = false;
    for (size_t c = 0; c < rows[r].size() && c < columns.size(); ++c) {
      const std::string cell(Trim(vi::Nfc(rows[r][c])));
      if (cell.empty() || !columns[c]) continue;
      any = true;
      if (std::string problem = TakeCell(*columns[c], cell, file); !problem.empty())
        problems.push_back(problem);
    }
    if (!any) continue;  // an empty row
    const bool titled = !file.Value(kTitle).empty();
    if (file.code.empty() && titled && file.values.size() == 1) {
      ++aid.headings;  // "I. TỔ CHỨC, CÁN BỘ": a heading of the list, not a file
      continue;
    }
    if (file.code.empty()) problems.push_back("thiếu số và ký hiệu hồ sơ");
    if (!titled) problems.push_back("thiếu tiêu đề hồ sơ");
    if (file.Value(kRetention).empty()) problems.push_back("thiếu thời hạn bảo quản");
    if (!file.code.empty() && !codes.insert(file.code).second)
      problems.push_back("số và ký hiệu hồ sơ " + file.code + " đã có ở một dòng trước");
    if (!problems.empty()) {
      std::string message;
      for (const std::string& p : problems) message += (message.empty() ? "" : "; ") + p;
      aid.errors.push_back({line, message});
      continue;
    }
    // What TT 05 requires and the list does not say: Vietnamese, and a digitized paper file.
    file.values.try_emplace(std::string(kLanguage), "01");
    file.values.try_emplace(std::string(kReliability), "02");
    aid.files.push_back(std::move(file));
  }
  return aid;
}

}  // namespace luutru::hoso
