#include "db/database.h"

#include <sqlite3.h>

#include "db/schema.h"

namespace luutru::db {
namespace {

// Catalogs written before the server's tables were part of the schema: an audit log without
// the column keyed entries need.
Status AddAuditKeyColumn(Database& db) {
  Statement columns(db, "SELECT COUNT(*) FROM pragma_table_info('audit') WHERE name = 'key_id'");
  if (!columns.ok() || columns.Step() != StepResult::kRow) return columns.Error("catalog schema");
  if (columns.Int(0) > 0) return Status::Ok();
  return db.Exec("ALTER TABLE audit ADD COLUMN key_id TEXT NOT NULL DEFAULT ''");
}

// Catalogs written before the API could change the archive: users without the archivist's
// right (schema 6).
Status AddArchivistColumn(Database& db) {
  Statement columns(db, "SELECT COUNT(*) FROM pragma_table_info('users') WHERE name = 'archivist'");
  if (!columns.ok() || columns.Step() != StepResult::kRow) return columns.Error("catalog schema");
  if (columns.Int(0) > 0) return Status::Ok();
  return db.Exec("ALTER TABLE users ADD COLUMN archivist INTEGER NOT NULL DEFAULT 0");
}

// Catalogs written before a document of a file had elements of its own (schema 7).
Status AddDocumentElementsColumn(Database& db) {
  Statement columns(
      db, "SELECT COUNT(*) FROM pragma_table_info('hoso_documents') WHERE name = 'elements'");
  if (!columns.ok() || columns.Step() != StepResult::kRow) return columns.Error("catalog schema");
  if (columns.Int(0) > 0) return Status::Ok();
  return db.Exec("ALTER TABLE hoso_documents ADD COLUMN elements TEXT NOT NULL DEFAULT '{}'");
}

// Catalogs written before a scan could hold several documents (schema 5) keep one record per
// original (records.sha256 UNIQUE, no part column); a scan split into documents has a record
// for each. SQLite cannot drop a constraint, so the table is copied once, in one transaction.
Status AllowDocumentsOfOneScan(Database& db) {
  LUUTRU_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE"));
  long long has_part = 0;
  {
    Statement columns(db, "SELECT COUNT(*) FROM pragma_table_info('records') WHERE name = 'part'");
    if (!columns.ok() || columns.Step() != StepResult::kRow) {
      Status error = columns.Error("catalog schema");
      (void)db.Exec("ROLLBACK");
      return error;
    }
    has_part = columns.Int(0);
  }  // finalized: a table being read cannot be dropped
  if (has_part > 0) return db.Exec("COMMIT");
  Status copied = db.Exec(R"sql(
    CREATE TABLE records_v5 (
      id TEXT PRIMARY KEY, sha256 TEXT NOT NULL, part INTEGER NOT NULL DEFAULT 1,
      source TEXT NOT NULL, format TEXT NOT NULL, pages INTEGER NOT NULL,
      updated_at TEXT NOT NULL);
    INSERT INTO records_v5 (id, sha256, source, format, pages, updated_at)
      SELECT id, sha256, source, format, pages, updated_at FROM records;
    DROP TABLE records;
    ALTER TABLE records_v5 RENAME TO records;
    CREATE INDEX IF NOT EXISTS records_by_sha256 ON records (sha256);
  )sql");
  if (!copied.ok()) {
    (void)db.Exec("ROLLBACK");
    return copied;
  }
  return db.Exec("COMMIT");
}

}  // namespace

Result<std::unique_ptr<Database>> Database::Open(const std::filesystem::path& path) {
  sqlite3* handle = nullptr;
  if (sqlite3_open(path.c_str(), &handle) != SQLITE_OK) {
    std::string message = "cannot open catalog " + path.string() + ": " + sqlite3_errmsg(handle);
    sqlite3_close(handle);
    return IoError(message);
  }
  std::unique_ptr<Database> db(new Database(handle));
  sqlite3_busy_timeout(handle, 10'000);
  LUUTRU_RETURN_IF_ERROR(db->Exec("PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"));
  int persist = 1;  // -wal and -shm stay, so readers can open the catalog on a full disk
  sqlite3_file_control(handle, "main", SQLITE_FCNTL_PERSIST_WAL, &persist);
  // The schema is written only when it is older than this build's (or new): opening an up to
  // date catalog writes nothing, so it opens on a full disk too.
  int version = 0;
  {
    Statement st(*db, "PRAGMA user_version");
    if (st.ok() && st.Step() == StepResult::kRow) version = static_cast<int>(st.Int(0));
  }
  if (version < kSchemaVersion) {
    LUUTRU_RETURN_IF_ERROR(db->Exec(kSchema));
    LUUTRU_RETURN_IF_ERROR(AddAuditKeyColumn(*db));
    LUUTRU_RETURN_IF_ERROR(AllowDocumentsOfOneScan(*db));
    LUUTRU_RETURN_IF_ERROR(AddArchivistColumn(*db));
    LUUTRU_RETURN_IF_ERROR(AddDocumentElementsColumn(*db));
    const std::string set_version = "PRAGMA user_version = " + std::to_string(kSchemaVersion);
    LUUTRU_RETURN_IF_ERROR(db->Exec(set_version.c_str()));
  }
  return db;
}

Database::~Database() { sqlite3_close(db_); }

Status Database::Exec(const char* sql) {
  char* err = nullptr;
  if (sqlite3_exec(db_, sql, nullptr, nullptr, &err) != SQLITE_OK) {
    sqlite3_free(err);
    return Error("catalog");
  }
  return Status::Ok();
}

long long Database::Changes() const { return sqlite3_changes(db_); }
long long Database::LastInsertRowId() const { return sqlite3_last_insert_rowid(db_); }

Status Database::Error(const std::string& what) const {
  std::string message = what + ": " + sqlite3_errmsg(db_);
  if (sqlite3_errcode(db_) == SQLITE_FULL) {
    return NoSpace(message + "; free space on the archive's disk and run the same command again");
  }
  return IoError(message);
}

Statement::Statement(Database& db, const char* sql) : db_(db) {
  if (sqlite3_prepare_v2(db.db_, sql, -1, &stmt_, nullptr) != SQLITE_OK) stmt_ = nullptr;
}

Statement::~Statement() { sqlite3_finalize(stmt_); }

Statement& Statement::Bind(int i, const std::string& v) {
  sqlite3_bind_text(stmt_, i, v.c_str(), static_cast<int>(v.size()), SQLITE_TRANSIENT);
  return *this;
}

Statement& Statement::Bind(int i, long long v) {
  sqlite3_bind_int64(stmt_, i, v);
  return *this;
}

StepResult Statement::Step() {
  switch (sqlite3_step(stmt_)) {
    case SQLITE_ROW:
      return StepResult::kRow;
    case SQLITE_DONE:
      return StepResult::kDone;
    default:
      return StepResult::kError;
  }
}

std::string Statement::Text(int col) const {
  const unsigned char* t = sqlite3_column_text(stmt_, col);
  return t ? std::string(reinterpret_cast<const char*>(t),
                         static_cast<size_t>(sqlite3_column_bytes(stmt_, col)))
           : std::string();
}

long long Statement::Int(int col) const { return sqlite3_column_int64(stmt_, col); }

}  // namespace luutru::db
