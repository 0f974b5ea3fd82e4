// Small file helpers that keep the archive's promise: a file is either whole or absent.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/status.h"

namespace luutru {

// Writes `data` to a temporary name beside `path`, flushes it to disk, then renames it over
// `path`. Creates the parent folder.
Status WriteFileAtomically(const std::filesystem::path& path, std::string_view data);

Result<std::string> ReadFile(const std::filesystem::path& path);

// "2026-11-27T03:57:38Z"
std::string UtcNowIso8601();

}  // namespace luutru
