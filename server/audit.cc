#include "server/audit.h"

#include <fcntl.h>
#include <openssl/hmac.h>
#include <openssl/rand.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <sstream>

#include "core/fs_util.h"
#include "core/sha256.h"
#include "core/strings.h"
#include "db/database.h"
#include "server/users.h"

namespace luutru::server {
namespace {

namespace fs = std::filesystem;
using db::Statement;

constexpr const char* kColumns =
    "seq, at, user, action, target, result_count, status, prev_hash, hash, key_id";
constexpr size_t kKeyBytes = 32;

AuditEntry EntryFromRow(const Statement& st) {
  return AuditEntry{st.Int(0),
                    st.Text(1),
                    st.Text(2),
                    st.Text(3),
                    st.Text(4),
                    st.Int(5),
                    static_cast<int>(st.Int(6)),
                    st.Text(7),
                    st.Text(8),
                    st.Text(9)};
}

std::string RandomKey() {
  unsigned char bytes[kKeyBytes];
  if (RAND_bytes(bytes, sizeof bytes) != 1) return "";
  return std::string(reinterpret_cast<const char*>(bytes), sizeof bytes);
}

bool IsInside(const fs::path& path, const fs::path& folder) {
  std::error_code ec;
  const fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  const fs::path f = fs::weakly_canonical(fs::absolute(folder, ec), ec);
  auto [fi, pi] = std::mismatch(f.begin(), f.end(), p.begin(), p.end());
  return fi == f.end();
}

}  // namespace

fs::path DefaultAuditKeyFile() {
  if (const char* env = std::getenv("LUUTRU_AUDIT_KEY_FILE"); env && *env) return env;
  if (::geteuid() != 0) {
    if (const char* config = std::getenv("XDG_CONFIG_HOME"); config && *config)
      return fs::path(config) / "luutru/audit.key";
    if (const char* home = std::getenv("HOME"); home && *home)
      return fs::path(home) / ".config/luutru/audit.key";
  }
  return "/etc/luutru/audit.key";
}

Result<AuditKeys> AuditKeys::Load(const fs::path& file) {
  Result<std::string> text = ReadFile(file);
  if (!text.ok()) return text.status();
  AuditKeys keys;
  std::istringstream lines(*text);
  for (std::string line; std::getline(lines, line);) {
    if (line.empty() || line[0] == '#') continue;
    std::istringstream fields(line);
    std::string id, hex;
    fields >> id >> hex;
    std::string key;
    for (size_t i = 0; i + 1 < hex.size() && hex.size() == 2 * kKeyBytes; i += 2) {
      key += static_cast<char>(std::stoi(hex.substr(i, 2), nullptr, 16));
    }
    if (id.empty() || key.size() != kKeyBytes ||
        hex.find_first_not_of("0123456789abcdef") != std::string::npos) {
      return Corrupt("the audit key file " + file.string() +
                     " holds a line that is not 'ID HEX' (32 bytes)");
    }
    keys.keys_.emplace_back(id, key);
  }
  if (keys.keys_.empty()) return Corrupt("the audit key file " + file.string() + " holds no key");
  return keys;
}

Result<std::string> AuditKeys::AddKey(const fs::path& file) {
  const std::string key = RandomKey();
  if (key.empty()) return Internal("no random bytes for an audit key");
  int count = 0;
  if (Result<AuditKeys> existing = Load(file); existing.ok())
    count = static_cast<int>(existing->keys_.size());
  const std::string id = "k" + std::to_string(count + 1) + "-" + UtcNowIso8601().substr(0, 10);
  std::error_code ec;
  if (file.has_parent_path()) fs::create_directories(file.parent_path(), ec);
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);
  if (fd < 0)
    return IoError("cannot write the audit key file " + file.string() + ": " +
                   std::strerror(errno));
  const std::string line =
      id + " " + HexLower(reinterpret_cast<const unsigned char*>(key.data()), key.size()) + "\n";
  const bool written = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size()) &&
                       ::fsync(fd) == 0;
  ::close(fd);
  if (!written) return IoError("cannot write the audit key file " + file.string());
  return id;
}

