#include "package/bagit.h"

#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "core/fs_util.h"
#include "package/fixity.h"

namespace luutru::package {
namespace fs = std::filesystem;

namespace {

// RFC 8493 §2.1.3: a path in a manifest has CR, LF and % percent-encoded.
std::string EncodePath(const std::string& path) {
  std::string out;
  for (char c : path) {
    if (c == '%')
      out += "%25";
    else if (c == '\n')
      out += "%0A";
    else if (c == '\r')
      out += "%0D";
    else
      out += c;
  }
  return out;
}

std::string DecodePath(const std::string& path) {
  std::string out;
  for (size_t i = 0; i < path.size(); ++i) {
    if (path[i] == '%' && i + 2 < path.size()) {
      const std::string hex = path.substr(i + 1, 2);
      if (hex == "25" || hex == "0A" || hex == "0a" || hex == "0D" || hex == "0d") {
        out += static_cast<char>(std::stoi(hex, nullptr, 16));
        i += 2;
        continue;
      }
    }
    out += path[i];
  }
  return out;
}

// "<digest>  <path>\n" for each of `paths` (relative to the bag), in order, read through
// PackageFiles as the check reads them.
Result<std::string> ManifestOf(const fs::path& root, const std::vector<std::string>& paths,
                               const std::string& algorithm) {
  Result<PackageFiles> files = PackageFiles::Open(root);
  if (!files.ok()) return files.status();
  std::string out;
  for (const std::string& p : paths) {
    Result<FixityDigest> digest = FixityDigest::Named(algorithm);
    if (!digest.ok()) return digest.status();
    Status read = files->Stream(p, [&](const char* b, size_t n) { digest->Update(b, n); });
    if (!read.ok()) return read;
    out += digest->HexDigest() + "  " + EncodePath(p) + "\n";
  }
  return out;
}

Status WriteText(const fs::path& path, const std::string& text) {
  std::ofstream out(path, std::ios::binary);
  out << text;
  out.close();
  if (!out) return IoError("cannot write " + path.string());
  return Status::Ok();
}

}  // namespace

Status WriteBag(const std::vector<fs::path>& packages, const fs::path& bag,
                const BagOptions& options) {
  std::error_code ec;
  if (fs::exists(bag, ec)) {
    return InvalidArgument(bag.string() + " already exists: give a new folder for the bag");
  }
  if (!FixityDigest::Named(options.algorithm).ok()) {
    return InvalidArgument("bag checksum \"" + options.algorithm + "\": use sha256 or sha512");
  }
  const fs::path partial = bag.string() + ".partial";
  fs::remove_all(partial, ec);
  fs::create_directories(partial / "data", ec);
  if (ec) return IoError("cannot create " + partial.string() + ": " + ec.message());
  std::set<std::string> names;
  for (const fs::path& p : packages) {
    const std::string name = p.lexically_normal().filename().string();
    if (!fs::is_directory(p, ec)) return InvalidArgument(p.string() + " is not a package folder");
    if (!names.insert(name).second) return InvalidArgument("two packages named " + name);
    fs::copy(p, partial / "data" / name, fs::copy_options::recursive, ec);
    if (ec) return IoError("cannot copy " + p.string() + ": " + ec.message());
  }
  std::vector<std::string> payload;
  uint64_t octets = 0;
  for (fs::recursive_directory_iterator it(partial / "data", ec), end; !ec && it != end;
       it.increment(ec)) {
    if (!it->is_regular_file()) continue;
    payload.push_back(fs::relative(it->path(), partial).generic_string());
    octets += it->file_size();
  }
  if (ec) return IoError(ec.message());
  std::sort(payload.begin(), payload.end());
  Result<std::string> manifest = ManifestOf(partial, payload, options.algorithm);
  if (!manifest.ok()) return manifest.status();
  const std::string manifest_name = "manifest-" + options.algorithm + ".txt";
  std::string info =
      "Bagging-Date: " +
      (options.bagging_date.empty() ? UtcNowIso8601().substr(0, 10) : options.bagging_date) + "\n" +
      "Payload-Oxum: " + std::to_string(octets) + "." + std::to_string(payload.size()) + "\n" +
      "Bag-Software-Agent: luutru\n";
  for (const auto& [key, value] : options.info) info += key + ": " + value + "\n";
  for (auto [name, text] : std::vector<std::pair<std::string, std::string>>{
           {"bagit.txt", "BagIt-Version: 1.0\nTag-File-Character-Encoding: UTF-8\n"},
           {"bag-info.txt", info},
           {manifest_name, *manifest}}) {
    if (Status s = WriteText(partial / name, text); !s.ok()) return s;
  }
  Result<std::string> tags =
      ManifestOf(partial, {"bag-info.txt", "bagit.txt", manifest_name}, options.algorithm);
  if (!tags.ok()) return tags.status();
  if (Status s = WriteText(partial / ("tagmanifest-" + options.algorithm + ".txt"), *tags);
      !s.ok()) {
    return s;
  }
  fs::rename(partial, bag, ec);
  if (ec) return IoError("cannot move the bag into " + bag.string() + ": " + ec.message());
  return Status::Ok();
}

void VerifyBag(const PackageFiles& files, const CheckOptions& options, CheckReport& report) {
  auto error = [&](std::string rule, std::string file, std::string message) {
    report.findings.push_back(
        {Severity::kError, std::move(rule), std::move(file), std::move(message)});
  };
  Result<std::string> declaration = files.Read("bagit.txt");
  if (!declaration.ok() || declaration->find("BagIt-Version:") == std::string::npos) {
    error("BAGIT-DECLARATION", "bagit.txt", "bagit.txt phải ghi BagIt-Version (RFC 8493 §2.1.1)");
  }
  std::vector<std::string> manifests, tag_manifests;
  for (const PackageFile& f : files.files()) {
    if (f.path.find('/') != std::string::npos) continue;
    if (f.path.rfind("manifest-", 0) == 0) manifests.push_back(f.path);
    if (f.path.rfind("tagmanifest-", 0) == 0) tag_manifests.push_back(f.path);
  }
  if (manifests.empty()) {
    error("BAGIT-MANIFEST", "manifest-sha256.txt", "túi thiếu manifest của dữ liệu (payload)");
  }
  uint64_t octets = 0;
  int count = 0;
  for (const PackageFile& f : files.files()) {
    if (f.path.rfind("data/", 0) == 0) {
      octets += f.size;
      ++count;
    }
  }
  auto verify = [&](const std::string& manifest, bool payload) {
    const std::string algorithm =
        manifest.substr(manifest.find('-') + 1, manifest.size() - manifest.find('-') - 5);
    Result<std::string> text = files.Read(manifest);
    if (!text.ok()) return;
    std::set<std::string> listed;
    std::istringstream lines(*text);
    std::string line;
    while (std::getline(lines, line)) {
      if (!line.empty() && line.back() == '\r') line.pop_back();
      if (line.empty()) continue;
      const size_t space = line.find_first_of(" \t");
      if (space == std::string::npos) {
        error("BAGIT-MANIFEST", manifest,
              "dòng không đúng dạng \"<checksum> <đường dẫn>\": " + line);
        continue;
      }
      const std::string declared = line.substr(0, space);
      const std::string path =
          NormalizeRelative(DecodePath(line.substr(line.find_first_not_of(" \t", space))));
      listed.insert(path);
      const PackageFile* f = path.empty() ? nullptr : files.Find(path);
      if (f == nullptr) {
        error("BAGIT-MANIFEST", manifest,
              "liệt kê tệp không có trong túi: " + line.substr(space + 1));
        continue;
      }
      Result<FixityDigest> digest = FixityDigest::Named(algorithm);
      if (!digest.ok()) {
        error("BAGIT-MANIFEST", manifest, digest.status().message());
        return;
      }
      if (options.on_file) options.on_file(path, f->size);
      if (Status s = files.Stream(path, [&](const char* b, size_t n) { digest->Update(b, n); });
          !s.ok()) {
        error("BAGIT-FIXITY", path, s.message());
        continue;
      }
      ++report.bag_files_verified;
      const std::string actual = digest->HexDigest();
      if (!SameDigest(actual, declared)) {
        error("BAGIT-FIXITY", path,
              algorithm + " không khớp: " + manifest + " ghi " + declared + ", tệp có " + actual +
                  " — tệp đã bị thay đổi hoặc hỏng");
      }
    }
    if (!payload) return;
    for (const PackageFile& f : files.files()) {
      if (f.path.rfind("data/", 0) == 0 && !listed.contains(f.path)) {
        error("BAGIT-MANIFEST", f.path, "tệp dữ liệu không có trong " + manifest);
      }
    }
  };
  for (const std::string& m : manifests) verify(m, true);
  for (const std::string& m : tag_manifests) verify(m, false);
  if (Result<std::string> info = files.Read("bag-info.txt"); info.ok()) {
    const size_t at = info->find("Payload-Oxum:");
    if (at != std::string::npos) {
      std::istringstream in(info->substr(at + 13));
      std::string oxum;
      in >> oxum;
      const std::string actual = std::to_string(octets) + "." + std::to_string(count);
      if (oxum != actual) {
        error("BAGIT-OXUM", "bag-info.txt",
              "Payload-Oxum ghi " + oxum + " nhưng túi có " + actual + " (byte.tệp)");
      }
    }
  }
}

}  // namespace luutru::package
