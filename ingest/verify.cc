#include "ingest/verify.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "core/fs_util.h"
#include "core/marks.h"
#include "core/record_json.h"
#include "index/inspect.h"
#include "index/layout.h"
#include "index/writer.h"
#include "ingest/catalog.h"
#include "ingest/derived_files.h"
#include "ingest/object_store.h"
#include "ingest/reindex.h"
#include "ocr/engine.h"

namespace luutru::ingest {
namespace {

namespace fs = std::filesystem;

// Names an interrupted write leaves behind: "<name>.tmp.<pid>" (WriteFileAtomically) and the
// object store's "tmp/object.<pid>.<n>".
bool IsLeftover(const fs::path& path) {
  return path.filename().string().find(".tmp.") != std::string::npos;
}

class Verifier {
 public:
  Verifier(const ArchiveLayout& layout, const VerifyOptions& options, Catalog& catalog)
      : layout_(layout), options_(options), catalog_(catalog) {}

  // Finds the problems. Call with the index's write lock held.
  Status Check(VerifyReport& report);
  // Repairs what Check found. Releases `lock` only to rebuild the index.
  Status Repair(std::unique_ptr<index::WriteLock>& lock);

 private:
  void Problem(std::string kind, std::string subject, std::string detail, bool harmless = false) {
    if (harmless) {
      spdlog::info("{}: {}: {}", kind, subject, detail);
    } else {
      spdlog::warn("{}: {}: {}", kind, subject, detail);
    }
    report_->problems.push_back(
        {std::move(kind), std::move(subject), std::move(detail), false, harmless});
  }
  void CheckOriginals(const std::vector<RecordEntry>& records);
  // Loads each record.json; the records that could be read.
  std::map<std::string, Record> CheckRecords(const std::vector<RecordEntry>& records);
  void CheckFiles(const std::vector<RecordEntry>& records);
  // True when the index needs rebuilding.
  bool CheckIndex(const std::map<std::string, Record>& readable, size_t catalog_records);
  void CheckDerivedViews(const std::map<std::string, Record>& readable);
  void CheckLeftovers();

