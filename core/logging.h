// Logging setup. Logs go to stderr only; stdout carries results.
#pragma once

#include <string>

namespace luutru {

struct LogOptions {
  // "trace", "debug", "info", "warn", "error", "off". Default: "info".
  std::string level = "info";
};

// Installs the process-wide stderr logger. Call once, from main, before threads start.
void SetupLogging(const LogOptions& options);

}  // namespace luutru
