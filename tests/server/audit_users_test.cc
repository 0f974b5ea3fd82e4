// The audit chain and the user store on a real catalog file: each kind of tampering is caught
// and named; tokens are kept only as hashes.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <sstream>

#include "server/audit.h"
#include "server/users.h"
#include "test_util.h"

namespace luutru::server {
namespace {

class AuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    auto log = AuditLog::Open(catalog());
    ASSERT_TRUE(log.ok()) << log.status().ToString();
    for (int i = 1; i <= 5; ++i) {
      ASSERT_TRUE((*log)->Append({.user = "lan", .action = "search", .target = "q" + std::to_string(i),
                                  .result_count = i}).ok());
    }
  }
  std::filesystem::path catalog() const { return dir_.path() / "catalog.sqlite"; }
  void Sql(const std::string& sql) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(catalog().c_str(), &db), SQLITE_OK);
    ASSERT_EQ(sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK) << sqlite3_errmsg(db);
    sqlite3_close(db);
  }
  AuditVerdict Verify() {
    auto log = AuditLog::Open(catalog());
    EXPECT_TRUE(log.ok());
    auto verdict = (*log)->Verify();
    EXPECT_TRUE(verdict.ok());
    return *verdict;
  }
  testing::TempDir dir_;
};

TEST_F(AuditTest, AnUntouchedChainIsIntact) {
  AuditVerdict v = Verify();
  EXPECT_TRUE(v.intact) << v.problem;
  EXPECT_EQ(v.entries, 5);
}

TEST_F(AuditTest, AnEditedEntryIsNamed) {
  Sql("UPDATE audit SET result_count = 0 WHERE seq = 3");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 3);
  EXPECT_NE(v.problem.find("altered"), std::string::npos);
}

TEST_F(AuditTest, AnEditWithARecomputedHashBreaksTheNextLink) {
  // Whoever edits entry 2 and gives it a fresh hash still leaves entry 3 pointing at the old one.
  Sql("UPDATE audit SET target = 'other' WHERE seq = 2");
  AuditEntry e{.seq = 2};
  sqlite3* db = nullptr;
  sqlite3_open(catalog().c_str(), &db);
  sqlite3_stmt* st = nullptr;
  sqlite3_prepare_v2(db, "SELECT at, user, action, target, result_count, status, prev_hash FROM audit WHERE seq = 2", -1, &st, nullptr);
  ASSERT_EQ(sqlite3_step(st), SQLITE_ROW);
  auto text = [&](int c) { return std::string(reinterpret_cast<const char*>(sqlite3_column_text(st, c))); };
  e.at = text(0);
  e.user = text(1);
  e.action = text(2);
  e.target = text(3);
  e.result_count = sqlite3_column_int64(st, 4);
  e.status = sqlite3_column_int(st, 5);
  e.prev_hash = text(6);
  sqlite3_finalize(st);
  sqlite3_close(db);
  Sql("UPDATE audit SET hash = '" + AuditHash(e) + "' WHERE seq = 2");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 3);
}

TEST_F(AuditTest, ADeletedEntryIsNamed) {
  Sql("DELETE FROM audit WHERE seq = 4");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 4);
  EXPECT_NE(v.problem.find("missing"), std::string::npos);
}

TEST_F(AuditTest, SwappedEntriesAreNamed) {
  Sql("UPDATE audit SET seq = -1 WHERE seq = 2; UPDATE audit SET seq = 2 WHERE seq = 3; UPDATE audit SET seq = 3 WHERE seq = -1");
  AuditVerdict v = Verify();
  EXPECT_FALSE(v.intact);
  EXPECT_EQ(v.first_bad_seq, 2);
}

TEST_F(AuditTest, AppendsContinueTheChain) {
  auto log = AuditLog::Open(catalog());
  ASSERT_TRUE((*log)->Append({.user = "", .action = "view", .target = "abc"}).ok());
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
  EXPECT_FALSE((*users)->FindByToken(*token)->has_value()) << "a renewed user's old token stops working";
  EXPECT_EQ((*(*users)->FindByToken(*renewed))->clearance, search::Clearance::kInternal);

  ASSERT_TRUE((*users)->Remove("lan").ok());
  EXPECT_FALSE((*users)->FindByToken(*renewed)->has_value());
  EXPECT_EQ((*users)->Remove("lan").code(), StatusCode::kNotFound);
  EXPECT_FALSE((*users)->Add("two words", search::Clearance::kMat).ok());
}

}  // namespace
}  // namespace luutru::server
