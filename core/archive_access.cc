#include "core/archive_access.h"

#include <sys/stat.h>

#include <cerrno>
#include <cstdio>
#include <cstring>

namespace luutru {

Status PrepareArchiveAccess(const std::filesystem::path& root,
                            const ArchiveAccessOptions& options) {
  struct stat st;
  mode_t group = 0;  // a new archive is its owner's alone
  if (::stat(root.c_str(), &st) == 0) {
    char mode[8];
    std::snprintf(mode, sizeof mode, "%04o", static_cast<unsigned>(st.st_mode & 07777));
    if ((st.st_mode & 0007) != 0 && !options.allow_shared) {
      return Insecure(
          "every account of this machine can read the archive " + root.string() + " (mode " + mode +
          "); make it private: chmod -R o-rwx " + root.string() +
          " (chmod 750 to share it with its group), or give --shared-archive to run anyway");
    }
    group = st.st_mode & 0050;  // the group may read (and enter) what the folder lets it
  } else if (errno != ENOENT) {
    return IoError("cannot read the archive folder " + root.string() + ": " + std::strerror(errno));
  }
  // Owner: everything; group: read (and enter folders) when the folder grants it; others: nothing.
  ::umask(static_cast<mode_t>(0077 & ~group) | 0020);
  return Status::Ok();
}

}  // namespace luutru
