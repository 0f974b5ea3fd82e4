// Where things live inside an archive directory (DESIGN.md, "The archive on disk").
// The only place that spells these paths.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace luutru {

class ArchiveLayout {
 public:
  explicit ArchiveLayout(std::filesystem::path root) : root_(std::move(root)) {}

  const std::filesystem::path& root() const { return root_; }
  std::filesystem::path objects() const { return root_ / "objects" / "sha256"; }
  std::filesystem::path ObjectPath(const std::string& sha256_hex) const {
    return objects() / sha256_hex.substr(0, 2) / sha256_hex;
  }
  std::filesystem::path records() const { return root_ / "records"; }
  std::filesystem::path RecordDir(const std::string& record_id) const {
    return records() / record_id;
  }
  std::filesystem::path RecordJson(const std::string& record_id) const {
    return RecordDir(record_id) / "record.json";
  }
  std::filesystem::path SearchablePdf(const std::string& record_id) const {
    return RecordDir(record_id) / "searchable.pdf";
  }
  // Why a record has no searchable PDF, when its original cannot be made into one.
  std::filesystem::path SearchablePdfUnavailable(const std::string& record_id) const {
    return RecordDir(record_id) / "searchable.pdf.unavailable";
  }
  // hOCR of an OCR'd page: page-0001.hocr.
  std::filesystem::path HocrPage(const std::string& record_id, int page_number) const;
  // A page rendered for people to look at, kept once made: previews/page-0001-w800.png.
  std::filesystem::path PreviewPng(const std::string& record_id, int page_number, int width) const;
  std::filesystem::path catalog() const { return root_ / "catalog.sqlite"; }
  std::filesystem::path index() const { return root_ / "index"; }
  std::filesystem::path tmp() const { return root_ / "tmp"; }
  // Files sent to the HTTP API, kept until ingested (an ingest source, the one folder of the
  // archive that is).
  std::filesystem::path uploads() const { return root_ / "uploads"; }
  // Folders of the index layout before generations (a rebuild's, the one it replaced): only
  // removed, by reindex and verify's repair.
  std::vector<std::filesystem::path> OldIndexFolders() const {
    return {root_ / "index.rebuild", root_ / "index.old"};
  }
  // What an ingest never takes as a source: every path of the archive but uploads().
  std::vector<std::filesystem::path> NotSources() const;

 private:
  std::filesystem::path root_;
};

// The archive folder a command uses when none is given: $LUUTRU_ARCHIVE, else ./archive.
std::filesystem::path DefaultArchiveDir();

}  // namespace luutru
