#include "ingest/source_walker.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <set>

#include "core/strings.h"

namespace luutru::ingest {
namespace fs = std::filesystem;
namespace {

bool IsInside(const fs::path& path, const fs::path& folder) {
  if (folder.empty()) return false;
  auto [f, p] = std::mismatch(folder.begin(), folder.end(), path.begin(), path.end());
  return f == folder.end();
}

bool IsInsideAny(const fs::path& path, const std::vector<fs::path>& folders) {
  return std::any_of(folders.begin(), folders.end(),
                     [&](const fs::path& f) { return IsInside(path, f); });
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
                             (err == ENOENT ? std::string("no such file or folder; check the path")
                                            : std::strerror(err)));
    }
    if (S_ISDIR(st.st_mode)) {
      DIR* dir = ::opendir(given.c_str());
      if (!dir) {
        return InvalidArgument("cannot list the source folder " + given + ": " +
                               std::strerror(errno) + "; run luutru as a user who may read it");
      }
      ::closedir(dir);
    } else if (::access(given.c_str(), R_OK) != 0) {
      return InvalidArgument("cannot read the source " + given + ": " + std::strerror(errno) +
                             "; run luutru as a user who may read it");
    }
  }
  return Status::Ok();
}

namespace {

class Walker {
 public:
  Walker(const WalkOptions& options, WalkResult& result) : options_(options), result_(result) {
    std::error_code ec;
    for (const fs::path& dir : options.exclude) excluded_.push_back(fs::weakly_canonical(dir, ec));
  }

  void WalkRoot(const std::string& given) {
    const fs::path root(given);
    struct stat st;
    if (::stat(root.c_str(), &st) != 0) {
      Problem(given, errno == ENOENT ? "no such file or folder" : std::strerror(errno));
      return;
    }
    if (S_ISREG(st.st_mode)) {
      given_folder_ = root.parent_path();
      Add(root, given, st);
    } else if (S_ISDIR(st.st_mode)) {
      std::error_code ec;
      given_folder_ = root;
      root_ = fs::weakly_canonical(fs::absolute(root, ec), ec);
      visited_.clear();
      visited_.insert(root_);
      WalkFolder(root);
    }
  }

 private:
  void Problem(const std::string& path, const std::string& why) {
    result_.problems.push_back(path + ": " + why);
  }

  void WalkFolder(const fs::path& folder) {
    std::error_code ec;
    fs::directory_iterator it(folder, ec);
    if (ec) return Problem(folder.string(), "cannot list it (" + ec.message() + ")");
    std::vector<fs::path> entries;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) return Problem(folder.string(), "cannot list it whole (" + ec.message() + ")");
      entries.push_back(it->path());
    }
    std::sort(entries.begin(), entries.end());
    for (const fs::path& entry : entries) {
      if (IsHidden(entry)) continue;
      struct stat link;
      if (::lstat(entry.c_str(), &link) != 0) {
        Problem(entry.string(), std::strerror(errno));
        continue;
      }
      if (S_ISLNK(link.st_mode)) {
        FollowLink(entry);
      } else if (S_ISDIR(link.st_mode)) {
        if (!IsExcluded(entry)) WalkFolder(entry);
      } else if (S_ISREG(link.st_mode)) {
        Add(entry, entry.string(), link);
      }
      // Devices, sockets and pipes are no scans.
    }
  }

  void FollowLink(const fs::path& entry) {
    if (!options_.follow_links) {
      return Problem(
          entry.string(),
          "a symbolic link, not followed (--follow-links follows links inside the folder given)");
    }
    std::error_code ec;
    const fs::path target = fs::canonical(entry, ec);
    if (ec) return Problem(entry.string(), "a link to nothing (" + ec.message() + ")");
    if (!IsInside(target, root_)) {
      return Problem(entry.string(), "a link leading out of the folder given (to " +
                                         target.string() + "), not followed");
    }
    struct stat st;
    if (::stat(target.c_str(), &st) != 0) return Problem(entry.string(), std::strerror(errno));
    if (S_ISDIR(st.st_mode)) {
      if (!visited_.insert(target).second) {
        return Problem(entry.string(),
                       "a link back into a folder already walked (a loop), not followed");
      }
      if (!IsExcluded(target)) WalkFolder(entry);
    } else if (S_ISREG(st.st_mode)) {
      Add(entry, entry.string(), st);
    }
  }

  bool IsExcluded(const fs::path& folder) {
    std::error_code ec;
    return IsInsideAny(fs::weakly_canonical(folder, ec), excluded_);
  }

  void Add(const fs::path& path, const std::string& display, const struct stat& st) {
    std::error_code e;
    fs::path key = fs::weakly_canonical(fs::absolute(path, e), e);
    if (e || IsInsideAny(key, excluded_) || !seen_.insert(key).second) return;
    SourceFile file;
    file.path = path;
    file.display = display;
    file.key = key;
    file.relative = path.lexically_relative(given_folder_).generic_string();
    if (file.relative.empty() || file.relative.starts_with("..")) file.relative = path.filename();
    file.size = st.st_size;
    // stat(2), not std::filesystem: its clock's epoch is not the Unix one.
    file.mtime_ns = static_cast<long long>(st.st_mtim.tv_sec) * 1'000'000'000 + st.st_mtim.tv_nsec;
    result_.files.push_back(std::move(file));
  }

  const WalkOptions& options_;
  WalkResult& result_;
  std::vector<fs::path> excluded_;
  std::set<fs::path> seen_, visited_;
  fs::path root_;          // canonical: the folder given, which links may not leave
  fs::path given_folder_;  // as given: the folder given, or the folder of a file given
};

}  // namespace

Result<SourcePart> ParseSourcePart(std::string_view text) {
  SourcePart part;
  const size_t slash = text.find('/');
  auto number = [](std::string_view digits, int& out) {
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), out);
    return ec == std::errc() && end == digits.data() + digits.size() && !digits.empty();
  };
  if (slash == std::string_view::npos || !number(text.substr(0, slash), part.index) ||
      !number(text.substr(slash + 1), part.count) || part.count < 1 || part.index < 0 ||
      part.index >= part.count) {
    return InvalidArgument(
        "--part " + std::string(text) +
        ": expected K/N with 0 <= K < N, e.g. --part 0/3 for the first of "
        "three parts (Slurm: --part $SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT)");
  }
  return part;
}

int PartOf(std::string_view relative_path, int count) {
  return static_cast<int>(StableHash(relative_path) % static_cast<unsigned long long>(count));
}

WalkResult WalkSources(const std::vector<std::string>& paths, const WalkOptions& options) {
  WalkResult result;
  Walker walker(options, result);
  for (const std::string& given : paths) walker.WalkRoot(given);
  if (options.part.count > 1) {
    std::erase_if(result.files, [&](const SourceFile& file) {
      return PartOf(file.relative, options.part.count) != options.part.index;
    });
  }
  std::sort(result.files.begin(), result.files.end(),
            [](const SourceFile& a, const SourceFile& b) { return a.key < b.key; });
  return result;
}

}  // namespace luutru::ingest
