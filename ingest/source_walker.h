// Turns the paths given to `luutru ingest` into the list of files to consider.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

#include "core/status.h"

namespace luutru::ingest {

struct SourceFile {
  std::filesystem::path path;   // as it can be opened
  std::string display;          // as reported and kept as the record's source ("scans/a.pdf")
  std::filesystem::path key;    // absolute, normal form: the catalog's key for this file
  long long size = 0;
  long long mtime_ns = 0;
};

struct WalkResult {
  std::vector<SourceFile> files;      // sorted by key, each once
  std::vector<std::string> problems;  // paths that do not exist or cannot be listed
};

// Each path given exists and can be read (a folder: listed): kInvalidArgument naming the path
// and what is wrong otherwise. A run checks its sources before it starts, so that a nightly job
// given a wrong or unmounted folder fails instead of archiving nothing and calling it done.
Status CheckSourcesReadable(const std::vector<std::string>& paths);

// Files under each path (recursively for folders), skipping hidden entries ("."-prefixed) and
// anything inside the folders of `exclude` (the archive's own: originals, records, index).
// Symlinked files are followed, symlinked folders are not (no loops).
WalkResult WalkSources(const std::vector<std::string>& paths,
                       const std::vector<std::filesystem::path>& exclude);

}  // namespace luutru::ingest
