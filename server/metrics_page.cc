// The API's /metrics page: the server's own counters, and the archive's as far as the caller
// may see it (Prometheus text format).
#include <ctime>
#include <nlohmann/json.hpp>

#include "server/api_impl.h"

namespace luutru::server {

using Json = nlohmann::ordered_json;

HttpResponse Api::Impl::MetricsPage(const Caller& caller) {
  std::string out = metrics.Render();
  auto line = [&](const std::string& name, const std::string& labels, long long value) {
    out += name + (labels.empty() ? "" : "{" + labels + "}") + " " + std::to_string(value) + "\n";
  };
  // The records the caller may see; the last ingest run and the upload jobs (their counts
  // include every mark) only to a caller who may see every record.
  if (SearcherPool::Lease searcher = searchers.Take()) {
    if (Result<long long> records = searcher->CountRecords(caller.access); records.ok()) {
      out +=
          "# HELP luutru_records Records in the archive the caller may see.\n# TYPE luutru_records "
          "gauge\n";
      line("luutru_records", "", *records);
    }
  }
  HttpResponse res;
  res.content_type = "text/plain; version=0.0.4";
  if (caller.access.clearance != search::Clearance::kTuyetMat) {
    res.body = std::move(out);
    return res;
  }
  {
    std::lock_guard<std::mutex> lock(catalog_mutex);
    Result<std::optional<ingest::Catalog::RunEntry>> run = catalog->LastFinishedRun("ingest");
    if (run.ok() && run->has_value()) {
      Json report = Json::parse((*run)->report_json, nullptr, false);
      if (!report.is_discarded()) {
        out +=
            "# HELP luutru_last_ingest_files Files of the newest finished ingest run, by outcome.\n"
            "# TYPE luutru_last_ingest_files gauge\n";
        for (const auto& [outcome, n] : report["files"].items()) {
          line("luutru_last_ingest_files", "outcome=\"" + outcome + "\"", n.get<long long>());
        }
        out +=
            "# HELP luutru_last_ingest_pages Pages of the newest finished ingest run.\n"
            "# TYPE luutru_last_ingest_pages gauge\n";
        line("luutru_last_ingest_pages", "", report["pages"].value("total", 0LL));
        std::tm tm{};
        if (strptime((*run)->finished_at.c_str(), "%Y-%m-%dT%H:%M:%SZ", &tm)) {
          out +=
              "# HELP luutru_last_ingest_finished_seconds When the newest ingest run ended (Unix "
              "time).\n"
              "# TYPE luutru_last_ingest_finished_seconds gauge\n";
          line("luutru_last_ingest_finished_seconds", "", static_cast<long long>(timegm(&tm)));
        }
      }
    }
  }
  out +=
      "# HELP luutru_upload_jobs_total Upload jobs ended since the server started, by state.\n"
      "# TYPE luutru_upload_jobs_total counter\n";
  for (const auto& [state, n] : uploads.EndedJobs())
    line("luutru_upload_jobs_total", "state=\"" + state + "\"", n);
  out +=
      "# HELP luutru_upload_files_total Uploaded files ingested since the server started, by "
      "outcome.\n"
      "# TYPE luutru_upload_files_total counter\n";
  for (const auto& [outcome, n] : uploads.FileOutcomes()) {
    line("luutru_upload_files_total", "outcome=\"" + outcome + "\"", n);
  }
  res.body = std::move(out);
  return res;
}

}  // namespace luutru::server
