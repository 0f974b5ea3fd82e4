#include "server/audit.h"

#include "core/fs_util.h"
#include "ingest/sqlite_statement.h"
#include "server/users.h"

namespace luutru::server {
namespace {

using ingest::Statement;

constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS audit (
  seq          INTEGER PRIMARY KEY,   -- 1, 2, 3, ... no gaps
  at           TEXT NOT NULL,
  user         TEXT NOT NULL,
  action       TEXT NOT NULL,
  target       TEXT NOT NULL,
  result_count INTEGER NOT NULL,
  status       INTEGER NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL
);
)sql";

constexpr const char* kColumns = "seq, at, user, action, target, result_count, status, prev_hash, hash";

AuditEntry EntryFromRow(const Statement& st) {
  return AuditEntry{st.Int(0),  st.Text(1), st.Text(2), st.Text(3), st.Text(4),
                    st.Int(5),  static_cast<int>(st.Int(6)), st.Text(7), st.Text(8)};
}

}  // namespace

std::string AuditHash(const AuditEntry& e) {
  // Fields joined by a separator that cannot occur in them unescaped (lengths first).
  std::string canonical;
  for (const std::string& field : {std::to_string(e.seq), e.at, e.user, e.action, e.target,
                                   std::to_string(e.result_count), std::to_string(e.status), e.prev_hash}) {
    canonical += std::to_string(field.size()) + ":" + field + ";";
  }
  return Sha256Hex(canonical);
}

struct AuditLog::Impl {
  sqlite3* db = nullptr;
  ~Impl() { sqlite3_close(db); }
};

AuditLog::AuditLog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AuditLog::~AuditLog() = default;

Result<std::unique_ptr<AuditLog>> AuditLog::Open(const std::filesystem::path& catalog) {
  Result<sqlite3*> db = ingest::OpenCatalogDatabase(catalog.string(), kSchema);
  if (!db.ok()) return db.status();
  auto impl = std::make_unique<Impl>();
  impl->db = *db;
  return std::unique_ptr<AuditLog>(new AuditLog(std::move(impl)));
}

Status AuditLog::Append(AuditEntry entry) {
  std::lock_guard<std::mutex> lock(mutex_);
  // One transaction: the last entry read and the new one written together, so that two
  // processes appending at once cannot fork the chain.
  LUUTRU_RETURN_IF_ERROR(ingest::ExecSql(impl_->db, "BEGIN IMMEDIATE"));
  auto rollback = [&](Status s) {
    (void)ingest::ExecSql(impl_->db, "ROLLBACK");
    return s;
  };
  {
    Statement last(impl_->db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (!last.ok()) return rollback(last.Error("audit"));
    int rc = last.Step();
    if (rc == SQLITE_ROW) {
      entry.seq = last.Int(0) + 1;
      entry.prev_hash = last.Text(1);
    } else if (rc == SQLITE_DONE) {
      entry.seq = 1;
      entry.prev_hash = std::string(64, '0');
    } else {
      return rollback(last.Error("audit"));
    }
  }
  entry.at = UtcNowIso8601();
  entry.hash = AuditHash(entry);
  Statement st(impl_->db, (std::string("INSERT INTO audit (") + kColumns + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)").c_str());
  if (!st.ok()) return rollback(st.Error("audit"));
  st.Bind(1, entry.seq).Bind(2, entry.at).Bind(3, entry.user).Bind(4, entry.action).Bind(5, entry.target);
  st.Bind(6, entry.result_count).Bind(7, static_cast<long long>(entry.status)).Bind(8, entry.prev_hash);
  st.Bind(9, entry.hash);
  if (st.Step() != SQLITE_DONE) return rollback(st.Error("audit"));
  return ingest::ExecSql(impl_->db, "COMMIT");
}

Result<AuditVerdict> AuditLog::Verify() {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement st(impl_->db, (std::string("SELECT ") + kColumns + " FROM audit ORDER BY seq").c_str());
  if (!st.ok()) return st.Error("audit");
  AuditVerdict verdict;
  std::string prev = std::string(64, '0');
  long long expected = 1;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    AuditEntry e = EntryFromRow(st);
    ++verdict.entries;
    auto bad = [&](long long seq, std::string problem) {
      verdict.intact = false;
      verdict.first_bad_seq = seq;
      verdict.problem = std::move(problem);
    };
    if (e.seq != expected) {
      bad(expected, "entry " + std::to_string(expected) + " is missing (the next one is " + std::to_string(e.seq) + ")");
    } else if (e.prev_hash != prev) {
      bad(e.seq, "entry " + std::to_string(e.seq) + " does not follow the entry before it (moved, or one before it replaced)");
    } else if (AuditHash(e) != e.hash) {
      bad(e.seq, "entry " + std::to_string(e.seq) + " was altered after it was written");
    }
    if (!verdict.intact) return verdict;
    prev = e.hash;
    ++expected;
  }
  if (rc != SQLITE_DONE) return st.Error("audit");
  return verdict;
}

}  // namespace luutru::server
