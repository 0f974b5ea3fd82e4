// A thin RAII layer over SQLite's C API, shared by the catalog's owners (ingest/catalog.cc,
// server/users.cc, server/audit.cc): prepared statements finalized on scope exit, errors as
// Status (a full disk as kNoSpace).
#pragma once

#include <sqlite3.h>

#include <string>

#include "core/status.h"

namespace luutru::ingest {

// A full disk stops a run (kNoSpace); any other SQLite failure is an I/O error.
inline Status CatalogError(sqlite3* db, const std::string& what) {
  std::string message = what + ": " + sqlite3_errmsg(db);
  if (sqlite3_errcode(db) == SQLITE_FULL) {
    return NoSpace(message + "; free space on the archive's disk and run the same command again");
  }
  return IoError(message);
}

// A prepared statement, finalized on scope exit.
class Statement {
 public:
  Statement(sqlite3* db, const char* sql) : db_(db) {
    if (sqlite3_prepare_v2(db, sql, -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
  }
  ~Statement() { sqlite3_finalize(stmt_); }
  bool ok() const { return stmt_ != nullptr; }
  Statement& Bind(int i, const std::string& v) {
    sqlite3_bind_text(stmt_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
    return *this;
  }
  Statement& Bind(int i, long long v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
  }
  int Step() { return sqlite3_step(stmt_); }
  // The column's bytes, all of them: a value holding a NUL byte is not cut there.
  std::string Text(int col) const {
    const unsigned char* t = sqlite3_column_text(stmt_, col);
    return t ? std::string(reinterpret_cast<const char*>(t), static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
             : std::string();
  }
  long long Int(int col) const { return sqlite3_column_int64(stmt_, col); }
  Status Error(const std::string& what) const { return CatalogError(db_, what); }

 private:
  sqlite3* db_;
  sqlite3_stmt* stmt_ = nullptr;
};

// Runs `sql` (one or more statements without results).
inline Status ExecSql(sqlite3* db, const char* sql);

// Opens `path` (creating it) in WAL mode with a busy timeout, as every catalog connection is,
// and runs `schema` (CREATE TABLE IF NOT EXISTS …) when given. The caller closes it.
inline Result<sqlite3*> OpenCatalogDatabase(const std::string& path, const char* schema = nullptr) {
  sqlite3* db = nullptr;
  if (sqlite3_open(path.c_str(), &db) != SQLITE_OK) {
    std::string message = "cannot open catalog " + path + ": " + sqlite3_errmsg(db);
    sqlite3_close(db);
    return IoError(message);
  }
  sqlite3_busy_timeout(db, 10'000);
  char* err = nullptr;
  if (sqlite3_exec(db, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;", nullptr, nullptr, &err) != SQLITE_OK) {
    sqlite3_free(err);
    Status status = CatalogError(db, "catalog");
    sqlite3_close(db);
    return status;
  }
  int persist = 1;  // -wal and -shm stay, so readers can open the catalog on a full disk
  sqlite3_file_control(db, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
  if (schema) {
    if (Status s = ExecSql(db, schema); !s.ok()) {
      sqlite3_close(db);
      return s;
    }
  }
  return db;
}

inline Status ExecSql(sqlite3* db, const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    sqlite3_free(err);
    return CatalogError(db, "catalog");
  }
  return Status::Ok();
}

}  // namespace luutru::ingest
