#include "ingest/catalog.h"

#include "core/fs_util.h"
#include "db/database.h"

namespace luutru::ingest {

const char* FileStateName(FileState state) { return state == FileState::kDone ? "done" : "failed"; }

struct Catalog::Impl {
  std::unique_ptr<db::Database> db;

  Status Exec(const char* sql) { return db->Exec(sql); }
};

Catalog::Catalog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Catalog::~Catalog() = default;

Result<std::unique_ptr<Catalog>> Catalog::Open(const std::filesystem::path& path) {
  Result<std::unique_ptr<db::Database>> db = db::Database::Open(path);
  if (!db.ok()) return db.status();
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(db).value();
  return std::unique_ptr<Catalog>(new Catalog(std::move(impl)));
}

namespace {

// A files row selected as kFileColumns.
constexpr const char* kFileColumns = "key, size, mtime_ns, sha256, record_id, state, error";
FileEntry FileFromRow(const db::Statement& st) {
  FileEntry e;
  e.key = st.Text(0);
  e.size = st.Int(1);
  e.mtime_ns = st.Int(2);
  e.sha256 = st.Text(3);
  e.record_id = st.Text(4);
  e.state = st.Text(5) == "done" ? FileState::kDone : FileState::kFailed;
  e.error = st.Text(6);
  return e;
}

Result<std::vector<RecordEntry>> RecordRows(db::Statement& st) {
  if (!st.ok()) return st.Error("catalog read");
  std::vector<RecordEntry> out;
  db::StepResult rc;
  while ((rc = st.Step()) == db::StepResult::kRow) {
    out.push_back({st.Text(0), st.Text(1), st.Text(2), st.Text(3), static_cast<int>(st.Int(4)),
                   static_cast<int>(st.Int(5))});
  }
  if (rc != db::StepResult::kDone) return st.Error("catalog read");
  return out;
}

}  // namespace

Result<std::optional<FileEntry>> Catalog::FindFile(const std::string& key) {
  db::Statement st(*impl_->db,
                   (std::string("SELECT ") + kFileColumns + " FROM files WHERE key = ?").c_str());
  if (!st.ok()) return st.Error("catalog lookup");
  st.Bind(1, key);
  db::StepResult rc = st.Step();
  if (rc == db::StepResult::kDone) return std::optional<FileEntry>();
  if (rc != db::StepResult::kRow) return st.Error("catalog lookup");
  return std::optional<FileEntry>(FileFromRow(st));
}

Result<std::vector<FileEntry>> Catalog::ListFiles(FileState state) {
  db::Statement st(
      *impl_->db,
      (std::string("SELECT ") + kFileColumns + " FROM files WHERE state = ? ORDER BY key").c_str());
  if (!st.ok()) return st.Error("catalog read");
  st.Bind(1, std::string(FileStateName(state)));
  std::vector<FileEntry> out;
  db::StepResult rc;
  while ((rc = st.Step()) == db::StepResult::kRow) out.push_back(FileFromRow(st));
  if (rc != db::StepResult::kDone) return st.Error("catalog read");
  return out;
}

Status Catalog::PutFile(const FileEntry& e) {
  db::Statement st(
      *impl_->db,
      "INSERT OR REPLACE INTO files (key, size, mtime_ns, sha256, record_id, state, error, "
      "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
  if (!st.ok()) return st.Error("catalog write");
  st.Bind(1, e.key).Bind(2, e.size).Bind(3, e.mtime_ns).Bind(4, e.sha256).Bind(5, e.record_id);
  st.Bind(6, std::string(FileStateName(e.state))).Bind(7, e.error).Bind(8, UtcNowIso8601());
  return st.Step() == db::StepResult::kDone ? Status::Ok() : st.Error("catalog write");
}

Result<std::vector<RecordEntry>> Catalog::ListRecords() {
  db::Statement st(*impl_->db,
                   "SELECT id, sha256, source, format, pages, part FROM records "
                   "ORDER BY source, sha256, part");
  return RecordRows(st);
}

Result<std::vector<RecordEntry>> Catalog::RecordsOf(const std::string& sha256) {
  db::Statement st(*impl_->db,
                   "SELECT id, sha256, source, format, pages, part FROM records WHERE sha256 = ? "
                   "ORDER BY part");
  st.Bind(1, sha256);
  return RecordRows(st);
}

Status Catalog::PutRecord(const RecordEntry& e) {
  db::Statement st(*impl_->db,
                   "INSERT OR REPLACE INTO records (id, sha256, source, format, pages, part, "
                   "updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)");
  if (!st.ok()) return st.Error("catalog write");
  st.Bind(1, e.id).Bind(2, e.sha256).Bind(3, e.source).Bind(4, e.format);
  st.Bind(5, static_cast<long long>(e.pages)).Bind(6, static_cast<long long>(e.part));
  st.Bind(7, UtcNowIso8601());
  return st.Step() == db::StepResult::kDone ? Status::Ok() : st.Error("catalog write");
}

Status Catalog::ForgetRecord(const std::string& record_id) {
  LUUTRU_RETURN_IF_ERROR(Begin());
  for (const char* sql :
       {"DELETE FROM files WHERE record_id = ?", "DELETE FROM records WHERE id = ?"}) {
    db::Statement st(*impl_->db, sql);
    if (!st.ok() || (st.Bind(1, record_id), st.Step()) != db::StepResult::kDone) {
      Status error = st.Error("catalog write");
      (void)impl_->Exec("ROLLBACK");
      return error;
    }
  }
  return Commit();
}

Result<std::map<std::string, std::string>> Catalog::Corrections(const std::string& record_id) {
  db::Statement st(*impl_->db, "SELECT field, value FROM corrections WHERE record_id = ?");
  if (!st.ok()) return st.Error("catalog read");
  st.Bind(1, record_id);
  std::map<std::string, std::string> out;
  db::StepResult rc;
  while ((rc = st.Step()) == db::StepResult::kRow) out[st.Text(0)] = st.Text(1);
  if (rc != db::StepResult::kDone) return st.Error("catalog read");
  return out;
}

Result<std::vector<std::string>> Catalog::CorrectedValues(const std::string& field) {
  db::Statement st(*impl_->db,
                   "SELECT DISTINCT value FROM corrections WHERE field = ? AND value != ''");
  if (!st.ok()) return st.Error("catalog read");
  st.Bind(1, field);
  std::vector<std::string> out;
  db::StepResult rc;
  while ((rc = st.Step()) == db::StepResult::kRow) out.push_back(st.Text(0));
  if (rc != db::StepResult::kDone) return st.Error("catalog read");
  return out;
}

Status Catalog::PutCorrection(const std::string& record_id, const std::string& field,
                              const std::string& value) {
  db::Statement st(
      *impl_->db,
      "INSERT OR REPLACE INTO corrections (record_id, field, value, set_at) VALUES (?, ?, ?, ?)");
  if (!st.ok()) return st.Error("catalog write");
  st.Bind(1, record_id).Bind(2, field).Bind(3, value).Bind(4, UtcNowIso8601());
  return st.Step() == db::StepResult::kDone ? Status::Ok() : st.Error("catalog write");
}

Status Catalog::DeleteCorrection(const std::string& record_id, const std::string& field) {
  db::Statement st(*impl_->db, "DELETE FROM corrections WHERE record_id = ? AND field = ?");
  if (!st.ok()) return st.Error("catalog write");
  st.Bind(1, record_id).Bind(2, field);
  return st.Step() == db::StepResult::kDone ? Status::Ok() : st.Error("catalog write");
}

Status Catalog::Begin() { return impl_->Exec("BEGIN IMMEDIATE"); }
Status Catalog::Commit() { return impl_->Exec("COMMIT"); }
Status Catalog::Rollback() { return impl_->Exec("ROLLBACK"); }

Result<long long> Catalog::StartRun(const std::string& command) {
  db::Statement st(*impl_->db, "INSERT INTO runs (command, started_at) VALUES (?, ?)");
  if (!st.ok()) return st.Error("catalog write");
  st.Bind(1, command).Bind(2, UtcNowIso8601());
  if (st.Step() != db::StepResult::kDone) return st.Error("catalog write");
  return static_cast<long long>(impl_->db->LastInsertRowId());
}

Status Catalog::FinishRun(long long run_id, const std::string& report_json) {
  db::Statement st(*impl_->db, "UPDATE runs SET finished_at = ?, report = ? WHERE id = ?");
  if (!st.ok()) return st.Error("catalog write");
  st.Bind(1, UtcNowIso8601()).Bind(2, report_json).Bind(3, run_id);
  return st.Step() == db::StepResult::kDone ? Status::Ok() : st.Error("catalog write");
}

Result<std::optional<Catalog::RunEntry>> Catalog::LastFinishedRun(const std::string& command) {
  db::Statement st(*impl_->db,
                   "SELECT started_at, finished_at, report FROM runs WHERE command = ? AND "
                   "finished_at IS NOT NULL "
                   "ORDER BY id DESC LIMIT 1");
  if (!st.ok()) return st.Error("catalog read");
  st.Bind(1, command);
  db::StepResult rc = st.Step();
  if (rc == db::StepResult::kDone) return std::optional<RunEntry>();
  if (rc != db::StepResult::kRow) return st.Error("catalog read");
  return std::optional<RunEntry>(RunEntry{st.Text(0), st.Text(1), st.Text(2)});
}

Result<long long> Catalog::CountRecords() {
  db::Statement st(*impl_->db, "SELECT COUNT(*) FROM records");
  if (!st.ok() || st.Step() != db::StepResult::kRow) return st.Error("catalog read");
  return st.Int(0);
}

}  // namespace luutru::ingest
