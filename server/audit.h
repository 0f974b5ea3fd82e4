// The audit log: every search, view, download and upload through the API, appended to the
// table `audit` of catalog.sqlite. Each entry holds the hash of the one before it, so an entry
// edited, deleted or moved breaks the chain at that point, which Verify names.
// Thread-safe (appends are serialized).
#pragma once

#include <filesystem>
#include <memory>
#include <mutex>
#include <string>

#include "core/status.h"

namespace luutru::server {

struct AuditEntry {
  long long seq = 0;        // 1, 2, 3, ... with no gaps
  std::string at;           // UTC, ISO 8601
  std::string user;         // "" for an anonymous caller
  std::string action;       // "search", "view", "page-text", "download-pdf", "download-original", "upload"
  std::string target;       // the query, or the record id (and page)
  long long result_count = 0;
  int status = 200;         // the HTTP status answered
  std::string prev_hash, hash;
};

struct AuditVerdict {
  bool intact = true;
  long long entries = 0;
  long long first_bad_seq = 0;  // the first entry altered, missing or out of place
  std::string problem;
};

class AuditLog {
 public:
  static Result<std::unique_ptr<AuditLog>> Open(const std::filesystem::path& catalog);
  ~AuditLog();

  // Fills seq, at, prev_hash and hash.
  Status Append(AuditEntry entry);
  Result<AuditVerdict> Verify();

  AuditLog(const AuditLog&) = delete;
  AuditLog& operator=(const AuditLog&) = delete;

 private:
  struct Impl;
  explicit AuditLog(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
  std::mutex mutex_;
};

// The hash an entry must carry: SHA-256 over its fields and the previous entry's hash.
std::string AuditHash(const AuditEntry& entry);

}  // namespace luutru::server
