#include "core/process.h"

#include <spawn.h>

#include <cstring>

extern char** environ;

namespace luutru {

Result<pid_t> SpawnProcessGroup(const std::vector<std::string>& args) {
  if (args.empty()) return InvalidArgument("no program to start");
  std::vector<std::string> copy = args;
  std::vector<char*> argv;
  for (std::string& a : copy) argv.push_back(a.data());
  argv.push_back(nullptr);
  posix_spawnattr_t attr;
  posix_spawnattr_init(&attr);
  posix_spawnattr_setflags(&attr, POSIX_SPAWN_SETPGROUP);
  posix_spawnattr_setpgroup(&attr, 0);
  pid_t pid = 0;
  const int error = posix_spawnp(&pid, argv[0], nullptr, &attr, argv.data(), environ);
  posix_spawnattr_destroy(&attr);
  if (error != 0) return NotFound("cannot start " + args[0] + ": " + std::strerror(error));
  return pid;
}

}  // namespace luutru
