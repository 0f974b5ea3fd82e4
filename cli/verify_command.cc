// `luutru verify [--repair] [--no-hash] [--json]`: fixity of the originals, and agreement of
// catalog, records and index. `luutru quarantine [--json]`: the files that could not be
// archived, with their reasons.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "core/archive_layout.h"
#include "ingest/catalog.h"
#include "ingest/verify.h"

namespace luutru::cli {

Command AddVerifyCommand(CLI::App& app) {
  struct Flags {
    std::string archive = DefaultArchiveDir();
    bool json = false;
    ingest::VerifyOptions options;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "verify", "Hash every original again and check that catalog, records and index agree");
  cmd->add_option("--archive", flags->archive, "Archive folder ($LUUTRU_ARCHIVE or ./archive)");
  cmd->add_flag("--repair", flags->options.repair,
                "Rebuild what is derived (index, hOCR, searchable PDFs) and remove leftovers of "
                "interrupted runs");
  cmd->add_flag(
      "--no-hash", [flags](int64_t) { flags->options.rehash = false; },
      "Skip hashing the originals (a quick check of the rest)");
  cmd->add_flag("--json", flags->json, "Print the report as JSON");
  return {cmd, [flags] {
            const ArchiveLayout layout(flags->archive);
            if (Status s = RequireArchive(layout); !s.ok()) return Fail(s);
            Result<ingest::VerifyReport> report = ingest::VerifyArchive(layout, flags->options);
            if (!report.ok()) return Fail(report.status());
            if (flags->json) {
              std::cout << ingest::VerifyReportToJson(*report) << "\n";
            } else {
              for (const ingest::VerifyProblem& p : report->problems) {
                std::cout << (p.repaired   ? "repaired  "
                              : p.harmless ? "note      "
                                           : "problem   ")
                          << p.kind << "  " << p.subject << "\n    " << p.detail << "\n";
              }
              std::cout << report->records << " records, " << report->originals
                        << " originals hashed, " << report->indexed_records << " records indexed: ";
              if (report->clean()) {
                std::cout << "all agree\n";
              } else {
                std::cout << report->problems.size() << " problem(s), " << report->unrepaired()
                          << " not repaired"
                          << (flags->options.repair || report->unrepaired() == 0
                                  ? ""
                                  : " (luutru verify --repair)")
                          << "\n";
              }
            }
            return report->unrepaired() == 0 ? static_cast<int>(kExitOk)
                                             : static_cast<int>(kExitProblems);
          }};
}

Command AddQuarantineCommand(CLI::App& app) {
  struct Flags {
    std::string archive = DefaultArchiveDir();
    bool json = false;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "quarantine", "List the files that could not be archived, with the reason for each");
  cmd->add_option("--archive", flags->archive, "Archive folder ($LUUTRU_ARCHIVE or ./archive)");
  cmd->add_flag("--json", flags->json, "Print them as a JSON array");
  return {
      cmd, [flags] {
        ArchiveLayout layout(flags->archive);
        if (Status s = RequireArchive(layout); !s.ok()) return Fail(s);
        Result<std::unique_ptr<ingest::Catalog>> catalog = ingest::Catalog::Open(layout.catalog());
        if (!catalog.ok()) return Fail(catalog.status());
        Result<std::vector<ingest::FileEntry>> files =
            (*catalog)->ListFiles(ingest::FileState::kFailed);
        if (!files.ok()) return Fail(files.status());
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const ingest::FileEntry& f : *files) {
          if (flags->json) {
            out.push_back({{"source", f.key}, {"reason", f.error}, {"sha256", f.sha256}});
          } else {
            std::cout << f.key << "\n    " << f.error << "\n";
          }
        }
        if (flags->json) {
          std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        } else {
          std::cout << files->size() << " file(s) could not be archived"
                    << (!files->empty() ? "; once fixed (or with --password-file), ingest them "
                                          "again, or use --retry-failed"
                                        : "")
                    << "\n";
        }
        return static_cast<int>(kExitOk);
      }};
}

}  // namespace luutru::cli
