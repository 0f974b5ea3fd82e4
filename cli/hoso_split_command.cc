// `luutru hoso split`: how a scan holding several documents was split, page by page, for the
// archivist to check; and the split moved where they say (docs/hoso.md).
#include "cli/hoso_split_command.h"

#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "cli/app.h"
#include "core/dates.h"
#include "hoso/split.h"
#include "hoso/store.h"
#include "ingest/catalog.h"
#include "ingest/record_fields.h"
#include "ocr/engine.h"

namespace luutru::cli {
namespace {

using Json = nlohmann::ordered_json;

// The records to review: the one named, or one of each scan of several pages of the file named.
Result<std::vector<std::string>> ScansNamed(const ArchiveLayout& layout,
                                            const std::string& target) {
  Result<std::unique_ptr<hoso::Store>> store = hoso::Store::Open(layout.catalog());
  if (!store.ok()) return store.status();
  Result<std::optional<hoso::ArchivalFile>> file = (*store)->Find(target);
  if (!file.ok()) return file.status();
  Result<std::unique_ptr<ingest::Catalog>> catalog = ingest::Catalog::Open(layout.catalog());
  if (!catalog.ok()) return catalog.status();
  if (!file->has_value()) {
    Result<std::string> id = ingest::ResolveRecordId(**catalog, target);
    if (!id.ok() && id.status().code() == StatusCode::kNotFound) {
      return NotFound("no record and no archival file " + target +
                      " in this archive; give a record id (luutru search, hoso show) or a "
                      "file's code (luutru hoso list)");
    }
    if (!id.ok()) return id.status();
    return std::vector<std::string>{*id};
  }
  Result<std::vector<hoso::FileDocument>> documents = (*store)->Documents(target);
  if (!documents.ok()) return documents.status();
  Result<std::vector<ingest::RecordEntry>> records = (*catalog)->ListRecords();
  if (!records.ok()) return records.status();
  std::map<std::string, const ingest::RecordEntry*> by_id;
  for (const ingest::RecordEntry& r : *records) by_id[r.id] = &r;
  std::vector<std::string> scans;
  std::set<std::string> seen;  // originals
  for (const hoso::FileDocument& d : *documents) {
    auto r = by_id.find(d.record_id);
    if (r == by_id.end() || !seen.insert(r->second->sha256).second) continue;
    Result<std::vector<ingest::RecordEntry>> parts = (*catalog)->RecordsOf(r->second->sha256);
    if (!parts.ok()) return parts.status();
    int pages = 0;
    for (const ingest::RecordEntry& p : *parts) pages += p.pages;
    if (pages > 1) scans.push_back(d.record_id);
  }
  return scans;
}

// `text` followed by spaces to `width` letters (not bytes: the text is Vietnamese).
std::string Padded(const std::string& text, size_t width) {
  size_t letters = 0;
  for (unsigned char c : text) letters += (c & 0xC0) != 0x80;
  return text + std::string(letters < width ? width - letters : 1, ' ');
}

// What the first lines of a page hold of a document's header: "quốc hiệu, số, ngày".
std::string HeaderParts(const Json& page) {
  std::string parts;
  for (const auto& [key, name] :
       {std::pair{"motto", "quốc hiệu"}, {"number", "số"}, {"date", "ngày"}}) {
    if (page[key].get<bool>()) parts += (parts.empty() ? "" : ", ") + std::string(name);
  }
  return parts.empty() ? "—" : parts;
}

// The review as an archivist reads it.
void PrintReview(const Json& review) {
  const std::vector<int> starts = review["starts"], found = review["found"];
  std::cout << "Bản quét " << review["source"].get<std::string>() << " ("
            << review["pages_total"].get<int>() << " trang): " << starts.size() << " văn bản, "
            << (review["checked"].get<bool>() ? "đã kiểm tra" : "luutru tự tách, chưa kiểm tra")
            << "\n";
  if (found != starts)
    std::cout << "  luutru thấy đầu văn bản ở trang " << hoso::PagesText(found) << "\n";
  std::cout << "    Trang  " << Padded("Đầu văn bản", 21) << Padded("Nơi nhận", 10) << "Dòng đầu\n";
  for (const Json& page : review["pages"]) {
    const int n = page["n"];
    const bool starts_here = std::find(starts.begin(), starts.end(), n) != starts.end();
    std::string first_line = page["first_line"];
    if (first_line.size() > 60) first_line = first_line.substr(0, 57) + "...";
    std::cout << (starts_here ? "  ▶ " : "    ") << Padded(std::to_string(n), 7)
              << Padded(HeaderParts(page), 21) << Padded(page["ends"].get<bool>() ? "có" : "", 10)
              << first_line << "\n";
  }
  int i = 0;
  for (const Json& d : review["documents"]) {
    const int first = d["first_page"], last = d["last_page"];
    std::cout << "  " << ++i << ". trang " << first
              << (last > first ? "–" + std::to_string(last) : "") << "  "
              << d["doc_type"].get<std::string>() << " " << d["number"].get<std::string>() << " · "
              << WrittenDate(d["date"].get<std::string>()) << "  ["
              << d["id"].get<std::string>().substr(0, 8) << "]\n";
    if (!d["subject"].get<std::string>().empty())
      std::cout << "     " << d["subject"].get<std::string>() << "\n";
  }
  std::string at;
  for (int n : starts) at += (at.empty() ? "" : ",") + std::to_string(n);
  const std::string id = review["documents"][0]["id"];
  std::cout << "  Sửa: luutru hoso split " << id.substr(0, 8) << " --at " << at
            << "  (các trang bắt đầu văn bản)\n";
}

}  // namespace

int RunHosoSplit(const HosoSplitFlags& flags) {
  const ArchiveLayout layout(flags.archive);
  if (Status s = RequireArchive(layout); !s.ok()) return Fail(s);
  Result<std::vector<std::string>> scans = ScansNamed(layout, flags.target);
  if (!scans.ok()) return Fail(scans.status());
  if (!flags.at.empty()) {
    Result<std::vector<int>> starts = hoso::ParseStarts(flags.at);
    if (!starts.ok()) return Fail(starts.status());
    if (scans->size() != 1) {
      return Fail(
          InvalidArgument("--at moves the split of one scan: give one of its records, "
                          "not the file " +
                          flags.target));
    }
    hoso::SplitOptions options;
    options.checked = true;
    options.glyphless_font =
        std::filesystem::path(ocr::EffectiveTessdataDir(ocr::OcrOptions{})) / "pdf.ttf";
    Result<hoso::SplitOutcome> outcome =
        hoso::SplitScan(layout, scans->front(), *std::move(starts), options);
    if (!outcome.ok()) return Fail(outcome.status());
    std::cerr << (outcome->changed ? "Đã tách lại: " : "Không thay đổi: ")
              << outcome->documents.size() << " văn bản";
    if (!outcome->reread.empty())
      std::cerr << "; đọc lại trường của " << outcome->reread.size() << " văn bản";
    if (!outcome->removed.empty())
      std::cerr << "; " << outcome->removed.size()
                << " văn bản nhập vào văn bản trước (giá trị đã sửa tay của chúng vẫn giữ)";
    std::cerr << "\n";
    scans->front() = outcome->documents.front();  // the record named may be joined to another
  }
  Json all = Json::array();
  for (const std::string& id : *scans) {
    Result<hoso::Scan> scan = hoso::LoadScan(layout, id);
    if (!scan.ok()) return Fail(scan.status());
    all.push_back(hoso::ScanReviewJson(*scan));
  }
  if (flags.json) {
    std::cout << all.dump(1) << "\n";
    return kExitOk;
  }
  if (all.empty()) std::cout << "Hồ sơ " << flags.target << " không có bản quét nhiều trang\n";
  for (const Json& review : all) PrintReview(review);
  return kExitOk;
}

}  // namespace luutru::cli
