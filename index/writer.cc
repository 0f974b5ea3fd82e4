#include "index/writer.h"

#include <xapian.h>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <system_error>
#include <thread>

#include "core/fs_util.h"
#include "index/layout.h"
#include "index/page_terms.h"
#include "index/record_data.h"
#include "index/schema.h"

namespace luutru::index {
namespace {

namespace fs = std::filesystem;

// How much more a word of the record's fields weighs than a word of the page text.
constexpr Xapian::termcount kFieldWdf = 4;
// Records waiting for a shard's thread: enough to keep it busy, few enough to bound memory.
constexpr size_t kQueuedRecordsPerShard = 16;

// "2023-03-15" -> "20230315"; anything else -> "" (no value: unknown dates do not sort).
std::string DateValue(const std::string& iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return "";
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

// Positions for the folded words only: phrases are matched on them. The exact spelling only
// adds weight (a quarter less index, a quarter faster to build).
void AddWord(Xapian::Document& doc, const Posting& p, unsigned position, Xapian::termcount wdf) {
  if (p.term.rfind(kPrefixFolded, 0) == 0) {
    doc.add_posting(p.term, position, wdf);
  } else {
    doc.add_term(p.term, wdf);
  }
}

// The record's title fields, indexed after its pages with extra weight: a record whose type,
// subject, issuing body or signer holds the query's words ranks above one that only mentions
// them in passing.
std::vector<Posting> TitleFieldPostings(const Metadata& m) {
  return TextPostings(m.doc_type + "\n" + m.subject + "\n" + m.parent_agency + " " + m.agency + "\n" +
                      m.signer_title + " " + m.signer);
}

Xapian::Document BuildRecordDocument(const Record& record) {
  Xapian::Document doc;
  const Metadata& m = record.metadata;
  RecordData data{record.id, record.source, m.doc_type, m.number,  m.date,           m.agency,
                  m.subject, m.signer,      m.confidentiality,      m.urgency, {}, 0};
  unsigned base = 0;  // the position before the page's first word
  for (const PageText& page : record.pages) {
    unsigned last = 0;
    for (const Posting& p : TextPostings(page.text)) {
      AddWord(doc, p, base + p.position, 1);
      last = p.position;
    }
    data.pages.push_back({page.number, base + 1, base + last, page.text});
    base += last + kPageGap;
  }
  data.title_position = base + 1;
  for (const Posting& p : TitleFieldPostings(m)) AddWord(doc, p, base + p.position, kFieldWdf);
  for (const std::string& term : FieldTerms(record)) {
    // A number's terms carry weight: a number typed bare in a query ranks its record first.
    if (term.rfind(kPrefixNumber, 0) == 0) {
      doc.add_term(term, 1);
    } else {
      doc.add_boolean_term(term);
    }
  }
  doc.add_boolean_term(std::string(kPrefixRecord) + record.id);

  doc.add_value(kSlotRecordId, record.id);
  if (std::string date = DateValue(m.date); !date.empty()) doc.add_value(kSlotDate, date);
  doc.add_value(kSlotPageCount, Xapian::sortable_serialise(static_cast<double>(record.pages.size())));
  if (!m.doc_type.empty()) doc.add_value(kSlotFacetDocType, m.doc_type);
  if (!m.agency.empty()) doc.add_value(kSlotFacetAgency, m.agency);
  if (m.date.size() >= 4) doc.add_value(kSlotFacetYear, m.date.substr(0, 4));
  if (!m.confidentiality.empty()) doc.add_value(kSlotFacetSecrecy, m.confidentiality);
  doc.set_data(EncodeRecordData(data));
  return doc;
}

Status CommitError(const fs::path& dir, const Xapian::Error& e) {
  // Xapian keeps the last committed revision; a full disk only stops the run.
  if (FilesystemNearlyFull(dir, 16ull << 20)) {
    return NoSpace("index commit failed: " + e.get_description() +
                   "; free space on the archive's disk and run the same command again (nothing archived is lost)");
  }
  return IoError("index commit failed: " + e.get_description());
}

Result<Xapian::WritableDatabase> OpenShard(const fs::path& dir, bool sync_commits) {
  try {
    return Xapian::WritableDatabase(dir.string(), Xapian::DB_CREATE_OR_OPEN | (sync_commits ? 0 : Xapian::DB_NO_SYNC));
  } catch (const Xapian::DatabaseLockError&) {
    return Busy("the index " + dir.string() + " is being written by another luutru process; wait for it to finish");
  } catch (const Xapian::Error& e) {
    return IoError("cannot open index " + dir.string() + ": " + e.get_description());
  }
}

// One shard's database and the thread that owns it. The caller queues records and commits;
// the first error sticks and is returned by every later call.
class ShardWorker {
 public:
  ShardWorker(Xapian::WritableDatabase db, fs::path dir, int documents_per_flush)
      : db_(std::move(db)), dir_(std::move(dir)), documents_per_flush_(documents_per_flush),
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
    queue_.push_back({std::move(record), false});
    changed_.notify_all();
    return Status::Ok();
  }

  void QueueCommit() {
    std::lock_guard lock(mu_);
    queue_.push_back({Record{}, true});
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
    bool commit = false;
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
      Status status = task.commit ? Commit() : Index(task.record);
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
    try {
      db_.replace_document(std::string(kPrefixRecord) + record.id, BuildRecordDocument(record));
      if (++pending_ >= documents_per_flush_) return Commit();
      return Status::Ok();
    } catch (const Xapian::Error& e) {
      return IoError("indexing record " + record.id + ": " + e.get_description());
    }
  }

  Status Commit() {
    try {
      db_.commit();
      pending_ = 0;
      return Status::Ok();
    } catch (const Xapian::Error& e) {
      return CommitError(dir_, e);
    }
  }

  Xapian::WritableDatabase db_;  // used by thread_ only
  const fs::path dir_;
  const int documents_per_flush_;
  int pending_ = 0;  // documents since the last commit (thread_ only)

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
  fs::path dir;
  bool sync_commits = true;
  std::vector<std::unique_ptr<ShardWorker>> shards;
};

Writer::Writer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Writer::~Writer() = default;

Result<std::unique_ptr<Writer>> Writer::Open(const fs::path& index_dir, const WriterOptions& options) {
  switch (DetectLayout(index_dir)) {
    case IndexLayout::kPageDocuments:
      return OldLayoutError(index_dir);
    case IndexLayout::kNone:
      LUUTRU_RETURN_IF_ERROR(CreateShardLayout(index_dir, options.shards));
      break;
    case IndexLayout::kShards:
      break;
  }
  Result<std::vector<fs::path>> paths = ShardPaths(index_dir);
  if (!paths.ok()) return paths.status();
  // Every shard opened (and locked) before any thread starts: a busy index fails whole.
  std::vector<Xapian::WritableDatabase> dbs;
  for (const fs::path& path : *paths) {
    Result<Xapian::WritableDatabase> db = OpenShard(path, options.sync_commits);
    if (!db.ok()) return db.status();
    dbs.push_back(std::move(db).value());
  }
  auto impl = std::make_unique<Impl>();
  impl->dir = index_dir;
  impl->sync_commits = options.sync_commits;
  try {
    for (size_t k = 0; k < dbs.size(); ++k) {
      impl->shards.push_back(
          std::make_unique<ShardWorker>(std::move(dbs[k]), (*paths)[k], std::max(1, options.documents_per_flush)));
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
  return impl_->sync_commits ? Status::Ok() : SyncTree(impl_->dir);
}

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
      // A stub that names no shard cannot be locked, nor written by anyone: a rebuild may go on.
      Result<std::vector<fs::path>> shards = ShardPaths(index_dir);
      if (shards.ok()) paths = *shards;
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
