#include "index/layout.h"

#include <fstream>
#include <sstream>

#include "core/fs_util.h"

namespace luutru::index {
namespace fs = std::filesystem;
namespace {

constexpr const char* kStubName = "XAPIANDB";
constexpr const char* kBackend = "glass";

}  // namespace

IndexLayout DetectLayout(const fs::path& index_dir) {
  std::error_code ec;
  if (fs::exists(index_dir / kStubName, ec)) return IndexLayout::kShards;
  if (fs::exists(index_dir / "iamglass", ec)) return IndexLayout::kPageDocuments;
  return IndexLayout::kNone;
}

Result<std::vector<fs::path>> ShardPaths(const fs::path& index_dir) {
  Result<std::string> stub = ReadFile(index_dir / kStubName);
  if (!stub.ok()) return NotFound("no index at " + index_dir.string());
  std::vector<fs::path> shards;
  std::istringstream lines(*stub);
  for (std::string backend, name; lines >> backend >> name;) {
    if (backend != kBackend || name.find('/') != std::string::npos) {
      return Corrupt("the index stub " + (index_dir / kStubName).string() + " names an unexpected database '" +
                     backend + " " + name + "'; rebuild the index with luutru reindex");
    }
    shards.push_back(index_dir / name);
  }
  if (shards.empty()) {
    return Corrupt("the index stub " + (index_dir / kStubName).string() +
                   " names no shard; rebuild the index with luutru reindex");
  }
  return shards;
}

Status CreateShardLayout(const fs::path& index_dir, int shards) {
  if (shards < 1 || shards > 64) return InvalidArgument("an index has 1 to 64 shards, not " + std::to_string(shards));
  if (DetectLayout(index_dir) != IndexLayout::kNone) {
    return InvalidArgument("an index already exists at " + index_dir.string());
  }
  std::string stub;
  for (int k = 0; k < shards; ++k) stub += std::string(kBackend) + " shard-" + std::to_string(k) + "\n";
  return WriteFileAtomically(index_dir / kStubName, stub);
}

int ShardOf(std::string_view record_id, int shards) {
  // FNV-1a: std::hash may differ between builds, and a record must stay in its shard.
  unsigned long long h = 1469598103934665603ULL;
  for (unsigned char c : record_id) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  return static_cast<int>(h % static_cast<unsigned long long>(shards));
}

Status OldLayoutError(const fs::path& index_dir) {
  return Unsupported("the index " + index_dir.string() +
                     " was written by an earlier luutru (one document per page); rebuild it from the records "
                     "with: luutru reindex --archive " + index_dir.parent_path().string() +
                     " (no OCR; the originals and records are untouched)");
}

}  // namespace luutru::index
