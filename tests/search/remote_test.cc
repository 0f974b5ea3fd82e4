// Shards on other machines: a real xapian-tcpsrv (xapian-tools) serving an index, listed in a
// search head's stub (`remote HOST:PORT`), searched with the head's own records: counts,
// facets and hits of both, the caller's clearance applied on the remote shard too; a server
// killed or stopped gives the head's results marked partial within the deadline, and the
// shard is searched again once it is back.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/wait.h>

#include <chrono>
#include <set>
#include <thread>

#include "core/fs_util.h"
#include "core/process.h"
#include "index/layout.h"
#include "index/writer.h"
#include "search/searcher.h"
#include "test_util.h"

namespace luutru::search {
namespace {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

// Records: `prefix`-0 .. -3, "báo cáo quốc phòng"; the third marked MẬT, the fourth TUYỆT MẬT.
void WriteIndex(const fs::path& index_dir, const std::string& prefix, const std::string& agency) {
  auto writer = index::Writer::Open(index_dir);
  ASSERT_TRUE(writer.ok()) << writer.status().ToString();
  const char* marks[] = {"", "", "MẬT", "TUYỆT MẬT"};
  for (int i = 0; i < 4; ++i) {
    Record r = testing::MakeTextRecord(prefix + "-" + std::to_string(i),
                                       {"báo cáo tình hình quốc phòng " + prefix});
    r.metadata.doc_type = "BÁO CÁO";
    r.metadata.agency = agency;
    r.metadata.confidentiality = marks[i];
    ASSERT_TRUE((*writer)->AddRecord(r).ok());
  }
  ASSERT_TRUE((*writer)->Finish().ok());
}

int FreePort() {
  // Ports above the ephemeral range's usual start are rarely taken; try until one binds.
  static int next = 35000 + static_cast<int>(getpid() % 2000) * 10;
  return next++;
}

class RemoteShardTest : public ::testing::Test {
 protected:
  void SetUp() override {
    WriteIndex(dir_ / "here/index", "here", "SỞ NỘI VỤ");
    WriteIndex(dir_ / "there/index", "there", "SỞ TƯ PHÁP");
    StartServer();
    Result<index::IndexDatabases> named = index::ReadIndexDatabases(dir_ / "here/index");
    ASSERT_TRUE(named.ok());
    named->remotes.push_back({"127.0.0.1", port_});
    ASSERT_TRUE(index::WriteStub(dir_ / "here/index", "XAPIANDB", *named).ok());
  }
  void TearDown() override {
    for (pid_t server : extra_servers_) Stop(server);
    if (server_ > 0) Stop(server_);
  }
  static void Stop(pid_t server) {
    kill(-server, SIGCONT);
    kill(-server, SIGKILL);
    waitpid(server, nullptr, 0);
  }

  // xapian-tcpsrv over the databases of the index "there", on a port of its own.
  void StartServer() { Serve(server_, port_); }
  void Serve(pid_t& server, int& port) {
    Result<index::IndexDatabases> named = index::ReadIndexDatabases(dir_ / "there/index");
    ASSERT_TRUE(named.ok());
    for (int attempt = 0; attempt < 20; ++attempt) {
      port = FreePort();
      std::vector<std::string> args = {"xapian-tcpsrv", "--quiet", "--interface",
                                       "127.0.0.1",     "--port",  std::to_string(port)};
      for (const index::ShardDb& db : named->databases) args.push_back(db.path.string());
      // A group of its own: xapian-tcpsrv forks a process per connection, and a machine going
      // down (or systemctl stop) takes them all.
      Result<pid_t> spawned = SpawnProcessGroup(args);
      ASSERT_TRUE(spawned.ok()) << spawned.status().ToString()
                                << ": scripts/setup installs xapian-tools";
      server = *spawned;
      std::this_thread::sleep_for(std::chrono::milliseconds(300));
      if (waitpid(server, nullptr, WNOHANG) == 0) return;  // listening
      server = 0;                                          // the port was taken: another
    }
    FAIL() << "xapian-tcpsrv did not start";
  }

  std::unique_ptr<Searcher> Open() {
    auto searcher = Searcher::Open(dir_ / "here/index");
    EXPECT_TRUE(searcher.ok()) << searcher.status().ToString();
    return searcher.ok() ? std::move(*searcher) : nullptr;
  }

  static std::set<std::string> Ids(const SearchResults& r) {
    std::set<std::string> ids;
    for (const SearchHit& h : r.hits) ids.insert(h.record_id);
    return ids;
  }