Result<AuditKeys> AuditKeys::LoadOrCreate(const fs::path& file, const fs::path& archive_root) {
  if (IsInside(file, archive_root)) {
    return InvalidArgument(
        "the audit key " + file.string() + " is inside the archive " + archive_root.string() +
        "; keep it elsewhere (--audit-key /etc/luutru/audit.key): whoever can read the archive "
        "must not be able to sign its audit log");
  }
  Result<AuditKeys> keys = Load(file);
  if (keys.ok() || keys.status().code() != StatusCode::kNotFound) return keys;
  Result<std::string> id = AddKey(file);
  if (!id.ok()) return id.status();
  return Load(file);
}

const std::string* AuditKeys::Find(const std::string& id) const {
  for (const auto& [key_id, key] : keys_) {
    if (key_id == id) return &key;
  }
  return nullptr;
}

std::string AuditHash(const AuditEntry& e, const std::string& key) {
  // Fields as bytes, each after its length, so that no two entries share a canonical form.
  std::string canonical;
  for (const std::string& field :
       {std::to_string(e.seq), e.at, e.user, e.action, e.target, std::to_string(e.result_count),
        std::to_string(e.status), e.prev_hash}) {
    canonical += std::to_string(field.size()) + ":" + field + ";";
  }
  if (key.empty()) return Sha256Hex(canonical);  // an entry written before keys
  canonical += std::to_string(e.key_id.size()) + ":" + e.key_id + ";";
  unsigned char mac[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()),
       reinterpret_cast<const unsigned char*>(canonical.data()), canonical.size(), mac, &length);
  return HexLower(mac, length);
}

struct AuditLog::Impl {
  std::unique_ptr<db::Database> db;
  AuditKeys keys;
};

