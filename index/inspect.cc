#include "index/inspect.h"

#include <xapian.h>

#include <sstream>

#include "index/layout.h"
#include "index/schema.h"

namespace luutru::index {

Result<std::map<std::string, IndexedRecord>> IndexedRecords(
    const std::filesystem::path& index_dir) {
  Result<IndexDatabases> named = ReadIndexDatabases(index_dir);
  if (!named.ok()) return named.status();
  std::map<std::string, IndexedRecord> records;
  for (const ShardDb& shard : named->databases) {
    try {
      Xapian::Database db(shard.path.string());
      // Both values are on every document, so the two streams go through the same documents.
      auto count = db.valuestream_begin(kSlotPageCount);
      for (auto id = db.valuestream_begin(kSlotRecordId); id != db.valuestream_end(kSlotRecordId);
           ++id) {
        count.skip_to(id.get_docid());
        const bool counted =
            count != db.valuestream_end(kSlotPageCount) && count.get_docid() == id.get_docid();
        IndexedRecord& r = records[*id];
        r.pages = counted ? static_cast<int>(Xapian::sortable_unserialise(*count)) : 0;
        r.secrecy = shard.secrecy;
        ++r.copies;
      }
    } catch (const Xapian::Error& e) {
      return Corrupt("cannot read the index " + shard.path.string() + ": " + e.get_description());
    }
  }
  return records;
}

Result<std::string> CheckIndexTables(const std::filesystem::path& index_dir) {
  Result<IndexDatabases> named = ReadIndexDatabases(index_dir);
  if (!named.ok()) {
    if (named.status().code() == StatusCode::kUnsupported) return named.status();
    return Corrupt(named.status().message());
  }
  std::ostringstream out;
  size_t errors = 0;
  for (const ShardDb& shard : named->databases) {
    try {
      std::ostringstream shard_out;
      if (size_t n = Xapian::Database::check(shard.path.string(), 0, &shard_out); n > 0) {
        errors += n;
        out << shard.path.filename().string() << ":\n" << shard_out.str();
      }
    } catch (const Xapian::Error& e) {
      return Corrupt("the index " + shard.path.string() +
                     " cannot be checked: " + e.get_description());
    }
  }
  if (errors == 0) return std::string();
  return std::to_string(errors) + " error(s) in the index tables:\n" + out.str();
}

}  // namespace luutru::index
