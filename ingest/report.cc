#include <nlohmann/json.hpp>
#include <sstream>

#include "ingest/pipeline.h"

namespace luutru::ingest {

std::string ReportToJson(const IngestReport& r) {
  nlohmann::ordered_json files = nlohmann::ordered_json::array();
  for (const FileOutcome& f : r.files) {
    nlohmann::ordered_json j{{"source", f.source}, {"outcome", OutcomeName(f.outcome)}};
    if (!f.record_id.empty()) j["record"] = f.record_id;
    if (f.pages > 0) j["pages"] = f.pages;
    if (f.failed_pages > 0) j["failed_pages"] = f.failed_pages;
    if (!f.error.empty()) j["error"] = f.error;
    files.push_back(std::move(j));
  }
  nlohmann::ordered_json j{{"complete", r.complete()},
                           {"stopped", r.stopped},
                           {"files",
                            {{"seen", r.files_seen},
                             {"archived", r.archived},
                             {"unchanged", r.unchanged},
                             {"duplicate", r.duplicates},
                             {"failed", r.failed},
                             {"known_failure", r.known_failures},
                             {"skipped", r.skipped}}},
                           {"pages",
                            {{"total", r.pages},
                             {"ocr", r.ocr_pages},
                             {"text_layer", r.text_layer_pages},
                             {"failed", r.failed_pages}}},
                           {"seconds", r.seconds},
                           {"pages_per_minute", r.seconds > 0 ? r.pages * 60.0 / r.seconds : 0.0},
                           {"peak_memory_mb", r.peak_memory_kb / 1024},
                           {"problems", r.problems},
                           {"outcomes", files}};
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

std::string ReportSummary(const IngestReport& r) {
  std::ostringstream out;
  out.precision(1);
  out << std::fixed;
  out << "files: " << r.files_seen << " seen, " << r.archived << " archived, " << r.unchanged
      << " unchanged, " << r.duplicates << " duplicate, " << r.failed << " failed";
  if (r.skipped > 0) out << ", " << r.skipped << " skipped (not documents)";
  if (r.known_failures > 0) {
    out << ", " << r.known_failures << " failed before (unchanged; --retry-failed to try again)";
  }
  out << "\npages: " << r.pages << " (" << r.ocr_pages << " OCR, " << r.text_layer_pages
      << " text layer, " << r.failed_pages << " unreadable)\n";
  out << "time: " << r.seconds << " s";
  if (r.pages > 0 && r.seconds > 0) out << " (" << r.pages * 60.0 / r.seconds << " pages/min)";
  if (r.peak_memory_kb > 0) out << ", peak memory " << r.peak_memory_kb / 1024 << " MB";
  out << "\n";
  if (r.stopped) out << "stopped before the end: run the same command again to finish\n";
  if (r.archived == 0 && r.failed == 0 && r.problems.empty() && !r.stopped)
    out << "nothing new to archive\n";
  for (const std::string& p : r.problems) out << "not taken: " << p << "\n";
  for (const FileOutcome& f : r.files) {
    if (f.outcome == Outcome::kFailed) out << "failed: " << f.source << ": " << f.error << "\n";
    if (f.outcome == Outcome::kArchived && f.failed_pages > 0) {
      out << "partly read: " << f.source << ": " << f.error << "\n";
    }
  }
  return out.str();
}

}  // namespace luutru::ingest
