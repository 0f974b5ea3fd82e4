#include "hoso/attach.h"

#include <algorithm>
#include <filesystem>

namespace luutru::hoso {
namespace {

namespace fs = std::filesystem;

fs::path Canonical(const std::string& path) {
  std::error_code ec;
  fs::path canonical = fs::weakly_canonical(fs::absolute(path, ec), ec);
  return ec ? fs::path(path).lexically_normal() : canonical;
}

bool Inside(const fs::path& file, const fs::path& folder) {
  auto f = file.begin();
  for (auto d = folder.begin(); d != folder.end(); ++d, ++f) {
    if (d->empty()) continue;  // a trailing separator
    if (f == file.end() || *f != *d) return false;
  }
  return true;
}

// The file whose folder holds `source`: a folder the list names, else the nearest folder
// named as a file's code.
std::string FileFor(const fs::path& source, const std::vector<ArchivalFile>& files) {
  for (const ArchivalFile& file : files) {
    const std::string folder = file.Value(kFolder);
    if (!folder.empty() && Inside(source, Canonical(folder))) return file.code;
  }
  for (fs::path dir = source.parent_path(); !dir.empty() && dir != dir.root_path();
       dir = dir.parent_path()) {
    for (const ArchivalFile& file : files) {
      if (dir.filename() == file.code) return file.code;
    }
  }
  return "";
}

}  // namespace

bool NaturalLess(const std::string& a, const std::string& b) {
  size_t i = 0, j = 0;
  auto digit = [](char c) { return c >= '0' && c <= '9'; };
  while (i < a.size() && j < b.size()) {
    if (digit(a[i]) && digit(b[j])) {
      size_t ei = i, ej = j;
      while (ei < a.size() && digit(a[ei])) ++ei;
      while (ej < b.size() && digit(b[ej])) ++ej;
      std::string_view na(a.data() + i, ei - i), nb(b.data() + j, ej - j);
      while (na.size() > 1 && na[0] == '0') na.remove_prefix(1);
      while (nb.size() > 1 && nb[0] == '0') nb.remove_prefix(1);
      if (na.size() != nb.size()) return na.size() < nb.size();
      if (na != nb) return na < nb;
      i = ei;
      j = ej;
    } else {
      if (a[i] != b[j]) return a[i] < b[j];
      ++i;
      ++j;
    }
  }
  return a.size() - i < b.size() - j;
}

Result<std::map<std::string, int>> AttachIngested(Store& store,
                                                  const std::vector<IngestedFile>& ingested,
                                                  const std::string& code) {
  std::vector<ArchivalFile> files;
  if (!code.empty()) {
    Result<std::optional<ArchivalFile>> named = store.Find(code);
    if (!named.ok()) return named.status();
    if (!named->has_value()) {
      return NotFound("no archival file " + code +
                      " in this archive; import the finding aid first (luutru hoso import "
                      "FILE.csv) or see luutru hoso list");
    }
  } else {
    Result<std::vector<ArchivalFile>> all = store.List();
    if (!all.ok()) return all.status();
    files = std::move(all).value();
  }
  std::vector<IngestedFile> sorted = ingested;
  std::sort(sorted.begin(), sorted.end(), [](const IngestedFile& a, const IngestedFile& b) {
    return NaturalLess(a.source, b.source);
  });
  std::map<std::string, std::vector<std::string>> by_file;
  for (const IngestedFile& f : sorted) {
    if (f.record_id.empty()) continue;
    const std::string target = code.empty() ? FileFor(Canonical(f.source), files) : code;
    if (!target.empty()) by_file[target].push_back(f.record_id);
  }
  std::map<std::string, int> attached;
  for (const auto& [target, records] : by_file) {
    Result<std::vector<FileDocument>> before = store.Documents(target);
    if (!before.ok()) return before.status();
    LUUTRU_RETURN_IF_ERROR(store.Append(target, records));
    Result<std::vector<FileDocument>> after = store.Documents(target);
    if (!after.ok()) return after.status();
    attached[target] = static_cast<int>(after->size() - before->size());
  }
  return attached;
}

}  // namespace luutru::hoso
