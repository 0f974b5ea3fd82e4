// catalog.sqlite: the state of every file seen and every record made, and the runs.
// Thread-compatible: one thread owns a Catalog (open another for another thread).
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"

namespace luutru::ingest {

enum class FileState { kDone, kFailed };
const char* FileStateName(FileState state);

// A file path as seen by ingest. `key` is the absolute path.
struct FileEntry {
  std::string key;
  long long size = 0;
  long long mtime_ns = 0;
  std::string sha256;     // empty when the file could not be read
  std::string record_id;  // the record its content became (shared by duplicates)
  FileState state = FileState::kDone;
  std::string error;  // for kFailed: "encrypted: ..." etc.
};

struct RecordEntry {
  std::string id;
  std::string sha256;
  std::string source;
  std::string format;
  int pages = 0;  // its own: a document of a split scan counts its share
  int part = 1;   // its place among the documents of its scan (core/record.h, ScanPart)
};

class Catalog {
 public:
  // Opens or creates the catalog, migrating its schema.
  static Result<std::unique_ptr<Catalog>> Open(const std::filesystem::path& path);
  ~Catalog();

  Result<std::optional<FileEntry>> FindFile(const std::string& key);
  Status PutFile(const FileEntry& entry);
  // The files in `state`, by path.
  Result<std::vector<FileEntry>> ListFiles(FileState state);

  // Records whose index commit succeeded, by source, a split scan's documents in order.
  Result<std::vector<RecordEntry>> ListRecords();
  // The records of one original: one, or each document of a scan split into several, in order.
  Result<std::vector<RecordEntry>> RecordsOf(const std::string& sha256);
  Status PutRecord(const RecordEntry& entry);
  // Forgets a record and the files that became it, so that the next ingest of those files
  // reads them again (for a record whose record.json was lost). Corrections are kept.
  Status ForgetRecord(const std::string& record_id);

  // Field values a person set with `luutru set` (field name -> value). They outlive the
  // reading: re-extraction, reindexing and re-ingest apply them again.
  Result<std::map<std::string, std::string>> Corrections(const std::string& record_id);
  Status PutCorrection(const std::string& record_id, const std::string& field,
                       const std::string& value);
  Status DeleteCorrection(const std::string& record_id, const std::string& field);
  // Every value people set for `field` across the archive, each once: what later readings of
  // that field are held against (record_fields.h, LearnFromCorrections).
  Result<std::vector<std::string>> CorrectedValues(const std::string& field);

  // Groups writes into one transaction (one fsync): Begin, Put..., Commit.
  Status Begin();
  Status Commit();
  // Drops the writes since Begin.
  Status Rollback();

  Result<long long> StartRun(const std::string& command);
  Status FinishRun(long long run_id, const std::string& report_json);
  // The newest finished run of `command` ("ingest"): when it ended and its report.
  struct RunEntry {
    std::string started_at, finished_at, report_json;
  };
  Result<std::optional<RunEntry>> LastFinishedRun(const std::string& command);
  Result<long long> CountRecords();

  Catalog(const Catalog&) = delete;
  Catalog& operator=(const Catalog&) = delete;

 private:
  struct Impl;
  explicit Catalog(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace luutru::ingest
