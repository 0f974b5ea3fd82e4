#include "ingest/pipeline.h"

#include <spdlog/spdlog.h>
#include <sys/resource.h>

#include <atomic>
#include <cctype>
#include <chrono>
#include <map>
#include <thread>
#include <unordered_set>
#include <variant>

#include "core/archive_layout.h"
#include "core/fs_util.h"
#include "core/record.h"
#include "core/record_json.h"
#include "core/strings.h"
#include "index/layout.h"
#include "index/writer.h"
#include "ingest/bounded_queue.h"
#include "ingest/catalog.h"
#include "ingest/derived_files.h"
#include "ingest/object_store.h"
#include "ingest/page_reader.h"
#include "ingest/record_fields.h"
#include "ingest/source_walker.h"

namespace luutru::ingest {
namespace {

using Clock = std::chrono::steady_clock;

double SecondsSince(Clock::time_point start) {
  return std::chrono::duration<double>(Clock::now() - start).count();
}

// --- Messages between the stages. A page job is a value; results carry the file's index. ---

struct PageDone {
  size_t file = 0;
  PageText page;
};

struct FileStarted {
  size_t file = 0;
  std::string sha256, format;
  int page_count = 0;
  std::vector<Signature> signatures;
};

struct FileDuplicate {
  size_t file = 0;
  std::string sha256;
};

struct FileFailed {
  size_t file = 0;
  std::string sha256;  // empty if it could not even be stored
  Status status;
};

struct FileSkipped {
  size_t file = 0;
  std::string reason;
};

struct ProducerDone {};

using Message =
    std::variant<PageDone, FileStarted, FileDuplicate, FileFailed, FileSkipped, ProducerDone>;

// Whether a file's name says it is a scan or a PDF. Unrecognised content under such a name is
// a damaged document (a failure); under any other name it is not a document at all (skipped).
bool NamedLikeADocument(const std::filesystem::path& path) {
  std::string ext = path.extension().string();
  for (char& c : ext) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* known : {".pdf", ".tif", ".tiff", ".png", ".jpg", ".jpeg"}) {
    if (ext == known) return true;
  }
  return false;
}

// A file between its FileStarted and its last page.
struct OpenFile {
  std::string sha256, format;
  int page_count = 0;
  std::vector<Signature> signatures;
  std::map<int, PageText> pages;
  Clock::time_point started = Clock::now();
};

// The records read since the last commit; their files become `done` once it succeeds.
struct PendingCommit {
  std::vector<RecordEntry> records;
  std::vector<FileEntry> files;
  size_t size() const { return records.size() + files.size(); }
};

class IngestRun {
 public:
  IngestRun(const IngestOptions& options, ArchiveLayout layout, Catalog& catalog,
            index::Writer& writer)
      : options_(options),
        layout_(std::move(layout)),
        catalog_(catalog),
        writer_(writer),
        store_(layout_) {}

  Result<IngestReport> Run(const std::vector<std::string>& paths);

 private:
  std::vector<size_t> SelectWork();
  Status StartReaders(int jobs, std::vector<PageReader>& readers);
  void Produce(const std::vector<size_t>& work);
  void ProduceFile(size_t file);
  void ProduceFileOrThrow(size_t file);
  Status Collect();
  Status FinishFile(size_t file, OpenFile& open);
  Status FlushIfDue(bool force);
  void NoteFailure(size_t file, const std::string& sha256, const std::string& error);
  void ReportProgress(bool finished);
  FileEntry EntryFor(size_t file, const std::string& sha256, FileState state,
                     const std::string& error) const;

  const IngestOptions& options_;
  ArchiveLayout layout_;
  Catalog& catalog_;
  index::Writer& writer_;
  ObjectStore store_;

