#include "index/writer.h"

#include <unistd.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <condition_variable>
#include <cstring>
#include <deque>
#include <mutex>
#include <optional>
#include <sstream>
#include <system_error>
#include <thread>
#include <tuple>

#include "core/fs_util.h"
#include "index/document.h"
#include "index/layout.h"
#include "index/record_data.h"
#include "index/schema.h"

namespace luutru::index {
namespace {

namespace fs = std::filesystem;

// Records waiting for a shard's thread: enough to keep it busy, few enough to bound memory.
constexpr size_t kQueuedRecordsPerShard = 16;

Status CommitError(const fs::path& dir, const Xapian::Error& e) {
  // Xapian keeps the last committed revision; a full disk only stops the run.
  if (FilesystemNearlyFull(dir, 16ull << 20)) {
    return NoSpace("index commit failed: " + e.get_description() +
                   "; free space on the archive's disk and run the same command again (nothing "
                   "archived is lost)");
  }
  return IoError("index commit failed: " + e.get_description());
}

Result<Xapian::WritableDatabase> OpenShard(const fs::path& dir, bool sync_commits) {
  try {
    Xapian::WritableDatabase db(
        dir.string(), Xapian::DB_CREATE_OR_OPEN | (sync_commits ? 0 : Xapian::DB_NO_SYNC));
    // A database begun by this format says so, in a file of its folder (schema.h
    // kFormatFile); one begun before never does, whatever is added to it: it is searched as
    // its first records were written until a reindex. (Not Xapian's metadata: set on a new
    // database, it left the document data uncompressed, 3.6 times larger.)
    std::error_code ec;
    if (db.get_doccount() == 0 && !fs::exists(dir / kFormatFile, ec)) {
      if (Status s = WriteFileAtomically(dir / kFormatFile, CurrentIndexFormat() + "\n"); !s.ok()) {
        return s;
      }
    }
    return db;
  } catch (const Xapian::DatabaseLockError& e) {
    // A lock that cannot even be taken (a read-only disk, a folder this user may not write) is
    // no other writer: waiting would not help.
    std::error_code ec;
    const fs::path folder = fs::exists(dir, ec) ? dir : dir.parent_path();
    if (::access(folder.c_str(), W_OK) != 0) {
      return IoError("cannot write the index " + dir.string() + ": " + std::strerror(errno) +
                     (errno == EROFS ? " (the archive's disk is mounted read-only)"
                                     : "; run luutru as the archive's owner"));
    }
    return Busy("the index " + dir.string() +
                " is being written by another luutru process; wait for it to finish");
  } catch (const Xapian::Error& e) {
    return IoError("cannot open index " + dir.string() + ": " + e.get_description());
  }
}

// The databases of an index being written and the stub naming them: a worker asks for the
// database of a mark the first time it has a record of that mark (created, then named).
class Databases {
 public:
  Databases(fs::path dir, std::string stub_name, IndexDatabases named, bool sync_commits)
      : dir_(std::move(dir)),
        stub_name_(std::move(stub_name)),
        named_(std::move(named)),
        sync_commits_(sync_commits) {}

  int shards() const { return named_.shards; }
  int generation() const { return named_.generation; }
  const fs::path& dir() const { return dir_; }

  // The database of `secrecy` for shard `shard`, created and named in the stub if new.
  Result<Xapian::WritableDatabase> Open(Secrecy secrecy, int shard) {
    const fs::path path = ShardFolder(dir_, named_.generation, secrecy, shard);
    Result<Xapian::WritableDatabase> db = OpenShard(path, sync_commits_);
    if (!db.ok()) return db;
    std::lock_guard lock(mu_);
    const bool named =
        std::any_of(named_.databases.begin(), named_.databases.end(),
                    [&](const ShardDb& d) { return d.secrecy == secrecy && d.shard == shard; });
    if (!named) {
      // Committed empty before the stub names it, so that a reader never opens a database
      // that is not there.
      try {
        db->commit();
      } catch (const Xapian::Error& e) {
        return CommitError(path, e);
      }
      named_.databases.push_back({secrecy, shard, path});
      std::sort(named_.databases.begin(), named_.databases.end(),
                [](const ShardDb& a, const ShardDb& b) {
                  return std::tie(a.secrecy, a.shard) < std::tie(b.secrecy, b.shard);
                });
      Status s = WriteStub(dir_, stub_name_, named_);
      if (!s.ok()) return s;
    }
    return db;
  }

