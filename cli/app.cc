#include "cli/app.h"

#include <spdlog/spdlog.h>

#include <iomanip>
#include <sstream>

#include "core/archive_access.h"
#include "core/logging.h"

namespace luutru::cli {

int ExitCodeFor(const Status& status) {
  switch (status.code()) {
    case StatusCode::kOk:
      return kExitOk;
    case StatusCode::kInvalidArgument:
      return kExitUsage;
    case StatusCode::kMissingDependency:
      return kExitMissingDependency;
    case StatusCode::kBusy:
      return kExitBusy;
    case StatusCode::kNoSpace:
      return kExitNoSpace;
    case StatusCode::kNotFound:
      return kExitNotFound;
    case StatusCode::kAddressInUse:
      return kExitAddressInUse;
    default:
      return kExitArchiveError;
  }
}

namespace {

// The global flags, read by every subcommand.
ArchiveAccessOptions g_access;

}  // namespace

Status PrepareArchive(const ArchiveLayout& layout) {
  return PrepareArchiveAccess(layout.root(), g_access);
}

std::string Megabytes(uint64_t bytes) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << static_cast<double>(bytes) / 1e6 << " MB";
  return out.str();
}

Status RequireArchive(const ArchiveLayout& layout) {
  std::error_code ec;
  if (!std::filesystem::exists(layout.catalog(), ec)) {
    if (ec)
      return IoError("cannot read the archive " + layout.root().string() + ": " + ec.message());
    return NotFound(
        "no archive at " + layout.root().string() +
        "; give --archive DIR, or ingest files first (luutru ingest PATH --archive DIR)");
  }
  return PrepareArchive(layout);
}

int Fail(const Status& status) {
  if (status.ok()) return kExitOk;
  spdlog::error("{}", status.ToString());
  return ExitCodeFor(status);
}

int Main(int argc, char** argv) {
  CLI::App app{"luutru: a searchable archive of scanned Vietnamese records"};
  app.require_subcommand(1);
  app.fallthrough();  // global flags (--log-level) may follow the subcommand too
  app.set_version_flag("--version", "luutru 0.1.0");
  LogOptions log;
  app.add_option("--log-level", log.level, "trace, debug, info, warn, error or off")
      ->capture_default_str()
      ->check(CLI::IsMember({"trace", "debug", "info", "warn", "error", "off"}));
  app.add_flag(
      "--shared-archive", g_access.allow_shared,
      "Run although every account of this machine can read the archive (by default refused)");

  std::string footer = "Exit codes:\n";
  for (const ExitCodeMeaning& e : kExitCodeMeanings) {
    footer += "  " + std::to_string(e.code) + (e.code < 10 ? "   " : "  ") + e.meaning + "\n";
  }
  app.footer(footer +
             "\nThe archive is --archive DIR, else $LUUTRU_ARCHIVE, else ./archive. Full "
             "reference: docs/cli.md");

  const std::vector<Command> commands = {
      AddIngestCommand(app),     AddSearchCommand(app),  AddExportCommand(app),
      AddReviewCommand(app),     AddShowCommand(app),    AddSetCommand(app),
      AddReindexCommand(app),    AddVerifyCommand(app),  AddQuarantineCommand(app),
      AddServeCommand(app),      AddUserCommand(app),    AddAuditCommand(app),
      AddCompletionCommand(app), AddHosoCommand(app),    AddPdfACommand(app),
      AddSignCommand(app),       AddPackageCommand(app), AddMergeCommand(app),
      AddShardCommand(app),      AddCompactCommand(app)};

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    int rc = app.exit(e);
    return rc == 0 ? kExitOk : kExitUsage;
  }
  SetupLogging(log);
  for (const Command& command : commands) {
    if (command.app->parsed()) return command.run();
  }
  return kExitUsage;
}

}  // namespace luutru::cli
