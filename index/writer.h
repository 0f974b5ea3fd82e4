// Writes records into the on-disk Xapian index, one Xapian document per page.
// Thread-compatible: one thread owns a Writer (Xapian allows one writer per database).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/record.h"
#include "core/status.h"

namespace luutru::index {

class Writer {
 public:
  // Opens or creates the index folder. Fails with kBusy when another process writes to it.
  static Result<std::unique_ptr<Writer>> Open(const std::filesystem::path& index_dir);
  ~Writer();

  // Adds the pages of `record`, replacing whatever the index held for it (idempotent).
  Status AddRecord(const Record& record);
  // Makes everything added so far durable and visible to searchers. Errors surface here,
  // never in the destructor (which discards uncommitted changes).
  Status Commit();

  Writer(const Writer&) = delete;
  Writer& operator=(const Writer&) = delete;

 private:
  struct Impl;
  explicit Writer(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace luutru::index
