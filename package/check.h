// The check a package passes before it leaves (`luutru package --check`), offline: an E-ARK CSIP
// information package, and — when it says it is an AIP, or when asked — a TT 05/2025 AIP_hoso
// (../shared/standards/README.md §5, §7). In a folder or a ZIP, alone, several side by side, or
// in a BagIt transfer bag (RFC 8493), whose manifests are verified first.
//
// What is checked: every METS against METS 1.12 with the CSIP attributes, every PREMIS file
// against PREMIS 3.0 (the schemas built into luutru, package/schemas.h); the CSIP rules a schema
// cannot see, by their ids in the CSIP 2.2 profile (identifiers, the creating software agent, the
// attributes every metadata and file reference must carry, the structural map and its
// divisions); every referenced file present with the SIZE and checksum its METS gives; every
// file referenced; and for TT 05 the tree of Phụ lục I, the folder named after OBJID, the PREMIS
// files, one EAD_doc per document linked to its PDF, and the simpledc records' codes and dates.
//
// Errors fail the check. Warnings are what a reader of the package should know but that loses
// nothing: the structural map labelled as early CSIP 2.0 drafts did, an empty placeholder file
// nobody references, a copy of a public schema whose checksum differs from what the METS says
// (luutru validates with its own copies, never the package's). The packages luutru writes have
// neither (`--strict` makes warnings fail).
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "core/status.h"

namespace luutru::package {

enum class Severity { kError, kWarning };

struct Finding {
  Severity severity = Severity::kError;
  std::string rule;     // "CSIP9", "XSD", "FIXITY", "TT05-FOLDER", "BAGIT-MANIFEST", ...
  std::string file;     // path inside what was checked ("urn_uuid_…/METS.xml")
  std::string message;  // in Vietnamese, naming what to fix
};

struct PackageCheck {
  std::string root;   // the package's folder inside what was checked
  std::string objid;  // mets/@OBJID
  bool tt05 = false;  // checked as a TT 05/2025 AIP_hoso too
  int files_verified = 0;
  uint64_t bytes_verified = 0;
  std::vector<Finding> findings;
};

struct CheckReport {
  std::string source;
  bool bag = false;
  int bag_files_verified = 0;
  std::vector<Finding> findings;  // of the bag, or of the source as a whole
  std::vector<PackageCheck> packages;

  int Count(Severity severity) const;
  bool Passed(bool strict) const;
};

enum class CheckProfile {
  kAuto,  // TT 05 AIP_hoso rules for an AIP (csip:OAISPACKAGETYPE="AIP"), CSIP otherwise
  kCsip,  // E-ARK CSIP only
  kTt05,  // TT 05 AIP_hoso always
};

struct CheckOptions {
  CheckProfile profile = CheckProfile::kAuto;
  // Called with each file's path before its bytes are verified (progress on large packages).
  std::function<void(const std::string& path, uint64_t size)> on_file;
};

// Fails only when `folder_or_zip` cannot be read at all (absent, not a folder or ZIP, a ZIP
// naming entries outside itself); everything wrong inside is a finding.
Result<CheckReport> CheckPackages(const std::filesystem::path& folder_or_zip,
                                  const CheckOptions& options = {});

}  // namespace luutru::package