  // The databases the stub names for `shard`.
  std::vector<Secrecy> NamedFor(int shard) {
    std::lock_guard lock(mu_);
    std::vector<Secrecy> marks;
    for (const ShardDb& d : named_.databases) {
      if (d.shard == shard) marks.push_back(d.secrecy);
    }
    return marks;
  }

 private:
  const fs::path dir_;
  const std::string stub_name_;
  std::mutex mu_;
  IndexDatabases named_;  // guarded by mu_
  const bool sync_commits_;
};

constexpr size_t kMarks = std::size(kSecrecyMarks);

// One shard's databases (one per mark) and the thread that owns them. The caller queues
// records and commits; the first error sticks and is returned by every later call.
class ShardWorker {
 public:
  ShardWorker(Databases& databases, int shard,
              std::array<std::optional<Xapian::WritableDatabase>, kMarks> dbs,
              int documents_per_flush)
      : databases_(databases),
        shard_(shard),
        dbs_(std::move(dbs)),
        documents_per_flush_(documents_per_flush),
        thread_([this] { Run(); }) {}

  ~ShardWorker() {
    {
      std::lock_guard lock(mu_);
      queue_.clear();
      stopping_ = true;
    }
    changed_.notify_all();
    thread_.join();
  }

  // Blocks while the shard has kQueuedRecordsPerShard records waiting.
  Status Queue(Record record) {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] { return queue_.size() < kQueuedRecordsPerShard || !error_.ok(); });
    if (!error_.ok()) return error_;
    queue_.push_back({std::move(record), Task::kAdd});
    changed_.notify_all();
    return Status::Ok();
  }

  Status QueueRemoval(const std::string& record_id) {
    std::lock_guard lock(mu_);
    if (!error_.ok()) return error_;
    Record record;
    record.id = record_id;
    queue_.push_back({std::move(record), Task::kRemove});
    changed_.notify_all();
    return Status::Ok();
  }

  void QueueCommit() {
    std::lock_guard lock(mu_);
    queue_.push_back({Record{}, Task::kCommit});
    changed_.notify_all();
  }

  // Waits until everything queued is done.
  Status Drain() {
    std::unique_lock lock(mu_);
    changed_.wait(lock, [&] { return (queue_.empty() && !busy_) || !error_.ok(); });
    return error_;
  }

 private:
  struct Task {
    Record record;
    enum What { kAdd, kRemove, kCommit } what = kAdd;
  };
  // A record taken out of another mark's database, to be added once that is committed.
  struct Move {
    size_t mark;
    std::string term;
    Xapian::Document doc;
  };

  void Run() {
    for (;;) {
      Task task;
      {
        std::unique_lock lock(mu_);
        changed_.wait(lock, [&] { return stopping_ || !queue_.empty(); });
        if (stopping_) return;
        task = std::move(queue_.front());
        queue_.pop_front();
        busy_ = true;
      }
      changed_.notify_all();
      Status status = task.what == Task::kCommit   ? Commit()
                      : task.what == Task::kRemove ? Remove(task.record.id)
                                                   : Index(task.record);
      {
        std::lock_guard lock(mu_);
        busy_ = false;
        if (!status.ok() && error_.ok()) {
          error_ = status;
          queue_.clear();
        }
      }
      changed_.notify_all();
    }
  }

  Status Index(const Record& record) {
    const size_t mark = static_cast<size_t>(AccessSecrecy(record));
    const std::string term = std::string(kPrefixRecord) + record.id;
    try {
      if (!dbs_[mark]) {
        Result<Xapian::WritableDatabase> db = databases_.Open(static_cast<Secrecy>(mark), shard_);
        if (!db.ok()) return db.status();
        dbs_[mark] = std::move(db).value();
      }
      bool moved = false;
      for (size_t other = 0; other < kMarks; ++other) {
        if (other == mark || !dbs_[other] || !dbs_[other]->term_exists(term)) continue;
        dbs_[other]->delete_document(term);
        moved = true;
      }
      if (moved) {
        moves_.push_back({mark, term, BuildRecordDocument(record)});
        return Commit();
      }
      dbs_[mark]->replace_document(term, BuildRecordDocument(record));
      if (++pending_ >= documents_per_flush_) return Commit();
      return Status::Ok();
    } catch (const Xapian::Error& e) {
      return IoError("indexing record " + record.id + ": " + e.get_description());
    }
  }

