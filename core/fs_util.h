// Small file helpers that keep the archive's promise: a file is either whole or absent.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "core/status.h"

namespace luutru {

// Writes `data` to a temporary name beside `path`, flushes it to disk, then renames it over
// `path` and flushes the folder (so the new name survives a power cut). Creates the parent
// folder. A full disk fails with kNoSpace.
Status WriteFileAtomically(const std::filesystem::path& path, std::string_view data);

// Flushes a folder's entries (after a rename into it) to disk.
Status SyncDirectory(const std::filesystem::path& dir);

// Flushes every file and folder under `dir` (and `dir` itself) to disk: for a tree written
// without syncing, before it is renamed into use.
Status SyncTree(const std::filesystem::path& dir);

// The Status for a failed write with errno `err`: kNoSpace when the disk or quota is full,
// which stops a run, else kIoError.
Status WriteError(const std::string& what, int err);

// True when the filesystem holding `path` has less than `bytes` free for us.
bool FilesystemNearlyFull(const std::filesystem::path& path, unsigned long long bytes = 1 << 20);

Result<std::string> ReadFile(const std::filesystem::path& path);

// "2026-11-27T03:57:38Z"
std::string UtcNowIso8601();

}  // namespace luutru
