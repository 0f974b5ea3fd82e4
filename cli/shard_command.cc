// `luutru shard add|remove|list|serve`: the index's shards on other machines (Xapian's remote
// backend; docs/operations.md, Many machines). `serve` runs xapian-tcpsrv over this archive's
// live databases and starts it again when a merge or reindex makes another generation live.
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>
#include <xapian.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <thread>

#include "cli/app.h"
#include "core/archive_layout.h"
#include "core/fs_util.h"
#include "core/process.h"
#include "index/layout.h"
#include "index/writer.h"
#include "ingest/catalog.h"

namespace luutru::cli {
namespace {

namespace fs = std::filesystem;

struct ShardFlags {
  std::string archive = DefaultArchiveDir();
  std::string shard;  // HOST:PORT
  int port = 0;
  std::string interface = "127.0.0.1";
  std::string tcpsrv = "xapian-tcpsrv";
};

// The live stub changed under `index_dir` in one rename, with the write lock held (no writer
// adds a database meanwhile).
Status ChangeRemotes(const fs::path& index_dir,
                     const std::function<Status(std::vector<index::RemoteShard>&)>& change) {
  if (index::DetectLayout(index_dir) == index::IndexLayout::kNone) {
    // A search head holds no records itself: an empty index names the shards.
    Result<std::unique_ptr<index::Writer>> created = index::Writer::Open(index_dir);
    if (!created.ok()) return created.status();
    LUUTRU_RETURN_IF_ERROR((*created)->Finish());
  }
  Result<std::unique_ptr<index::WriteLock>> lock = index::WriteLock::Acquire(index_dir);
  if (!lock.ok()) return lock.status();
  Result<index::IndexDatabases> named = index::ReadIndexDatabases(index_dir);
  if (!named.ok()) return named.status();
  LUUTRU_RETURN_IF_ERROR(change(named->remotes));
  return index::WriteStub(index_dir, "XAPIANDB", *named);
}

// "N records" when the shard answers within `timeout_ms`, else why not.
std::string Probe(const index::RemoteShard& shard, unsigned timeout_ms) {
  try {
    Xapian::Database db = Xapian::Remote::open(shard.host, shard.port, timeout_ms, timeout_ms);
    return std::to_string(db.get_doccount()) + " records";
  } catch (const Xapian::Error& e) {
    return "không trả lời (" + e.get_description() + ")";
  }
}

int RunAdd(const ShardFlags& flags) {
  Result<index::RemoteShard> shard = index::ParseRemoteShard(flags.shard);
  if (!shard.ok()) return Fail(shard.status());
  const ArchiveLayout layout(flags.archive);
  if (Status s = PrepareArchive(layout); !s.ok()) return Fail(s);
  // A search head is an archive of its own, whose records are elsewhere.
  std::error_code ec;
  fs::create_directories(layout.root(), ec);
  if (ec) return Fail(IoError("cannot create " + layout.root().string() + ": " + ec.message()));
  if (Result<std::unique_ptr<ingest::Catalog>> catalog = ingest::Catalog::Open(layout.catalog());
      !catalog.ok()) {
    return Fail(catalog.status());
  }
  Status s = ChangeRemotes(layout.index(), [&](std::vector<index::RemoteShard>& remotes) {
    if (std::find(remotes.begin(), remotes.end(), *shard) == remotes.end())
      remotes.push_back(*shard);
    return Status::Ok();
  });
  if (!s.ok()) return Fail(s);
  std::cout << shard->Name() << ": " << Probe(*shard, 2000) << "\n";
  return kExitOk;
}

int RunRemove(const ShardFlags& flags) {
  Result<index::RemoteShard> shard = index::ParseRemoteShard(flags.shard);
  if (!shard.ok()) return Fail(shard.status());
  const ArchiveLayout layout(flags.archive);
  if (Status s = RequireArchive(layout); !s.ok()) return Fail(s);
  Status s = ChangeRemotes(layout.index(), [&](std::vector<index::RemoteShard>& remotes) {
    auto at = std::find(remotes.begin(), remotes.end(), *shard);
    if (at == remotes.end()) {
      return NotFound(shard->Name() + " is not a shard of this index (luutru shard list)");
    }
    remotes.erase(at);
    return Status::Ok();
  });
  return s.ok() ? static_cast<int>(kExitOk) : Fail(s);
}

int RunList(const ShardFlags& flags) {
  const ArchiveLayout layout(flags.archive);
  if (Status s = RequireArchive(layout); !s.ok()) return Fail(s);
  Result<index::IndexDatabases> named = index::ReadIndexDatabases(layout.index());
  if (!named.ok()) return Fail(named.status());
  for (const index::ShardDb& db : named->databases) {
    long long records = 0;
    try {
      records = Xapian::Database(db.path.string()).get_doccount();
    } catch (const Xapian::Error&) {
      records = -1;
    }
    std::cout << "local  " << db.path.filename().string() << ": " << records << " records\n";
  }
  for (const index::RemoteShard& remote : named->remotes)
    std::cout << "remote " << remote.Name() << ": " << Probe(remote, 2000) << "\n";
  return kExitOk;
}

std::atomic<bool> g_serve_stop{false};

// xapian-tcpsrv over the live databases, started again whenever the live stub changes.
int RunServe(const ShardFlags& flags) {
  const ArchiveLayout layout(flags.archive);
  if (Status s = RequireArchive(layout); !s.ok()) return Fail(s);
  struct sigaction stop {};
  stop.sa_handler = [](int) { g_serve_stop = true; };
  sigaction(SIGTERM, &stop, nullptr);
  sigaction(SIGINT, &stop, nullptr);
  while (!g_serve_stop) {
    Result<std::string> stub = ReadFile(layout.index() / "XAPIANDB");
    Result<index::IndexDatabases> named = index::ReadIndexDatabases(layout.index());
    if (!stub.ok()) return Fail(stub.status());
    if (!named.ok()) return Fail(named.status());
    std::vector<std::string> args = {flags.tcpsrv,  "--quiet",
                                     "--port",      std::to_string(flags.port),
                                     "--interface", flags.interface};
    for (const index::ShardDb& db : named->databases) args.push_back(db.path.string());
    // A process group of its own: xapian-tcpsrv forks one process per connection, and a
    // restart must end those too (their clients connect again, to the new generation).
    Result<pid_t> spawned = SpawnProcessGroup(args);
    if (!spawned.ok()) {
      return Fail(
          NotFound(spawned.status().message() + "; install it with: apt-get install xapian-tools"));
    }
    const pid_t child = *spawned;
    std::cerr << "luutru shard serve: " << flags.interface << ":" << flags.port << ", "
              << named->databases.size() << " databases of generation " << named->generation
              << " (pid " << child << ")\n";
    int status = 0;
    bool restart = false;
    while (!g_serve_stop && !restart) {
      if (waitpid(child, &status, WNOHANG) == child) {
        kill(-child, SIGTERM);
        return Fail(IoError(flags.tcpsrv + " ended (exit " + std::to_string(WEXITSTATUS(status)) +
                            "); is port " + std::to_string(flags.port) + " taken?"));
      }
      std::this_thread::sleep_for(std::chrono::seconds(1));
      Result<std::string> now = ReadFile(layout.index() / "XAPIANDB");
      restart = now.ok() && *now != *stub;  // a merge or reindex switched generations
    }
    kill(-child, SIGTERM);
    waitpid(child, &status, 0);
  }
  return kExitOk;
}

}  // namespace

Command AddShardCommand(CLI::App& app) {
  auto flags = std::make_shared<ShardFlags>();
  CLI::App* cmd = app.add_subcommand(
      "shard", "Shards of the index on other machines (Xapian's remote backend, xapian-tcpsrv)");
  cmd->require_subcommand(1);
  cmd->add_option("--archive", flags->archive, "Archive folder ($LUUTRU_ARCHIVE or ./archive)");
  CLI::App* add = cmd->add_subcommand(
      "add", "Search the shard served at HOST:PORT with this archive's own (made if missing)");
  add->add_option("shard", flags->shard, "HOST:PORT of a luutru shard serve")->required();
  CLI::App* remove = cmd->add_subcommand("remove", "Stop searching the shard at HOST:PORT");
  remove->add_option("shard", flags->shard, "HOST:PORT")->required();
  CLI::App* list = cmd->add_subcommand("list",
                                       "The index's shards, here and remote, and whether "
                                       "the remote ones answer");
  CLI::App* serve = cmd->add_subcommand(
      "serve",
      "Serve this archive's index to other machines' searches (runs xapian-tcpsrv, "
      "again after each merge or reindex)");
  serve->add_option("--port", flags->port, "TCP port")->required()->check(CLI::Range(1, 65535));
  serve
      ->add_option("--interface", flags->interface,
                   "Address to listen on; anyone reaching it reads the whole index, secret "
                   "records included: a private network only")
      ->capture_default_str();
  serve->add_option("--tcpsrv", flags->tcpsrv, "The xapian-tcpsrv program")->capture_default_str();
  for (CLI::App* sub : {add, remove, list, serve})
    sub->add_option("--archive", flags->archive, "Archive folder ($LUUTRU_ARCHIVE or ./archive)");
  return {cmd, [flags, add, remove, list, serve]() {
            if (add->parsed()) return RunAdd(*flags);
            if (remove->parsed()) return RunRemove(*flags);
            if (list->parsed()) return RunList(*flags);
            if (serve->parsed()) return RunServe(*flags);
            return static_cast<int>(kExitUsage);
          }};
}

}  // namespace luutru::cli