  // Takes the record out of whichever of the shard's databases holds it.
  Status Remove(const std::string& record_id) {
    const std::string term = std::string(kPrefixRecord) + record_id;
    try {
      for (Secrecy secrecy : databases_.NamedFor(shard_)) {
        const size_t mark = static_cast<size_t>(secrecy);
        if (!dbs_[mark]) {
          Result<Xapian::WritableDatabase> db = databases_.Open(secrecy, shard_);
          if (!db.ok()) return db.status();
          dbs_[mark] = std::move(db).value();
        }
        if (dbs_[mark]->term_exists(term)) dbs_[mark]->delete_document(term);
      }
      return Status::Ok();
    } catch (const Xapian::Error& e) {
      return IoError("taking record " + record_id + " out of the index: " + e.get_description());
    }
  }

  // Commits every database; then adds the records that moved, now out of their old mark's
  // database, and commits again.
  Status Commit() {
    LUUTRU_RETURN_IF_ERROR(CommitAll());
    if (moves_.empty()) return Status::Ok();
    try {
      for (Move& move : moves_) dbs_[move.mark]->replace_document(move.term, move.doc);
    } catch (const Xapian::Error& e) {
      return IoError("indexing a record that changed its mark: " + e.get_description());
    }
    moves_.clear();
    return CommitAll();
  }

  Status CommitAll() {
    for (auto& db : dbs_) {
      if (!db) continue;
      try {
        db->commit();
      } catch (const Xapian::Error& e) {
        return CommitError(databases_.dir(), e);
      }
    }
    pending_ = 0;
    return Status::Ok();
  }

  Databases& databases_;
  const int shard_;
  std::array<std::optional<Xapian::WritableDatabase>, kMarks> dbs_;  // by Secrecy; thread_ only
  const int documents_per_flush_;
  int pending_ = 0;          // documents since the last commit (thread_ only)
  std::vector<Move> moves_;  // thread_ only

  std::mutex mu_;
  std::condition_variable changed_;
  std::deque<Task> queue_;  // guarded by mu_
  bool busy_ = false;       // guarded by mu_
  bool stopping_ = false;   // guarded by mu_
  Status error_;            // guarded by mu_

  std::thread thread_;  // last: starts once everything above is ready
};

}  // namespace

struct Writer::Impl {
  std::unique_ptr<Databases> databases;
  bool sync_commits = true;
  std::vector<std::unique_ptr<ShardWorker>> shards;
};

Writer::Writer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Writer::~Writer() = default;

Result<std::unique_ptr<Writer>> Writer::Open(const fs::path& index_dir,
                                             const WriterOptions& options) {
  std::string stub_name = "XAPIANDB";
  IndexDatabases named;
  if (options.rebuild_generation > 0) {
    // A fresh generation: whatever a crashed build of it left goes first.
    stub_name = GenerationStubName(options.rebuild_generation);
    std::error_code ec;
    fs::remove(index_dir / stub_name, ec);
    for (const SecrecyMark& mark : kSecrecyMarks) {
      for (int k = 0; k < 64; ++k)
        fs::remove_all(ShardFolder(index_dir, options.rebuild_generation, mark.secrecy, k), ec);
    }
    named.generation = options.rebuild_generation;
    named.shards = options.shards;
    // The shards on other machines stay listed in the rebuilt index.
    if (Result<IndexDatabases> live = ReadIndexDatabases(index_dir); live.ok())
      named.remotes = live->remotes;
  } else {
    switch (DetectLayout(index_dir)) {
      case IndexLayout::kPageDocuments:
      case IndexLayout::kShards:
        return OldLayoutError(index_dir);
      case IndexLayout::kNone:
        if (!options.create) {
          return NotFound("no index at " + index_dir.string() + "; rebuild it with luutru reindex");
        }
        named.shards = options.shards;
        break;
      case IndexLayout::kMarkShards: {
        Result<IndexDatabases> existing = ReadIndexDatabases(index_dir);
        if (!existing.ok()) return existing.status();
        named = *existing;
        break;
      }
    }
  }
  if (named.databases.empty()) {
    // Every shard of the unmarked records exists from the start: the stub always names a
    // database, and every writer locks the same ones.
    if (named.shards < 1 || named.shards > 64) {
      return InvalidArgument("an index has 1 to 64 shards, not " + std::to_string(named.shards));
    }
    std::error_code ec;
    fs::create_directories(index_dir, ec);
    if (ec)
      return IoError("cannot create the index folder " + index_dir.string() + ": " + ec.message());
    for (int k = 0; k < named.shards; ++k) {
      named.databases.push_back(
          {Secrecy::kNone, k, ShardFolder(index_dir, named.generation, Secrecy::kNone, k)});
    }
    for (const ShardDb& db : named.databases) {
      Result<Xapian::WritableDatabase> created = OpenShard(db.path, options.sync_commits);
      if (!created.ok()) return created.status();
      try {
        created->commit();
      } catch (const Xapian::Error& e) {
        return CommitError(db.path, e);
      }
    }
    LUUTRU_RETURN_IF_ERROR(WriteStub(index_dir, stub_name, named));
  }
  // Every database opened (and locked) before any thread starts: a busy index fails whole.
  std::vector<std::array<std::optional<Xapian::WritableDatabase>, kMarks>> dbs(
      static_cast<size_t>(named.shards));
  for (const ShardDb& db : named.databases) {
    Result<Xapian::WritableDatabase> opened = OpenShard(db.path, options.sync_commits);
    if (!opened.ok()) return opened.status();
    dbs[static_cast<size_t>(db.shard)][static_cast<size_t>(db.secrecy)] = std::move(opened).value();
  }
  auto impl = std::make_unique<Impl>();
  impl->databases = std::make_unique<Databases>(index_dir, stub_name, named, options.sync_commits);
  impl->sync_commits = options.sync_commits;
  try {
    for (size_t k = 0; k < dbs.size(); ++k) {
      impl->shards.push_back(
          std::make_unique<ShardWorker>(*impl->databases, static_cast<int>(k), std::move(dbs[k]),
                                        std::max(1, options.documents_per_flush)));
    }
  } catch (const std::system_error& e) {
    return Internal(std::string("cannot start the index writer's threads: ") + e.what() +
                    "; the machine is out of threads or memory");
  }
  return std::unique_ptr<Writer>(new Writer(std::move(impl)));
}

