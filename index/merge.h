// Brings the indexes of other archives (the parts of a job array's ingest, `luutru merge`) into
// one, with Xapian's own compaction: each database of the result is the live one and the
// parts' databases of the same mark and shard, compacted into a new generation that one rename
// makes live (index/layout.h). No record is read or tokenized again.
#pragma once

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

}  // namespace luutru::index
