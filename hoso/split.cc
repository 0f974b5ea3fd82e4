#include "hoso/split.h"

#include <algorithm>
#include <map>
#include <set>

#include "core/fs_util.h"
#include "core/record_json.h"
#include "core/strings.h"
#include "extract/boundaries.h"
#include "hoso/refresh.h"
#include "hoso/store.h"
#include "index/writer.h"
#include "ingest/catalog.h"
#include "ingest/derived_files.h"
#include "ingest/record_fields.h"

namespace luutru::hoso {
namespace {

namespace fs = std::filesystem;

Status CheckStarts(const std::vector<int>& starts, const Scan& scan) {
  const int first = scan.pages.front().number, last = scan.pages.back().number;
  if (starts.empty() || starts.front() != first) {
    return InvalidArgument("the first document begins at page " + std::to_string(first) +
                           " of the scan; give it first (--at " + std::to_string(first) + ",…)");
  }
  for (size_t i = 1; i < starts.size(); ++i) {
    if (starts[i] <= starts[i - 1]) {
      return InvalidArgument("pages where documents begin must grow: " + std::to_string(starts[i]) +
                             " after " + std::to_string(starts[i - 1]));
    }
  }
  if (starts.back() > last) {
    return InvalidArgument("page " + std::to_string(starts.back()) + " is not in the scan (" +
                           std::to_string(last) + " pages)");
  }
  return Status::Ok();
}

std::vector<int> PageNumbers(const std::vector<PageText>& pages) {
  std::vector<int> numbers;
  for (const PageText& p : pages) numbers.push_back(p.number);
  return numbers;
}

// Page-NNNN.hocr and previews of pages a record no longer holds.
void RemoveViewsOfOtherPages(const ArchiveLayout& layout, const Record& record) {
  std::set<int> own;
  for (const PageText& p : record.pages) own.insert(p.number);
  std::error_code ec;
  const fs::path dir = layout.RecordDir(record.id);
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    const std::string name = it->path().filename().string();
    if (name.rfind("page-", 0) != 0 || name.size() < 9) continue;
    const int number = std::atoi(name.substr(5, 4).c_str());
    if (number > 0 && !own.count(number)) fs::remove(it->path(), ec);
  }
}

// The record ids of the new documents (their pages in `ranges`): the first, the original's;
// each later one, the id of the document of the scan now whose pages it holds most of (the
// one that began where it begins on a tie), each id taken once; else an id of its own.
std::vector<std::string> AssignIds(const Scan& scan, const std::vector<std::vector<int>>& ranges) {
  std::vector<std::string> ids(ranges.size());
  std::set<std::string> taken = {RecordIdFor(scan.sha256)};
  ids[0] = RecordIdFor(scan.sha256);
  for (size_t i = 1; i < ranges.size(); ++i) {
    const Record* best = nullptr;
    size_t best_overlap = 0;
    for (const Record& d : scan.documents) {
      if (taken.count(d.id)) continue;
      size_t overlap = 0;
      for (const PageText& p : d.pages)
        overlap += std::binary_search(ranges[i].begin(), ranges[i].end(), p.number);
      const bool same_start = !d.pages.empty() && d.pages.front().number == ranges[i].front();
      if (overlap > best_overlap || (overlap > 0 && overlap == best_overlap && same_start)) {
        best = &d;
        best_overlap = overlap;
      }
    }
    if (best) {
      ids[i] = best->id;
      taken.insert(best->id);
    }
  }
  // Ids of their own, never one a document of the scan holds now (its values are its own).
  for (const Record& d : scan.documents) taken.insert(d.id);
  for (size_t i = 1; i < ranges.size(); ++i) {
    if (!ids[i].empty()) continue;
    std::string id = PartRecordIdFor(scan.sha256, ranges[i].front());
    for (int k = 1; taken.count(id); ++k) id = PartRecordIdFor(scan.sha256, ranges[i].front(), k);
    ids[i] = id;
    taken.insert(id);
  }
  return ids;
}

}  // namespace

