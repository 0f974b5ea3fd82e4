// catalog.sqlite's one schema, and how a catalog written by an older luutru is brought up to it.
#include "db/database.h"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <string>

#include "db/schema.h"
#include "test_util.h"

namespace luutru::db {
namespace {

using testing::TempDir;

// Runs `sql` on `path` as another program (or an older luutru) would.
void RawSql(const std::filesystem::path& path, const std::string& sql) {
  sqlite3* handle = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &handle), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(handle, sql.c_str(), nullptr, nullptr, nullptr), SQLITE_OK)
      << sqlite3_errmsg(handle);
  sqlite3_close(handle);
}

long long Count(Database& db, const char* sql) {
  Statement st(db, sql);
  EXPECT_TRUE(st.ok()) << sql;
  EXPECT_EQ(st.Step(), StepResult::kRow);
  return st.Int(0);
}

TEST(Database, ANewCatalogHasEveryOwnersTables) {
  TempDir dir;
  Result<std::unique_ptr<Database>> db = Database::Open(dir.path() / "catalog.sqlite");
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  for (const char* table : {"files", "records", "runs", "corrections", "users", "audit"}) {
    Statement st(**db, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?");
    st.Bind(1, std::string(table));
    ASSERT_EQ(st.Step(), StepResult::kRow);
    EXPECT_EQ(st.Int(0), 1) << table;
  }
  EXPECT_EQ(Count(**db, "PRAGMA user_version"), kSchemaVersion);
}

TEST(Database, AnOlderCatalogIsBroughtUpToDateKeepingItsRows) {
  TempDir dir;
  const auto path = dir.path() / "catalog.sqlite";
  // As luutru wrote it before the server's tables were in the schema: an audit log without keys.
  RawSql(path,
         "CREATE TABLE records (id TEXT PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, source TEXT NOT "
         "NULL, "
         "format TEXT NOT NULL, pages INTEGER NOT NULL, updated_at TEXT NOT NULL);"
         "INSERT INTO records VALUES ('ab12', 'ab12ff', '/scans/a.pdf', 'pdf', 2, "
         "'2025-01-01T00:00:00Z');"
         "CREATE TABLE audit (seq INTEGER PRIMARY KEY, at TEXT NOT NULL, user TEXT NOT NULL, "
         "action TEXT NOT NULL, "
         "target TEXT NOT NULL, result_count INTEGER NOT NULL, status INTEGER NOT NULL, prev_hash "
         "TEXT NOT NULL, "
         "hash TEXT NOT NULL);"
         "INSERT INTO audit VALUES (1, '2025-01-01T00:00:00Z', 'an', 'search', 'q', 3, 200, '0:', "
         "'h1');"
         "PRAGMA user_version = 2;");
  Result<std::unique_ptr<Database>> db = Database::Open(path);
  ASSERT_TRUE(db.ok()) << db.status().ToString();
  EXPECT_EQ(Count(**db, "SELECT COUNT(*) FROM records"), 1);
  EXPECT_EQ(Count(**db, "SELECT COUNT(*) FROM audit WHERE key_id = ''"), 1)
      << "the column added, the entry kept";
  EXPECT_EQ(Count(**db, "SELECT COUNT(*) FROM users"), 0);
  EXPECT_EQ(Count(**db, "PRAGMA user_version"), kSchemaVersion);
  // Schema 5: a scan split into documents has a record for each, of one original.
  Statement second(
      **db,
      "INSERT INTO records (id, sha256, part, source, format, pages, updated_at) "
      "VALUES ('cd34', 'ab12ff', 2, '/scans/a.pdf', 'pdf', 1, '2025-01-02T00:00:00Z')");
  ASSERT_TRUE(second.ok());
  EXPECT_EQ(second.Step(), StepResult::kDone);
  EXPECT_EQ(Count(**db, "SELECT COUNT(*) FROM records WHERE sha256 = 'ab12ff'"), 2);
  EXPECT_EQ(Count(**db, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'records_by_sha256'"), 1);
}

TEST(Database, StatementsReportWhatWentWrong) {
  TempDir dir;
  Result<std::unique_ptr<Database>> db = Database::Open(dir.path() / "catalog.sqlite");
  ASSERT_TRUE(db.ok());
  Statement bad(**db, "SELECT * FROM no_such_table");
  EXPECT_FALSE(bad.ok());
  EXPECT_NE(bad.Error("lookup").ToString().find("no_such_table"), std::string::npos);
  Statement insert(
      **db, "INSERT INTO users (name, clearance, token_hash, created_at) VALUES (?, ?, ?, ?)");
  insert.Bind(1, std::string("an"))
      .Bind(2, std::string("public"))
      .Bind(3, std::string("h"))
      .Bind(4, std::string("t"));
  EXPECT_EQ(insert.Step(), StepResult::kDone);
  EXPECT_EQ((*db)->Changes(), 1);
  Statement again(
      **db,
      "INSERT INTO users (name, clearance, token_hash, created_at) VALUES ('an', 'x', 'y', 'z')");
  EXPECT_EQ(again.Step(), StepResult::kError) << "the name is the key";
}

TEST(Database, ACatalogThatCannotBeOpenedIsAnError) {
  TempDir dir;
  Result<std::unique_ptr<Database>> db =
      Database::Open(dir.path() / "no-such-folder" / "catalog.sqlite");
  EXPECT_FALSE(db.ok());
}

}  // namespace
}  // namespace luutru::db
