// `luutru verify`: fixity of the originals and agreement of catalog, records and index.
// Every problem found is reported with what to do about it; with `repair`, what is derived
// (the index, hOCR, searchable PDFs, leftovers of interrupted runs) is rebuilt or removed.
// Originals and record.json are never changed: a damaged original can only be restored from a
// backup, and a lost record.json only by reading its original again.
#pragma once

#include <string>
#include <vector>

#include "core/archive_layout.h"
#include "core/status.h"

namespace luutru::ingest {

struct VerifyOptions {
  // Hash every original again (reads the whole store). Default: on.
  bool rehash = true;
  // Rebuild or remove what is derived where a problem was found. Default: off (report only).
  bool repair = false;
};

struct VerifyProblem {
  std::string kind;     // stable: "original-damaged", "record-missing", "not-indexed", ...
  std::string subject;  // the record id or path it concerns
  std::string detail;   // what is wrong and what to do
  bool repaired = false;
  // Harms nothing (a temporary file of a killed run): listed, removed by repair, but the
  // archive is still clean.
  bool harmless = false;
};

struct VerifyReport {
  int originals = 0;  // originals hashed
  int records = 0;    // records in the catalog
  int indexed_records = 0;
  std::vector<VerifyProblem> problems;

  // No problem but harmless ones.
  bool clean() const;
  // Problems left after repair (all of them when not repairing), harmless ones aside.
  int unrepaired() const;
};

// Fails (kBusy) while another process writes to the archive: what an ingest holds half-way is
// not a problem to report.
Result<VerifyReport> VerifyArchive(const ArchiveLayout& layout, const VerifyOptions& options);

std::string VerifyReportToJson(const VerifyReport& report);

}  // namespace luutru::ingest