std::vector<int> Scan::Starts() const {
  std::vector<int> starts;
  for (const Record& d : documents) {
    if (!d.pages.empty()) starts.push_back(d.pages.front().number);
  }
  return starts;
}

Result<Scan> LoadScan(const ArchiveLayout& layout, const std::string& record_id) {
  Result<Record> named = LoadRecord(layout, record_id);
  if (!named.ok()) return named.status();
  Result<std::unique_ptr<ingest::Catalog>> catalog = ingest::Catalog::Open(layout.catalog());
  if (!catalog.ok()) return catalog.status();
  Result<std::vector<ingest::RecordEntry>> rows = (*catalog)->RecordsOf(named->sha256);
  if (!rows.ok()) return rows.status();
  Scan scan;
  scan.sha256 = named->sha256;
  // Pages by number: a split interrupted between its steps may have a page in two records.
  std::map<int, PageText> pages;
  for (const ingest::RecordEntry& row : *rows) {
    Result<Record> record = row.id == named->id ? named : LoadRecord(layout, row.id);
    if (!record.ok()) return record.status();
    for (const PageText& p : record->pages) pages.emplace(p.number, p);
    scan.documents.push_back(std::move(record).value());
  }
  if (scan.documents.empty()) scan.documents.push_back(*named);
  for (auto& [number, page] : pages) scan.pages.push_back(std::move(page));
  if (scan.pages.empty()) return NotFound("record " + record_id + " has no pages");
  return scan;
}

std::vector<int> FoundStarts(const Scan& scan) {
  std::vector<int> starts;
  for (size_t i : extract::DocumentStarts(scan.pages)) starts.push_back(scan.pages[i].number);
  return starts;
}

