// The API's routes for uploads: a file upload taken as a job, and the job's state as its
// uploader may see it.
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>

#include "server/answers.h"
#include "server/api_impl.h"

namespace luutru::server {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

HttpResponse Api::Impl::Job(const std::string& id, const Caller& caller) {
  std::optional<UploadJob> job = uploads.Find(id);
  // A job is its uploader's: anyone else is told it does not exist.
  if (!job || job->user != caller.user || caller.user.empty())
    return Error({404, "not_found", "no such job"});
  Json j{{"job", job->id}, {"state", job->state}, {"files", job->files}};
  if (!job->error.empty()) j["error"] = job->error;
  if (job->report) {
    // Only what the uploader may see of the outcome: per file its outcome, and their counts. A
    // copy of a record above the uploader's clearance is "archived", as a new file would be:
    // "duplicate" would tell that the archive holds it.
    SearcherPool::Lease searcher = searchers.Take();
    Json outcomes = Json::array();
    std::map<std::string, int> counts;
    for (const ingest::FileOutcome& file : job->report->files) {
      ingest::Outcome outcome = file.outcome;
      if (outcome == ingest::Outcome::kDuplicate) {
        Result<bool> visible =
            searcher ? searcher->MayOpen(file.record_id, caller.access) : Result<bool>(false);
        if (!visible.ok() || !*visible) outcome = ingest::Outcome::kArchived;
      }
      const std::string name = ingest::OutcomeName(outcome);
      Json item{{"file", fs::path(file.source).filename().string()}, {"outcome", name}};
      if (!file.error.empty()) item["error"] = file.error;
      outcomes.push_back(std::move(item));
      ++counts[name];
    }
    j["files_outcome"] = counts;
    j["outcomes"] = std::move(outcomes);
  }
  return JsonAnswer(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

namespace {

class JobUpload : public UploadInProgress {
 public:
  JobUpload(Caller caller, std::unique_ptr<UploadJobs::Incoming> incoming,
            std::chrono::steady_clock::time_point start)
      : caller(std::move(caller)), incoming(std::move(incoming)), start(start) {}
  Status BeginFile(const std::string& name) override { return incoming->BeginFile(name); }
  Status Append(const char* data, size_t size) override { return incoming->Append(data, size); }

  Caller caller;
  std::unique_ptr<UploadJobs::Incoming> incoming;
  std::chrono::steady_clock::time_point start;
};

}  // namespace

std::variant<HttpResponse, std::unique_ptr<UploadInProgress>> Api::BeginUpload(
    const HttpRequest& req) {
  Impl& api = *impl_;
  const auto start = std::chrono::steady_clock::now();
  auto refuse = [&](const ApiError& e) {
    api.metrics.Observe(
        "upload", e.http,
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    return Error(e);
  };
  // Refused before a byte of the body is read.
  Result<Caller> caller = api.Authenticate(req);
  if (!caller.ok()) return refuse({401, "unauthorized", caller.status().message()});
  if (caller->user.empty()) {
    return refuse(
        {403, "forbidden", "uploads need a token (luutru user add NAME --clearance internal)"});
  }
  if (req.Header("content-type").rfind("multipart/form-data", 0) != 0) {
    return refuse(
        {400, "bad_request", "send the files as multipart/form-data, each in a 'file' field"});
  }
  const std::string length = req.Header("content-length");
  if (!length.empty() &&
      std::strtoull(length.c_str(), nullptr, 10) > api.options.max_upload_bytes) {
    return refuse(
        {413, "too_large", "the request is larger than the server takes (--max-upload-mb)"});
  }
  Result<std::unique_ptr<UploadJobs::Incoming>> incoming =
      api.uploads.Receive(caller->user, static_cast<long long>(api.options.max_upload_bytes));
  if (!incoming.ok()) return refuse(FromStatus(incoming.status()));
  return std::unique_ptr<UploadInProgress>(
      new JobUpload(*caller, std::move(incoming).value(), start));
}

HttpResponse Api::FinishUpload(std::unique_ptr<UploadInProgress> upload, Status failure) {
  Impl& api = *impl_;
  auto& job_upload = static_cast<JobUpload&>(*upload);
  const Caller caller = job_upload.caller;
  std::string names;
  for (const std::string& name : job_upload.incoming->files())
    names += (names.empty() ? "" : ", ") + name;
  HttpResponse res;
  if (!failure.ok()) {
    (void)api.Audit(caller, "upload-refused", names, 0, FromStatus(failure).http);
    res = Error(FromStatus(failure));  // the bytes received go with `upload`
  } else if (!api.Audit(caller, "upload", names,
                        static_cast<long long>(job_upload.incoming->files().size()), 202)) {
    // Logged before anything is kept: an upload the log cannot record is not taken.
    res = Error(kAuditDown);
  } else {
    const size_t count = job_upload.incoming->files().size();
    Result<std::string> job = api.uploads.Queue(std::move(job_upload.incoming));
    if (!job.ok()) {
      (void)api.Audit(caller, "upload-refused", names, 0, FromStatus(job.status()).http);
      res = Error(FromStatus(job.status()));
    } else {
      res = JsonAnswer(
          Json{{"job", *job}, {"files", count}, {"status_url", "/api/v1/jobs/" + *job}}.dump(),
          202);
    }
  }
  api.metrics.Observe(
      "upload", res.status,
      std::chrono::duration<double>(std::chrono::steady_clock::now() - job_upload.start).count());
  return res;
}

}  // namespace luutru::server
