// Who may read an archive. Its folder's own mode decides: private to its owner (0700, what
// luutru creates), or shared with a group the operator chose (0750, as the systemd units'
// folder is). What luutru writes into it follows (0600 or 0640; originals 0400 or 0440), never
// readable by other accounts: an archive holds secret records, the text read from them, and
// the hashes of the API's tokens.
#pragma once

#include <filesystem>

#include "core/status.h"

namespace luutru {

struct ArchiveAccessOptions {
  // Run on an archive every account of the machine can read or enter (o+r, o+x). Default:
  // off, refused naming the fix.
  bool allow_shared = false;
};

// Checks the mode of the archive's folder (when it exists) and sets this process's umask so
// that what it writes there is readable by no one the folder does not admit. kInsecure for a
// folder every account can read, unless allowed.
Status PrepareArchiveAccess(const std::filesystem::path& root,
                            const ArchiveAccessOptions& options = {});

}  // namespace luutru
