// Progress of a long ingest on stderr: on a terminal, a bar redrawn in place (log lines are
// written above it); otherwise, for logs and cron mails, a JSON line every 10 seconds.
#pragma once

#include <memory>
#include <string>

#include "ingest/pipeline.h"

namespace luutru::cli {

enum class ProgressStyle { kAuto, kBar, kJson, kNone };

// "auto", "bar", "json", "none".
bool ParseProgressStyle(const std::string& text, ProgressStyle& style);

class ProgressDisplay {
 public:
  // kAuto: a bar when stderr is a terminal, else JSON lines.
  explicit ProgressDisplay(ProgressStyle style);
  ~ProgressDisplay();  // puts the log's own sink back

  void Update(const ingest::IngestProgress& progress);

  ProgressDisplay(const ProgressDisplay&) = delete;
  ProgressDisplay& operator=(const ProgressDisplay&) = delete;

 private:
  struct Bar;
  ProgressStyle style_;
  double last_json_at_ = -1;
  std::shared_ptr<Bar> bar_;
};

// "[#######.........] 12/40 files  83 pages  1.9 pages/s  ETA 3m12s"
std::string ProgressBarLine(const ingest::IngestProgress& progress, int width);
// {"progress":{"files_done":12,"files_total":40,"pages":83,"pages_per_second":1.9,"eta_seconds":192}}
std::string ProgressJsonLine(const ingest::IngestProgress& progress);

}  // namespace luutru::cli
