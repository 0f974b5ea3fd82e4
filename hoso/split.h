// A scan that holds several documents (one PDF of a whole archival file) made into a record
// per document: each with its own pages (numbered as in the scan), its fields read from them,
// and its place in the archival file. Found where a hồ sơ's scan is ingested; checked and
// moved by the archivist (`luutru hoso split`), the fields of a document whose pages changed
// read again, and every value a person set kept: a document keeps its record id, and with it
// its corrections, while its boundaries move (the new document holding most of its pages
// takes it; the scan's first document always has the original's id).
#pragma once

#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "core/archive_layout.h"
#include "core/record.h"
#include "core/status.h"

namespace luutru::hoso {

// One scanned original as the archive holds it now.
struct Scan {
  std::string sha256;
  std::vector<PageText> pages;    // every page of the original, in order
  std::vector<Record> documents;  // its records, in order: one while it is not split

  // The page (numbered as in the scan) at which each document begins.
  std::vector<int> Starts() const;
};

// The scan the record `record_id` (its full id) is a document of. kNotFound when the archive
// holds no such record.
Result<Scan> LoadScan(const ArchiveLayout& layout, const std::string& record_id);

// Where documents begin on the scan's pages, as their headers say (extract/boundaries.h).
std::vector<int> FoundStarts(const Scan& scan);

struct SplitOptions {
  // A person gave the starts (`luutru hoso split --at`): the split is marked checked. Default:
  // off (found by luutru).
  bool checked = false;
  // Write each document's searchable PDF (its pages of the original with their words), with
  // this font for the invisible text. Default: on, Tesseract's pdf.ttf.
  bool searchable_pdf = true;
  std::filesystem::path glyphless_font;
};

struct SplitOutcome {
  std::vector<std::string> documents;  // the scan's record ids now, in order
  std::vector<std::string> reread;     // documents whose pages changed: their fields read again
  std::vector<std::string> removed;    // records the scan no longer has (their pages joined
                                       // another document; values set on them are kept in the
                                       // catalog, and return if the split is made again)
  bool changed = false;
};

// Makes the scan of `record_id` documents that begin at `starts` (pages numbered as in the
// scan; the first page always begins one; {1} joins every page into one record again). The
// records, their searchable PDFs and hOCR, the catalog, the index, and the archival file's
// order all follow. kInvalidArgument naming the fix for starts outside the scan; kBusy,
// changing nothing, while another process writes the index. Running it again with the same
// starts changes nothing, and finishes a split that was interrupted.
Result<SplitOutcome> SplitScan(const ArchiveLayout& layout, const std::string& record_id,
                               std::vector<int> starts, const SplitOptions& options = {});

// The scans among `record_ids` (records just ingested into archival files) that are not split
// yet and whose pages hold more than one document's header, split there.
struct FoundSplit {
  std::string record_id, source;
  std::vector<int> starts;
};
Result<std::vector<FoundSplit>> SplitWhereFound(const ArchiveLayout& layout,
                                                const std::vector<std::string>& record_ids,
                                                const SplitOptions& options = {});

// {1, 4, 7} -> "1, 4, 7", as the commands write pages.
std::string PagesText(const std::vector<int>& pages);

// What an archivist checks a split by, as data (`luutru hoso split --review --json`, the API):
// the scan; where documents begin now, where luutru finds they begin, whether a person checked
// it; each page with what its first lines hold of a header (motto, number, date), whether it
// ends a document ("Nơi nhận"), and its first line; each document with its pages and fields.
nlohmann::ordered_json ScanReviewJson(const Scan& scan);

// "1, 4, 7" or "1,4,7" -> {1, 4, 7}; kInvalidArgument for anything else.
Result<std::vector<int>> ParseStarts(const std::string& text);

}  // namespace luutru::hoso