Status Writer::AddRecord(const Record& record) {
  if (impl_->shards.empty()) return Internal("the index writer was finished; open another");
  const int shard = ShardOf(record.id, static_cast<int>(impl_->shards.size()));
  return impl_->shards[static_cast<size_t>(shard)]->Queue(record);
}

Status Writer::RemoveRecord(const std::string& record_id) {
  if (impl_->shards.empty()) return Internal("the index writer was finished; open another");
  const int shard = ShardOf(record_id, static_cast<int>(impl_->shards.size()));
  return impl_->shards[static_cast<size_t>(shard)]->QueueRemoval(record_id);
}

Status Writer::Commit() {
  for (auto& shard : impl_->shards) shard->QueueCommit();  // every shard commits at once
  Status first;
  for (auto& shard : impl_->shards) {
    Status s = shard->Drain();
    if (first.ok() && !s.ok()) first = s;
  }
  return first;
}

Status Writer::Finish() {
  LUUTRU_RETURN_IF_ERROR(Commit());
  impl_->shards.clear();  // the shards' databases closed before their files are flushed
  return impl_->sync_commits ? Status::Ok() : SyncTree(impl_->databases->dir());
}

int Writer::generation() const { return impl_->databases->generation(); }

struct WriteLock::Impl {
  std::vector<Xapian::WritableDatabase> dbs;
};

WriteLock::WriteLock(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
WriteLock::~WriteLock() = default;

Result<std::unique_ptr<WriteLock>> WriteLock::Acquire(const fs::path& index_dir) {
  std::vector<fs::path> paths;
  switch (DetectLayout(index_dir)) {
    case IndexLayout::kNone:
      break;
    case IndexLayout::kPageDocuments:
      paths.push_back(index_dir);
      break;
    case IndexLayout::kShards: {
      // The first sharded layout: its stub names "shard-K" databases.
      Result<std::string> stub = ReadFile(index_dir / "XAPIANDB");
      std::istringstream lines(stub.ok() ? *stub : "");
      for (std::string backend, name; lines >> backend >> name;) {
        if (name.find('/') == std::string::npos) paths.push_back(index_dir / name);
      }
      break;
    }
    case IndexLayout::kMarkShards: {
      // A stub that names no database cannot be locked, nor written by anyone: a rebuild may go on.
      Result<IndexDatabases> databases = ReadIndexDatabases(index_dir);
      if (databases.ok()) {
        for (const ShardDb& db : databases->databases) paths.push_back(db.path);
      }
      break;
    }
  }
  auto impl = std::make_unique<Impl>();
  for (const fs::path& path : paths) {
    Result<Xapian::WritableDatabase> db = OpenShard(path, true);
    if (!db.ok()) return db.status();
    impl->dbs.push_back(std::move(db).value());
  }
  return std::unique_ptr<WriteLock>(new WriteLock(std::move(impl)));
}

}  // namespace luutru::index
