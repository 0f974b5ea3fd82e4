#include "index/inspect.h"

#include <xapian.h>

#include <sstream>

#include "index/layout.h"
#include "index/schema.h"

namespace luutru::index {

Result<std::map<std::string, int>> IndexedRecords(const std::filesystem::path& index_dir) {
  if (DetectLayout(index_dir) == IndexLayout::kPageDocuments) return OldLayoutError(index_dir);
  try {
    Xapian::Database db(index_dir.string());
    std::map<std::string, int> pages;
    // Both values are on every document, so the two streams go through the same documents.
    auto count = db.valuestream_begin(kSlotPageCount);
    for (auto id = db.valuestream_begin(kSlotRecordId); id != db.valuestream_end(kSlotRecordId); ++id) {
      count.skip_to(id.get_docid());
      const bool counted = count != db.valuestream_end(kSlotPageCount) && count.get_docid() == id.get_docid();
      pages[*id] = counted ? static_cast<int>(Xapian::sortable_unserialise(*count)) : 0;
    }
    return pages;
  } catch (const Xapian::Error& e) {
    return Corrupt("cannot read the index " + index_dir.string() + ": " + e.get_description());
  }
}

Result<std::string> CheckIndexTables(const std::filesystem::path& index_dir) {
  if (DetectLayout(index_dir) == IndexLayout::kPageDocuments) return OldLayoutError(index_dir);
  Result<std::vector<std::filesystem::path>> shards = ShardPaths(index_dir);
  if (!shards.ok()) return Corrupt(shards.status().message());
  std::ostringstream out;
  size_t errors = 0;
  for (const std::filesystem::path& shard : *shards) {
    try {
      std::ostringstream shard_out;
      if (size_t n = Xapian::Database::check(shard.string(), 0, &shard_out); n > 0) {
        errors += n;
        out << shard.filename().string() << ":\n" << shard_out.str();
      }
    } catch (const Xapian::Error& e) {
      return Corrupt("the index " + shard.string() + " cannot be checked: " + e.get_description());
    }
  }
  if (errors == 0) return std::string();
  return std::to_string(errors) + " error(s) in the index tables:\n" + out.str();
}

}  // namespace luutru::index
