#include "server/upload_jobs.h"

#include <fcntl.h>
#include <openssl/rand.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>

#include "core/fs_util.h"
#include "core/strings.h"
#include "ingest/pipeline.h"

namespace luutru::server {
namespace {

namespace fs = std::filesystem;

constexpr auto kBusyRetry = std::chrono::seconds(10);

std::string NewJobId() {
  unsigned char bytes[8];
  RAND_bytes(bytes, sizeof bytes);
  return HexLower(bytes, sizeof bytes);
}

}  // namespace

std::string SafeFileName(const std::string& uploaded_name) {
  std::string name = uploaded_name.substr(uploaded_name.find_last_of("/\\") + 1);
  for (char& c : name) {
    if (static_cast<unsigned char>(c) < 0x20 || c == ':' || c == '"' || c == '\'' || c == '`' ||
        c == '$')
      c = '_';
  }
  while (!name.empty() && name.front() == '.') name.erase(0, 1);  // no "..", no hidden files
  if (name.size() > 200) name = name.substr(name.size() - 200);
  return name;
}

UploadJobs::Incoming::Incoming(fs::path staging, std::string user, long long max_bytes)
    : staging_(std::move(staging)), user_(std::move(user)), max_bytes_(max_bytes) {}

UploadJobs::Incoming::~Incoming() {
  if (fd_ >= 0) ::close(fd_);
  if (!queued_) {
    std::error_code ec;
    fs::remove_all(staging_, ec);  // a refused or cut upload leaves nothing behind
  }
}

Status UploadJobs::Incoming::CloseFile() {
  if (fd_ < 0) return Status::Ok();
  const bool flushed = ::fsync(fd_) == 0;
  const bool closed = ::close(fd_) == 0;
  fd_ = -1;
  return flushed && closed ? Status::Ok() : WriteError("cannot write an upload", errno);
}

Status UploadJobs::Incoming::BeginFile(const std::string& uploaded_name) {
  LUUTRU_RETURN_IF_ERROR(CloseFile());
  const std::string safe = SafeFileName(uploaded_name);
  if (safe.empty())
    return InvalidArgument("an uploaded file has no usable name: '" + uploaded_name + "'");
  // Two files of one name in one upload are two files.
  std::string name = safe;
  const fs::path as_path(safe);
  for (int n = 2; std::find(files_.begin(), files_.end(), name) != files_.end(); ++n) {
    name = as_path.stem().string() + " (" + std::to_string(n) + ")" + as_path.extension().string();
  }
  fd_ = ::open((staging_ / name).c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  if (fd_ < 0) return WriteError("cannot store an upload", errno);
  files_.push_back(name);
  return Status::Ok();
}

Status UploadJobs::Incoming::Append(const char* data, size_t size) {
  bytes_ += static_cast<long long>(size);
  if (bytes_ > max_bytes_) {
    return TooLarge("the upload is larger than the server takes (" +
                    std::to_string(max_bytes_ >> 20) + " MB, --max-upload-mb)");
  }
  if (fd_ < 0) return InvalidArgument("bytes before a file in the upload");
  for (size_t written = 0; written < size;) {
    const ssize_t n = ::write(fd_, data + written, size - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return WriteError("cannot store an upload", errno);
    written += static_cast<size_t>(n);
  }
  return Status::Ok();
}

Result<std::unique_ptr<UploadJobs::Incoming>> UploadJobs::Receive(const std::string& user,
                                                                  long long max_bytes) {
  // Hidden while it arrives: neither a job nor taken by a run started meanwhile.
  const fs::path staging = uploads_dir_ / (".incoming-" + NewJobId());
  std::error_code ec;
  fs::create_directories(staging, ec);
  if (ec) return IoError("cannot store an upload: " + ec.message());
  return std::unique_ptr<Incoming>(new Incoming(staging, user, max_bytes));
}

Result<std::string> UploadJobs::Queue(std::unique_ptr<Incoming> upload) {
  LUUTRU_RETURN_IF_ERROR(upload->CloseFile());
  if (upload->files_.empty())
    return InvalidArgument("no file in the upload: send multipart/form-data with a 'file' field");
  UploadJob job;
  job.id = NewJobId();
  job.user = upload->user_;
  job.files = upload->files_;
  std::error_code ec;
  fs::rename(upload->staging_, uploads_dir_ / job.id, ec);  // whole, or not at all
  if (ec) return IoError("cannot store an upload: " + ec.message());
  upload->queued_ = true;
  LUUTRU_RETURN_IF_ERROR(SyncDirectory(uploads_dir_));
  {
    std::lock_guard<std::mutex> lock(mutex_);
    jobs_[job.id] = job;
    queue_.push_back(job.id);
  }
  wake_.notify_all();
  return job.id;
}

UploadJobs::UploadJobs(fs::path archive_dir, fs::path uploads_dir, int ingest_jobs)
    : archive_dir_(std::move(archive_dir)),
      uploads_dir_(std::move(uploads_dir)),
      ingest_jobs_(ingest_jobs) {
  // Uploads a stopped server had not archived yet: queued again (nobody's to poll). What was
  // still arriving when it stopped is dropped.
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(uploads_dir_, ec)) {
    if (!entry.is_directory(ec)) continue;
    if (entry.path().filename().string().rfind(".incoming-", 0) == 0) {
      fs::remove_all(entry.path(), ec);
      continue;
    }
    UploadJob job;
    job.id = entry.path().filename().string();
    for (const auto& file : fs::directory_iterator(entry.path(), ec))
      job.files.push_back(file.path().filename().string());
    spdlog::info("upload job {}: {} file(s) left by the last run, queued again", job.id,
                 job.files.size());
    queue_.push_back(job.id);
    jobs_[job.id] = std::move(job);
  }
  worker_ = std::thread([this] { Work(); });
}

UploadJobs::~UploadJobs() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  stop_ingest_ = true;
  wake_.notify_all();
  worker_.join();
}

std::optional<UploadJob> UploadJobs::Find(const std::string& id) {
  std::lock_guard<std::mutex> lock(mutex_);
  auto it = jobs_.find(id);
  if (it == jobs_.end()) return std::nullopt;
  return it->second;
}

std::map<std::string, long long> UploadJobs::EndedJobs() {
  std::lock_guard<std::mutex> lock(mutex_);
  return ended_;
}

std::map<std::string, long long> UploadJobs::FileOutcomes() {
  std::lock_guard<std::mutex> lock(mutex_);
  return file_outcomes_;
}

void UploadJobs::Work() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
    if (stopping_) return;
    const std::string id = queue_.front();
    jobs_[id].state = "running";
    lock.unlock();

