#include "core/archive_layout.h"

#include <cstdio>
#include <cstdlib>

namespace luutru {

std::filesystem::path ArchiveLayout::HocrPage(const std::string& record_id, int page_number) const {
  char name[32];
  std::snprintf(name, sizeof name, "page-%04d.hocr", page_number);
  return RecordDir(record_id) / name;
}

std::filesystem::path ArchiveLayout::PreviewPng(const std::string& record_id, int page_number,
                                                int width) const {
  char name[48];
  std::snprintf(name, sizeof name, "page-%04d-w%d.png", page_number, width);
  return RecordDir(record_id) / "previews" / name;
}

std::vector<std::filesystem::path> ArchiveLayout::NotSources() const {
  const std::string db = catalog().string();
  std::vector<std::filesystem::path> out = {root_ / "objects", records(),  index(), tmp(), db,
                                            db + "-wal",       db + "-shm"};
  for (std::filesystem::path& old : OldIndexFolders()) out.push_back(std::move(old));
  return out;
}

std::filesystem::path DefaultArchiveDir() {
  if (const char* env = std::getenv("LUUTRU_ARCHIVE"); env && *env) return env;
  return "archive";
}

}  // namespace luutru
