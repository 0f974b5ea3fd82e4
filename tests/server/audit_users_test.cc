// The audit chain and the user store on a real catalog file: each kind of tampering is caught
// and named; tokens are kept only as hashes.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "db/database.h"
#include "server/audit.h"
#include "server/users.h"
#include "test_util.h"

namespace luutru::server {
namespace {

AuditEntry Entry(const std::string& user, const std::string& action, const std::string& target) {
  AuditEntry entry;
  entry.user = user;
  entry.action = action;
  entry.target = target;
  return entry;
}

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(AuditKeys::AddKey(key_file()).ok());
    auto log = Open();
    for (int i = 1; i <= 5; ++i) {
      std::string query = "q";
      query += std::to_string(i);  // not "q" + ...: gcc 12 warns of an overlap that is none
      AuditEntry entry = Entry("lan", "search", query);
      entry.result_count = i;
      ASSERT_TRUE(log->Append(entry).ok());
    }
  }
  std::filesystem::path catalog() const { return dir_.path() / "archive" / "catalog.sqlite"; }
  std::filesystem::path key_file() const { return dir_.path() / "etc" / "audit.key"; }
  std::unique_ptr<AuditLog> Open() {
    std::filesystem::create_directories(catalog().parent_path());
    auto keys = AuditKeys::Load(key_file());
    EXPECT_TRUE(keys.ok()) << keys.status().ToString();
    auto log = AuditLog::Open(catalog(), *keys);
    EXPECT_TRUE(log.ok()) << log.status().ToString();
    return std::move(log).value();
  }
  void Sql(const std::string& sql) {
    auto db = db::Database::Open(catalog());
    ASSERT_TRUE(db.ok()) << db.status().ToString();
    Status done = (*db)->Exec(sql.c_str());
    ASSERT_TRUE(done.ok()) << done.ToString();
  }
  AuditVerdict Verify(const std::string& head = "") {
    auto verdict = Open()->Verify(head);
    EXPECT_TRUE(verdict.ok()) << verdict.status().ToString();
    return *verdict;
  }
  // Entry `seq` as stored.
  AuditEntry Row(long long seq) {
    AuditEntry e;
    e.seq = seq;
    auto db = db::Database::Open(catalog());
    EXPECT_TRUE(db.ok()) << db.status().ToString();
    if (!db.ok()) return e;
    db::Statement row(**db,
                      "SELECT at, user, action, target, result_count, status, prev_hash, key_id "
                      "FROM audit WHERE seq = ?");
    row.Bind(1, seq);
    EXPECT_EQ(row.Step(), db::StepResult::kRow);
    e.at = row.Text(0);
    e.user = row.Text(1);
    e.action = row.Text(2);
    e.target = row.Text(3);
    e.result_count = row.Int(4);
    e.status = static_cast<int>(row.Int(5));
    e.prev_hash = row.Text(6);
    e.key_id = row.Text(7);
    return e;
  }
  testing::TempDir dir_;
};

TEST_F(AuditTest, AnUntouchedChainIsIntact) {
  AuditVerdict v = Verify();
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.entries, 5);
  EXPECT_EQ(v.head.rfind("5:", 0), 0u) << v.head;
}

TEST_F(AuditTest, AnEditedEntryIsNamed) {
  Sql("UPDATE audit SET result_count = 0 WHERE seq = 3");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_NE(v.problem.find("altered"), std::string::npos);
}

TEST_F(AuditTest, WithoutTheKeyAnEditCannotBeHashedAgain) {
  // Whoever can write the catalog edits entry 2 and rehashes it and every entry after it, as
  // the unkeyed chain allowed: without the key the hashes are wrong from entry 2 on.
  Sql("UPDATE audit SET target = 'other' WHERE seq = 2");
  std::string prev;  // the forged hash of the entry before
  for (long long seq = 2; seq <= 5; ++seq) {
    AuditEntry e = Row(seq);
    if (seq > 2) e.prev_hash = prev;
    const std::string forged = AuditHash(e, "a guessed key, 32 bytes long......");
    Sql("UPDATE audit SET prev_hash = '" + e.prev_hash + "', hash = '" + forged +
        "' WHERE seq = " + std::to_string(seq));
    prev = forged;
  }
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 2);
  // Nor does dropping the key id help: unsigned entries may not follow signed ones.
  Sql("UPDATE audit SET key_id = '' WHERE seq >= 3");
  EXPECT_FALSE(Verify().intact);
}

TEST_F(AuditTest, ADeletedEntryIsNamed) {
  Sql("DELETE FROM audit WHERE seq = 4");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 4);
  EXPECT_NE(v.problem.find("missing"), std::string::npos);
}

TEST_F(AuditTest, SwappedEntriesAreNamed) {
  Sql("UPDATE audit SET seq = -1 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3; UPDATE "
      "audit SET seq = 3 WHERE seq = -1");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 2);
}

