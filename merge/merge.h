// `luutru merge PART... --archive MAIN`: the archives that the tasks of a job array wrote
// (`luutru ingest --part K/N`, docs/operations.md "Many machines") brought into one. Originals
// are copied by content (one copy of the same bytes across parts, each checked against its
// name), records' folders as they are, the index by Xapian's compaction (index/merge.h), then
// the catalog's rows and the archival files' documents.
//
// Crash-safe and idempotent: each step adds only what the archive lacks, in an order where a
// crash leaves nothing half there (originals, then records, then the index in one rename, then
// the catalog in one transaction), so that running the same command again finishes the work,
// and a part merged twice changes nothing. Parts are read, never changed (but a catalog written
// by an older luutru, which opening brings to the current schema).
#pragma once

#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"

namespace luutru::merge {

struct MergeOptions {
  // Called with a line (in Vietnamese) as each part and step begins. Default: none.
  std::function<void(const std::string&)> on_step;
};

struct MergeReport {
  int parts = 0;
  int records_added = 0;    // records the archive did not hold
  int records_present = 0;  // held already: merged before, or the same original in two parts
  int originals_added = 0;
  int files_added = 0;  // source files the catalog now knows (archived, failed)
  int archival_files_added = 0;
  int documents_attached = 0;  // documents of archival files placed in them
  // Archival files described differently by a part than by the archive: the archive's kept.
  std::vector<std::string> conflicts;
  bool changed() const {
    return records_added + files_added + archival_files_added + documents_attached > 0;
  }
};

// Merges `parts` (archive folders) into the archive `main`, creating it when needed.
// kInvalidArgument when a part is not an archive or is `main`; kBusy while something writes
// `main`'s index or a part's; kCorrupt naming `luutru verify` when a part's original or record
// is missing or its bytes do not match their name.
Result<MergeReport> MergeArchives(const std::vector<std::filesystem::path>& parts,
                                  const std::filesystem::path& main,
                                  const MergeOptions& options = {});

std::string MergeReportToJson(const MergeReport& report);

}  // namespace luutru::merge
