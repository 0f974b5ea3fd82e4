// Reading what an index holds, for `luutru verify`: which records it has, in which mark's
// database and how many pages of each, and whether Xapian finds its tables sound.
#pragma once

#include <filesystem>
#include <map>
#include <string>

#include "core/marks.h"
#include "core/status.h"

namespace luutru::index {

struct IndexedRecord {
  int pages = 0;
  Secrecy secrecy = Secrecy::kNone;  // the mark of the database holding it
  int copies = 0;                    // databases holding it: 1, unless a move was cut short
};

// Record id -> what the index holds of it, over every database.
Result<std::map<std::string, IndexedRecord>> IndexedRecords(const std::filesystem::path& index_dir);

// Xapian's structural check of every table of every database. The text of the errors it
// found; empty when the index is sound. Fails (kCorrupt) when the index cannot be opened at
// all, and (kUnsupported) when it is of an earlier layout.
Result<std::string> CheckIndexTables(const std::filesystem::path& index_dir);

}  // namespace luutru::index
