// The `luutru` command line. Each subcommand fills an options struct from its flags, calls a
// library, and maps the resulting Status to an exit code (ExitCodeFor, the only place that
// does). Results go to stdout; logs to stderr.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

#include "core/archive_layout.h"
#include "core/status.h"

namespace luutru::cli {

// Documented in docs/cli.md and at the end of `luutru --help` (kExitCodeMeanings); fixed, so
// scripts and cron jobs can rely on them.
enum ExitCode : int {
  kExitOk = 0,                 // everything done
  kExitUsage = 1,              // bad flags or arguments
  kExitPartial = 2,            // the run finished, but some files or pages could not be archived
  kExitMissingDependency = 3,  // e.g. the Vietnamese OCR model is not installed
  kExitArchiveError = 4,       // the archive could not be read or written (I/O, corrupt)
  kExitBusy = 5,               // another luutru process is writing to the archive
  kExitProblems = 6,           // verify (or audit verify) found problems it did not repair
  kExitNoSpace = 7,            // the archive's disk is full: free space, run the same command again
  kExitStopped = 8,        // stopped by SIGINT/SIGTERM; what was read whole is kept: run it again
  kExitNotFound = 9,       // no such record, user, archive or index as the one named
  kExitAddressInUse = 10,  // serve: another process listens on the address and port given
};

// What each exit code means, as `luutru --help` (and so the man page) lists them.
struct ExitCodeMeaning {
  ExitCode code;
  const char* meaning;
};
inline constexpr ExitCodeMeaning kExitCodeMeanings[] = {
    {kExitOk, "everything asked was done"},
    {kExitUsage,
     "bad usage: a flag, an argument, a query, or a source that does not exist or cannot be read"},
    {kExitPartial,
     "the run finished, but some files or pages could not be archived (each is named)"},
    {kExitMissingDependency, "a dependency is missing, e.g. the Vietnamese OCR model"},
    {kExitArchiveError, "the archive could not be read or written"},
    {kExitBusy, "another luutru process is writing to this archive"},
    {kExitProblems, "verify (or audit verify) found problems it did not repair"},
    {kExitNoSpace, "the archive's disk is full; free space and run the same command again"},
    {kExitStopped, "stopped by SIGINT or SIGTERM; run the same command again to finish"},
    {kExitNotFound, "no such record, user, archive or index"},
    {kExitAddressInUse, "serve: another process listens on that address and port"},
};

int ExitCodeFor(const Status& status);
// kNotFound, naming the fix, when `layout` holds no archive (no catalog) yet; kInsecure when
// every account can read it (core/archive_access.h). Sets what this process writes there to
// be as private as the archive's folder.
Status RequireArchive(const ArchiveLayout& layout);

// A size for people: "12.3 MB".
std::string Megabytes(uint64_t bytes);
// The access check alone, for a command that may create the archive (ingest).
Status PrepareArchive(const ArchiveLayout& layout);
// Logs the error, if any (stderr), and returns the status's exit code.
int Fail(const Status& status);

int Main(int argc, char** argv);

// Each subcommand registers itself and its flags on `app`, and returns how to run it.
struct Command {
  CLI::App* app = nullptr;
  std::function<int()> run;
};
Command AddIngestCommand(CLI::App& app);
Command AddSearchCommand(CLI::App& app);
Command AddExportCommand(CLI::App& app);
Command AddReviewCommand(CLI::App& app);
Command AddSetCommand(CLI::App& app);
Command AddShowCommand(CLI::App& app);
Command AddReindexCommand(CLI::App& app);
Command AddVerifyCommand(CLI::App& app);
Command AddQuarantineCommand(CLI::App& app);
Command AddServeCommand(CLI::App& app);
Command AddUserCommand(CLI::App& app);
Command AddAuditCommand(CLI::App& app);
Command AddCompletionCommand(CLI::App& app);
Command AddHosoCommand(CLI::App& app);
Command AddPdfACommand(CLI::App& app);
Command AddSignCommand(CLI::App& app);
Command AddPackageCommand(CLI::App& app);
Command AddMergeCommand(CLI::App& app);
Command AddCompactCommand(CLI::App& app);
Command AddShardCommand(CLI::App& app);

}  // namespace luutru::cli
