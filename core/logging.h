// Logging setup. Logs go to stderr only; stdout carries results.
#pragma once

#include <memory>
#include <string>

namespace spdlog {
class formatter;
}

namespace luutru {

struct LogOptions {
  // "trace", "debug", "info", "warn", "error", "off". Default: "info".
  std::string level = "info";
};

// Installs the process-wide stderr logger. Call once, from main, before threads start.
void SetupLogging(const LogOptions& options);

// The format of a log line: time, level, message. Line breaks and other control characters
// in the message (a file named "a.pdf\n2026-01-01 info archived everything") are written
// escaped, so that every line of the log is one entry and none can be forged.
std::unique_ptr<spdlog::formatter> LogFormatter();

}  // namespace luutru
