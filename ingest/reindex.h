// Rebuilding an archive's index from records/ without OCR: after an upgrade of the field
// extraction or the index schema, or when the index was lost or damaged.
#pragma once

#include "core/archive_layout.h"
#include "core/status.h"

namespace luutru::ingest {

struct ReindexOptions {
  // Read the registry fields from the stored page text again (corrections applied on top),
  // rewriting record.json where they changed. Default: true.
  bool reextract = true;
  // Shards of the new index (index/layout.h); 0 keeps the number the index has (a new or
  // old-layout index gets index::WriterOptions' default). Default: 0.
  int shards = 0;
  // Then rewrite the new index compacted (index/merge.h CompactIndex): a rebuilt index is
  // written a batch at a time, and searches of it read about half as many blocks compacted.
  // Default: true.
  bool compact = true;
};

struct ReindexReport {
  int records = 0;
  int pages = 0;
  int fields_changed = 0;  // records whose fields differ from what record.json held
  // Records the old index held under a stricter secrecy mark than their fields now say: kept
  // under the stricter one (a rebuild never lowers a mark; `luutru set` does), and reported
  // by `luutru verify` until a person decides.
  int marks_kept = 0;
};

// Builds a new generation of the index beside the live one (index/layout.h) and switches it in
// with one rename when complete, so searches keep working on the old index until then and a
// crash leaves one or the other. record.json files whose secrecy mark rose are rewritten after
// the switch, the others before it: a crash never shows a record less restricted than it was
// or will be. Fails with kBusy while another process writes.
Result<ReindexReport> Reindex(const ArchiveLayout& layout, const ReindexOptions& options);

}  // namespace luutru::ingest