  testing::TempDir dir_;
  pid_t server_ = 0;
  int port_ = 0;
  std::vector<pid_t> extra_servers_;  // more servers of the same shard, when a test starts them
};

TEST_F(RemoteShardTest, ARemoteShardIsSearchedWithTheLocalOnesUnderTheCallersClearance) {
  auto searcher = Open();
  ASSERT_TRUE(searcher);
  SearchRequest staff{.query = "quoc phong", .limit = 20, .facets = true};
  staff.access.clearance = Clearance::kInternal;
  auto results = searcher->Search(staff);
  ASSERT_TRUE(results.ok()) << results.status().ToString();
  EXPECT_FALSE(results->partial());
  EXPECT_EQ(Ids(*results), (std::set<std::string>{"here-0", "here-1", "there-0", "there-1"}))
      << "the marked records of both shards hidden";
  EXPECT_EQ(results->total_records, 4);
  std::map<std::string, long long> agencies;
  for (const FacetCount& f : results->facets["coquan"]) agencies[f.value] = f.records;
  EXPECT_EQ(agencies, (std::map<std::string, long long>{{"SỞ NỘI VỤ", 2}, {"SỞ TƯ PHÁP", 2}}));

  auto all = searcher->Search({.query = "quoc phong", .limit = 20});  // tuyệt mật
  ASSERT_TRUE(all.ok());
  EXPECT_EQ(all->total_records, 8);
  EXPECT_EQ(Ids(*all).count("there-3"), 1u);
  // The remote record's own page text comes back with it.
  auto one = searcher->Search({.query = "\"quốc phòng there\""});
  ASSERT_TRUE(one.ok());
  ASSERT_FALSE(one->hits.empty());
  EXPECT_NE(one->hits[0].snippet.text.find("there"), std::string::npos);
}

TEST_F(RemoteShardTest, AShardServerKilledOrStoppedGivesPartialResultsWithinTheDeadline) {
  auto searcher = Open();
  ASSERT_TRUE(searcher);
  ASSERT_EQ(searcher->Search({.query = "quoc phong"})->total_records, 8);

  // Stopped: connected, but it never answers.
  kill(-server_, SIGSTOP);
  auto start = Clock::now();
  auto stopped = searcher->Search({.query = "quoc phong", .limit = 20});
  double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  ASSERT_TRUE(stopped.ok()) << stopped.status().ToString();
  EXPECT_LT(seconds, 2.0);
  EXPECT_TRUE(stopped->partial());
  EXPECT_EQ(stopped->missing_shards,
            std::vector<std::string>{"127.0.0.1:" + std::to_string(port_)});
  EXPECT_EQ(stopped->total_records, 4) << "the local records only";

  // Killed: the next searches do not wait for it at all.
  kill(-server_, SIGCONT);
  kill(-server_, SIGKILL);
  waitpid(server_, nullptr, 0);
  server_ = 0;
  start = Clock::now();
  auto killed = searcher->Search({.query = "quoc phong"});
  seconds = std::chrono::duration<double>(Clock::now() - start).count();
  ASSERT_TRUE(killed.ok());
  EXPECT_TRUE(killed->partial());
  EXPECT_LT(seconds, 2.0);

  // A new searcher (a restarted server process) with the shard still down: partial at once.
  auto fresh = Open();
  ASSERT_TRUE(fresh);
  auto down = fresh->Search({.query = "quoc phong"});
  ASSERT_TRUE(down.ok());
  EXPECT_TRUE(down->partial());
  EXPECT_EQ(down->total_records, 4);
}

// Shards that stop answering are waited for at once, not one after the other.
TEST_F(RemoteShardTest, ThreeStoppedShardServersCostOneDeadline) {
  Result<index::IndexDatabases> named = index::ReadIndexDatabases(dir_ / "here/index");
  ASSERT_TRUE(named.ok());
  for (int i = 0; i < 2; ++i) {
    pid_t server = 0;
    int port = 0;
    Serve(server, port);
    ASSERT_GT(server, 0);
    extra_servers_.push_back(server);
    named->remotes.push_back({"127.0.0.1", port});
  }
  ASSERT_TRUE(index::WriteStub(dir_ / "here/index", "XAPIANDB", *named).ok());
  auto searcher = Open();
  ASSERT_TRUE(searcher);
  ASSERT_EQ(searcher->Search({.query = "quoc phong"})->total_records, 4 + 3 * 4);

  kill(-server_, SIGSTOP);
  for (pid_t server : extra_servers_) kill(-server, SIGSTOP);
  const auto start = Clock::now();
  auto stopped = searcher->Search({.query = "quoc phong"});
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  ASSERT_TRUE(stopped.ok()) << stopped.status().ToString();
  EXPECT_EQ(stopped->missing_shards.size(), 3u);
  EXPECT_EQ(stopped->total_records, 4) << "the local records only";
  EXPECT_LT(seconds, 2.0) << "three deadlines of 1 s waited one after the other";
}

TEST_F(RemoteShardTest, TheStubKeepsItsRemoteShardsThroughWritesAndRebuilds) {
  // A writer adding a mark's first database rewrites the stub: the remote line stays.
  {
    auto writer = index::Writer::Open(dir_ / "here/index");
    ASSERT_TRUE(writer.ok());
    Record r = testing::MakeTextRecord("here-toimat", {"báo cáo"});
    r.metadata.confidentiality = "TỐI MẬT";
    ASSERT_TRUE((*writer)->AddRecord(r).ok());
    ASSERT_TRUE((*writer)->Finish().ok());
  }
  auto named = index::ReadIndexDatabases(dir_ / "here/index");
  ASSERT_TRUE(named.ok());
  ASSERT_EQ(named->remotes.size(), 1u);
  EXPECT_EQ(named->remotes[0].port, port_);
  // A rebuilt generation too.
  {
    index::WriterOptions rebuild;
    rebuild.rebuild_generation = named->generation + 1;
    auto writer = index::Writer::Open(dir_ / "here/index", rebuild);
    ASSERT_TRUE(writer.ok());
    ASSERT_TRUE((*writer)->Finish().ok());
  }
  ASSERT_TRUE(index::SwitchGeneration(dir_ / "here/index", named->generation + 1).ok());
  named = index::ReadIndexDatabases(dir_ / "here/index");
  ASSERT_TRUE(named.ok());
  EXPECT_EQ(named->remotes.size(), 1u);

  for (const char* wrong : {"host", "host:0", "host:70000", ":33", "a b:33", "host:33x"})
    EXPECT_FALSE(index::ParseRemoteShard(wrong).ok()) << wrong;
  EXPECT_EQ(index::ParseRemoteShard("may-2.luutru.local:33333")->Name(),
            "may-2.luutru.local:33333");
}

}  // namespace
}  // namespace luutru::search
