// Turns the paths given to `luutru ingest` into the list of files to consider.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "core/status.h"

namespace luutru::ingest {

struct SourceFile {
  std::filesystem::path path;  // as it can be opened
  std::string display;         // as reported and kept as the record's source ("scans/a.pdf")
  std::filesystem::path key;   // absolute, normal form: the catalog's key for this file
  // Inside the folder given ("2021/a.pdf"; a file given: its name): the same on every machine
  // that mounts the folder anywhere, so what ingest parts are chosen by.
  std::string relative;
  long long size = 0;
  long long mtime_ns = 0;
};

struct WalkResult {
  std::vector<SourceFile> files;  // sorted by key, each once
  // What was not taken, each "path: why": a path that does not exist, a folder that cannot be
  // listed, a link not followed, dangling, looping or leading out of the folder given. A run
  // that has any is not complete.
  std::vector<std::string> problems;
};

// Part `index` of `count` (0 <= index < count) of a source, as a scheduler's job array splits
// one ingest among its tasks (`--part K/N`: Slurm's SLURM_ARRAY_TASK_ID/SLURM_ARRAY_TASK_COUNT,
// a Kubernetes Indexed Job's completion index).
struct SourcePart {
  int index = 0;
  int count = 1;
};

// "K/N" with 0 <= K < N; kInvalidArgument naming the form otherwise.
Result<SourcePart> ParseSourcePart(std::string_view text);

// The part of `count` a file belongs to, by a stable hash of its relative path.
int PartOf(std::string_view relative_path, int count);

struct WalkOptions {
  // Follow symbolic links inside the folders given (a link leading out of the folder given is
  // never followed: a drop folder must not reach /etc). Default: off, every link is reported
  // and left alone.
  bool follow_links = false;
  // Folders never walked (the archive's own: originals, records, index).
  std::vector<std::filesystem::path> exclude;
  // Only the files of this part. Default: the whole source (part 0 of 1).
  SourcePart part;
};

// Each path given exists and can be read (a folder: listed): kInvalidArgument naming the path
// and what is wrong otherwise. A run checks its sources before it starts, so that a nightly job
// given a wrong or unmounted folder fails instead of archiving nothing and calling it done.
Status CheckSourcesReadable(const std::vector<std::string>& paths);

// Files under each path (recursively for folders), skipping hidden entries ("."-prefixed) and
// anything inside `options.exclude`. A path given is taken as it is, a link included; links
// found under it follow `options.follow_links`.
WalkResult WalkSources(const std::vector<std::string>& paths, const WalkOptions& options);

}  // namespace luutru::ingest