  const ArchiveLayout& layout_;
  const VerifyOptions& options_;
  Catalog& catalog_;
  VerifyReport* report_ = nullptr;
  std::set<std::string> forget_;            // records whose record.json is lost
  std::set<std::string> unreadable_;        // records whose record.json cannot be read now
  std::set<std::string> views_to_rebuild_;  // records missing hOCR or searchable PDF
  std::vector<fs::path> leftovers_;
  std::map<std::string, Record> readable_;
  bool rebuild_index_ = false;
};

void Verifier::CheckOriginals(const std::vector<RecordEntry>& records) {
  std::set<std::string> checked;  // a scan split into documents is one original
  for (const RecordEntry& r : records) {
    if (!checked.insert(r.sha256).second) continue;
    const fs::path original = layout_.ObjectPath(r.sha256);
    std::error_code ec;
    if (!fs::is_regular_file(original, ec)) {
      Problem("original-missing", r.id,
              original.string() + " is gone (source: " + r.source + "); restore it from a backup");
      continue;
    }
    if (!options_.rehash) continue;
    ++report_->originals;
    Result<std::string> sha = Sha256OfFile(original);
    if (!sha.ok()) {
      Problem("original-unreadable", r.id, sha.status().ToString());
    } else if (*sha != r.sha256) {
      Problem("original-damaged", r.id,
              original.string() + " no longer has its SHA-256 (now " + *sha +
                  "; source: " + r.source + "); restore it from a backup");
    }
  }
}

std::map<std::string, Record> Verifier::CheckRecords(const std::vector<RecordEntry>& records) {
  std::map<std::string, Record> readable;
  for (const RecordEntry& r : records) {
    Result<std::string> json = ReadFile(layout_.RecordJson(r.id));
    if (!json.ok() && json.status().code() != StatusCode::kNotFound) {
      // There but unreadable now (permissions, a disk error): forgetting an intact record for
      // that would throw away its reading. Nothing is repaired; the cause is the operator's.
      Problem("record-unreadable", r.id,
              "record.json cannot be read (" + json.status().ToString() +
                  "); check the archive's permissions and disk, then run verify again");
      unreadable_.insert(r.id);
      continue;
    }
    Result<Record> record = json.ok() ? RecordFromJson(*json) : Result<Record>(json.status());
    if (!record.ok()) {
      Problem("record-missing", r.id,
              "record.json cannot be read (" + record.status().ToString() +
                  "); repair forgets the record so that ingesting " + r.source +
                  " again (or its original " + layout_.ObjectPath(r.sha256).string() +
                  ") reads it anew");
      forget_.insert(r.id);
    } else if (record->sha256 != r.sha256 || static_cast<int>(record->pages.size()) != r.pages) {
      Problem("record-mismatch", r.id,
              "record.json does not describe the catalog's original (" +
                  std::to_string(record->pages.size()) + " pages, catalog " +
                  std::to_string(r.pages) + "); repair forgets it so it is read again");
      forget_.insert(r.id);
    } else {
      readable.emplace(r.id, std::move(*record));
    }
  }
  return readable;
}

void Verifier::CheckFiles(const std::vector<RecordEntry>& records) {
  std::set<std::string> ids;
  for (const RecordEntry& r : records) ids.insert(r.id);
  Result<std::vector<FileEntry>> files = catalog_.ListFiles(FileState::kDone);
  if (!files.ok()) {
    Problem("catalog-unreadable", layout_.catalog().string(), files.status().ToString());
    return;
  }
  for (const FileEntry& f : *files) {
    if (!ids.count(f.record_id)) {
      Problem("file-without-record", f.key,
              "marked done as record " + f.record_id +
                  ", which the catalog does not hold; ingest it again");
    }
  }
}

bool Verifier::CheckIndex(const std::map<std::string, Record>& readable, size_t catalog_records) {
  std::error_code ec;
  if (!fs::exists(layout_.index(), ec)) {
    if (catalog_records == 0) return false;
    Problem("index-missing", layout_.index().string(),
            "the index is gone; repair rebuilds it from records/");
    return true;
  }
  bool rebuild = false;
  Result<std::string> tables = index::CheckIndexTables(layout_.index());
  if (!tables.ok() || !tables->empty()) {
    Problem("index-damaged", layout_.index().string(),
            (tables.ok() ? *tables : tables.status().ToString()) +
                "; repair rebuilds it from records/");
    return true;
  }
  Result<std::map<std::string, index::IndexedRecord>> indexed =
      index::IndexedRecords(layout_.index());
  if (!indexed.ok()) {
    Problem("index-damaged", layout_.index().string(), indexed.status().ToString());
    return true;
  }
  report_->indexed_records = static_cast<int>(indexed->size());
  for (const auto& [id, record] : readable) {
    auto it = indexed->find(id);
    if (it == indexed->end()) {
      Problem("not-indexed", id, "the record is not searchable; repair rebuilds the index");
      rebuild = true;
      continue;
    }
    const index::IndexedRecord& in_index = it->second;
    if (in_index.pages != static_cast<int>(record.pages.size())) {
      Problem("index-pages-differ", id,
              std::to_string(in_index.pages) + " pages indexed of " +
                  std::to_string(record.pages.size()) + "; repair rebuilds the index");
      rebuild = true;
    }
    // The mark decides who finds the record: the index must hold it under record.json's.
    const Secrecy marked = AccessSecrecy(record);
    if (in_index.secrecy != marked || in_index.copies > 1) {
      Problem("index-mark-differs", id,
              "record.json marks it '" + record.metadata.confidentiality +
                  "', the index holds it as " + std::string(MarkOf(in_index.secrecy).key) +
                  (in_index.copies > 1 ? " (and under another mark too)" : "") +
                  "; repair rebuilds the index");
      rebuild = true;
    }
  }
  for (const auto& [id, in_index] : *indexed) {
    if (!readable.count(id) && !forget_.count(id) && !unreadable_.count(id)) {
      Problem("index-orphan", id,
              "indexed but not in the catalog (an interrupted run); repair rebuilds the index");
      rebuild = true;
    }
  }
  return rebuild || !forget_.empty();
}

void Verifier::CheckDerivedViews(const std::map<std::string, Record>& readable) {
  for (const auto& [id, record] : readable) {
    std::error_code ec;
    bool missing = !fs::exists(layout_.SearchablePdf(id), ec) &&
                   !fs::exists(layout_.SearchablePdfUnavailable(id), ec);
    for (const PageText& page : record.pages) {
      missing = missing || (page.method == TextMethod::kOcr &&
                            !fs::exists(layout_.HocrPage(id, page.number), ec));
    }
    if (missing) {
      Problem("view-missing", id,
              "its searchable PDF or an hOCR page is missing; repair writes them again");
      views_to_rebuild_.insert(id);
    }
  }
}

void Verifier::CheckLeftovers() {
  std::error_code ec;
  for (const fs::path& dir : {layout_.tmp(), layout_.records()}) {
    if (!fs::exists(dir, ec)) continue;
    for (auto it = fs::recursive_directory_iterator(dir, ec);
         !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (it->is_regular_file(ec) && (dir == layout_.tmp() || IsLeftover(it->path())))
        leftovers_.push_back(it->path());
    }
  }
  // Folders of the index layouts before generations, and what a crashed rebuild left.
  for (const fs::path& old : layout_.OldIndexFolders()) {
    if (fs::exists(old, ec)) leftovers_.push_back(old);
  }
  if (fs::exists(layout_.index(), ec)) {
    for (const fs::path& p : index::UnnamedEntries(layout_.index())) leftovers_.push_back(p);
  }
  for (const fs::path& p : leftovers_) {
    Problem("leftover", p.string(), "left by an interrupted run; harmless, repair removes it",
            true);
  }
}

Status Verifier::Repair(std::unique_ptr<index::WriteLock>& lock) {
  auto mark = [&](const std::string& kind, const std::string& subject) {
    for (VerifyProblem& p : report_->problems) {
      if (p.subject == subject && (kind.empty() || p.kind == kind)) p.repaired = true;
    }
  };
  std::error_code ec;
  for (const fs::path& p : leftovers_) {
    fs::remove_all(p, ec);
    if (!ec) mark("leftover", p.string());
  }
  for (const std::string& id : forget_) {
    LUUTRU_RETURN_IF_ERROR(catalog_.ForgetRecord(id));
    mark("", id);
  }
  ocr::SearchablePdfOptions pdf;
  pdf.glyphless_font = fs::path(ocr::EffectiveTessdataDir(ocr::OcrOptions{})) / "pdf.ttf";
  for (const std::string& id : views_to_rebuild_) {
    const Record& record = readable_.at(id);
    Status s = WriteHocrFiles(record, layout_);
    if (s.ok()) s = WriteSearchablePdf(record, layout_, LoadOptions{}, pdf);
    // An original that cannot be made into a searchable PDF is noted beside its record.
    if (s.ok() || s.code() == StatusCode::kCorrupt) {
      mark("view-missing", id);
    } else {
      spdlog::warn("{}: views not rebuilt: {}", id, s.ToString());
    }
  }
  if (rebuild_index_) {
    lock.reset();  // the rebuild takes it itself
    ReindexOptions reindex;
    reindex.reextract = false;  // the index only: fields stay as read and corrected
    Result<ReindexReport> rebuilt = Reindex(layout_, reindex);
    if (!rebuilt.ok()) return rebuilt.status().WithContext("rebuilding the index");
    for (VerifyProblem& p : report_->problems) {
      if (p.kind.rfind("index", 0) == 0 || p.kind == "not-indexed") p.repaired = true;
    }
  }
  return Status::Ok();
}

Status Verifier::Check(VerifyReport& report) {
  report_ = &report;
  Result<std::vector<RecordEntry>> records = catalog_.ListRecords();
  if (!records.ok()) return records.status();
  report.records = static_cast<int>(records->size());
  spdlog::info("verifying {} records{}", records->size(),
               options_.rehash ? " (hashing every original)" : "");
  CheckOriginals(*records);
  readable_ = CheckRecords(*records);
  CheckFiles(*records);
  CheckDerivedViews(readable_);
  CheckLeftovers();
  rebuild_index_ = CheckIndex(readable_, records->size());
  return Status::Ok();
}

}  // namespace

int VerifyReport::unrepaired() const {
  int n = 0;
  for (const VerifyProblem& p : problems) n += !p.repaired && !p.harmless;
  return n;
}

bool VerifyReport::clean() const {
  return std::all_of(problems.begin(), problems.end(),
                     [](const VerifyProblem& p) { return p.harmless; });
}

Result<VerifyReport> VerifyArchive(const ArchiveLayout& layout, const VerifyOptions& options) {
  std::error_code ec;
  if (!fs::exists(layout.catalog(), ec)) {
    return NotFound("no archive at " + layout.root().string() +
                    " (no catalog.sqlite); give --archive DIR");
  }
  // Holding the index's write lock keeps ingest out while the archive is compared with itself.
  std::unique_ptr<index::WriteLock> lock;
  if (fs::exists(layout.index(), ec)) {
    Result<std::unique_ptr<index::WriteLock>> writer = index::WriteLock::Acquire(layout.index());
    if (!writer.ok()) return writer.status();
    lock = std::move(writer).value();
  }
  Result<std::unique_ptr<Catalog>> catalog = Catalog::Open(layout.catalog());
  if (!catalog.ok()) return catalog.status();
  VerifyReport report;
  Verifier verifier(layout, options, **catalog);
  LUUTRU_RETURN_IF_ERROR(verifier.Check(report));
  if (options.repair) LUUTRU_RETURN_IF_ERROR(verifier.Repair(lock));
  return report;
}

std::string VerifyReportToJson(const VerifyReport& report) {
  nlohmann::ordered_json j;
  j["originals_hashed"] = report.originals;
  j["records"] = report.records;
  j["indexed_records"] = report.indexed_records;
  j["clean"] = report.clean();
  j["unrepaired"] = report.unrepaired();
  j["problems"] = nlohmann::json::array();
  for (const VerifyProblem& p : report.problems) {
    j["problems"].push_back({{"kind", p.kind},
                             {"subject", p.subject},
                             {"detail", p.detail},
                             {"repaired", p.repaired},
                             {"harmless", p.harmless}});
  }
  return j.dump(1);
}

}  // namespace luutru::ingest