TEST_F(AuditTest, NewestEntriesRemovedAreFoundByTheExportedHead) {
  const std::string head = *Open()->Head();
  EXPECT_TRUE(Verify(head).intact);
  Sql("DELETE FROM audit WHERE seq >= 4");
  EXPECT_TRUE(Verify().intact) << "a chain cut at its end is whole without the head";
  AuditVerdict v = Verify(head);
  EXPECT_FALSE(v.intact);
  EXPECT_NE(v.problem.find("newer entries were removed"), std::string::npos) << v.problem;
  EXPECT_FALSE(Open()->Verify("not a head").ok());
}

TEST_F(AuditTest, ARequestWithANulByteIsKeptWholeAndTheChainStaysIntact) {
  const std::string query("a\0b OR c", 8);
  ASSERT_TRUE(Open()->Append(Entry("lan", "search", query)).ok());
  ASSERT_TRUE(Open()->Append(Entry("lan", "view", "abc")).ok());
  AuditVerdict v = Verify();
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.entries, 7);
  EXPECT_EQ(Row(6).target, query) << "stored and read back as bytes";
}

TEST_F(AuditTest, RotatedKeysVerifyWhatEachSigned) {
  ASSERT_TRUE(AuditKeys::AddKey(key_file()).ok());
  ASSERT_TRUE(Open()->Append(Entry("", "view", "abc")).ok());
  AuditVerdict v = Verify();
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_NE(Row(6).key_id, Row(5).key_id) << "the newest key signs";
  // A key file without the older key cannot vouch for what it signed.
  std::ifstream in(key_file());
  std::string first, second;
  std::getline(in, first);
  std::getline(in, second);
  std::ofstream(key_file()) << second << "\n";
  v = Verify();
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 1);
  EXPECT_NE(v.problem.find("key file does not hold"), std::string::npos) << v.problem;
}

TEST(AuditKeysTest, TheKeyIsKeptOutsideTheArchiveAndPrivate) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir / "archive");
  auto inside = AuditKeys::LoadOrCreate(dir.path() / "archive" / "audit.key", dir / "archive");
  EXPECT_EQ(inside.status().code(), StatusCode::kInvalidArgument);
  auto made = AuditKeys::LoadOrCreate(dir.path() / "etc" / "audit.key", dir / "archive");
  ASSERT_TRUE(made.ok()) << made.status().ToString();
  EXPECT_EQ(std::filesystem::status(dir.path() / "etc" / "audit.key").permissions() &
                std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  auto again = AuditKeys::LoadOrCreate(dir.path() / "etc" / "audit.key", dir / "archive");
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->current_id(), made->current_id()) << "an existing key is kept";
  std::ofstream(dir.path() / "bad.key") << "k1 nothex\n";
  EXPECT_EQ(AuditKeys::Load(dir.path() / "bad.key").status().code(), StatusCode::kCorrupt);
}

TEST_F(AuditTest, AppendsContinueTheChain) {
  ASSERT_TRUE(Open()->Append(Entry("", "view", "abc")).ok());
  AuditVerdict v = Verify();
  EXPECT_TRUE(v.intact);
  EXPECT_EQ(v.entries, 6);
}

TEST(UserStoreTest, TokensAreKeptOnlyAsHashes) {
  testing::TempDir dir;
  auto users = UserStore::Open(dir.path() / "catalog.sqlite");
  ASSERT_TRUE(users.ok());
  auto token = (*users)->Add("lan", search::Clearance::kMat);
  ASSERT_TRUE(token.ok());
  EXPECT_EQ(token->size(), 64u);
  std::ifstream in(dir.path() / "catalog.sqlite", std::ios::binary);
  std::stringstream bytes;
  bytes << in.rdbuf();
  std::ifstream wal(dir.path() / "catalog.sqlite-wal", std::ios::binary);
  bytes << wal.rdbuf();
  EXPECT_EQ(bytes.str().find(*token), std::string::npos) << "the token itself is stored nowhere";

  auto found = (*users)->FindByToken(*token);
  ASSERT_TRUE(found.ok() && found->has_value());
  EXPECT_EQ((*found)->name, "lan");
  EXPECT_EQ((*found)->clearance, search::Clearance::kMat);
  EXPECT_FALSE((*users)->FindByToken(std::string(64, '0'))->has_value());

  auto renewed = (*users)->Add("lan", search::Clearance::kInternal);
  ASSERT_TRUE(renewed.ok());
  EXPECT_FALSE((*users)->FindByToken(*token)->has_value())
      << "a renewed user's old token stops working";
  EXPECT_EQ((*(*users)->FindByToken(*renewed))->clearance, search::Clearance::kInternal);

  ASSERT_TRUE((*users)->Remove("lan").ok());
  EXPECT_FALSE((*users)->FindByToken(*renewed)->has_value());
  EXPECT_EQ((*users)->Remove("lan").code(), StatusCode::kNotFound);
  EXPECT_FALSE((*users)->Add("two words", search::Clearance::kMat).ok());
}

}  // namespace
}  // namespace luutru::server
