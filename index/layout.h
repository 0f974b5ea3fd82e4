// How an index folder is laid out on disk: its shards.
//
//   index/XAPIANDB     a Xapian stub file naming the shards ("glass shard-0", ...), so that
//                      Xapian::Database(index/) opens them all as one database
//   index/shard-K/     one Xapian database each; a record lives in shard ShardOf(id, N)
//
// Shards exist for speed: a writer thread per shard builds them at once, and a search asks
// every shard at once, one thread each. The number is fixed when the index is created; a
// `luutru reindex --shards N` changes it.
#pragma once

#include <filesystem>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace luutru::index {

enum class IndexLayout {
  kNone,         // no index yet (or an empty folder)
  kShards,       // the layout above
  kPageDocuments // written before shards: one database, one document per page; needs a reindex
};

IndexLayout DetectLayout(const std::filesystem::path& index_dir);

// The folders of the shards named by the stub, in order. kNotFound without a stub.
Result<std::vector<std::filesystem::path>> ShardPaths(const std::filesystem::path& index_dir);

// Creates the shard folders' stub for `shards` shards (the databases are created by the
// writer). Fails when an index is already there.
Status CreateShardLayout(const std::filesystem::path& index_dir, int shards);

// The shard of a record: a hash of its id (stable across builds and machines), modulo `shards`.
int ShardOf(std::string_view record_id, int shards);

// The message for an index of the old layout, naming the fix.
Status OldLayoutError(const std::filesystem::path& index_dir);

}  // namespace luutru::index
