#include "core/fs_util.h"

#include <fcntl.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <cstring>
#include <ctime>
#include <fstream>
#include <sstream>

namespace luutru {
namespace fs = std::filesystem;

Status WriteError(const std::string& what, int err) {
  if (err == ENOSPC || err == EDQUOT) {
    return NoSpace(what + ": " + std::strerror(err) +
                   "; free space on the archive's disk and run the same command again (nothing "
                   "archived is lost)");
  }
  return IoError(what + ": " + std::strerror(err));
}

Status SyncDirectory(const fs::path& dir) {
  int fd = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  if (fd < 0) return IoError("cannot open " + dir.string() + ": " + std::strerror(errno));
  int rc = ::fsync(fd);
  int err = errno;
  ::close(fd);
  return rc == 0 ? Status::Ok() : WriteError("cannot flush " + dir.string(), err);
}

Status SyncTree(const fs::path& dir) {
  std::error_code ec;
  for (auto it = fs::recursive_directory_iterator(dir, ec);
       !ec && it != fs::recursive_directory_iterator(); it.increment(ec)) {
    if (it->is_directory(ec)) {
      LUUTRU_RETURN_IF_ERROR(SyncDirectory(it->path()));
      continue;
    }
    int fd = ::open(it->path().c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return IoError("cannot open " + it->path().string() + ": " + std::strerror(errno));
    int rc = ::fsync(fd);
    int err = errno;
    ::close(fd);
    if (rc != 0) return WriteError("cannot flush " + it->path().string(), err);
  }
  if (ec) return IoError("cannot list " + dir.string() + ": " + ec.message());
  return SyncDirectory(dir);
}

bool FilesystemNearlyFull(const fs::path& path, unsigned long long bytes) {
  struct statvfs st {};
  if (::statvfs(path.c_str(), &st) != 0) return false;
  return static_cast<unsigned long long>(st.f_bavail) * st.f_frsize < bytes;
}

Status WriteFileAtomically(const fs::path& path, std::string_view data) {
  std::error_code ec;
  // A bare file name ("report.json") is in the current folder.
  const fs::path dir = path.has_parent_path() ? path.parent_path() : fs::path(".");
  fs::create_directories(dir, ec);
  if (ec) return IoError("cannot create " + dir.string() + ": " + ec.message());
  fs::path tmp = path;
  tmp += ".tmp." + std::to_string(::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (fd < 0) return WriteError("cannot write " + tmp.string(), errno);
  size_t written = 0;
  while (written < data.size()) {
    ssize_t n = ::write(fd, data.data() + written, data.size() - written);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      int err = errno;
      ::close(fd);
      fs::remove(tmp, ec);
      return WriteError("cannot write " + tmp.string(), err);
    }
    written += static_cast<size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int err = errno;
    fs::remove(tmp, ec);
    return WriteError("cannot flush " + tmp.string(), err);
  }
  fs::rename(tmp, path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return IoError("cannot rename into " + path.string() + ": " + ec.message());
  }
  return SyncDirectory(dir);
}

Result<std::string> ReadFile(const fs::path& path) {
  // read(2), so that an error while reading (EIO, a folder in the file's place) is an error
  // and never an empty or cut file.
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) {
    const int err = errno;
    if (err == ENOENT) return NotFound("no file " + path.string());
    return IoError("cannot open " + path.string() + ": " + std::strerror(err));
  }
  std::string data;
  char buffer[1 << 16];
  for (;;) {
    const ssize_t n = ::read(fd, buffer, sizeof buffer);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) {
      const int err = errno;
      ::close(fd);
      return IoError("cannot read " + path.string() + ": " + std::strerror(err));
    }
    if (n == 0) break;
    data.append(buffer, static_cast<size_t>(n));
  }
  ::close(fd);
  return data;
}

std::string UtcNowIso8601() {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm tm{};
  gmtime_r(&now, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

}  // namespace luutru
