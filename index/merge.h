// Xapian's compaction of an archive's index: bringing other archives' indexes into it (the
// parts of a job array's ingest, `luutru merge`), or its own databases alone (`luutru
// compact`). Bringing in: each database of the result is the live one and the
// parts' databases of the same mark and shard, compacted into a new generation that one rename
// makes live (index/layout.h). No record is read or tokenized again.
#pragma once

#include <cstdint>
#include <filesystem>
#include <set>
#include <string>
#include <vector>

#include "core/status.h"

namespace luutru::index {

struct IndexPart {
  std::filesystem::path index_dir;
  // The records of the part that may be taken (those its catalog counts as archived); any
  // other document its index holds (a crash between its index commit and its catalog's) is not.
  std::set<std::string> records;
};

struct IndexMergeResult {
  int added = 0;    // records the index did not hold
  int present = 0;  // records of the parts it held already (or an earlier part gave it)
};

// Adds the records of `parts` that `index_dir` does not hold, in one new generation; changes
// nothing when there are none. The parts must have the index's number of shards and its
// format (kInvalidArgument naming `luutru reindex` otherwise); an index is made when there is
// none, with the parts' shards. kBusy while another process writes `index_dir` or a part.
// `scratch` is an empty folder on the index's disk for the parts' databases that hold
// records the index has (they are copied there and those records taken out).
Result<IndexMergeResult> MergeIndexes(const std::filesystem::path& index_dir,
                                      const std::vector<IndexPart>& parts,
                                      const std::filesystem::path& scratch);

struct CompactionResult {
  int generation = 0;               // the generation made live
  std::uintmax_t bytes_before = 0;  // of the databases, before and after
  std::uintmax_t bytes_after = 0;
};

// Rewrites each database of the index compacted (Xapian's compaction: full blocks, each table
// in order on disk) into a new generation that one rename makes live; searches go on
// meanwhile. An index written a batch at a time keeps its blocks part full and its posting lists
// in pieces across the file: compacted, a search reads about half as many blocks from disk
// (docs/benchmarks.md). kBusy while another process writes the index; kNotFound without one.
Result<CompactionResult> CompactIndex(const std::filesystem::path& index_dir);

}  // namespace luutru::index