Result<SplitOutcome> SplitScan(const ArchiveLayout& layout, const std::string& record_id,
                               std::vector<int> starts, const SplitOptions& options) {
  Result<Scan> scan = LoadScan(layout, record_id);
  if (!scan.ok()) return scan.status();
  LUUTRU_RETURN_IF_ERROR(CheckStarts(starts, *scan));
  const Record& first = scan->documents.front();
  const int count = static_cast<int>(starts.size());

  // The index's write lock first: while another process writes, nothing changes.
  index::WriterOptions writer_options;
  writer_options.create = false;
  Result<std::unique_ptr<index::Writer>> writer =
      index::Writer::Open(layout.index(), writer_options);
  if (!writer.ok()) return writer.status();
  Result<std::unique_ptr<ingest::Catalog>> catalog = ingest::Catalog::Open(layout.catalog());
  if (!catalog.ok()) return catalog.status();
  Result<std::unique_ptr<Store>> store = Store::Open(layout.catalog());
  if (!store.ok()) return store.status();

  // Each new document takes the record of the document it holds most pages of (the first,
  // the original's own record), so that values set on it stay; the others get ids of their own.
  std::vector<std::vector<int>> ranges(static_cast<size_t>(count));
  for (const PageText& p : scan->pages) {
    const size_t n = static_cast<size_t>(std::upper_bound(starts.begin(), starts.end(), p.number) -
                                         starts.begin());
    ranges[n - 1].push_back(p.number);
  }
  for (size_t i = 0; i < ranges.size(); ++i) {
    if (ranges[i].empty())
      return InvalidArgument("the scan has no page " + std::to_string(starts[i]));
  }
  const std::vector<std::string> ids = AssignIds(*scan, ranges);
  std::map<std::string, const Record*> before;
  for (const Record& d : scan->documents) before[d.id] = &d;
  SplitOutcome outcome;
  std::vector<Record> documents;
  for (int n = 1; n <= count; ++n) {
    Record document;
    document.id = ids[static_cast<size_t>(n - 1)];
    document.source = first.source;
    document.sha256 = first.sha256;
    document.format = first.format;
    document.size = first.size;
    document.ingested_at = first.ingested_at;
    document.signatures = first.signatures;
    for (const PageText& p : scan->pages) {
      const std::vector<int>& own = ranges[static_cast<size_t>(n - 1)];
      if (std::binary_search(own.begin(), own.end(), p.number)) document.pages.push_back(p);
    }
    if (count > 1) {
      document.part = ScanPart{n, count, static_cast<int>(scan->pages.size()), options.checked};
    }
    auto was = before.find(document.id);
    document.hoso = was != before.end() ? was->second->hoso : first.hoso;
    const bool same_pages =
        was != before.end() && PageNumbers(was->second->pages) == PageNumbers(document.pages);
    if (same_pages) {
      document.metadata = was->second->metadata;
      document.evidence = was->second->evidence;
      document.stamps = was->second->stamps;
    } else {
      LUUTRU_RETURN_IF_ERROR(ingest::FillFields(document, **catalog));
      outcome.reread.push_back(document.id);
    }
    // A split a person checked stays checked when it is only made again.
    if (document.part && was != before.end() && was->second->part && !options.checked)
      document.part->checked = was->second->part->checked && same_pages;
    if (was == before.end() || !(RecordToJson(document) == RecordToJson(*was->second)))
      outcome.changed = true;
    outcome.documents.push_back(document.id);
    documents.push_back(std::move(document));
  }
  for (const Record& d : scan->documents) {
    if (std::find(outcome.documents.begin(), outcome.documents.end(), d.id) ==
        outcome.documents.end()) {
      outcome.removed.push_back(d.id);
      outcome.changed = true;
    }
  }
  if (!outcome.changed) return outcome;

  // The archival file's order, and each document's place in it.
  std::vector<std::string> ids_before;
  for (const Record& d : scan->documents) ids_before.push_back(d.id);
  Result<std::optional<std::string>> code = (*store)->FileOf(first.id);
  if (!code.ok()) return code.status();
  if (code->has_value()) {
    LUUTRU_RETURN_IF_ERROR((*store)->Replace(**code, ids_before, outcome.documents));
    Result<std::vector<FileDocument>> order = (*store)->Documents(**code);
    if (!order.ok()) return order.status();
    for (Record& d : documents) {
      if (!d.hoso) d.hoso = first.hoso;
      if (!d.hoso) d.hoso.emplace().code = **code;
      for (const FileDocument& f : *order) {
        if (f.record_id == d.id) d.hoso->ordinal = f.ordinal;
      }
    }
  }

  // The documents after the first are written before the catalog names them; the first, which
  // held every page until now, after: interrupted anywhere, the scan's pages are all still
  // found (LoadScan), and the same command finishes the split.
  ocr::SearchablePdfOptions pdf;
  pdf.glyphless_font = options.glyphless_font;
  auto write = [&](const Record& d) -> Status {
    LUUTRU_RETURN_IF_ERROR(WriteFileAtomically(layout.RecordJson(d.id), RecordToJson(d)));
    RemoveViewsOfOtherPages(layout, d);
    LUUTRU_RETURN_IF_ERROR(ingest::WriteHocrFiles(d, layout));
    if (!options.searchable_pdf) return Status::Ok();
    Status written = ingest::WriteSearchablePdf(d, layout, ingest::LoadOptions{}, pdf);
    // An original that cannot be made into one is noted beside the record, as at ingest.
    return written.code() == StatusCode::kCorrupt ? Status::Ok() : written;
  };
  for (size_t i = 1; i < documents.size(); ++i) LUUTRU_RETURN_IF_ERROR(write(documents[i]));
  LUUTRU_RETURN_IF_ERROR((*catalog)->Begin());
  for (size_t i = 0; i < documents.size(); ++i) {
    const Record& d = documents[i];
    Status put = (*catalog)->PutRecord({d.id, d.sha256, d.source, d.format,
                                        static_cast<int>(d.pages.size()), static_cast<int>(i + 1)});
    if (!put.ok()) {
      (void)(*catalog)->Rollback();
      return put;
    }
  }
  LUUTRU_RETURN_IF_ERROR((*catalog)->Commit());
  LUUTRU_RETURN_IF_ERROR(write(documents.front()));
  for (const Record& d : documents) LUUTRU_RETURN_IF_ERROR((*writer)->AddRecord(d));
  for (const std::string& id : outcome.removed) LUUTRU_RETURN_IF_ERROR((*writer)->RemoveRecord(id));
  LUUTRU_RETURN_IF_ERROR((*writer)->Commit());
  for (const std::string& id : outcome.removed) {
    LUUTRU_RETURN_IF_ERROR((*catalog)->ForgetRecord(id));
    std::error_code ec;
    fs::remove_all(layout.RecordDir(id), ec);
  }
  writer->reset();  // RefreshDocuments takes the index itself
  if (code->has_value()) {
    Result<int> refreshed = RefreshDocuments(layout, **store, {**code});
    if (!refreshed.ok()) return refreshed.status();
  }
  return outcome;
}

