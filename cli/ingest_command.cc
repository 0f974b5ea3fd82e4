#include <signal.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <iostream>
#include <map>

#include "cli/app.h"
#include "cli/progress.h"
#include "core/archive_layout.h"
#include "core/fs_util.h"
#include "hoso/attach.h"
#include "hoso/refresh.h"
#include "hoso/split.h"
#include "hoso/store.h"
#include "ingest/pipeline.h"

namespace luutru::cli {
namespace {

// Set by the first SIGINT or SIGTERM: the run stops taking new work and commits what it read
// whole. A second signal ends the process at once (the run is crash-safe either way).
std::atomic<bool> g_stop_requested{false};
static_assert(std::atomic<bool>::is_always_lock_free, "set from a signal handler");

void RequestStop(int) { g_stop_requested.store(true); }

void StopOnSignals() {
  struct sigaction action {};
  action.sa_handler = RequestStop;
  action.sa_flags = SA_RESETHAND;  // the second signal gets the default: termination
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

// The report is written after the run: a place it cannot be written is said before any work.
Status CheckReportPath(const std::string& report_path) {
  if (report_path.empty() || report_path == "-") return Status::Ok();
  std::filesystem::path dir = std::filesystem::path(report_path).parent_path();
  if (dir.empty()) dir = ".";
  std::error_code ec;
  while (!std::filesystem::exists(dir, ec) && dir.has_parent_path() && dir != dir.parent_path())
    dir = dir.parent_path();
  if (!std::filesystem::is_directory(dir, ec)) {
    return InvalidArgument("--report " + report_path + ": " + dir.string() + " is not a folder");
  }
  if (::access(dir.c_str(), W_OK) != 0) {
    return InvalidArgument("--report " + report_path + ": cannot write in " + dir.string() + " (" +
                           std::strerror(errno) + ")");
  }
  return Status::Ok();
}

struct IngestFlags {
  std::vector<std::string> paths;
  std::string report_path;  // where to write the JSON run report; "-" = stdout
  std::string password_file;
  std::string progress = "auto";
  std::string hoso;       // the archival file the documents go to
  std::string part;       // "K/N": this task's share of the sources
  bool no_split = false;  // keep a hồ sơ's scan one record whatever it holds
};

// The archival file `code` must be in the archive before anything is read for it.
Status CheckHoso(const ArchiveLayout& layout, const std::string& code) {
  if (code.empty()) return Status::Ok();
  const Status missing =
      NotFound("--hoso " + code +
               ": no such archival file in this archive; import the finding aid first "
               "(luutru hoso import FILE.csv) or see luutru hoso list");
  std::error_code ec;
  if (!std::filesystem::exists(layout.catalog(), ec)) return missing;
  Result<std::unique_ptr<hoso::Store>> store = hoso::Store::Open(layout.catalog());
  if (!store.ok()) return store.status();
  Result<std::optional<hoso::ArchivalFile>> file = (*store)->Find(code);
  if (!file.ok()) return file.status();
  return file->has_value() ? Status::Ok() : missing;
}

// The documents of the run attached to their archival files (hoso/attach.h), and the scans
// among them that hold several documents split (hoso/split.h); said on stderr.
Status AttachToFiles(const ingest::IngestOptions& options, const IngestFlags& flags,
                     const ingest::IngestReport& report) {
  const ArchiveLayout layout(options.archive_dir);
  std::vector<hoso::IngestedFile> ingested;
  for (const ingest::FileOutcome& f : report.files) {
    if (!f.record_id.empty()) ingested.push_back({f.source, f.record_id});
  }
  if (ingested.empty()) return Status::Ok();
  Result<std::unique_ptr<hoso::Store>> store = hoso::Store::Open(layout.catalog());
  if (!store.ok()) return store.status();
  Result<std::map<std::string, int>> attached = hoso::AttachIngested(**store, ingested, flags.hoso);
  if (!attached.ok()) return attached.status();
  std::vector<std::string> codes;
  for (const auto& [file, n] : *attached) {
    if (n > 0) std::cerr << "hồ sơ " << file << ": " << n << " văn bản thêm vào\n";
    codes.push_back(file);
  }
  LUUTRU_RETURN_IF_ERROR(hoso::RefreshDocuments(layout, **store, codes).status());
  if (flags.no_split) return Status::Ok();
  std::vector<std::string> read_now;  // in a file, read by this run: not split before
  for (const ingest::FileOutcome& f : report.files) {
    if (f.outcome != ingest::Outcome::kArchived || f.pages < 2) continue;
    Result<std::optional<std::string>> file = (*store)->FileOf(f.record_id);
    if (!file.ok()) return file.status();
    if (file->has_value()) read_now.push_back(f.record_id);
  }
  hoso::SplitOptions split;
  split.searchable_pdf = options.searchable_pdf;
  split.glyphless_font = std::filesystem::path(ocr::EffectiveTessdataDir(options.ocr)) / "pdf.ttf";
  Result<std::vector<hoso::FoundSplit>> found = hoso::SplitWhereFound(layout, read_now, split);
  if (!found.ok()) return found.status();
  for (const hoso::FoundSplit& f : *found) {
    std::cerr << f.source << ": " << f.starts.size() << " văn bản, bắt đầu ở trang "
              << hoso::PagesText(f.starts) << "; kiểm tra: luutru hoso split " << f.record_id
              << " --review\n";
  }
  return Status::Ok();
}

}  // namespace

Command AddIngestCommand(CLI::App& app) {
  auto flags = std::make_shared<IngestFlags>();
  auto options = std::make_shared<ingest::IngestOptions>();
  options->archive_dir = DefaultArchiveDir();

  CLI::App* cmd =
      app.add_subcommand("ingest", "Archive scanned images and PDFs: store, read, index");
  cmd->add_option("paths", flags->paths, "Files or folders to ingest")->required();
  cmd->add_option("--archive", options->archive_dir,
                  "Archive folder ($LUUTRU_ARCHIVE or ./archive)");
  cmd->add_option("-j,--jobs", options->jobs, "OCR worker threads (0 = one per core)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_option("--tessdata", options->ocr.tessdata_dir,
                  "Folder with vie.traineddata (default: Tesseract's own)");
  cmd->add_option("--dpi", options->load.render_dpi, "Resolution PDF pages are rendered at for OCR")
      ->check(CLI::Range(100, 600))
      ->capture_default_str();
  cmd->add_option(
         "--read-dpi", options->ocr.reading_dpi,
         "Resolution Tesseract reads pages at: finer pages are reduced to it (0 = each page's own)")
      ->check(CLI::Range(0, 0) | CLI::Range(100, 600))
      ->capture_default_str();
  static const std::map<std::string, ingest::OcrPolicy> kOcrPolicies = {
      {"auto", ingest::OcrPolicy::kAuto},
      {"force", ingest::OcrPolicy::kForce},
      {"never", ingest::OcrPolicy::kNever}};
  cmd->add_option("--ocr", options->load.ocr,
                  "PDF pages: auto (a page's text layer when it covers the page and reads as text, "
                  "else OCR; "
                  "the default), force (OCR every page), never (keep any text layer; OCR only "
                  "pages without one)")
      ->transform(CLI::CheckedTransformer(kOcrPolicies, CLI::ignore_case))
      ->option_text("auto|force|never");
  cmd->add_option("--max-page-pixels", options->load.max_page_pixels,
                  "Refuse page images larger than this (decompression-bomb guard)")
      ->capture_default_str();
  cmd->add_option("--page-timeout", options->ocr.page_timeout_ms,
                  "OCR deadline per page, in milliseconds (0 = none)")
      ->capture_default_str();
  cmd->add_option("--password-file", flags->password_file,
                  "File whose first line is the password of encrypted PDFs");
  cmd->add_flag("--follow-links", options->follow_links,
                "Follow symbolic links inside the folders given (never out of them); otherwise "
                "each is reported");
  cmd->add_flag("--retry-failed", options->retry_failed,
                "Try again files that failed before even if unchanged");
  cmd->add_option("--keep-temp", options->keep_cleaned_dir,
                  "Keep the cleaned page images given to OCR in this folder, to look at");
  cmd->add_option("--commit-every", options->commit_every_records,
                  "Commit the index, and mark files done, after this many records (or 30 s); a "
                  "crash costs at most these")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--report", flags->report_path, "Write the JSON run report here ('-' = stdout)");
  cmd->add_option("--hoso", flags->hoso,
                  "Attach the documents to this archival file (số và ký hiệu hồ sơ), in file "
                  "name order; without it, files in a folder named as a hồ sơ (or its finding "
                  "aid's Thư mục) go to that hồ sơ");
  cmd->add_option("--part", flags->part,
                  "K/N: only the files whose path inside the folders given hashes to part K of "
                  "N (0 <= K < N), into an archive of this part's own; one task of a job array "
                  "each, then luutru merge (docs/operations.md, Many machines)");
  cmd->add_flag("--no-split", flags->no_split,
                "Keep each scan of a hồ sơ one record; by default a scan holding several "
                "documents (a header on a later page) becomes a record per document");
  cmd->add_option(
         "--progress", flags->progress,
         "auto (a bar on a terminal, else JSON lines every 10 s on stderr), bar, json or none")
      ->check(CLI::IsMember({"auto", "bar", "json", "none"}))
      ->capture_default_str();

  return {
      cmd, [flags, options]() -> int {
        if (Status s = CheckReportPath(flags->report_path); !s.ok()) return Fail(s);
        if (!flags->part.empty()) {
          Result<ingest::SourcePart> part = ingest::ParseSourcePart(flags->part);
          if (!part.ok()) return Fail(part.status());
          options->part = *part;
        }
        if (Status s = PrepareArchive(ArchiveLayout(options->archive_dir)); !s.ok()) return Fail(s);
        if (Status s = CheckHoso(ArchiveLayout(options->archive_dir), flags->hoso); !s.ok())
          return Fail(s);
        if (!flags->password_file.empty()) {
          Result<std::string> pw = ReadFile(flags->password_file);
          if (!pw.ok()) return Fail(InvalidArgument("--password-file: " + pw.status().message()));
          std::string line = pw->substr(0, pw->find('\n'));
          if (!line.empty() && line.back() == '\r') line.pop_back();
          options->load.pdf_password = line;
        }
        ProgressStyle style = ProgressStyle::kAuto;
        ParseProgressStyle(flags->progress, style);
        StopOnSignals();
        options->stop = &g_stop_requested;
        Result<ingest::IngestReport> report = [&] {
          ProgressDisplay display(style);
          options->on_progress = [&display](const ingest::IngestProgress& p) { display.Update(p); };
          return ingest::RunIngest(flags->paths, *options);
        }();
        options->on_progress = nullptr;
        if (!report.ok()) return Fail(report.status());
        std::cerr << ingest::ReportSummary(*report);
        if (Status s = AttachToFiles(*options, *flags, *report); !s.ok()) return Fail(s);
        if (flags->report_path == "-") {
          std::cout << ingest::ReportToJson(*report) << "\n";
        } else if (!flags->report_path.empty()) {
          Status s = WriteFileAtomically(flags->report_path, ingest::ReportToJson(*report) + "\n");
          if (!s.ok()) return Fail(s);
        }
        if (report->stopped) return static_cast<int>(kExitStopped);
        return report->complete() ? kExitOk : kExitPartial;
      }};
}

}  // namespace luutru::cli
