// The audit log: every search, view, download and upload through the API, appended to the
// table `audit` of catalog.sqlite. Each entry holds the hash of the one before it, so an entry
// edited, deleted or moved breaks the chain at that point, which Verify names. The hashes are
// keyed (HMAC-SHA-256) with a key kept outside the archive (AuditKeys): whoever can write
// catalog.sqlite but not read the key cannot rewrite entries and hash them again. Entries are
// stored and hashed as bytes (a NUL in a query is kept). The newest entry's hash, exported
// elsewhere (the server logs it), shows whether the newest entries were cut off.
// Thread-safe (appends are serialized).
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"

namespace luutru::server {

struct AuditEntry {
  long long seq = 0;  // 1, 2, 3, ... with no gaps
  std::string at;     // UTC, ISO 8601
  std::string user;   // "" for an anonymous caller
  std::string
      action;  // "search", "view", "page-text", "download-pdf", "download-original", "upload"
  std::string target;  // the query, or the record id (and page)
  long long result_count = 0;
  int status = 200;  // the HTTP status answered
  std::string prev_hash, hash;
  std::string key_id;  // the key that signed it; "" for entries before keys (plain SHA-256)
};

// The keys of the audit chain: a file of lines "ID HEX" (32 random bytes in hex), readable by
// the server's account only and kept outside the archive. The last line signs new entries;
// every line verifies (rotation: add a key, keep the old ones).
class AuditKeys {
 public:
  // kNotFound when the file is missing; kCorrupt when a line is not a key.
  static Result<AuditKeys> Load(const std::filesystem::path& file);
  // Adds a new random key (creating the file, mode 0600, when there is none); its id.
  static Result<std::string> AddKey(const std::filesystem::path& file);
  // Loads the file, creating it with a first key when it is missing. Refuses a file inside
  // `archive_root`: the key must not travel with what it protects.
  static Result<AuditKeys> LoadOrCreate(const std::filesystem::path& file,
                                        const std::filesystem::path& archive_root);

  const std::string& current_id() const { return keys_.back().first; }
  // The key's bytes; nullptr for an unknown id.
  const std::string* Find(const std::string& id) const;

 private:
  std::vector<std::pair<std::string, std::string>> keys_;  // id, key bytes; never empty once loaded
};

// Where the audit key is by default: $LUUTRU_AUDIT_KEY_FILE; else /etc/luutru/audit.key for
// root, ~/.config/luutru/audit.key ($XDG_CONFIG_HOME) for anyone else.
std::filesystem::path DefaultAuditKeyFile();

struct AuditVerdict {
  bool intact = true;
  long long entries = 0;
  long long first_bad_seq = 0;  // the first entry altered, missing or out of place
  std::string problem;
  std::string head;  // "SEQ:HASH" of the newest entry ("0:" when empty)
};

class AuditLog {
 public:
  static Result<std::unique_ptr<AuditLog>> Open(const std::filesystem::path& catalog,
                                                AuditKeys keys);
  ~AuditLog();

  // Fills seq, at, prev_hash, key_id and hash. An error means nothing was logged: the caller
  // must not answer what it would have logged (fail closed).
  Status Append(AuditEntry entry);
  // Checks every entry; with `head` ("SEQ:HASH", exported earlier), also that the chain still
  // holds that entry: newest entries cut off since are found.
  Result<AuditVerdict> Verify(const std::string& head = "");
  // "SEQ:HASH" of the newest entry.
  Result<std::string> Head();

  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

 private:
  struct Impl;
  explicit AuditLog(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::mutex mutex_;
};

// The hash an entry must carry: HMAC-SHA-256 with `key` over its fields (as bytes) and the
// previous entry's hash; plain SHA-256 for an entry from before keys (empty `key`).
std::string AuditHash(const AuditEntry& entry, const std::string& key);

}  // namespace luutru::server
