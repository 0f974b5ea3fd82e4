// The content-addressed store of originals: objects/sha256/ab/abcdef…, byte for byte,
// read-only. Thread-safe: concurrent Puts of the same content are harmless.
#pragma once

#include <filesystem>
#include <string>

#include "core/archive_layout.h"
#include "core/status.h"

namespace luutru::ingest {

struct StoredObject {
  std::string sha256;            // lower-case hex
  std::filesystem::path path;    // where the copy lives
  bool already_present = false;  // the store had this content before
};

class ObjectStore {
 public:
  explicit ObjectStore(ArchiveLayout layout) : layout_(std::move(layout)) {}

  // Copies `source` into the store while hashing it (one read), flushes it, and renames it to
  // its content address. An existing copy is kept and the new one discarded.
  Result<StoredObject> Put(const std::filesystem::path& source) const;

  // Removes the copy of content no record holds (a file that could not be archived): a failed
  // file's bytes are not kept, so that bad files, sent again and again, cannot fill the disk.
  Status Remove(const std::string& sha256) const;

 private:
  ArchiveLayout layout_;
};

// SHA-256 of a file's bytes, lower-case hex.
Result<std::string> Sha256OfFile(const std::filesystem::path& path);

}  // namespace luutru::ingest
