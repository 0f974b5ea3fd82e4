// A transfer bag (BagIt, RFC 8493) around a batch of packages for the hand-over: the packages
// under data/, a payload manifest and a tag manifest (SHA-256, or SHA-512), bag-info.txt with
// who sends it, when, and the Payload-Oxum; and the verification of such a bag.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "core/status.h"
#include "package/check.h"
#include "package/files.h"

namespace luutru::package {

struct BagOptions {
  std::string algorithm = "sha256";  // or "sha512"
  // bag-info.txt fields after the ones luutru writes (Bagging-Date, Payload-Oxum,
  // Bag-Software-Agent): Source-Organization, Contact-Name, External-Description, ...
  std::vector<std::pair<std::string, std::string>> info;
  std::string bagging_date;  // YYYY-MM-DD; empty: today
};

// Makes `bag` (which must not exist) holding a copy of each folder in `packages` under data/,
// then its manifests. Written beside and renamed into place: a bag is whole or absent.
Status WriteBag(const std::vector<std::filesystem::path>& packages,
                const std::filesystem::path& bag, const BagOptions& options = {});

// Findings about the bag whose files are `files` (bagit.txt at their root): its declaration,
// every payload file listed in every manifest with the right digest and nothing listed missing,
// the tag manifests, the Payload-Oxum. Added to report.findings.
void VerifyBag(const PackageFiles& files, const CheckOptions& options, CheckReport& report);

}  // namespace luutru::package