    ingest::IngestOptions options;
    options.archive_dir = archive_dir_;
    options.jobs = ingest_jobs_;
    options.stop = &stop_ingest_;
    const fs::path dir = uploads_dir_ / id;
    Result<ingest::IngestReport> report = ingest::RunIngest({dir.string()}, options);

    lock.lock();
    UploadJob& job = jobs_[id];
    if (!report.ok() && report.status().code() == StatusCode::kBusy) {
      // Another process writes to the archive: wait for it, then try again.
      job.state = "waiting";
      wake_.wait_for(lock, kBusyRetry, [this] { return stopping_; });
      continue;  // still at the front of the queue
    }
    if (report.ok() && report->stopped) return;  // the server is stopping: the files wait on disk
    queue_.pop_front();
    if (report.ok()) {
      job.state = "done";
      job.report = *report;
      for (const ingest::FileOutcome& f : report->files)
        ++file_outcomes_[ingest::OutcomeName(f.outcome)];
    } else {
      job.state = "failed";
      job.error = report.status().ToString();
    }
    ++ended_[job.state];
    spdlog::info("upload job {}: {}{}", id, job.state, job.error.empty() ? "" : ": " + job.error);
    if (job.state == "done") {
      std::error_code ec;
      fs::remove_all(dir, ec);  // the originals are in the object store now
    }
  }
}

}  // namespace luutru::server
