// Files uploaded through the API, ingested in the background one job at a time by the server
// process. A job waits while another process (the nightly run) writes to the archive. Job
// states live in memory; the uploaded files wait in uploads/<job>/ until archived, so a
// server stopped (or killed) mid-job archives them when it starts again. Thread-safe.
#pragma once

#include <atomic>
#include <condition_variable>
#include <deque>
#include <filesystem>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/status.h"
#include "ingest/pipeline.h"

namespace luutru::server {

struct UploadJob {
  std::string id;
  std::string user;
  std::vector<std::string> files;  // names as uploaded
  std::string state = "queued";    // queued, waiting (archive busy), running, done, failed
  std::string error;               // when failed
  std::optional<ingest::IngestReport> report;  // the ingest run's, when done
};

class UploadJobs {
 public:
  // An upload being received: its files are written to disk as their bytes arrive (never held
  // in memory), into a folder of its own that only Queue makes a job. Anything else (a
  // refused, cut or oversized upload) is removed with it. Thread-compatible.
  class Incoming {
   public:
    ~Incoming();
    // The next file. A name already used in this upload becomes "name (2).ext".
    Status BeginFile(const std::string& uploaded_name);
    // Bytes of the current file; kTooLarge once the upload passes its limit.
    Status Append(const char* data, size_t size);
    long long bytes() const { return bytes_; }
    const std::vector<std::string>& files() const { return files_; }

   private:
    friend class UploadJobs;
    Incoming(std::filesystem::path staging, std::string user, long long max_bytes);
    Status CloseFile();
    std::filesystem::path staging_;
    std::string user_;
    long long max_bytes_, bytes_ = 0;
    std::vector<std::string> files_;
    int fd_ = -1;
    bool queued_ = false;
  };

  // Uploads are kept under `uploads_dir` until their job ends; `ingest_jobs` OCR threads.
  UploadJobs(std::filesystem::path archive_dir, std::filesystem::path uploads_dir, int ingest_jobs);
  ~UploadJobs();  // stops the running job (what it read whole is kept); the rest wait on disk

  // Starts receiving an upload of at most `max_bytes`.
  Result<std::unique_ptr<Incoming>> Receive(const std::string& user, long long max_bytes);
  // Makes a received upload a job and queues its ingest. Returns the job id.
  Result<std::string> Queue(std::unique_ptr<Incoming> upload);
  // A copy of the job, if it exists.
  std::optional<UploadJob> Find(const std::string& id);
  // Jobs ended since the server started, by final state ("done", "failed"), and their files
  // by outcome ("archived", "duplicate", "failed", ...): for /metrics.
  std::map<std::string, long long> EndedJobs();
  std::map<std::string, long long> FileOutcomes();

 private:
  void Work();

  std::filesystem::path archive_dir_, uploads_dir_;
  int ingest_jobs_;
  std::mutex mutex_;
  std::condition_variable wake_;
  std::deque<std::string> queue_;
  std::map<std::string, UploadJob> jobs_;
  std::map<std::string, long long> ended_, file_outcomes_;
  bool stopping_ = false;
  std::atomic<bool> stop_ingest_{false};
  std::thread worker_;
};

// The file name an upload is stored under: its last path component, with characters that
// could escape the folder or confuse a shell replaced. Empty when nothing usable remains.
std::string SafeFileName(const std::string& uploaded_name);

}  // namespace luutru::server
