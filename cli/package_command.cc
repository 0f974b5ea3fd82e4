// `luutru package`: an archival file (or a list of them, or a whole fonds) as the TT 05/2025
// AIP_hoso packages the hand-over asks for, optionally zipped and put in a transfer bag
// (package/aip.h, package/bagit.h); and `--check`, the offline check of any package, ZIP or bag
// before it leaves (package/check.h).
#include <iomanip>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/sign_command.h"
#include "hoso/store.h"
#include "ocr/engine.h"
#include "package/aip.h"
#include "package/bagit.h"
#include "package/check.h"

namespace luutru::cli {
namespace {

struct PackageFlags {
  std::string archive = DefaultArchiveDir();
  std::vector<std::string> codes;  // the archival files to package
  bool all = false;                // every file of the archive (or of --fonds)
  std::string fonds;
  std::string out = "packages";
  bool zip = false;
  bool lossless = false;  // page images as scanned
  std::string bag;        // put the packages in this transfer bag
  std::string archive_code, organisation_code;
  std::string objid = "urn-uuid";
  std::string created_at;
  SignFlags sign;
  bool check = false;  // check the packages named instead
  std::string profile = "auto";
  bool strict = false;
  bool json = false;
  bool quiet = false;
};

const char* SeverityWord(package::Severity s) {
  return s == package::Severity::kError ? "lỗi" : "cảnh báo";
}

void PrintFindings(const std::vector<package::Finding>& findings) {
  for (const package::Finding& f : findings) {
    std::cout << "  " << SeverityWord(f.severity) << " [" << f.rule << "] " << f.file << ": "
              << f.message << "\n";
  }
}

void PrintReport(const package::CheckReport& report, bool strict) {
  if (report.bag) {
    std::cout << report.source << ": túi BagIt, " << report.bag_files_verified
              << " tệp đã đối chiếu manifest\n";
    PrintFindings(report.findings);
  } else if (!report.findings.empty()) {
    std::cout << report.source << ":\n";
    PrintFindings(report.findings);
  }
  for (const package::PackageCheck& p : report.packages) {
    int errors = 0, warnings = 0;
    for (const package::Finding& f : p.findings) {
      (f.severity == package::Severity::kError ? errors : warnings)++;
    }
    const bool passed = errors == 0 && (!strict || warnings == 0);
    std::cout << "gói " << (p.root.empty() ? report.source : p.root) << " (OBJID "
              << (p.objid.empty() ? "?" : p.objid) << "; "
              << (p.tt05 ? "TT 05/2025 AIP_hoso + E-ARK CSIP" : "E-ARK CSIP")
              << "): " << (passed ? "ĐẠT" : "KHÔNG ĐẠT") << " — " << p.files_verified << " tệp, "
              << Megabytes(p.bytes_verified) << " đã đối chiếu tổng kiểm tra";
    if (errors > 0) std::cout << ", " << errors << " lỗi";
    if (warnings > 0) std::cout << ", " << warnings << " cảnh báo";
    std::cout << "\n";
    PrintFindings(p.findings);
  }
}

nlohmann::json FindingsJson(const std::vector<package::Finding>& findings) {
  nlohmann::json out = nlohmann::json::array();
  for (const package::Finding& f : findings) {
    out.push_back({{"severity", f.severity == package::Severity::kError ? "error" : "warning"},
                   {"rule", f.rule},
                   {"file", f.file},
                   {"message", f.message}});
  }
  return out;
}

nlohmann::json ReportJson(const package::CheckReport& report, bool strict) {
  nlohmann::json packages = nlohmann::json::array();
  for (const package::PackageCheck& p : report.packages) {
    packages.push_back({{"root", p.root},
                        {"objid", p.objid},
                        {"tt05", p.tt05},
                        {"files_verified", p.files_verified},
                        {"bytes_verified", p.bytes_verified},
                        {"findings", FindingsJson(p.findings)}});
  }
  return {{"source", report.source},
          {"passed", report.Passed(strict)},
          {"bag", report.bag},
          {"bag_files_verified", report.bag_files_verified},
          {"findings", FindingsJson(report.findings)},
          {"packages", packages}};
}

int RunCheck(const PackageFlags& flags) {
  package::CheckOptions options;
  if (flags.profile == "csip")
    options.profile = package::CheckProfile::kCsip;
  else if (flags.profile == "tt05")
    options.profile = package::CheckProfile::kTt05;
  else if (flags.profile != "auto") {
    return Fail(InvalidArgument("--profile " + flags.profile + ": use auto, csip or tt05"));
  }
  if (!flags.quiet && !flags.json) {
    options.on_file = [](const std::string& path, uint64_t size) {
      if (size >= (64u << 20))
        std::cerr << "đang kiểm " << path << " (" << Megabytes(size) << ")\n";
    };
  }
  bool passed = true;
  nlohmann::json all = nlohmann::json::array();
  for (const std::string& source : flags.codes) {
    Result<package::CheckReport> report = package::CheckPackages(source, options);
    if (!report.ok()) return Fail(report.status());
    passed &= report->Passed(flags.strict);
    if (flags.json) {
      all.push_back(ReportJson(*report, flags.strict));
    } else {
      PrintReport(*report, flags.strict);
    }
  }
  if (flags.json) std::cout << all.dump(2) << "\n";
  return passed ? kExitOk : kExitProblems;
}

// The files to package: those named, or every file (of one fonds, when given).
Result<std::vector<std::string>> FileCodes(const PackageFlags& flags, hoso::Store& store) {
  if (!flags.all) return flags.codes;
  Result<std::vector<hoso::ArchivalFile>> files = store.List();
  if (!files.ok()) return files.status();
  std::vector<std::string> codes;
  for (const hoso::ArchivalFile& f : *files) {
    if (flags.fonds.empty() || f.Value(hoso::kFonds) == flags.fonds) codes.push_back(f.code);
  }
  if (codes.empty()) {
    return NotFound(flags.fonds.empty() ? "the archive holds no archival file (luutru hoso import)"
                                        : "no archival file of fonds " + flags.fonds);
  }
  return codes;
}

int RunPackage(const PackageFlags& flags) {
  if (flags.codes.empty() && !flags.all) {
    return Fail(InvalidArgument(
        "give the archival files to package (luutru package CODE...), --all, or --check PATH..."));
  }
  const ArchiveLayout layout(flags.archive);
  if (Status s = RequireArchive(layout); !s.ok()) return Fail(s);
  Result<std::unique_ptr<hoso::Store>> store = hoso::Store::Open(layout.catalog());
  if (!store.ok()) return Fail(store.status());
  Result<std::vector<std::string>> codes = FileCodes(flags, **store);
  if (!codes.ok()) return Fail(codes.status());

  package::AipOptions options;
  options.archive_code = flags.archive_code;
  // --organisation (of the signing flags) names the digitizing organisation, signed or not.
  options.organisation = flags.sign.organisation;
  options.organisation_code = flags.organisation_code;
  if (flags.objid == "urn-fonds-uuid") {
    options.objid_form = package::ObjidForm::kUrnFondsUuid;
  } else if (flags.objid != "urn-uuid") {
    return Fail(InvalidArgument("--objid " + flags.objid + ": use urn-uuid or urn-fonds-uuid"));
  }
  options.created_at = flags.created_at;
  options.zip = flags.zip;
  options.pdfa.lossless_images = flags.lossless;
  options.text_recognition = ocr::TextRecognitionDescription({});
  if (!flags.sign.key.empty()) {
    Result<package::SignOptions> sign = ToSignOptions(flags.sign);
    if (!sign.ok()) return Fail(sign.status());
    options.sign = *sign;
  }
  // Written to a folder of its own when bagged: the bag copies them.
  const std::filesystem::path out = flags.bag.empty()
                                        ? std::filesystem::path(flags.out)
                                        : std::filesystem::path(flags.bag + ".packages");
  std::vector<std::filesystem::path> written;
  int failed = 0;
  for (size_t i = 0; i < codes->size(); ++i) {
    const std::string& code = (*codes)[i];
    Result<package::WrittenAip> aip = package::WriteAip(layout, **store, code, out, options);
    if (!aip.ok()) {
      ++failed;
      std::cerr << "[" << i + 1 << "/" << codes->size() << "] hồ sơ " << code
                << ": không đóng gói được: " << aip.status().ToString() << "\n";
      continue;
    }
    written.push_back(aip->folder);
    std::cerr << "[" << i + 1 << "/" << codes->size() << "] hồ sơ " << code << ": "
              << aip->documents << " văn bản, " << Megabytes(aip->bytes) << " -> "
              << aip->folder.string() << (aip->zip.empty() ? "" : " + " + aip->zip.string())
              << "\n";
    if (!aip->missing.empty()) {
      std::cerr << "    thiếu (TT 05 bắt buộc):";
      for (const std::string& m : aip->missing) std::cerr << " " << m;
      std::cerr << "\n";
    }
    std::cout << aip->folder.string() << "\n";
  }
  if (!flags.bag.empty() && !written.empty()) {
    package::BagOptions bag;
    if (!options.organisation.empty())
      bag.info.push_back({"Source-Organization", options.organisation});
    bag.info.push_back({"External-Description", "Gói AIP_hoso theo Thông tư 05/2025/TT-BNV (" +
                                                    std::to_string(written.size()) + " hồ sơ)"});
    if (Status s = package::WriteBag(written, flags.bag, bag); !s.ok()) return Fail(s);
    std::error_code ec;
    std::filesystem::remove_all(out, ec);
    std::cerr << "túi BagIt: " << flags.bag << " (" << written.size() << " gói)\n";
  }
  return failed == 0 ? kExitOk : kExitPartial;
}

}  // namespace

Command AddPackageCommand(CLI::App& app) {
  auto flags = std::make_shared<PackageFlags>();
  CLI::App* cmd = app.add_subcommand(
      "package",
      "Package archival files as TT 05/2025 AIP_hoso (E-ARK CSIP) for the hand-over, or check "
      "packages offline (--check)");
  cmd->add_option("codes", flags->codes,
                  "The archival files (hồ sơ) to package, by code; with --check, the packages");
  cmd->add_flag("--all", flags->all, "Every archival file of the archive (or of --fonds)");
  cmd->add_option("--fonds", flags->fonds, "With --all: only the files of this fonds");
  cmd->add_option("-o,--out", flags->out, "Folder the packages are written into")
      ->capture_default_str();
  cmd->add_flag("--zip", flags->zip, "Also write each package as <folder>.zip");
  cmd->add_flag("--lossless", flags->lossless,
                "Keep image scans' pages as scanned in the PDF/A: every pixel, none resampled "
                "(larger files)");
  cmd->add_option("--bag", flags->bag,
                  "Put the packages in a new BagIt transfer bag (RFC 8493) at this folder");
  cmd->add_option("--archive-code", flags->archive_code,
                  "Mã cơ quan lưu trữ: the first part of each file's arcFileCode");
  cmd->add_option("--organisation-code", flags->organisation_code,
                  "Its identification code (mã định danh or mã phông)");
  cmd->add_option("--objid", flags->objid,
                  "Package identifier form: urn-uuid (urn:uuid:…) or urn-fonds-uuid "
                  "(urn:<mã phông>:uuid:…)")
      ->capture_default_str();
  cmd->add_option("--created-at", flags->created_at,
                  "The packages' creation time, ISO 8601 with offset (default: now, Vietnam time)");
  cmd->add_option("--archive", flags->archive, "Archive folder ($LUUTRU_ARCHIVE or ./archive)");
  AddSignFlags(*cmd, flags->sign,
               "Sign every PDF/A as the digitizing organisation with this key: PKCS#12 or PEM "
               "(as luutru sign does)");
  cmd->add_flag("--check", flags->check,
                "Check the packages named (folders, ZIPs or BagIt bags) offline: the schemas "
                "built into luutru, the CSIP rules, every checksum; exit 6 when one fails");
  cmd->add_option("--profile", flags->profile,
                  "Rules to check: auto (TT 05 for an AIP, CSIP otherwise), csip or tt05")
      ->capture_default_str();
  cmd->add_flag("--strict", flags->strict, "Fail on warnings too");
  cmd->add_flag("--json", flags->json, "Print the report as JSON");
  cmd->add_flag("-q,--quiet", flags->quiet, "No progress on stderr");
  return {cmd, [flags] {
            if (flags->check) {
              if (flags->codes.empty()) {
                return Fail(
                    InvalidArgument("give the packages to check: luutru package --check PATH..."));
              }
              return RunCheck(*flags);
            }
            return RunPackage(*flags);
          }};
}

}  // namespace luutru::cli
