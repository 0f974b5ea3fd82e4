// The files of a package, or of a transfer bag of packages, read the same way whether they lie
// in a folder or in a ZIP: a listing with sizes, and each file's bytes, streamed (a scan's PDF
// can be large) or whole (XML). Paths are relative and '/'-separated. A ZIP entry whose name
// climbs out of the archive (`..`, an absolute path) is refused when the ZIP is opened.
#pragma once

#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace luutru::package {

struct PackageFile {
  std::string path;  // "urn_uuid_…/representations/rep1/data/H30.01.2010.01.001.pdf"
  uint64_t size = 0;
};

class PackageFiles {
 public:
  // A folder, or a file ending in .zip. NotFound when absent; Corrupt for a ZIP that cannot be
  // read or that names an entry outside itself.
  static Result<PackageFiles> Open(const std::filesystem::path& folder_or_zip);

  PackageFiles(PackageFiles&&) noexcept;
  PackageFiles& operator=(PackageFiles&&) noexcept;
  ~PackageFiles();

  // Every regular file, sorted by path.
  const std::vector<PackageFile>& files() const { return files_; }
  const PackageFile* Find(std::string_view path) const;

  // The file's bytes handed to `sink` in pieces, in order.
  Status Stream(std::string_view path,
                const std::function<void(const char* bytes, size_t n)>& sink) const;
  // The whole file (for XML; refuses files over 64 MiB).
  Result<std::string> Read(std::string_view path) const;

  // Where the bytes come from: a folder or a ZIP (files.cc).
  class Source;

 private:
  PackageFiles(std::unique_ptr<Source> source, std::vector<PackageFile> files);
  std::unique_ptr<Source> source_;
  std::vector<PackageFile> files_;
};

// `path` with "." and ".." segments resolved, or empty when it climbs above its root or is
// absolute: "a/./b/../c" -> "a/c"; "../x" -> "".
std::string NormalizeRelative(std::string_view path);

}  // namespace luutru::package
