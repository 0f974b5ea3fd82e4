#include "ingest/reindex.h"

#include <spdlog/spdlog.h>

#include "core/fs_util.h"
#include "core/marks.h"
#include "core/record_json.h"
#include "index/inspect.h"
#include "index/layout.h"
#include "index/merge.h"
#include "index/writer.h"
#include "ingest/catalog.h"
#include "ingest/record_fields.h"

namespace luutru::ingest {
namespace {

constexpr int kRecordsPerCommit = 500;

bool SameFields(const Record& a, const Record& b) {
  return a.metadata == b.metadata && a.evidence == b.evidence;
}

}  // namespace

Result<ReindexReport> Reindex(const ArchiveLayout& layout, const ReindexOptions& options) {
  namespace fs = std::filesystem;
  std::error_code missing;
  if (!fs::exists(layout.catalog(), missing)) {
    if (missing)
      return IoError("cannot read the archive " + layout.root().string() + ": " +
                     missing.message());
    return NotFound("no archive at " + layout.root().string() + "; ingest files first");
  }
  // Holding the live index's write lock keeps ingest out until the switch.
  Result<std::unique_ptr<index::WriteLock>> live = index::WriteLock::Acquire(layout.index());
  if (!live.ok()) return live.status();
  Result<std::unique_ptr<Catalog>> catalog = Catalog::Open(layout.catalog());
  if (!catalog.ok()) return catalog.status();
  Result<std::vector<RecordEntry>> records = (*catalog)->ListRecords();
  if (!records.ok()) return records.status();

  // The marks the live index holds: a rebuild never lowers one.
  std::map<std::string, index::IndexedRecord> live_marks;
  int generation = 1;
  index::WriterOptions writer_options;
  writer_options.sync_commits = false;  // built unsynced (much faster), put on disk whole by Finish
  if (index::DetectLayout(layout.index()) == index::IndexLayout::kMarkShards) {
    Result<index::IndexDatabases> named = index::ReadIndexDatabases(layout.index());
    if (named.ok()) {
      generation = named->generation + 1;
      writer_options.shards = named->shards;
    }
    Result<std::map<std::string, index::IndexedRecord>> indexed =
        index::IndexedRecords(layout.index());
    if (indexed.ok()) {
      live_marks = std::move(indexed).value();
    } else {
      spdlog::warn("reindex: the marks of the live index cannot be read ({}); the fields decide",
                   indexed.status().ToString());
    }
  }
  if (options.shards > 0) writer_options.shards = options.shards;
  writer_options.rebuild_generation = generation;
  std::error_code ec;
  fs::create_directories(layout.index(), ec);
  Result<std::unique_ptr<index::Writer>> writer =
      index::Writer::Open(layout.index(), writer_options);
  if (!writer.ok()) return writer.status();

  ReindexReport report;
  std::vector<Record> raised;  // record.json written once the new index is live
  for (const RecordEntry& entry : *records) {
    Result<std::string> json = ReadFile(layout.RecordJson(entry.id));
    if (!json.ok()) return json.status().WithContext("record " + entry.id);
    Result<Record> record = RecordFromJson(*json);
    if (!record.ok()) return record.status().WithContext("record " + entry.id);
    const Secrecy before = AccessSecrecy(*record);
    if (options.reextract) {
      Record read = *record;
      LUUTRU_RETURN_IF_ERROR(FillFields(read, **catalog));
      if (!SameFields(read, *record)) {
        ++report.fields_changed;
        if (MoreRestricted(AccessSecrecy(read), before)) {
          raised.push_back(read);
        } else {
          LUUTRU_RETURN_IF_ERROR(
              WriteFileAtomically(layout.RecordJson(entry.id), RecordToJson(read)));
        }
        *record = std::move(read);
      }
    }
    auto held = live_marks.find(entry.id);
    if (held != live_marks.end() && MoreRestricted(held->second.secrecy, AccessSecrecy(*record))) {
      ++report.marks_kept;
      spdlog::warn(
          "reindex: record {} stays under the mark the index held ({}), stricter than its fields "
          "('{}'); "
          "decide with luutru set {} confidentiality=...",
          entry.id, MarkOf(held->second.secrecy).key, record->metadata.confidentiality, entry.id);
      // An unknown hand-set mark needs what TUYỆT MẬT needs.
      record->metadata.confidentiality =
          std::string(MarkOf(held->second.secrecy == Secrecy::kUnknown ? Secrecy::kTuyetMat
                                                                       : held->second.secrecy)
                          .printed);
    }
    LUUTRU_RETURN_IF_ERROR((*writer)->AddRecord(*record));
    ++report.records;
    report.pages += static_cast<int>(record->pages.size());
    if (report.records % kRecordsPerCommit == 0) {
      LUUTRU_RETURN_IF_ERROR((*writer)->Commit());
      spdlog::info("reindex: {} of {} records", report.records, records->size());
    }
  }
  LUUTRU_RETURN_IF_ERROR((*writer)->Finish());
  writer->reset();
  // Switched while the live index is still locked: no ingest writes into the old one meanwhile.
  LUUTRU_RETURN_IF_ERROR(index::SwitchGeneration(layout.index(), generation));
  live->reset();
  for (const Record& record : raised) {
    LUUTRU_RETURN_IF_ERROR(WriteFileAtomically(layout.RecordJson(record.id), RecordToJson(record)));
  }
  // The folders of the layout before generations.
  for (const fs::path& old : layout.OldIndexFolders()) fs::remove_all(old, ec);
  if (options.compact) {
    // An optimisation: the rebuilt index is whole without it.
    Result<index::CompactionResult> compacted = index::CompactIndex(layout.index());
    if (!compacted.ok()) {
      spdlog::warn("reindex: the new index was not compacted ({}); `luutru compact` does it",
                   compacted.status().ToString());
    }
  }
  return report;
}

}  // namespace luutru::ingest
