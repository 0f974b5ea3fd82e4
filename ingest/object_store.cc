#include "ingest/object_store.h"

#include <fcntl.h>
#include <unistd.h>

#include <atomic>
#include <cerrno>
#include <cstring>
#include <vector>

#include "core/fs_util.h"
#include "core/sha256.h"

namespace luutru::ingest {
namespace fs = std::filesystem;
namespace {

constexpr size_t kChunk = 1 << 20;

struct Fd {
  int fd = -1;
  ~Fd() {
    if (fd >= 0) ::close(fd);
  }
};

// Streams `source` through SHA-256, writing each chunk to `sink_fd` too when it is >= 0.
Result<std::string> HashAndCopy(const fs::path& source, int sink_fd) {
  Fd in{::open(source.c_str(), O_RDONLY | O_CLOEXEC)};
  if (in.fd < 0) return IoError("cannot read " + source.string() + ": " + std::strerror(errno));
  Sha256 hash;
  std::vector<char> buf(kChunk);
  for (;;) {
    ssize_t n = ::read(in.fd, buf.data(), buf.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) return IoError("cannot read " + source.string() + ": " + std::strerror(errno));
    if (n == 0) break;
    hash.Update(buf.data(), static_cast<size_t>(n));
    for (ssize_t done = 0; sink_fd >= 0 && done < n;) {
      ssize_t w = ::write(sink_fd, buf.data() + done, static_cast<size_t>(n - done));
      if (w < 0 && errno == EINTR) continue;
      if (w < 0) return WriteError("cannot write to the archive", errno);
      done += w;
    }
  }
  return hash.HexDigest();
}

}  // namespace

Status ObjectStore::Remove(const std::string& sha256) const {
  std::error_code ec;
  fs::remove(layout_.ObjectPath(sha256), ec);
  if (ec)
    return IoError("cannot remove " + layout_.ObjectPath(sha256).string() + ": " + ec.message());
  return Status::Ok();
}

Result<std::string> Sha256OfFile(const fs::path& path) { return HashAndCopy(path, -1); }

Result<StoredObject> ObjectStore::Put(const fs::path& source) const {
  static std::atomic<unsigned> counter{0};
  std::error_code ec;
  fs::create_directories(layout_.tmp(), ec);
  if (ec) return IoError("cannot create " + layout_.tmp().string() + ": " + ec.message());
  fs::path tmp = layout_.tmp() / ("object." + std::to_string(::getpid()) + "." +
                                  std::to_string(counter.fetch_add(1)));
  Fd out{::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0444)};
  if (out.fd < 0) return WriteError("cannot write " + tmp.string(), errno);

  Result<std::string> sha = HashAndCopy(source, out.fd);
  bool synced = sha.ok() && ::fsync(out.fd) == 0;
  int sync_errno = errno;
  ::close(out.fd);
  out.fd = -1;
  if (!sha.ok() || !synced) {
    fs::remove(tmp, ec);
    return sha.ok() ? WriteError("cannot flush " + tmp.string(), sync_errno) : sha.status();
  }

  StoredObject stored{*sha, layout_.ObjectPath(*sha), false};
  if (fs::exists(stored.path, ec)) {
    stored.already_present = true;
    fs::remove(tmp, ec);
    return stored;
  }
  fs::create_directories(stored.path.parent_path(), ec);
  fs::rename(tmp, stored.path, ec);
  if (ec) {
    fs::remove(tmp, ec);
    return IoError("cannot store " + stored.path.string() + ": " + ec.message());
  }
  if (Status s = SyncDirectory(stored.path.parent_path()); !s.ok()) {
    return s;
  }
  return stored;
}

}  // namespace luutru::ingest
