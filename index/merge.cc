#include "index/merge.h"

#include <xapian.h>

#include <algorithm>
#include <map>
#include <memory>
#include <optional>
#include <tuple>

#include "core/fs_util.h"
#include "core/strings.h"
#include "index/layout.h"
#include "index/schema.h"
#include "index/writer.h"

namespace luutru::index {
namespace {

namespace fs = std::filesystem;

using DatabaseKey = std::tuple<Secrecy, int>;  // a mark's shard

// Xapian's "full" compaction, as `xapian-compact` does by default (Database::compact's own
// default is "standard", which leaves more room in each block).
constexpr unsigned kCompaction = Xapian::Compactor::FULL;

// The format line of a database ("" when it has none).
std::string FormatOf(const fs::path& database) {
  Result<std::string> text = ReadFile(database / kFormatFile);
  return text.ok() ? std::string(Trim(*text)) : "";
}

// The index an archive's databases name, or none yet.
Result<std::optional<IndexDatabases>> LiveDatabases(const fs::path& index_dir) {
  Result<IndexDatabases> named = ReadIndexDatabases(index_dir);
  if (named.ok()) return std::optional<IndexDatabases>(std::move(*named));
  if (named.status().code() == StatusCode::kNotFound) return std::optional<IndexDatabases>();
  return named.status();
}

// A database of a part, and which of its records go into the result.
struct PartDatabase {
  ShardDb db;
  std::vector<std::string> drop;  // records held by the index or an earlier part: taken out
  int take = 0;
};

Status ReindexHint(const fs::path& index_dir, const std::string& what) {
  return InvalidArgument("the index " + index_dir.string() + " " + what +
                         "; make both alike first with luutru reindex --archive " +
                         index_dir.parent_path().string() + " (add --shards N to change shards)");
}

}  // namespace

Result<IndexMergeResult> MergeIndexes(const fs::path& index_dir,
                                      const std::vector<IndexPart>& parts,
                                      const fs::path& scratch) {
  // Nobody writes the index or the parts while they are read and replaced.
  Result<std::unique_ptr<WriteLock>> lock = WriteLock::Acquire(index_dir);
  if (!lock.ok()) return lock.status();
  std::vector<std::unique_ptr<WriteLock>> part_locks;
  for (const IndexPart& part : parts) {
    Result<std::unique_ptr<WriteLock>> part_lock = WriteLock::Acquire(part.index_dir);
    if (!part_lock.ok()) return part_lock.status();
    part_locks.push_back(std::move(*part_lock));
  }

  Result<std::optional<IndexDatabases>> live = LiveDatabases(index_dir);
  if (!live.ok()) return live.status();
  std::optional<Xapian::Database> held;  // what the index holds now
  std::string format = CurrentIndexFormat();
  int shards = 0;
  if (live->has_value()) {
    shards = (*live)->shards;
    format = FormatOf((*live)->databases.front().path);
    try {
      held.emplace();
      for (const ShardDb& db : (*live)->databases)
        held->add_database(Xapian::Database(db.path.string()));
    } catch (const Xapian::Error& e) {
      return IoError("cannot open the index " + index_dir.string() + ": " + e.get_description());
    }
  }

  IndexMergeResult result;
  std::set<std::string> taken, present;
  std::vector<PartDatabase> part_databases;
  for (const IndexPart& part : parts) {
    Result<std::optional<IndexDatabases>> named = LiveDatabases(part.index_dir);
    if (!named.ok()) return named.status();
    if (!named->has_value()) continue;  // a part that archived nothing
    if (shards == 0) {
      shards = (*named)->shards;
      format = FormatOf((*named)->databases.front().path);
    }
    if ((*named)->shards != shards) {
      return ReindexHint(part.index_dir, "has " + std::to_string((*named)->shards) +
                                             " shards, the archive's " + std::to_string(shards));
    }
    for (const ShardDb& db : (*named)->databases) {
      if (FormatOf(db.path) != format) {
        return ReindexHint(part.index_dir, "was written by another luutru (format '" +
                                               FormatOf(db.path) + "', the archive's '" + format +
                                               "')");
      }
      PartDatabase entry{db, {}, 0};
      try {
        Xapian::Database source(db.path.string());
        const std::string prefix(kPrefixRecord);
        for (auto t = source.allterms_begin(prefix); t != source.allterms_end(prefix); ++t) {
          const std::string id = (*t).substr(prefix.size());
          const bool wanted = part.records.contains(id);
          const bool held_already = (held && held->term_exists(*t)) || taken.contains(id);
          if (wanted && held_already) present.insert(id);
          if (wanted && !held_already) {
            taken.insert(id);
            ++entry.take;
          } else {
            entry.drop.push_back(id);
          }
        }
      } catch (const Xapian::Error& e) {
        return IoError("cannot read the index " + db.path.string() + ": " + e.get_description());
      }
      if (entry.take > 0) part_databases.push_back(std::move(entry));
    }
  }
  result.added = static_cast<int>(taken.size());
  result.present = static_cast<int>(present.size());
  if (result.added == 0) return result;  // merged before, or nothing archived: no change

  // Databases holding records to leave out are copied and those records taken out of the copy.
  std::error_code ec;
  fs::remove_all(scratch, ec);
  fs::create_directories(scratch, ec);
  if (ec) return IoError("cannot create " + scratch.string() + ": " + ec.message());
  for (size_t i = 0; i < part_databases.size(); ++i) {
    PartDatabase& part = part_databases[i];
    if (part.drop.empty()) continue;
    const fs::path copy = scratch / std::to_string(i);
    fs::copy(part.db.path, copy, fs::copy_options::recursive, ec);
    if (ec) return IoError("cannot copy " + part.db.path.string() + ": " + ec.message());
    try {
      Xapian::WritableDatabase trimmed(copy.string(), Xapian::DB_OPEN);
      for (const std::string& id : part.drop) {
        std::string term(kPrefixRecord);
        trimmed.delete_document(term += id);
      }
      trimmed.commit();
    } catch (const Xapian::Error& e) {
      return IoError("cannot prepare " + copy.string() + ": " + e.get_description());
    }
    part.db.path = copy;
  }

  // Each database of the new generation: the live one and the parts' of its mark and shard.
  const int generation = live->has_value() ? (*live)->generation + 1 : 1;
  std::map<DatabaseKey, std::vector<fs::path>> sources;
  for (int k = 0; k < shards; ++k) sources[{Secrecy::kNone, k}];  // always named (writer.cc)
  if (live->has_value()) {
    for (const ShardDb& db : (*live)->databases) sources[{db.secrecy, db.shard}].push_back(db.path);
  }
  for (const PartDatabase& part : part_databases)
    sources[{part.db.secrecy, part.db.shard}].push_back(part.db.path);
  IndexDatabases next{generation, shards, {}, {}};
  if (live->has_value()) next.remotes = (*live)->remotes;
  fs::create_directories(index_dir, ec);
  for (const auto& [key, paths] : sources) {
    const auto [secrecy, shard] = key;
    const fs::path out = ShardFolder(index_dir, generation, secrecy, shard);
    fs::remove_all(out, ec);  // what a crashed merge left
    try {
      if (paths.empty()) {
        Xapian::WritableDatabase(out.string(), Xapian::DB_CREATE).commit();
      } else {
        Xapian::Database together;
        for (const fs::path& path : paths) together.add_database(Xapian::Database(path.string()));
        together.compact(out.string(), kCompaction);
      }
    } catch (const Xapian::Error& e) {
      return IoError("cannot write " + out.string() + ": " + e.get_description());
    }
    LUUTRU_RETURN_IF_ERROR(WriteFileAtomically(out / kFormatFile, format + "\n"));
    LUUTRU_RETURN_IF_ERROR(SyncTree(out));
    next.databases.push_back({secrecy, shard, out});
  }
  LUUTRU_RETURN_IF_ERROR(WriteStub(index_dir, GenerationStubName(generation), next));
  LUUTRU_RETURN_IF_ERROR(SwitchGeneration(index_dir, generation));
  fs::remove_all(scratch, ec);
  return result;
}

namespace {

std::uintmax_t FolderBytes(const fs::path& folder) {
  std::uintmax_t bytes = 0;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::recursive_directory_iterator(folder, ec)) {
    if (entry.is_regular_file(ec)) bytes += entry.file_size(ec);
  }
  return bytes;
}

}  // namespace

