#include "ingest/source_walker.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <set>

namespace luutru::ingest {
namespace fs = std::filesystem;
namespace {

bool IsInside(const fs::path& path, const fs::path& folder) {
  if (folder.empty()) return false;
  auto [f, p] = std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
  return f == folder.end();
}

bool IsInsideAny(const fs::path& path, const std::vector<fs::path>& folders) {
  return std::any_of(folders.begin(), folders.end(), [&](const fs::path& f) { return IsInside(path, f); });
}

bool IsHidden(const fs::path& path) {
  std::string name = path.filename().string();
  return !name.empty() && name[0] == '.';
}

}  // namespace

Status CheckSourcesReadable(const std::vector<std::string>& paths) {
  for (const std::string& given : paths) {
    struct stat st;
    if (::stat(given.c_str(), &st) != 0) {
      const int err = errno;
      return InvalidArgument("cannot read the source " + given + ": " +
                             (err == ENOENT ? std::string("no such file or folder; check the path") : std::strerror(err)));
    }
    if (S_ISDIR(st.st_mode)) {
      DIR* dir = ::opendir(given.c_str());
      if (!dir) {
        return InvalidArgument("cannot list the source folder " + given + ": " + std::strerror(errno) +
                               "; run luutru as a user who may read it");
      }
      ::closedir(dir);
    } else if (::access(given.c_str(), R_OK) != 0) {
      return InvalidArgument("cannot read the source " + given + ": " + std::strerror(errno) +
                             "; run luutru as a user who may read it");
    }
  }
  return Status::Ok();
}

WalkResult WalkSources(const std::vector<std::string>& paths, const std::vector<fs::path>& exclude) {
  WalkResult result;
  std::set<fs::path> seen;
  std::error_code ec;
  std::vector<fs::path> excluded;
  for (const fs::path& dir : exclude) excluded.push_back(fs::weakly_canonical(dir, ec));

  auto add = [&](const fs::path& path, const std::string& display) {
    std::error_code e;
    fs::path key = fs::weakly_canonical(fs::absolute(path, e), e);
    if (e || IsInsideAny(key, excluded) || !seen.insert(key).second) return;
    SourceFile file;
    file.path = path;
    file.display = display;
    file.key = key;
    // stat(2), not std::filesystem: its clock's epoch is not the Unix one.
    struct stat st;
    if (::stat(path.c_str(), &st) != 0) {
      result.problems.push_back(display + ": " + std::strerror(errno));
      return;
    }
    file.size = st.st_size;
    file.mtime_ns = static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    result.files.push_back(std::move(file));
  };

  for (const std::string& given : paths) {
    fs::path root(given);
    fs::file_status status = fs::status(root, ec);
    if (ec || !fs::exists(status)) {
      result.problems.push_back(given + ": no such file or folder");
      continue;
    }
    if (!fs::is_directory(status)) {
      if (fs::is_regular_file(status)) add(root, given);
      continue;
    }
    auto it = fs::recursive_directory_iterator(root, fs::directory_options::skip_permission_denied, ec);
    if (ec) {
      result.problems.push_back(given + ": " + ec.message());
      continue;
    }
    for (; it != fs::recursive_directory_iterator(); it.increment(ec)) {
      if (ec) {
        result.problems.push_back(it->path().string() + ": " + ec.message());
        break;
      }
      const fs::directory_entry& entry = *it;
      if (entry.is_directory(ec)) {
        std::error_code e;
        if (IsHidden(entry.path()) || IsInsideAny(fs::weakly_canonical(entry.path(), e), excluded)) {
          it.disable_recursion_pending();
        }
        continue;
      }
      if (IsHidden(entry.path())) continue;
      if (entry.is_regular_file(ec)) add(entry.path(), entry.path().string());
    }
  }
  std::sort(result.files.begin(), result.files.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.key < b.key; });
  return result;
}

}  // namespace luutru::ingest
