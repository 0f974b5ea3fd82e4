// The archive's archival files and their documents, in catalog.sqlite (tables hoso and
// hoso_documents, db/schema.h). Thread-compatible: one thread owns a Store.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "hoso/archival_file.h"

namespace luutru::db {
class Database;
}

namespace luutru::hoso {

class Store {
 public:
  static Result<std::unique_ptr<Store>> Open(const std::filesystem::path& catalog);
  ~Store();

  // Adds the files, or replaces the description of those already there (their documents
  // stay): all of them in one transaction, or none.
  Status PutFiles(const std::vector<ArchivalFile>& files);
  Result<std::optional<ArchivalFile>> Find(const std::string& code);
  // Every file, by code.
  Result<std::vector<ArchivalFile>> List();

  // Appends records to a file, after its last document, in the order given; a record the file
  // already holds keeps its place. kNotFound for a file the archive does not hold.
  Status Append(const std::string& code, const std::vector<std::string>& record_ids);
  // Puts `now` in the place of `before` in the file (a scan's documents after it was split
  // again: `before` its records then, `now` in order), the documents after them renumbered.
  // One transaction. Nothing changes for a file holding none of `before`.
  Status Replace(const std::string& code, const std::vector<std::string>& before,
                 const std::vector<std::string>& now);
  // Sets a document's own elements (DocumentElements), all of them. kNotFound when the file
  // does not hold the record.
  Status PutDocumentValues(const std::string& code, const std::string& record_id,
                           const std::map<std::string, std::string>& values);
  // The file's documents, by ordinal.
  Result<std::vector<FileDocument>> Documents(const std::string& code);
  // The file a record belongs to, if any.
  Result<std::optional<std::string>> FileOf(const std::string& record_id);

  Store(const Store&) = delete;
  Store& operator=(const Store&) = delete;

 private:
  explicit Store(std::unique_ptr<db::Database> db);
  std::unique_ptr<db::Database> db_;
};

}  // namespace luutru::hoso