  std::vector<SourceFile> sources_;
  IngestReport report_;
  std::unordered_set<std::string> done_records_;   // read before threads start, then read-only
  std::unordered_set<std::string> seen_this_run_;  // the producer's own
  std::unordered_set<std::string> archived_;       // the collector's own: records of this run
  // The producer's own, for a file that throws: its hash, its pages, and the pages queued.
  std::map<size_t, std::string> stored_sha_;
  std::map<size_t, int> page_counts_, pages_queued_;

  // Page images wait here, two per worker at most: this is what bounds memory.
  std::unique_ptr<BoundedQueue<PageJob>> jobs_;
  // Results are small (a page's text and words); the collector drains them as they come, so
  // this queue only needs to never block the workers.
  BoundedQueue<Message> results_{1 << 20};
  std::atomic<bool> cancelled_{false};
  // Whether to stop reading: the run failed (cancelled_) or was asked to stop.
  bool Stopping() const { return cancelled_ || (options_.stop && options_.stop->load()); }

  std::map<size_t, OpenFile> open_;
  PendingCommit pending_;
  Clock::time_point started_ = Clock::now();
  Clock::time_point last_commit_ = Clock::now();
  Clock::time_point last_progress_ = Clock::now();
  int files_finished_ = 0;
  size_t files_to_process_ = 0;
};

FileEntry IngestRun::EntryFor(size_t file, const std::string& sha256, FileState state,
                              const std::string& error) const {
  const SourceFile& src = sources_[file];
  return FileEntry{src.key.string(),
                   src.size,
                   src.mtime_ns,
                   sha256,
                   sha256.empty() ? "" : RecordIdFor(sha256),
                   state,
                   error};
}

// Decides, from the catalog alone (no hashing), which files need work.
std::vector<size_t> IngestRun::SelectWork() {
  std::vector<size_t> work;
  for (size_t i = 0; i < sources_.size(); ++i) {
    const SourceFile& src = sources_[i];
    FileOutcome& out = report_.files[i];
    Result<std::optional<FileEntry>> known = catalog_.FindFile(src.key.string());
    bool same = known.ok() && known->has_value() && (*known)->size == src.size &&
                (*known)->mtime_ns == src.mtime_ns;
    if (same && (*known)->state == FileState::kDone) {
      out.outcome = Outcome::kUnchanged;
      out.record_id = (*known)->record_id;
      ++report_.unchanged;
    } else if (same && !options_.retry_failed) {
      out.outcome = Outcome::kKnownFailure;
      out.error = (*known)->error;
      ++report_.known_failures;
    } else {
      work.push_back(i);
    }
  }
  return work;
}

Status IngestRun::StartReaders(int jobs, std::vector<PageReader>& readers) {
  for (int i = 0; i < jobs; ++i) {
    PageReader reader;
    auto engine =
        options_.make_engine ? options_.make_engine() : ocr::CreateTesseractEngine(options_.ocr);
    if (!engine.ok()) return engine.status();
    reader.engine = std::move(engine).value();
    reader.page_timeout_ms = options_.ocr.page_timeout_ms;
    if (options_.cleanup.fix_orientation) {
      auto detector = options_.make_orientation_detector ? options_.make_orientation_detector()
                                                         : ocr::CreateOsdDetector(options_.ocr);
      if (!detector.ok()) return detector.status();
      reader.orientation = std::move(detector).value();
    }
    readers.push_back(std::move(reader));
  }
  return Status::Ok();
}

// A page that could not be read because reading it threw (out of memory above all): the
// page's error, never the process's end.
PageText FailedPage(int number, const std::string& why) {
  PageText failed;
  failed.number = number;
  failed.error = why;
  return failed;
}

std::string ExceptionReason(const std::exception_ptr& thrown) {
  try {
    std::rethrow_exception(thrown);
  } catch (const std::bad_alloc&) {
    return "too_large: reading it needed more memory than there is; the file is damaged or "
           "hostile, or "
           "needs a lower --max-page-pixels";
  } catch (const std::exception& e) {
    return std::string("internal: reading it failed: ") + e.what();
  } catch (...) {
    return "internal: reading it failed";
  }
}

void IngestRun::ProduceFile(size_t file) {
  // Whatever a library throws while reading one file (std::bad_alloc from a decoder above
  // all) fails that file, or that page, and the batch goes on.
  try {
    ProduceFileOrThrow(file);
  } catch (...) {
    const std::string why = ExceptionReason(std::current_exception());
    if (pages_queued_.count(file)) {
      // Its pages so far are in; the rest are the failure (the file then has every page).
      for (int number = pages_queued_[file] + 1; number <= page_counts_[file]; ++number) {
        results_.Push(PageDone{file, FailedPage(number, why)});
      }
    } else {
      const size_t colon = why.find(": ");
      results_.Push(FileFailed{
          file, stored_sha_[file],
          Status(why.rfind("too_large", 0) == 0 ? StatusCode::kTooLarge : StatusCode::kInternal,
                 why.substr(colon + 2))});
    }
  }
}

namespace {

// A page read from its PDF text layer (`loaded` is left without its text and words).
PageText TextLayerPage(LoadedPage& loaded) {
  PageText page;
  page.number = loaded.number;
  page.method = TextMethod::kTextLayer;
  page.text = std::move(loaded.text);
  page.confidence = 100;
  page.words = std::move(loaded.words);
  if (!page.words.empty()) {
    page.width = loaded.width;
    page.height = loaded.height;
    page.dpi = 72;  // word boxes are in points
  }
  return page;
}

}  // namespace

void IngestRun::ProduceFileOrThrow(size_t file) {
  const SourceFile& src = sources_[file];
  FileFormat format = SniffFile(src.path);
  if (format == FileFormat::kUnknown && !NamedLikeADocument(src.path)) {
    results_.Push(FileSkipped{file, "not a scan or PDF (content not recognised)"});
    return;
  }
  Result<StoredObject> stored = store_.Put(src.path);
  if (!stored.ok()) {
    results_.Push(FileFailed{file, "", stored.status()});
    return;
  }
  const std::string& sha = stored->sha256;
  stored_sha_[file] = sha;
  std::string id = RecordIdFor(sha);
  if (done_records_.count(id) || !seen_this_run_.insert(id).second) {
    results_.Push(FileDuplicate{file, sha});
    return;
  }
  if (format == FileFormat::kUnknown) {
    results_.Push(FileFailed{file, sha,
                             Corrupt("the content is not the PDF or image its name says; "
                                     "the file may be damaged or truncated")});
    return;
  }
  Result<std::unique_ptr<PageSource>> source = OpenPageSource(stored->path, format, options_.load);
  if (!source.ok()) {
    results_.Push(FileFailed{file, sha, source.status()});
    return;
  }
  int count = (*source)->page_count();
  results_.Push(FileStarted{file, sha, FileFormatName(format), count, (*source)->signatures()});
  pages_queued_[file] = 0;
  page_counts_[file] = count;
  for (int i = 0; i < count && !Stopping(); ++i) {
    pages_queued_[file] = i;  // the pages before this one are in the queues
    Result<LoadedPage> loaded = (*source)->LoadPage(i);
    if (!loaded.ok()) {
      PageText failed;
      failed.number = i + 1;
      failed.error = loaded.status().ToString();
      results_.Push(PageDone{file, std::move(failed)});
    } else if (loaded->has_text) {
      results_.Push(PageDone{file, TextLayerPage(*loaded)});
    } else {
      if (!loaded->note.empty()) spdlog::debug("{} p{}: {}; OCR", src.display, i + 1, loaded->note);
      std::filesystem::path keep_as;
      if (!options_.keep_cleaned_dir.empty()) {
        keep_as = options_.keep_cleaned_dir /
                  (src.path.filename().string() + ".p" + std::to_string(loaded->number) + ".png");
      }
      PageJob job{file,  loaded->number, std::move(loaded->image), std::move(keep_as),
                  count, std::nullopt};
      if (loaded->layer_in_doubt) job.text_layer = TextLayerPage(*loaded);
      jobs_->Push(std::move(job));
    }
  }
}

void IngestRun::Produce(const std::vector<size_t>& work) {
  for (size_t file : work) {
    if (Stopping()) break;
    ProduceFile(file);
  }
  jobs_->Close();
  results_.Push(ProducerDone{});
}

// `error` starts with the reason's code ("encrypted: ...", "corrupt: ..."), as Status prints.
void IngestRun::NoteFailure(size_t file, const std::string& sha256, const std::string& error) {
  FileOutcome& out = report_.files[file];
  out.outcome = Outcome::kFailed;
  out.error = error;
  ++report_.failed;
  ++files_finished_;
  spdlog::warn("failed: {}: {}", sources_[file].display, out.error);
  Status s = catalog_.PutFile(EntryFor(file, sha256, FileState::kFailed, out.error));
  if (!s.ok()) spdlog::error("{}", s.ToString());
  // Its bytes are not kept when no record holds them (the source still has them).
  if (!sha256.empty() && !done_records_.count(RecordIdFor(sha256)) &&
      !archived_.count(RecordIdFor(sha256))) {
    if (Status removed = store_.Remove(sha256); !removed.ok())
      spdlog::warn("{}", removed.ToString());
  }
}

Status IngestRun::FinishFile(size_t file, OpenFile& open) {
  const SourceFile& src = sources_[file];
  FileOutcome& out = report_.files[file];
  Record record;
  record.sha256 = open.sha256;
  record.id = RecordIdFor(open.sha256);
  // Shown and stored as valid UTF-8 that says every byte of the name (the catalog keeps the
  // name's bytes themselves, to find the file again).
  record.source = EscapeForDisplay(src.display);
  record.format = open.format;
  record.size = src.size;
  record.ingested_at = UtcNowIso8601();
  record.signatures = std::move(open.signatures);
  int ocr = 0, text_layer = 0, failed = 0;
  std::string first_error;
  for (auto& [number, page] : open.pages) {
    if (!page.error.empty()) {
      ++failed;
      if (first_error.empty()) first_error = "page " + std::to_string(number) + ": " + page.error;
    }
    ocr += page.method == TextMethod::kOcr;
    text_layer += page.method == TextMethod::kTextLayer;
    record.pages.push_back(std::move(page));
  }
  out.record_id = record.id;
  out.pages = static_cast<int>(record.pages.size());
  out.failed_pages = failed;
  if (failed == out.pages) {
    // Not one page could be read: the file fails with the pages' own reason.
    const PageText& first = record.pages.front();
    NoteFailure(file, open.sha256, first.error + (out.pages > 1 ? " (and every other page)" : ""));
    return Status::Ok();
  }
  LUUTRU_RETURN_IF_ERROR(FillFields(record, catalog_));
  LUUTRU_RETURN_IF_ERROR(WriteFileAtomically(layout_.RecordJson(record.id), RecordToJson(record)));
  // Derived views: their failure costs the view, not the record (the text is archived),
  // unless the disk is full, which stops the run.
  auto derived = [&](const char* what, const Status& s) -> Status {
    if (s.ok()) return s;
    if (s.code() == StatusCode::kNoSpace || FilesystemNearlyFull(layout_.root())) {
      return NoSpace(std::string(what) + " of " + src.display +
                     " not written: the archive's disk is full; "
                     "free space and run the same command again (nothing archived is lost)");
    }
    spdlog::warn("{}: {} not written: {}", src.display, what, s.ToString());
    return Status::Ok();
  };
  LUUTRU_RETURN_IF_ERROR(derived("hOCR", WriteHocrFiles(record, layout_)));
  if (options_.searchable_pdf) {
    ocr::SearchablePdfOptions pdf;
    pdf.glyphless_font = std::filesystem::path(ocr::EffectiveTessdataDir(options_.ocr)) / "pdf.ttf";
    LUUTRU_RETURN_IF_ERROR(
        derived("searchable PDF", WriteSearchablePdf(record, layout_, options_.load, pdf)));
  }
  LUUTRU_RETURN_IF_ERROR(writer_.AddRecord(record));
  out.outcome = Outcome::kArchived;
  out.error = first_error;
  ++report_.archived;
  ++files_finished_;
  report_.pages += out.pages;
  report_.ocr_pages += ocr;
  report_.text_layer_pages += text_layer;
  report_.failed_pages += failed;
  if (failed > 0)
    spdlog::warn("{}: {} of {} pages unreadable; first: {}", src.display, failed, out.pages,
                 first_error);
  spdlog::info("archived {} -> {} ({} pages: {} OCR, {} text layer) in {:.1f} s", src.display,
               record.id, out.pages, ocr, text_layer, SecondsSince(open.started));
  pending_.records.push_back({record.id, record.sha256, record.source, record.format, out.pages});
  archived_.insert(record.id);
  pending_.files.push_back(EntryFor(file, record.sha256, FileState::kDone, ""));
  return FlushIfDue(false);
}

// Commits the index, then marks what it holds as done in the catalog: a file is `done` only
// once its pages are searchable.
Status IngestRun::FlushIfDue(bool force) {
  if (pending_.size() == 0) return Status::Ok();
  bool due = force || static_cast<int>(pending_.records.size()) >= options_.commit_every_records ||
             SecondsSince(last_commit_) >= options_.commit_every_seconds;
  if (!due) return Status::Ok();
  LUUTRU_RETURN_IF_ERROR(writer_.Commit());
  LUUTRU_RETURN_IF_ERROR(catalog_.Begin());
  for (const RecordEntry& r : pending_.records) LUUTRU_RETURN_IF_ERROR(catalog_.PutRecord(r));
  for (const FileEntry& f : pending_.files) LUUTRU_RETURN_IF_ERROR(catalog_.PutFile(f));
  LUUTRU_RETURN_IF_ERROR(catalog_.Commit());
  spdlog::debug("committed {} records", pending_.records.size());
  pending_ = {};
  last_commit_ = Clock::now();
  return Status::Ok();
}

// So a long run shows it is alive and how fast it goes: to the caller about once a second,
// else a log line every 10 s.
void IngestRun::ReportProgress(bool finished) {
  const double interval = options_.on_progress ? 1 : 10;
  if (!finished && SecondsSince(last_progress_) < interval) return;
  last_progress_ = Clock::now();
  IngestProgress progress{files_finished_, static_cast<int>(files_to_process_), report_.pages,
                          SecondsSince(started_), finished};
  if (options_.on_progress) {
    options_.on_progress(progress);
  } else if (!finished) {
    double per_min = progress.seconds > 0 ? progress.pages * 60.0 / progress.seconds : 0;
    spdlog::info("progress: {}/{} files, {} pages, {:.1f} pages/min", progress.files_done,
                 progress.files_total, progress.pages, per_min);
  }
}

Status IngestRun::Collect() {
  bool producer_done = false;
  while (!producer_done || !open_.empty()) {
    // Asked to stop: the files still open are dropped (read again by the next run).
    if (producer_done && Stopping()) break;
    // Records read are committed on time too, whatever is still being read (a long file
    // never holds finished ones back: a kill then costs only the last seconds).
    LUUTRU_RETURN_IF_ERROR(FlushIfDue(false));
    bool timed_out = false;
    std::optional<Message> message = results_.PopFor(std::chrono::seconds(1), &timed_out);
    if (!message && timed_out) {
      ReportProgress(false);
      continue;
    }
    if (!message) break;
    Status status = std::visit(
        [&](auto& m) -> Status {
          using M = std::decay_t<decltype(m)>;
          if constexpr (std::is_same_v<M, ProducerDone>) {
            producer_done = true;
          } else if constexpr (std::is_same_v<M, FileStarted>) {
            OpenFile& open = open_[m.file];
            open.sha256 = m.sha256;
            open.format = m.format;
            open.page_count = m.page_count;
            open.signatures = std::move(m.signatures);
          } else if constexpr (std::is_same_v<M, FileDuplicate>) {
            FileOutcome& out = report_.files[m.file];
            out.outcome = Outcome::kDuplicate;
            out.record_id = RecordIdFor(m.sha256);
            ++report_.duplicates;
            ++files_finished_;
            spdlog::info("already archived: {} (record {})", sources_[m.file].display,
                         out.record_id);
            pending_.files.push_back(EntryFor(m.file, m.sha256, FileState::kDone, ""));
          } else if constexpr (std::is_same_v<M, FileSkipped>) {
            FileOutcome& out = report_.files[m.file];
            out.outcome = Outcome::kSkipped;
            out.error = m.reason;
            ++report_.skipped;
            ++files_finished_;
            spdlog::info("skipped {}: {}", sources_[m.file].display, m.reason);
          } else if constexpr (std::is_same_v<M, FileFailed>) {
            // A full archive disk is not the file's fault: the run stops, the file stays new.
            if (m.status.code() == StatusCode::kNoSpace)
              return m.status.WithContext(sources_[m.file].display);
            NoteFailure(m.file, m.sha256, m.status.ToString());
          } else if constexpr (std::is_same_v<M, PageDone>) {
            OpenFile& open = open_[m.file];
            int number = m.page.number;
            open.pages[number] = std::move(m.page);
            if (static_cast<int>(open.pages.size()) == open.page_count) {
              Status s = FinishFile(m.file, open);
              open_.erase(m.file);
              return s;
            }
          }
          return Status::Ok();
        },
        *message);
    if (!status.ok()) return status;
    ReportProgress(false);
  }
  return FlushIfDue(true);
}

Result<IngestReport> IngestRun::Run(const std::vector<std::string>& paths) {
  // The archive's own folders are never sources (its uploads/ folder is).
  WalkOptions walk;
  walk.follow_links = options_.follow_links;
  walk.exclude = layout_.NotSources();
  walk.part = options_.part;
  WalkResult walked = WalkSources(paths, walk);
  sources_ = std::move(walked.files);
  report_.problems = std::move(walked.problems);
  for (const std::string& p : report_.problems) spdlog::warn("not taken: {}", p);
  report_.files_seen = static_cast<int>(sources_.size());
  report_.files.resize(sources_.size());
  for (size_t i = 0; i < sources_.size(); ++i)
    report_.files[i].source = EscapeForDisplay(sources_[i].display);

  if (!options_.keep_cleaned_dir.empty()) {
    std::error_code ec;
    std::filesystem::create_directories(options_.keep_cleaned_dir, ec);
    if (ec)
      return IoError("cannot create " + options_.keep_cleaned_dir.string() + ": " + ec.message());
  }
  std::vector<size_t> work = SelectWork();
  files_to_process_ = work.size();
  spdlog::info("{} files found: {} to process, {} unchanged, {} known failures", sources_.size(),
               work.size(), report_.unchanged, report_.known_failures);
  if (!work.empty()) {
    Result<std::vector<RecordEntry>> records = catalog_.ListRecords();
    if (!records.ok()) return records.status();
    for (const RecordEntry& r : *records) done_records_.insert(r.id);

    int jobs = options_.jobs > 0
                   ? options_.jobs
                   : std::max(1, static_cast<int>(std::thread::hardware_concurrency()));
    std::vector<PageReader> readers;
    LUUTRU_RETURN_IF_ERROR(StartReaders(jobs, readers));

    // Two pages waiting per worker keeps them busy while bounding memory to a few pages.
    jobs_ = std::make_unique<BoundedQueue<PageJob>>(static_cast<size_t>(jobs) * 2);
    std::vector<std::jthread> workers;
    for (PageReader& reader : readers) {
      workers.emplace_back([this, &reader] {
        while (std::optional<PageJob> job = jobs_->Pop()) {
          if (Stopping()) continue;  // drain without reading
          PageText page;
          try {
            page = ReadPage(reader, *job, options_.cleanup, options_.retry_below_confidence,
                            options_.reread_key_lines);
            if (job->text_layer)
              page = MoreVietnamese(std::move(page), std::move(*job->text_layer));
          } catch (...) {
            page = FailedPage(job->number, ExceptionReason(std::current_exception()));
          }
          results_.Push(PageDone{job->file, std::move(page)});
        }
      });
    }
    std::jthread producer([this, &work] { Produce(work); });

    Status collected = Collect();
    if (!collected.ok()) {
      // Stop the producer and the workers; what they hold is dropped, nothing is marked done.
      cancelled_ = true;
      jobs_->Close();
      results_.Close();
    }
    producer.join();
    workers.clear();  // joins
    if (!collected.ok()) return collected;
  }
  report_.seconds = SecondsSince(started_);
  report_.stopped = options_.stop && options_.stop->load();
  if (report_.stopped) spdlog::warn("stopped before the end; run the same command again to finish");
  ReportProgress(true);
  struct rusage usage {};
  if (::getrusage(RUSAGE_SELF, &usage) == 0) report_.peak_memory_kb = usage.ru_maxrss;
  return report_;
}

}  // namespace

