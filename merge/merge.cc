#include "merge/merge.h"

#include <algorithm>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>

#include "core/archive_layout.h"
#include "core/fs_util.h"
#include "hoso/attach.h"
#include "hoso/refresh.h"
#include "hoso/store.h"
#include "index/merge.h"
#include "ingest/catalog.h"
#include "ingest/object_store.h"

namespace luutru::merge {
namespace {

namespace fs = std::filesystem;
using ingest::Catalog;
using ingest::FileEntry;
using ingest::FileState;
using ingest::RecordEntry;

Status PartDamaged(const ArchiveLayout& part, const std::string& what) {
  return Corrupt("the part " + part.root().string() + " " + what +
                 "; check it with luutru verify --archive " + part.root().string() +
                 " (or ingest that part again)");
}

// What one part holds: its catalog's records and files.
struct Part {
  ArchiveLayout layout;
  std::unique_ptr<Catalog> catalog;
  std::vector<RecordEntry> records;
  std::vector<FileEntry> files;
};

Result<Part> OpenPart(const fs::path& root, const fs::path& main) {
  std::error_code ec;
  ArchiveLayout layout(root);
  if (!fs::exists(layout.catalog(), ec)) {
    return InvalidArgument(root.string() +
                           " is not an archive (no catalog.sqlite); give the --archive folders "
                           "the parts were ingested into");
  }
  if (fs::equivalent(root, main, ec)) {
    return InvalidArgument(root.string() + " is the archive merged into; give the parts only");
  }
  Result<std::unique_ptr<Catalog>> catalog = Catalog::Open(layout.catalog());
  if (!catalog.ok()) return catalog.status();
  Part part{layout, std::move(*catalog), {}, {}};
  Result<std::vector<RecordEntry>> records = part.catalog->ListRecords();
  if (!records.ok()) return records.status();
  part.records = std::move(*records);
  for (FileState state : {FileState::kDone, FileState::kFailed}) {
    Result<std::vector<FileEntry>> files = part.catalog->ListFiles(state);
    if (!files.ok()) return files.status();
    std::move(files->begin(), files->end(), std::back_inserter(part.files));
  }
  return part;
}

// The original of each record, copied by content and checked against its name.
Result<int> CopyOriginals(const Part& part, const ArchiveLayout& main) {
  ingest::ObjectStore store(main);
  std::set<std::string> done;
  int added = 0;
  for (const RecordEntry& record : part.records) {
    if (!done.insert(record.sha256).second) continue;
    std::error_code ec;
    if (fs::exists(main.ObjectPath(record.sha256), ec)) continue;
    const fs::path from = part.layout.ObjectPath(record.sha256);
    if (!fs::exists(from, ec)) return PartDamaged(part.layout, "has lost " + from.string());
    Result<ingest::StoredObject> stored = store.Put(from);
    if (!stored.ok()) return stored.status();
    if (stored->sha256 != record.sha256) {
      return PartDamaged(part.layout, "holds " + from.string() + " whose bytes are not its name");
    }
    ++added;
  }
  return added;
}

// A record's folder (record.json, searchable PDF, hOCR, previews), linked when the part is on
// the same disk (its files are only ever replaced, never written in place), else copied; put
// in place in one rename.
Status CopyRecordFolder(const ArchiveLayout& part, const ArchiveLayout& main,
                        const std::string& id) {
  std::error_code ec;
  if (fs::exists(main.RecordJson(id), ec)) return Status::Ok();
  if (!fs::exists(part.RecordJson(id), ec))
    return PartDamaged(part, "has lost the record " + part.RecordDir(id).string());
  const fs::path staged = main.tmp() / ("merge-" + id);
  fs::remove_all(staged, ec);
  fs::create_directories(main.tmp(), ec);
  fs::copy(part.RecordDir(id), staged,
           fs::copy_options::recursive | fs::copy_options::create_hard_links, ec);
  if (ec) {
    fs::remove_all(staged, ec);
    fs::copy(part.RecordDir(id), staged, fs::copy_options::recursive, ec);
    if (ec) return WriteError("cannot copy " + part.RecordDir(id).string(), ec.value());
  }
  LUUTRU_RETURN_IF_ERROR(SyncTree(staged));
  fs::create_directories(main.records(), ec);
  fs::remove_all(main.RecordDir(id), ec);  // a folder without record.json: a lost record's
  fs::rename(staged, main.RecordDir(id), ec);
  if (ec) return WriteError("cannot put " + main.RecordDir(id).string() + " in place", ec.value());
  return SyncDirectory(main.records());
}

// The part's catalog rows the archive lacks, in one transaction: records, source files and the
// corrections people made to those records.
Status MergeCatalogRows(const Part& part, Catalog& main, MergeReport& report) {
  Result<std::vector<RecordEntry>> held = main.ListRecords();
  if (!held.ok()) return held.status();
  std::set<std::string> ids;
  for (const RecordEntry& r : *held) ids.insert(r.id);
  LUUTRU_RETURN_IF_ERROR(main.Begin());
  auto rows = [&]() -> Status {
    for (const RecordEntry& record : part.records) {
      if (ids.contains(record.id)) continue;
      LUUTRU_RETURN_IF_ERROR(main.PutRecord(record));
      Result<std::map<std::string, std::string>> corrected = part.catalog->Corrections(record.id);
      if (!corrected.ok()) return corrected.status();
      for (const auto& [field, value] : *corrected)
        LUUTRU_RETURN_IF_ERROR(main.PutCorrection(record.id, field, value));
    }
    for (const FileEntry& file : part.files) {
      Result<std::optional<FileEntry>> known = main.FindFile(file.key);
      if (!known.ok()) return known.status();
      if (known->has_value()) continue;
      LUUTRU_RETURN_IF_ERROR(main.PutFile(file));
      ++report.files_added;
    }
    return Status::Ok();
  }();
  if (!rows.ok()) {
    (void)main.Rollback();
    return rows;
  }
  return main.Commit();
}

// The parts' archival files the archive lacks, and their documents after the archive's own, in
// the order one ingest of every part's files would have given them (by file name, a split
// scan's documents in order). Returns the files whose documents changed.
Result<std::vector<std::string>> MergeArchivalFiles(const std::vector<Part>& parts,
                                                    hoso::Store& main, MergeReport& report) {
  struct Added {
    hoso::FileDocument document;
    RecordEntry record;
  };
  std::map<std::string, std::vector<Added>> added;  // file code -> documents from the parts
  std::map<std::string, std::set<std::string>> there;
  for (const Part& part : parts) {
    Result<std::unique_ptr<hoso::Store>> from = hoso::Store::Open(part.layout.catalog());
    if (!from.ok()) return from.status();
    Result<std::vector<hoso::ArchivalFile>> files = (*from)->List();
    if (!files.ok()) return files.status();
    std::map<std::string, const RecordEntry*> records;
    for (const RecordEntry& r : part.records) records[r.id] = &r;
    for (const hoso::ArchivalFile& file : *files) {
      Result<std::optional<hoso::ArchivalFile>> held = main.Find(file.code);
      if (!held.ok()) return held.status();
      if (!held->has_value()) {
        LUUTRU_RETURN_IF_ERROR(main.PutFiles({file}));
        ++report.archival_files_added;
      } else if ((*held)->values != file.values) {
        report.conflicts.push_back("hồ sơ " + file.code + ": " + part.layout.root().string() +
                                   " mô tả khác; giữ mô tả của kho");
      }
      if (!there.contains(file.code)) {
        Result<std::vector<hoso::FileDocument>> placed = main.Documents(file.code);
        if (!placed.ok()) return placed.status();
        for (const hoso::FileDocument& d : *placed) there[file.code].insert(d.record_id);
      }
      Result<std::vector<hoso::FileDocument>> documents = (*from)->Documents(file.code);
      if (!documents.ok()) return documents.status();
      for (hoso::FileDocument& d : *documents) {
        auto record = records.find(d.record_id);
        if (record == records.end() || !there[file.code].insert(d.record_id).second) continue;
        added[file.code].push_back({std::move(d), *record->second});
      }
    }
  }
  std::vector<std::string> changed;
  for (auto& [code, documents] : added) {
    if (documents.empty()) continue;
    std::stable_sort(documents.begin(), documents.end(), [](const Added& a, const Added& b) {
      if (a.record.source != b.record.source)
        return hoso::NaturalLess(a.record.source, b.record.source);
      return a.record.part < b.record.part;
    });
    std::vector<std::string> ids;
    for (const Added& d : documents) ids.push_back(d.document.record_id);
    LUUTRU_RETURN_IF_ERROR(main.Append(code, ids));
    for (const Added& d : documents) {
      if (!d.document.values.empty()) {
        LUUTRU_RETURN_IF_ERROR(
            main.PutDocumentValues(code, d.document.record_id, d.document.values));
      }
    }
    report.documents_attached += static_cast<int>(documents.size());
    changed.push_back(code);
  }
  return changed;
}

}  // namespace

Result<MergeReport> MergeArchives(const std::vector<fs::path>& part_roots, const fs::path& root,
                                  const MergeOptions& options) {
  auto step = [&](const std::string& line) {
    if (options.on_step) options.on_step(line);
  };
  const ArchiveLayout main(root);
  std::error_code ec;
  fs::create_directories(root, ec);
  if (ec) return IoError("cannot create the archive " + root.string() + ": " + ec.message());
  std::vector<Part> parts;
  for (const fs::path& part_root : part_roots) {
    Result<Part> part = OpenPart(part_root, root);
    if (!part.ok()) return part.status();
    parts.push_back(std::move(*part));
  }
  Result<std::unique_ptr<Catalog>> catalog = Catalog::Open(main.catalog());
  if (!catalog.ok()) return catalog.status();

  MergeReport report;
  report.parts = static_cast<int>(parts.size());
  std::vector<index::IndexPart> index_parts;
  for (size_t i = 0; i < parts.size(); ++i) {
    const Part& part = parts[i];
    step("phần " + std::to_string(i + 1) + "/" + std::to_string(parts.size()) + " (" +
         part.layout.root().string() + "): " + std::to_string(part.records.size()) +
         " văn bản: chép bản gốc và thư mục văn bản");
    Result<int> originals = CopyOriginals(part, main);
    if (!originals.ok()) return originals.status();
    report.originals_added += *originals;
    index::IndexPart index_part{part.layout.index(), {}};
    for (const RecordEntry& record : part.records) {
      LUUTRU_RETURN_IF_ERROR(CopyRecordFolder(part.layout, main, record.id));
      index_part.records.insert(record.id);
    }
    index_parts.push_back(std::move(index_part));
  }

  step("gộp chỉ mục (xapian compact)");
  Result<index::IndexMergeResult> indexed =
      index::MergeIndexes(main.index(), index_parts, main.tmp() / "merge-index");
  if (!indexed.ok()) return indexed.status();
  report.records_added = indexed->added;
  report.records_present = indexed->present;

  step("gộp danh mục và hồ sơ");
  Result<std::unique_ptr<hoso::Store>> store = hoso::Store::Open(main.catalog());
  if (!store.ok()) return store.status();
  for (const Part& part : parts) LUUTRU_RETURN_IF_ERROR(MergeCatalogRows(part, **catalog, report));
  Result<std::vector<std::string>> changed_files = MergeArchivalFiles(parts, **store, report);
  if (!changed_files.ok()) return changed_files.status();
  if (!changed_files->empty()) {
    // The documents' place in their files, in record.json and the index, as the archive has it.
    Result<int> refreshed = hoso::RefreshDocuments(main, **store, *changed_files);
    if (!refreshed.ok()) return refreshed.status();
  }
  if (report.changed()) {
    Result<long long> run = (*catalog)->StartRun("merge");
    if (!run.ok()) return run.status();
    LUUTRU_RETURN_IF_ERROR((*catalog)->FinishRun(*run, MergeReportToJson(report)));
  }
  return report;
}

std::string MergeReportToJson(const MergeReport& report) {
  nlohmann::ordered_json out{{"parts", report.parts},
                             {"records_added", report.records_added},
                             {"records_present", report.records_present},
                             {"originals_added", report.originals_added},
                             {"files_added", report.files_added},
                             {"archival_files_added", report.archival_files_added},
                             {"documents_attached", report.documents_attached},
                             {"conflicts", report.conflicts}};
  return out.dump();
}

}  // namespace luutru::merge
