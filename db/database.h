// A connection to an archive's catalog.sqlite, the one way in for its three owners (ingest's
// Catalog, the server's users and audit log): opened in WAL mode with a busy timeout, its
// schema (db/schema.h) brought up to date; prepared statements finalized on scope exit;
// errors as Status (a full disk as kNoSpace). The only folder that includes <sqlite3.h>.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace luutru::db {

class Database {
 public:
  // Opens `path`, creating it. WAL: readers (search, verify) never block the ingest writer,
  // and a crash loses at most the transaction in flight.
  static Result<std::unique_ptr<Database>> Open(const std::filesystem::path& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  // Runs `sql`: one or more statements without results ("BEGIN IMMEDIATE", "COMMIT").
  Status Exec(const char* sql);
  // Rows the last INSERT, UPDATE or DELETE changed; the rowid the last INSERT made.
  long long Changes() const;
  long long LastInsertRowId() const;
  // The connection's last error, as a Status naming `what` failed.
  Status Error(const std::string& what) const;

 private:
  friend class Statement;
  explicit Database(sqlite3* db) : db_(db) {}
  sqlite3* db_;
};

enum class StepResult { kRow, kDone, kError };

class Statement {
 public:
  Statement(Database& db, const char* sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  bool ok() const { return stmt_ != nullptr; }
  Statement& Bind(int i, const std::string& v);
  Statement& Bind(int i, long long v);
  StepResult Step();
  // The column's bytes, all of them: a value holding a NUL byte is not cut there.
  std::string Text(int col) const;
  long long Int(int col) const;
  Status Error(const std::string& what) const { return db_.Error(what); }

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

}  // namespace luutru::db