const char* OutcomeName(Outcome outcome) {
  switch (outcome) {
    case Outcome::kArchived:
      return "archived";
    case Outcome::kUnchanged:
      return "unchanged";
    case Outcome::kDuplicate:
      return "duplicate";
    case Outcome::kFailed:
      return "failed";
    case Outcome::kKnownFailure:
      return "known_failure";
    case Outcome::kSkipped:
      return "skipped";
  }
  return "unknown";
}

Result<IngestReport> RunIngest(const std::vector<std::string>& paths,
                               const IngestOptions& options) {
  if (paths.empty()) return InvalidArgument("nothing to ingest: give one or more files or folders");
  LUUTRU_RETURN_IF_ERROR(CheckSourcesReadable(paths));
  ArchiveLayout layout(options.archive_dir);
  std::error_code ec;
  std::filesystem::create_directories(layout.root(), ec);
  if (ec) {
    return IoError("cannot create the archive folder " + layout.root().string() + ": " +
                   ec.message());
  }
  // An index is created only for an archive with no records yet: a new empty one beside a
  // catalog of records (a lost index, a rebuild killed in an earlier layout) would hide them.
  std::error_code no_catalog;
  if (index::DetectLayout(layout.index()) == index::IndexLayout::kNone &&
      std::filesystem::exists(layout.catalog(), no_catalog)) {
    Result<std::unique_ptr<Catalog>> catalog = Catalog::Open(layout.catalog());
    if (!catalog.ok()) return catalog.status();
    Result<long long> records = (*catalog)->CountRecords();
    if (!records.ok()) return records.status();
    if (*records > 0) {
      return Corrupt("the archive " + layout.root().string() + " holds " +
                     std::to_string(*records) +
                     " records but has no index; rebuild it first with luutru verify --repair (or "
                     "luutru reindex)");
    }
  }
  // The index's write lock makes this the archive's only writer until the run ends.
  Result<std::unique_ptr<index::Writer>> writer = index::Writer::Open(layout.index());
  if (!writer.ok()) return writer.status();
  Result<std::unique_ptr<Catalog>> catalog = Catalog::Open(layout.catalog());
  if (!catalog.ok()) return catalog.status();
  // What a killed run was writing is of no use: its files are read again.
  std::filesystem::remove_all(layout.tmp(), ec);

  Result<long long> run_id = (*catalog)->StartRun("ingest");
  if (!run_id.ok()) return run_id.status();
  IngestRun run(options, layout, **catalog, **writer);
  Result<IngestReport> report = run.Run(paths);
  if (report.ok()) {
    Status s = (*catalog)->FinishRun(*run_id, ReportToJson(*report));
    if (!s.ok()) spdlog::warn("{}", s.ToString());
  }
  return report;
}

}  // namespace luutru::ingest
