// `luutru pdfa`: a document's (or a whole archival file's) PDF/A-2b two-layer copy, as the
// digitization rules hand it over (package/pdfa.h); and the offline check of any PDF against what
// luutru writes.
#include <iostream>

#include "cli/app.h"
#include "cli/sign_command.h"
#include "core/fs_util.h"
#include "core/record_json.h"
#include "hoso/describe.h"
#include "hoso/store.h"
#include "ingest/catalog.h"
#include "ingest/record_fields.h"
#include "package/pdfa.h"

namespace luutru::cli {
namespace {

struct PdfAFlags {
  std::string archive = DefaultArchiveDir();
  std::string record;     // make: the document
  std::string hoso;       // make: the whole archival file instead
  std::string out;        // make: where; default <record id>.pdf
  std::string check;      // check this PDF instead
  bool lossless = false;  // make: image scans' pages as scanned
  SignFlags sign;         // make: sign what was written, when a key is given
};

// Signs `out` in place when a key was given (after the PDF/A is whole: the signature covers
// its bytes).
Status SignIfAsked(const PdfAFlags& flags, const std::string& out) {
  if (flags.sign.key.empty()) return Status::Ok();
  Result<package::SignOptions> options = ToSignOptions(flags.sign);
  if (!options.ok()) return options.status();
  return package::SignPdf(out, out, *options);
}

package::PdfAOptions Options(const PdfAFlags& flags) {
  package::PdfAOptions options;
  options.lossless_images = flags.lossless;
  return options;
}

int RunCheck(const std::string& path) {
  Result<std::string> problems = package::PdfAProblems(path);
  if (!problems.ok()) return Fail(problems.status());
  if (problems->empty()) {
    std::cout << path
              << ": PDF/A-2b as luutru writes it (header, XMP, Info, sRGB output "
                 "intent, fonts embedded)\n";
    return kExitOk;
  }
  std::cout << path << ": not PDF/A-2b:\n" << *problems;
  return kExitProblems;
}

int RunMake(const PdfAFlags& flags) {
  const ArchiveLayout layout(flags.archive);
  if (Status s = RequireArchive(layout); !s.ok()) return Fail(s);
  Result<std::unique_ptr<ingest::Catalog>> catalog = ingest::Catalog::Open(layout.catalog());
  if (!catalog.ok()) return Fail(catalog.status());
  Result<std::string> id = ingest::ResolveRecordId(**catalog, flags.record);
  if (!id.ok()) return Fail(id.status());
  Result<Record> record = LoadRecord(layout, *id);
  if (!record.ok()) return Fail(record.status());
  const std::string out = flags.out.empty() ? *id + ".pdf" : flags.out;
  if (Status s = package::WritePdfA(*record, layout, out, Options(flags)); !s.ok()) return Fail(s);
  if (Status s = SignIfAsked(flags, out); !s.ok()) return Fail(s);
  std::cerr << "PDF/A-2b" << (flags.sign.key.empty() ? "" : ", signed") << ": " << out << "\n";
  return kExitOk;
}

// The archival file's documents in order, as one PDF/A described as the file.
int RunMakeFile(const PdfAFlags& flags) {
  const ArchiveLayout layout(flags.archive);
  if (Status s = RequireArchive(layout); !s.ok()) return Fail(s);
  Result<std::unique_ptr<hoso::Store>> store = hoso::Store::Open(layout.catalog());
  if (!store.ok()) return Fail(store.status());
  Result<hoso::FileDescription> file = hoso::Describe(layout, **store, flags.hoso);
  if (!file.ok()) return Fail(file.status());
  std::vector<Record> documents;
  for (const hoso::DescribedDocument& d : file->documents) {
    Result<Record> record = LoadRecord(layout, d.record_id);
    if (!record.ok()) return Fail(record.status());
    documents.push_back(std::move(record).value());
  }
  const package::PdfADescription as{file->file.Value(hoso::kTitle), file->file.Value(hoso::kFonds),
                                    file->file.Value(hoso::kStartDate), file->file.code};
  const std::string out = flags.out.empty() ? file->file.code + ".pdf" : flags.out;
  if (Status s = package::WriteDocumentsPdfA(documents, as, layout, out, Options(flags)); !s.ok())
    return Fail(s);
  std::cerr << "PDF/A-2b of hồ sơ " << file->file.code << " (" << documents.size()
            << " văn bản): " << out << "\n";
  return kExitOk;
}

}  // namespace

Command AddPdfACommand(CLI::App& app) {
  auto flags = std::make_shared<PdfAFlags>();
  CLI::App* cmd = app.add_subcommand(
      "pdfa",
      "Write a document's PDF/A-2b two-layer copy (page images + invisible text), or "
      "check a PDF with --check");
  cmd->add_option("record", flags->record, "Record id (or its first digits, at least 4)");
  cmd->add_option("--hoso", flags->hoso,
                  "The whole archival file instead: its documents' pages in order, as one PDF/A");
  cmd->add_option("-o,--out", flags->out,
                  "Where to write it (default: RECORD-ID.pdf, or the file's CODE.pdf)");
  cmd->add_option("--check", flags->check,
                  "Check this PDF offline instead: exit 6 and each problem when it is not "
                  "PDF/A-2b as luutru writes it");
  cmd->add_flag("--lossless", flags->lossless,
                "Keep an image scan's pages as scanned: every pixel, none resampled (larger "
                "files; a PDF original's pages are its own either way)");
  cmd->add_option("--archive", flags->archive, "Archive folder ($LUUTRU_ARCHIVE or ./archive)");
  AddSignFlags(*cmd, flags->sign,
               "Sign the copy as the digitizing organisation with this key: PKCS#12 (.p12, "
               ".pfx) or PEM (as luutru sign does)");
  return {cmd, [flags] {
            if (!flags->check.empty()) return RunCheck(flags->check);
            if (!flags->hoso.empty()) return RunMakeFile(*flags);
            if (flags->record.empty()) {
              return Fail(InvalidArgument(
                  "give a record (luutru pdfa RECORD), a file (--hoso CODE) or --check FILE"));
            }
            return RunMake(*flags);
          }};
}

}  // namespace luutru::cli
