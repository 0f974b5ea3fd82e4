// `luutru ingest`: walks the sources, stores each original, reads its pages (text layer or
// OCR, pages spread over worker threads), writes record.json, indexes, and records every
// file's outcome in the catalog. Idempotent and resumable: known content is skipped.
#pragma once

#include <atomic>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "core/status.h"
#include "ingest/page_source.h"
#include "ingest/source_walker.h"
#include "ocr/cleanup.h"
#include "ocr/engine.h"
#include "ocr/orientation.h"

namespace luutru::ingest {

// Where a run stands, for a progress bar or a log line.
struct IngestProgress {
  int files_done = 0;   // finished this run (archived, duplicate, failed, skipped)
  int files_total = 0;  // to process this run (unchanged files are not counted)
  int pages = 0;        // pages archived this run
  double seconds = 0;   // since the run started
  bool finished = false;
};

struct IngestOptions {
  std::filesystem::path archive_dir;
  // OCR worker threads, each with its own engine. Default: 0 = one per core.
  int jobs = 0;
  LoadOptions load;
  ocr::CleanupOptions cleanup;
  ocr::OcrOptions ocr;
  // The index is committed (and files marked done) after this many records or seconds,
  // whichever comes first. A crash costs at most the records since the last commit.
  int commit_every_records = 25;
  double commit_every_seconds = 30;
  // Try again the files that failed in an earlier run although they have not changed.
  // Default: off (they are reported as "known failures").
  bool retry_failed = false;
  // Follow symbolic links inside the folders given; a link leading out of them is never
  // followed. Default: off (every link is reported and the run is not complete).
  bool follow_links = false;
  // Only the files of this part of the sources (`--part K/N`): one task of a job array writes
  // an archive of its own, and `luutru merge` brings the parts together. Default: all files.
  SourcePart part;
  // A page read with a mean word confidence below this is read again with other cleanups
  // (turned the other way up, adaptively binarized) and the best reading kept. 0 = never.
  // Default: 70.
  double retry_below_confidence = 70;
  // Read the lines registry fields come from (number, date, signer) again at other scales and
  // let the readings vote. Costs about three line readings per such line. Default: on.
  bool reread_key_lines = true;
  // Write records/<id>/searchable.pdf (the page images with an invisible text layer).
  // Default: on.
  bool searchable_pdf = true;
  // When set, the cleaned page images given to OCR are kept here, as
  // <source file name>.p<page>.png, to look at. Default: empty (not kept).
  std::filesystem::path keep_cleaned_dir;
  // Called on the collecting thread about once a second, and once more at the end. Default
  // (empty): a log line every 10 s.
  std::function<void(const IngestProgress&)> on_progress;
  // When set and it turns true (a signal, a server shutting down), the run stops: no new file
  // or page is read, the pages being read are dropped, the files read whole are committed,
  // and the report says `stopped`. The files not finished stay new for the next run.
  // Default: none (the run goes to the end).
  const std::atomic<bool>* stop = nullptr;
  // Makes one OCR engine per worker. Default (empty): Tesseract with `ocr`. Tests pass fakes.
  std::function<Result<std::unique_ptr<ocr::OcrEngine>>()> make_engine;
  // Makes one orientation detector per worker, used when cleanup.fix_orientation is on.
  // Default (empty): Tesseract OSD with `ocr`.
  std::function<Result<std::unique_ptr<ocr::OrientationDetector>>()> make_orientation_detector;
};

enum class Outcome {
  kArchived,      // read, indexed, searchable
  kUnchanged,     // known from an earlier run (same path, size and time)
  kDuplicate,     // same content as an archived record
  kFailed,        // could not be archived; `error` says why
  kKnownFailure,  // failed in an earlier run and has not changed since
  kSkipped,       // not a document (a README, Thumbs.db, ...): left alone, not an error
};
const char* OutcomeName(Outcome outcome);

struct FileOutcome {
  std::string source;
  Outcome outcome = Outcome::kArchived;
  std::string record_id;
  int pages = 0;
  int failed_pages = 0;
  std::string error;  // kFailed / kKnownFailure / kSkipped: the reason; kArchived: first page error
};

struct IngestReport {
  int files_seen = 0, archived = 0, unchanged = 0, duplicates = 0, failed = 0, known_failures = 0,
      skipped = 0;
  int pages = 0, ocr_pages = 0, text_layer_pages = 0, failed_pages = 0;
  double seconds = 0;
  long peak_memory_kb = 0;            // the process's peak resident memory
  bool stopped = false;               // IngestOptions::stop ended the run early
  std::vector<std::string> problems;  // sources that could not be walked
  std::vector<FileOutcome> files;     // one per file seen, in source order

  // True when every file and every page was archived (exit code 0).
  bool complete() const { return failed == 0 && failed_pages == 0 && problems.empty() && !stopped; }
};

std::string ReportToJson(const IngestReport& report);
std::string ReportSummary(const IngestReport& report);  // the human-readable closing lines

// Runs a whole ingest. A non-OK Status means the run itself could not go on (archive not
// writable, index busy, OCR model missing); per-file problems are in the report instead.
Result<IngestReport> RunIngest(const std::vector<std::string>& paths, const IngestOptions& options);

}  // namespace luutru::ingest
