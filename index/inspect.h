// Reading what an index holds, for `luutru verify`: which records it has and how many pages
// of each, and whether Xapian finds its tables sound.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "core/status.h"

namespace luutru::index {

// Record id -> pages indexed for it, over every shard.
Result<std::map<std::string, int>> IndexedRecords(const std::filesystem::path& index_dir);

// Xapian's structural check of every table of every shard. The text of the errors it found;
// empty when the index is sound. Fails (kCorrupt) when the index cannot be opened at all, and
// (kUnsupported) when it is of an earlier layout.
Result<std::string> CheckIndexTables(const std::filesystem::path& index_dir);

}  // namespace luutru::index
