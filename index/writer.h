// Writes records into the on-disk Xapian index (index/layout.h): one document per record, in
// the database of its secrecy mark and of the shard its id hashes to, each shard indexed by a
// thread of its own. A record whose mark changed moves between databases so that a crash
// leaves it in the more restricted state: it is taken out of the old mark's database and
// committed out before it is added to the new one.
// Thread-compatible: one thread owns a Writer (it owns the shards' threads).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/record.h"
#include "core/status.h"

namespace luutru::index {

struct WriterOptions {
  // Shards of a new index; an existing index keeps the number it was made with. Searches ask
  // every shard at once, one thread each, so one per core is right. Default: 2.
  int shards = 2;
  // Let each commit reach the disk (fsync) before Commit() returns. Off only for an index
  // built in a fresh folder nobody reads yet (luutru reindex): Finish() then puts the whole
  // index on disk at once. Default: on.
  bool sync_commits = true;
  // A shard writes its pending documents out after this many, whatever the caller's
  // commits. Small batches measured fastest (200,000 pages: 100 → 3,020 pages/s, 1,000 →
  // 2,353, Xapian's own 10,000 far slower, docs/benchmarks.md). Default: 100.
  int documents_per_flush = 100;
  // 0: write the live index (created if there is none). G > 0: build generation G beside the
  // live one, under its own stub, for SwitchGeneration to make live (luutru reindex); what a
  // crashed build of G left is removed first. Default: 0.
  int rebuild_generation = 0;
  // Create the index when there is none. Off for changes to records an index must already
  // hold (luutru set): an empty new index beside a catalog of records would hide them all.
  // Default: on.
  bool create = true;
};

class Writer {
 public:
  // Opens the index folder, or creates it with `options.shards` shards. Fails with kBusy when
  // another process writes to it, and with kUnsupported (naming `luutru reindex`) when it was
  // written by an earlier luutru in another layout.
  static Result<std::unique_ptr<Writer>> Open(const std::filesystem::path& index_dir,
                                              const WriterOptions& options = {});
  // Stops the shards' threads; what was not committed may be lost, never what was.
  ~Writer();

  // Adds `record`, replacing whatever the index held for it (idempotent), in the database of
  // its mark. Queued to its shard's thread: an error indexing it is returned by a later
  // AddRecord or by Commit. A record that moves to another mark's database is added only by
  // the Commit that has taken it out of the old one.
  Status AddRecord(const Record& record);
  // Takes the record out of the index, whatever its mark (a document of a split scan that a
  // new split no longer has). Queued like AddRecord; done at the next Commit.
  Status RemoveRecord(const std::string& record_id);
  // Makes everything added so far durable and visible to searchers (every shard). Errors
  // surface here, never in the destructor.
  Status Commit();
  // Commits, and when commits were unsynced, flushes every file of the index to disk: after
  // it the index is durable whatever the options. Nothing may be added afterwards.
  Status Finish();

  // The generation this writer writes.
  int generation() const;

  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

 private:
  struct Impl;
  explicit Writer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

// Holds an index's write lock without writing, whatever its layout: keeps ingest out while
// `luutru reindex` or `verify` works. kBusy when another process writes to it.
class WriteLock {
 public:
  static Result<std::unique_ptr<WriteLock>> Acquire(const std::filesystem::path& index_dir);
  ~WriteLock();

  WriteLock(const WriteLock&) = delete;
  WriteLock& operator=(const WriteLock&) = delete;

 private:
  struct Impl;
  explicit WriteLock(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace luutru::index