Result<CompactionResult> CompactIndex(const fs::path& index_dir) {
  Result<std::unique_ptr<WriteLock>> lock = WriteLock::Acquire(index_dir);
  if (!lock.ok()) return lock.status();
  Result<IndexDatabases> live = ReadIndexDatabases(index_dir);
  if (!live.ok()) return live.status();
  CompactionResult result;
  result.generation = live->generation + 1;
  IndexDatabases next{result.generation, live->shards, {}, live->remotes};
  for (const ShardDb& db : live->databases) {
    const fs::path out = ShardFolder(index_dir, result.generation, db.secrecy, db.shard);
    std::error_code ec;
    fs::remove_all(out, ec);  // what a crashed compaction left
    try {
      Xapian::Database(db.path.string()).compact(out.string(), kCompaction);
    } catch (const Xapian::Error& e) {
      return IoError("cannot write " + out.string() + ": " + e.get_description());
    }
    LUUTRU_RETURN_IF_ERROR(WriteFileAtomically(out / kFormatFile, FormatOf(db.path) + "\n"));
    LUUTRU_RETURN_IF_ERROR(SyncTree(out));
    result.bytes_before += FolderBytes(db.path);
    result.bytes_after += FolderBytes(out);
    next.databases.push_back({db.secrecy, db.shard, out});
  }
  LUUTRU_RETURN_IF_ERROR(WriteStub(index_dir, GenerationStubName(result.generation), next));
  LUUTRU_RETURN_IF_ERROR(SwitchGeneration(index_dir, result.generation));
  return result;
}

}  // namespace luutru::index