Result<std::vector<FoundSplit>> SplitWhereFound(const ArchiveLayout& layout,
                                                const std::vector<std::string>& record_ids,
                                                const SplitOptions& options) {
  std::vector<FoundSplit> split;
  for (const std::string& id : record_ids) {
    Result<Scan> scan = LoadScan(layout, id);
    if (!scan.ok()) return scan.status();
    if (scan->pages.size() < 2 || scan->documents.front().part) continue;
    std::vector<int> starts = FoundStarts(*scan);
    if (starts.size() < 2) continue;
    Result<SplitOutcome> outcome = SplitScan(layout, id, starts, options);
    if (!outcome.ok()) return outcome.status().WithContext(scan->documents.front().source);
    split.push_back({id, scan->documents.front().source, std::move(starts)});
  }
  return split;
}

nlohmann::ordered_json ScanReviewJson(const Scan& scan) {
  using Json = nlohmann::ordered_json;
  const Record& first = scan.documents.front();
  Json pages = Json::array();
  for (const PageText& page : scan.pages) {
    const extract::PageOpening opening = extract::OpeningOf(page);
    std::string first_line;
    for (size_t from = 0; from < page.text.size() && first_line.empty();) {
      const size_t end = std::min(page.text.find('\n', from), page.text.size());
      first_line = std::string(Trim(std::string_view(page.text).substr(from, end - from)));
      from = end + 1;
    }
    pages.push_back({{"n", page.number},
                     {"begins", opening.StartsDocument()},
                     {"motto", opening.motto},
                     {"number", opening.number},
                     {"date", opening.date},
                     {"ends", extract::EndsDocument(page)},
                     {"first_line", first_line}});
  }
  Json documents = Json::array();
  for (const Record& d : scan.documents) {
    if (d.pages.empty()) continue;
    documents.push_back({{"id", d.id},
                         {"first_page", d.pages.front().number},
                         {"last_page", d.pages.back().number},
                         {"doc_type", d.metadata.doc_type},
                         {"number", d.metadata.number},
                         {"date", d.metadata.date},
                         {"subject", d.metadata.subject},
                         {"hoso", d.hoso ? d.hoso->code : ""},
                         {"ordinal", d.hoso ? d.hoso->ordinal : 0}});
  }
  return Json{{"source", first.source},
              {"sha256", scan.sha256},
              {"pages_total", static_cast<int>(scan.pages.size())},
              {"checked", first.part && first.part->checked},
              {"starts", scan.Starts()},
              {"found", FoundStarts(scan)},
              {"pages", std::move(pages)},
              {"documents", std::move(documents)}};
}

std::string PagesText(const std::vector<int>& pages) {
  std::string text;
  for (int p : pages) text += (text.empty() ? "" : ", ") + std::to_string(p);
  return text;
}

Result<std::vector<int>> ParseStarts(const std::string& text) {
  std::vector<int> starts;
  size_t from = 0;
  while (from <= text.size()) {
    const size_t comma = std::min(text.find(',', from), text.size());
    const std::string number(Trim(std::string_view(text).substr(from, comma - from)));
    if (number.empty() || number.size() > 6 ||
        number.find_first_not_of("0123456789") != std::string::npos) {
      return InvalidArgument("'" + text +
                             "' is not a list of page numbers; write the pages where documents "
                             "begin as 1,4,7");
    }
    starts.push_back(std::stoi(number));
    from = comma + 1;
  }
  return starts;
}

}  // namespace luutru::hoso
