// How an index folder is laid out on disk: the records of each secrecy mark apart, and each
// mark's records in shards.
//
//   index/XAPIANDB         a Xapian stub naming the databases ("glass g0-open-0", ...), so that
//                          Xapian::Database(index/) opens them all as one database
//   index/gG-MARK-K/       one Xapian database: the records of generation G marked MARK (the
//                          key of core/marks.h: open, mat, toi-mat, tuyet-mat, other) whose id
//                          hashes to shard K (ShardOf)
//
// Marks are kept apart so that a search opens only the databases of the marks its caller may
// read: what it counts, how it ranks (word statistics) and what it suggests come from those
// records alone, and a hidden record leaves no trace in them. A mark's databases exist once it
// has a record. Shards exist for speed: a writer thread per shard builds them at once, and a
// large index is searched one database per thread at once. The number is fixed when the index
// is created; `luutru reindex --shards N` changes it.
//
// A rebuild writes generation G+1 beside the live one, named by a stub of its own
// (XAPIANDB.gG+1), and SwitchGeneration makes it live in one rename of that stub over
// XAPIANDB: a crash leaves the old index or the new one, never none.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/marks.h"
#include "core/status.h"

namespace luutru::index {

enum class IndexLayout {
  kNone,           // no index yet (or an empty folder)
  kMarkShards,     // the layout above
  kShards,         // written before marks were kept apart (shard-K): needs a reindex
  kPageDocuments,  // written before shards: one database, one document per page; needs a reindex
};

IndexLayout DetectLayout(const std::filesystem::path& index_dir);

// One database of an index.
struct ShardDb {
  Secrecy secrecy = Secrecy::kNone;
  int shard = 0;
  std::filesystem::path path;
};

// A shard on another machine, served by Xapian's remote backend (xapian-tcpsrv, `luutru shard
// serve`): the stub's line "remote HOST:PORT", Xapian's own stub syntax, so that Xapian opens
// the stub as luutru does. Searched with the local databases; never written here.
struct RemoteShard {
  std::string host;
  int port = 0;
  std::string Name() const;  // "HOST:PORT"
  bool operator==(const RemoteShard&) const = default;
};

// "HOST:PORT" (a port 1 to 65535); kInvalidArgument naming the form otherwise.
Result<RemoteShard> ParseRemoteShard(std::string_view text);

// What a stub names.
struct IndexDatabases {
  int generation = 0;
  int shards = 1;  // per mark
  std::vector<ShardDb> databases;
  std::vector<RemoteShard> remotes;  // carried into every generation
};

// The databases the live stub names (or the stub `stub_name` in the folder). kNotFound
// without a stub; kCorrupt when it names anything else; kUnsupported for the earlier layouts.
Result<IndexDatabases> ReadIndexDatabases(const std::filesystem::path& index_dir,
                                          std::string_view stub_name = "XAPIANDB");

// The folder of a mark's shard in generation `generation`.
std::filesystem::path ShardFolder(const std::filesystem::path& index_dir, int generation,
                                  Secrecy secrecy, int shard);

// Writes the stub `stub_name` naming `databases` (atomically).
Status WriteStub(const std::filesystem::path& index_dir, std::string_view stub_name,
                 const IndexDatabases& databases);

// The stub a rebuild into generation `generation` writes.
std::string GenerationStubName(int generation);

// Makes generation `generation` (built with the stub GenerationStubName) the live index in
// one rename, then removes every database and file of the folder the live stub does not name
// (other generations, an earlier layout's files).
Status SwitchGeneration(const std::filesystem::path& index_dir, int generation);

// The folders and files of `index_dir` the live stub does not name: what a crashed rebuild or
// an earlier layout left. Removed by SwitchGeneration and by `luutru verify --repair`.
std::vector<std::filesystem::path> UnnamedEntries(const std::filesystem::path& index_dir);

// The shard of a record: a hash of its id (stable across builds and machines), modulo `shards`.
int ShardOf(std::string_view record_id, int shards);

// The message for an index of an earlier layout, naming the fix.
Status OldLayoutError(const std::filesystem::path& index_dir);

}  // namespace luutru::index
