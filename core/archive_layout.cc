#include "core/archive_layout.h"

#include <cstdlib>

namespace luutru {

std::filesystem::path DefaultArchiveDir() {
  if (const char* env = std::getenv("LUUTRU_ARCHIVE"); env && *env) return env;
  return "archive";
}

}  // namespace luutru
