#include "ingest/reindex.h"

#include <spdlog/spdlog.h>

#include "core/fs_util.h"
#include "core/record_json.h"
#include "index/layout.h"
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
  if (!fs::exists(layout.catalog())) {
    return NotFound("no archive at " + layout.root().string() + "; ingest files first");
  }
  // Holding the live index's write lock keeps ingest out until the swap.
  Result<std::unique_ptr<index::WriteLock>> live = index::WriteLock::Acquire(layout.index());
  if (!live.ok()) return live.status();
  Result<std::unique_ptr<Catalog>> catalog = Catalog::Open(layout.catalog());
  if (!catalog.ok()) return catalog.status();
  Result<std::vector<RecordEntry>> records = (*catalog)->ListRecords();
  if (!records.ok()) return records.status();

  const fs::path fresh = layout.root() / "index.rebuild";
  std::error_code ec;
  fs::remove_all(fresh, ec);
  // Built unsynced (much faster) and put on disk whole (Finish) before it replaces the live one.
  index::WriterOptions writer_options;
  writer_options.sync_commits = false;
  if (options.shards > 0) {
    writer_options.shards = options.shards;
  } else if (Result<std::vector<fs::path>> shards = index::ShardPaths(layout.index()); shards.ok()) {
    writer_options.shards = static_cast<int>(shards->size());
  }
  Result<std::unique_ptr<index::Writer>> writer = index::Writer::Open(fresh, writer_options);
  if (!writer.ok()) return writer.status();

  ReindexReport report;
  for (const RecordEntry& entry : *records) {
    Result<std::string> json = ReadFile(layout.RecordJson(entry.id));
    if (!json.ok()) return json.status().WithContext("record " + entry.id);
    Result<Record> record = RecordFromJson(*json);
    if (!record.ok()) return record.status().WithContext("record " + entry.id);
    if (options.reextract) {
      Record before = *record;
      LUUTRU_RETURN_IF_ERROR(FillFields(*record, **catalog));
      if (!SameFields(before, *record)) {
        ++report.fields_changed;
        LUUTRU_RETURN_IF_ERROR(WriteFileAtomically(layout.RecordJson(entry.id), RecordToJson(*record)));
      }
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
  live->reset();

  const fs::path old = layout.root() / "index.old";
  fs::remove_all(old, ec);
  if (fs::exists(layout.index())) fs::rename(layout.index(), old, ec);
  if (ec) return IoError("cannot move the old index aside: " + ec.message());
  fs::rename(fresh, layout.index(), ec);
  if (ec) {
    std::error_code restore;
    fs::rename(old, layout.index(), restore);
    return IoError("cannot put the new index in place: " + ec.message());
  }
  fs::remove_all(old, ec);
  return report;
}

}  // namespace luutru::ingest
