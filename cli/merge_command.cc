// `luutru merge PART... --archive MAIN`: the part archives of a job array's ingest
// (`luutru ingest --part K/N`) brought into one archive (merge/merge.h).
#include <iostream>

#include "cli/app.h"
#include "core/archive_layout.h"
#include "merge/merge.h"

namespace luutru::cli {

Command AddMergeCommand(CLI::App& app) {
  struct Flags {
    std::vector<std::string> parts;
    std::string archive = DefaultArchiveDir();
    bool json = false;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "merge",
      "Bring the archives of ingest parts (--part K/N) into one: originals, records, index, "
      "catalog and hồ sơ; safe to run again");
  cmd->add_option("parts", flags->parts, "Part archive folders")->required();
  cmd->add_option("--archive", flags->archive,
                  "Archive merged into, made if missing ($LUUTRU_ARCHIVE or ./archive)");
  cmd->add_flag("--json", flags->json, "Print the report as JSON");
  return {cmd, [flags]() -> int {
            const ArchiveLayout layout(flags->archive);
            if (Status s = PrepareArchive(layout); !s.ok()) return Fail(s);
            std::vector<std::filesystem::path> parts(flags->parts.begin(), flags->parts.end());
            merge::MergeOptions options;
            options.on_step = [](const std::string& line) { std::cerr << line << "\n"; };
            Result<merge::MergeReport> report = merge::MergeArchives(parts, layout.root(), options);
            if (!report.ok()) return Fail(report.status());
            if (flags->json) {
              std::cout << merge::MergeReportToJson(*report) << "\n";
            } else {
              std::cout << report->parts << " parts: " << report->records_added
                        << " records added, " << report->records_present
                        << " already in the archive, " << report->originals_added
                        << " originals copied, " << report->files_added << " source files, "
                        << report->archival_files_added << " hồ sơ added, "
                        << report->documents_attached << " documents placed in hồ sơ\n";
            }
            for (const std::string& c : report->conflicts) std::cerr << c << "\n";
            return kExitOk;
          }};
}

}  // namespace luutru::cli