AuditLog::AuditLog(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
AuditLog::~AuditLog() = default;

Result<std::unique_ptr<AuditLog>> AuditLog::Open(const fs::path& catalog, AuditKeys keys) {
  Result<std::unique_ptr<db::Database>> db = db::Database::Open(catalog);
  if (!db.ok()) return db.status();
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(db).value();
  impl->keys = std::move(keys);
  return std::unique_ptr<AuditLog>(new AuditLog(std::move(impl)));
}

Status AuditLog::Append(AuditEntry entry) {
  std::lock_guard<std::mutex> lock(mutex_);
  // One transaction: the last entry read and the new one written together, so that two
  // processes appending at once cannot fork the chain.
  LUUTRU_RETURN_IF_ERROR(impl_->db->Exec("BEGIN IMMEDIATE"));
  auto rollback = [&](Status s) {
    (void)impl_->db->Exec("ROLLBACK");
    return s;
  };
  {
    Statement last(*impl_->db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
    if (!last.ok()) return rollback(last.Error("audit"));
    db::StepResult rc = last.Step();
    if (rc == db::StepResult::kRow) {
      entry.seq = last.Int(0) + 1;
      entry.prev_hash = last.Text(1);
    } else if (rc == db::StepResult::kDone) {
      entry.seq = 1;
      entry.prev_hash = std::string(64, '0');
    } else {
      return rollback(last.Error("audit"));
    }
  }
  entry.at = UtcNowIso8601();
  entry.key_id = impl_->keys.current_id();
  entry.hash = AuditHash(entry, *impl_->keys.Find(entry.key_id));
  Statement st(*impl_->db, (std::string("INSERT INTO audit (") + kColumns +
                            ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                               .c_str());
  if (!st.ok()) return rollback(st.Error("audit"));
  st.Bind(1, entry.seq)
      .Bind(2, entry.at)
      .Bind(3, entry.user)
      .Bind(4, entry.action)
      .Bind(5, entry.target);
  st.Bind(6, entry.result_count)
      .Bind(7, static_cast<long long>(entry.status))
      .Bind(8, entry.prev_hash);
  st.Bind(9, entry.hash).Bind(10, entry.key_id);
  if (st.Step() != db::StepResult::kDone) return rollback(st.Error("audit"));
  return impl_->db->Exec("COMMIT");
}

Result<std::string> AuditLog::Head() {
  std::lock_guard<std::mutex> lock(mutex_);
  Statement last(*impl_->db, "SELECT seq, hash FROM audit ORDER BY seq DESC LIMIT 1");
  if (!last.ok()) return last.Error("audit");
  const db::StepResult rc = last.Step();
  if (rc == db::StepResult::kDone) return std::string("0:");
  if (rc != db::StepResult::kRow) return last.Error("audit");
  return std::to_string(last.Int(0)) + ":" + last.Text(1);
}

Result<AuditVerdict> AuditLog::Verify(const std::string& head) {
  std::lock_guard<std::mutex> lock(mutex_);
  long long head_seq = 0;
  std::string head_hash;
  if (!head.empty()) {
    const size_t colon = head.find(':');
    try {
      head_seq = std::stoll(head.substr(0, colon));
    } catch (const std::exception&) {
      head_seq = 0;  // refused below
    }
    if (colon == std::string::npos || head_seq < 1) {
      return InvalidArgument("--head takes SEQ:HASH, as `luutru audit head` printed it");
    }
    head_hash = head.substr(colon + 1);
  }
  Statement st(*impl_->db,
               (std::string("SELECT ") + kColumns + " FROM audit ORDER BY seq").c_str());
  if (!st.ok()) return st.Error("audit");
  AuditVerdict verdict;
  std::string prev = std::string(64, '0');
  long long expected = 1;
  bool keyed = false;  // once an entry is keyed, every later one must be
  bool head_seen = head.empty();
  auto bad = [&](long long seq, std::string problem) {
    verdict.intact = false;
    verdict.first_bad_seq = seq;
    verdict.problem = std::move(problem);
  };
  db::StepResult rc;
  while ((rc = st.Step()) == db::StepResult::kRow) {
    AuditEntry e = EntryFromRow(st);
    ++verdict.entries;
    const std::string* key = e.key_id.empty() ? nullptr : impl_->keys.Find(e.key_id);
    if (e.seq != expected) {
      bad(expected, "entry " + std::to_string(expected) + " is missing (the next one is " +
                        std::to_string(e.seq) + ")");
    } else if (e.prev_hash != prev) {
      bad(e.seq, "entry " + std::to_string(e.seq) +
                     " does not follow the entry before it (moved, or one before it replaced)");
    } else if (!e.key_id.empty() && !key) {
      bad(e.seq, "entry " + std::to_string(e.seq) + " was signed with key '" + e.key_id +
                     "', which the key file does not hold (give the key file the server used)");
    } else if (keyed && e.key_id.empty()) {
      bad(e.seq, "entry " + std::to_string(e.seq) +
                     " is unsigned after signed entries (written by someone without the key)");
    } else if (AuditHash(e, key ? *key : std::string()) != e.hash) {
      bad(e.seq, "entry " + std::to_string(e.seq) + " was altered after it was written");
    } else if (e.seq == head_seq && e.hash != head_hash) {
      bad(e.seq, "entry " + std::to_string(e.seq) +
                     " is not the one exported as the head (the log was rewritten)");
    }
    if (!verdict.intact) return verdict;
    keyed = keyed || !e.key_id.empty();
    head_seen = head_seen || e.seq == head_seq;
    prev = e.hash;
    verdict.head = std::to_string(e.seq) + ":" + e.hash;
    ++expected;
  }
  if (rc != db::StepResult::kDone) return st.Error("audit");
  if (verdict.entries == 0) verdict.head = "0:";
  if (!head_seen) {
    bad(verdict.entries + 1, "the log ends at entry " + std::to_string(verdict.entries) +
                                 " but entry " + std::to_string(head_seq) +
                                 " was exported as its head: newer entries were removed");
  }
  return verdict;
}

}  // namespace luutru::server
