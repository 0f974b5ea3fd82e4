// An archival file (hồ sơ) as Circular 05/2025/TT-BNV hands it over: an AIP_hoso, the E-ARK CSIP
// information package of Phụ lục I (../shared/standards/README.md §5; docs/package.md):
//
//   <OBJID with ":" -> "_">/
//     METS.xml                                   METS 1.12 + CSIP, csip:OAISPACKAGETYPE="AIP"
//     metadata/descriptive/EAD.xml               the file's TT 05 record (flat simpledc)
//     metadata/preservation/PREMIS.xml           PREMIS 3.0: objects, events, agents
//     representations/rep1/METS.xml              the documents, each linked to its record
//     representations/rep1/data/<mã hồ sơ>.<STT>.pdf     PDF/A-2b two-layer, signed when asked
//     representations/rep1/metadata/descriptive/EAD_doc_<docCode>.xml
//     representations/rep1/metadata/preservation/PREMIS_rep1.xml
//     schemas/                                   METS, XLink, CSIP extension, PREMIS schemas
//
// Every file's size and SHA-256 in METS; PREMIS events for each document's digitization, text
// recognition, conversion to PDF/A, signature and fixity check (the original's SHA-256 checked
// against the archive when packaged). The package is written beside its place, checked
// (package/check.h, strict) and only then moved into place, and zipped when asked.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "core/archive_layout.h"
#include "core/status.h"
#include "hoso/store.h"
#include "package/pdfa.h"
#include "package/sign.h"

namespace luutru::package {

// How the package identifier is written; TT 05 leaves it open (README §8.1).
enum class ObjidForm {
  kUrnUuid,       // urn:uuid:<UUID>              (the E-ARK form; default)
  kUrnFondsUuid,  // urn:<mã phông>:uuid:<UUID>   (the AIP Builder's)
};

struct AipOptions {
  // Mã cơ quan lưu trữ: the archive's code, the first part of arcFileCode ("LTLS-HG"); empty:
  // the file's code alone.
  std::string archive_code;
  // The digitizing organisation (METS agent, PREMIS agent) and its identification code (mã
  // định danh or mã phông, written as the agent's IDENTIFICATIONCODE note).
  std::string organisation;
  std::string organisation_code;
  ObjidForm objid_form = ObjidForm::kUrnUuid;
  // The separator between the parts of a code (mã phông, năm, số hồ sơ, STT): "." in every
  // example seen, not found as a rule (README §8.8).
  std::string separator = ".";
  // PREMIS eventType of a document's digitization: TT 05 reportedly names it "transfer"
  // (README §5.4, §8.7); PREMIS's own vocabulary says "capture".
  std::string digitization_event = "transfer";
  // The text recognition's engine and model, as PREMIS records it ("Tesseract 5.3.0, vie
  // model sha256 …"): the ones installed where the package is made (a record does not keep
  // the version that read it).
  std::string text_recognition;
  // The package's creation time, ISO 8601 with its offset; empty: now, in Vietnam time.
  std::string created_at;
  // Sign each PDF/A as the digitizing organisation (package/sign.h); none: unsigned.
  std::optional<SignOptions> sign;
  PdfAOptions pdfa;
  bool zip = false;  // also write <folder>.zip beside the folder
};

struct WrittenAip {
  std::string file_code;  // số và ký hiệu hồ sơ
  std::string objid;
  std::filesystem::path folder;
  std::filesystem::path zip;  // empty unless asked
  int documents = 0;
  uint64_t bytes = 0;                // of the folder's files
  std::vector<std::string> missing;  // required TT 05 elements left empty (described, not fatal)
};

// Writes the AIP_hoso of the archival file `file_code` into `out_dir` (created when absent).
// Fails, writing nothing, with kNotFound for an unknown file, kInvalidArgument for a file with
// no documents, kCorrupt when an original no longer matches its SHA-256, and with what PDF/A
// conversion or signing failed with (naming the document); kInternal if the package written
// does not pass its own check.
Result<WrittenAip> WriteAip(const ArchiveLayout& layout, hoso::Store& store,
                            const std::string& file_code, const std::filesystem::path& out_dir,
                            const AipOptions& options = {});

// Mã hồ sơ: the fonds, the year and the file's code joined by `separator`, each when known
// ("H30", "2010", "01" -> "H30.2010.01").
std::string PackageFileCode(const std::string& fonds, const std::string& year,
                            const std::string& code, const std::string& separator);

}  // namespace luutru::package
