#include <fstream>
#include <iostream>

#include "cli/app.h"
#include "core/archive_layout.h"
#include "core/fs_util.h"
#include "core/record_json.h"
#include "hoso/registers.h"
#include "hoso/store.h"
#include "ingest/catalog.h"

namespace luutru::cli {
namespace {

struct ExportFlags {
  std::string archive = DefaultArchiveDir();
  std::string format = "jsonl";
  std::string output;            // empty = stdout
  std::string of = "documents";  // csv: the register of documents or of files
};

// The registers of the archival files (hoso/registers.h).
Status ExportCsv(const ExportFlags& flags, std::ostream& out) {
  ArchiveLayout layout(flags.archive);
  LUUTRU_RETURN_IF_ERROR(RequireArchive(layout));
  Result<std::unique_ptr<hoso::Store>> store = hoso::Store::Open(layout.catalog());
  if (!store.ok()) return store.status();
  Result<std::string> csv = flags.of == "files" ? hoso::FilesRegisterCsv(layout, **store)
                                                : hoso::DocumentsRegisterCsv(layout, **store);
  if (!csv.ok()) return csv.status();
  out << *csv;
  out.flush();
  return out ? Status::Ok() : IoError("cannot write the export");
}

Status ExportJsonl(const ExportFlags& flags, std::ostream& out) {
  ArchiveLayout layout(flags.archive);
  LUUTRU_RETURN_IF_ERROR(RequireArchive(layout));
  Result<std::unique_ptr<ingest::Catalog>> catalog = ingest::Catalog::Open(layout.catalog());
  if (!catalog.ok()) return catalog.status();
  Result<std::vector<ingest::RecordEntry>> records = (*catalog)->ListRecords();
  if (!records.ok()) return records.status();
  for (const ingest::RecordEntry& entry : *records) {
    Result<std::string> text = ReadFile(layout.RecordJson(entry.id));
    if (!text.ok()) return text.status().WithContext("record " + entry.id);
    Result<Record> record = RecordFromJson(*text);
    if (!record.ok()) return record.status().WithContext("record " + entry.id);
    out << RecordToJson(*record, {.include_words = false}) << "\n";
  }
  out.flush();
  return out ? Status::Ok() : IoError("cannot write the export");
}

Status Export(const ExportFlags& flags, std::ostream& out) {
  return flags.format == "csv" ? ExportCsv(flags, out) : ExportJsonl(flags, out);
}

}  // namespace

Command AddExportCommand(CLI::App& app) {
  auto flags = std::make_shared<ExportFlags>();
  CLI::App* cmd = app.add_subcommand(
      "export",
      "Write every record (text, fields, evidence), or the registers of the archival files (csv)");
  cmd->add_option("--archive", flags->archive, "Archive folder ($LUUTRU_ARCHIVE or ./archive)");
  cmd->add_option("--format", flags->format, "Output format")
      ->check(CLI::IsMember({"jsonl", "csv"}))
      ->capture_default_str();
  cmd->add_option("--of", flags->of,
                  "csv: the register of the archival files' documents (mục lục văn bản) or of "
                  "the files (mục lục hồ sơ)")
      ->check(CLI::IsMember({"documents", "files"}))
      ->capture_default_str();
  cmd->add_option("-o,--output", flags->output, "Write to this file instead of stdout");
  return {cmd, [flags]() -> int {
            if (flags->output.empty()) return Fail(Export(*flags, std::cout));
            std::ofstream file(flags->output, std::ios::binary);
            if (!file) return Fail(IoError("cannot write " + flags->output));
            return Fail(Export(*flags, file));
          }};
}

}  // namespace luutru::cli
