#include "package/files.h"

#include <zip.h>

#include <algorithm>
#include <fstream>
#include <map>

#include "core/c_handle.h"

namespace luutru::package {
namespace fs = std::filesystem;

namespace {
constexpr uint64_t kMaxWholeRead = 64ull << 20;
constexpr size_t kChunk = 1 << 16;

void CloseZip(zip_t* z) { zip_discard(z); }
void CloseZipFile(zip_file_t* f) { zip_fclose(f); }
using Zip = CHandle<zip_t, CloseZip>;
using ZipFile = CHandle<zip_file_t, CloseZipFile>;
}  // namespace

std::string NormalizeRelative(std::string_view path) {
  if (path.empty() || path.front() == '/') return {};
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    const std::string_view part = path.substr(start, end - start);
    if (part == "..") {
      if (parts.empty()) return {};
      parts.pop_back();
    } else if (!part.empty() && part != ".") {
      parts.push_back(part);
    }
    start = end + 1;
  }
  std::string out;
  for (std::string_view p : parts) {
    if (!out.empty()) out += '/';
    out += p;
  }
  return out;
}

class PackageFiles::Source {
 public:
  virtual ~Source() = default;
  virtual Status Stream(const std::string& path,
                        const std::function<void(const char*, size_t)>& sink) const = 0;
};

namespace {

class FolderSource : public PackageFiles::Source {
 public:
  explicit FolderSource(fs::path root) : root_(std::move(root)) {}
  Status Stream(const std::string& path,
                const std::function<void(const char*, size_t)>& sink) const override {
    std::ifstream in(root_ / path, std::ios::binary);
    if (!in) return IoError("cannot read " + (root_ / path).string());
    std::vector<char> buffer(kChunk);
    while (in) {
      in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
      if (in.gcount() > 0) sink(buffer.data(), static_cast<size_t>(in.gcount()));
    }
    if (in.bad()) return IoError("cannot read " + (root_ / path).string());
    return Status::Ok();
  }

 private:
  fs::path root_;
};

class ZipSource : public PackageFiles::Source {
 public:
  ZipSource(Zip zip, std::map<std::string, zip_uint64_t> index)
      : zip_(std::move(zip)), index_(std::move(index)) {}
  Status Stream(const std::string& path,
                const std::function<void(const char*, size_t)>& sink) const override {
    auto it = index_.find(path);
    if (it == index_.end()) return NotFound(path + " is not in the ZIP");
    ZipFile file(zip_fopen_index(zip_.get(), it->second, 0));
    if (file == nullptr) return Corrupt(path + ": " + zip_strerror(zip_.get()));
    std::vector<char> buffer(kChunk);
    for (;;) {
      const zip_int64_t n = zip_fread(file.get(), buffer.data(), buffer.size());
      if (n < 0) return Corrupt(path + ": " + zip_file_strerror(file.get()));
      if (n == 0) break;
      sink(buffer.data(), static_cast<size_t>(n));
    }
    return Status::Ok();
  }

 private:
  Zip zip_;
  std::map<std::string, zip_uint64_t> index_;
};

bool IsZip(const fs::path& path) {
  std::string ext = path.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), ::tolower);
  return ext == ".zip";
}

}  // namespace

PackageFiles::PackageFiles(std::unique_ptr<Source> source, std::vector<PackageFile> files)
    : source_(std::move(source)), files_(std::move(files)) {
  std::sort(files_.begin(), files_.end(),
            [](const PackageFile& a, const PackageFile& b) { return a.path < b.path; });
}
PackageFiles::PackageFiles(PackageFiles&&) noexcept = default;
PackageFiles& PackageFiles::operator=(PackageFiles&&) noexcept = default;
PackageFiles::~PackageFiles() = default;

Result<PackageFiles> PackageFiles::Open(const fs::path& folder_or_zip) {
  std::error_code ec;
  if (!fs::exists(folder_or_zip, ec)) return NotFound(folder_or_zip.string() + " does not exist");
  if (fs::is_directory(folder_or_zip, ec)) {
    std::vector<PackageFile> files;
    for (fs::recursive_directory_iterator it(folder_or_zip, ec), end; !ec && it != end;
         it.increment(ec)) {
      if (!it->is_regular_file(ec)) continue;
      files.push_back({fs::relative(it->path(), folder_or_zip, ec).generic_string(),
                       static_cast<uint64_t>(it->file_size(ec))});
    }
    if (ec) return IoError(folder_or_zip.string() + ": " + ec.message());
    return PackageFiles(std::make_unique<FolderSource>(folder_or_zip), std::move(files));
  }
  if (!IsZip(folder_or_zip)) {
    return InvalidArgument(folder_or_zip.string() +
                           " is neither a folder nor a .zip: give the package's folder or ZIP");
  }
  int error = 0;
  Zip zip(zip_open(folder_or_zip.c_str(), ZIP_RDONLY, &error));
  if (zip == nullptr) {
    zip_error_t e;
    zip_error_init_with_code(&e, error);
    Status s =
        Corrupt(folder_or_zip.string() + ": not a readable ZIP (" + zip_error_strerror(&e) + ")");
    zip_error_fini(&e);
    return s;
  }
  std::vector<PackageFile> files;
  std::map<std::string, zip_uint64_t> index;
  const zip_int64_t n = zip_get_num_entries(zip.get(), 0);
  for (zip_int64_t i = 0; i < n; ++i) {
    zip_stat_t st;
    if (zip_stat_index(zip.get(), static_cast<zip_uint64_t>(i), 0, &st) != 0) {
      return Corrupt(folder_or_zip.string() + ": entry " + std::to_string(i) + " unreadable");
    }
    const std::string name = st.name;
    if (!name.empty() && name.back() == '/') continue;  // a folder
    const std::string path = NormalizeRelative(name);
    if (path.empty() || path != name) {
      return Corrupt(folder_or_zip.string() + ": entry \"" + name +
                     "\" names a place outside the package; refused");
    }
    files.push_back({path, st.size});
    index[path] = static_cast<zip_uint64_t>(i);
  }
  return PackageFiles(std::make_unique<ZipSource>(std::move(zip), std::move(index)),
                      std::move(files));
}

const PackageFile* PackageFiles::Find(std::string_view path) const {
  auto it = std::lower_bound(files_.begin(), files_.end(), path,
                             [](const PackageFile& f, std::string_view p) { return f.path < p; });
  return it != files_.end() && it->path == path ? &*it : nullptr;
}

Status PackageFiles::Stream(std::string_view path,
                            const std::function<void(const char*, size_t)>& sink) const {
  if (Find(path) == nullptr) return NotFound(std::string(path) + " is not in the package");
  return source_->Stream(std::string(path), sink);
}

Result<std::string> PackageFiles::Read(std::string_view path) const {
  const PackageFile* f = Find(path);
  if (f == nullptr) return NotFound(std::string(path) + " is not in the package");
  if (f->size > kMaxWholeRead) return Status(StatusCode::kTooLarge, f->path + " is too large");
  std::string out;
  out.reserve(f->size);
  Status s = source_->Stream(f->path, [&](const char* b, size_t n) { out.append(b, n); });
  if (!s.ok()) return s;
  return out;
}

}  // namespace luutru::package
