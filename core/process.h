// Starting another program: a server luutru runs beside it (xapian-tcpsrv, `luutru shard serve`).
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "core/status.h"

namespace luutru {

// Starts `args[0]` (looked up in PATH) with `args`, in a process group of its own, so that
// kill(-pid, ...) reaches every process it forks (xapian-tcpsrv forks one per connection).
// kNotFound when it cannot be started.
Result<pid_t> SpawnProcessGroup(const std::vector<std::string>& args);

}  // namespace luutru
