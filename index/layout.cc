#include "index/layout.h"

#include <algorithm>
#include <cctype>
#include <charconv>
#include <set>
#include <sstream>

#include "core/fs_util.h"
#include "core/strings.h"

namespace luutru::index {
namespace fs = std::filesystem;
namespace {

constexpr std::string_view kStubName = "XAPIANDB";
constexpr std::string_view kBackend = "glass";
constexpr std::string_view kRemote = "remote";
// The stub's first line, a comment to Xapian: what the names alone do not say.
constexpr std::string_view kHeader = "# luutru index: shards=";

// "g3-toi-mat-1" -> generation 3, TỐI MẬT, shard 1; false for any other name.
bool ParseDatabaseName(const std::string& name, int& generation, Secrecy& secrecy, int& shard) {
  if (name.size() < 6 || name[0] != 'g') return false;
  const size_t first = name.find('-'), last = name.rfind('-');
  if (first == std::string::npos || last <= first + 1) return false;
  const std::string gen = name.substr(1, first - 1), key = name.substr(first + 1, last - first - 1),
                    number = name.substr(last + 1);
  auto digits = [](const std::string& s) {
    return !s.empty() && s.size() < 6 &&
           std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
  };
  if (!digits(gen) || !digits(number)) return false;
  for (const SecrecyMark& mark : kSecrecyMarks) {
    if (mark.key == key) {
      generation = std::stoi(gen);
      secrecy = mark.secrecy;
      shard = std::stoi(number);
      return true;
    }
  }
  return false;
}

std::string DatabaseName(int generation, Secrecy secrecy, int shard) {
  return "g" + std::to_string(generation) + "-" + std::string(MarkOf(secrecy).key) + "-" +
         std::to_string(shard);
}

}  // namespace

IndexLayout DetectLayout(const fs::path& index_dir) {
  std::error_code ec;
  if (fs::exists(index_dir / kStubName, ec)) {
    Result<std::string> stub = ReadFile(index_dir / kStubName);
    // A stub of the first sharded layout names "shard-K" databases and has no header.
    if (stub.ok() && stub->rfind(kHeader, 0) != 0 && stub->find(" shard-") != std::string::npos) {
      return IndexLayout::kShards;
    }
    return IndexLayout::kMarkShards;
  }
  if (fs::exists(index_dir / "iamglass", ec)) return IndexLayout::kPageDocuments;
  return IndexLayout::kNone;
}

Result<IndexDatabases> ReadIndexDatabases(const fs::path& index_dir, std::string_view stub_name) {
  const fs::path stub_path = index_dir / stub_name;
  Result<std::string> stub = ReadFile(stub_path);
  if (!stub.ok()) {
    if (stub.status().code() == StatusCode::kNotFound)
      return NotFound("no index at " + index_dir.string());
    return stub.status();
  }
  if (stub_name == kStubName) {
    switch (DetectLayout(index_dir)) {
      case IndexLayout::kShards:
      case IndexLayout::kPageDocuments:
        return OldLayoutError(index_dir);
      default:
        break;
    }
  }
  auto corrupt = [&](const std::string& what) {
    return Corrupt("the index stub " + stub_path.string() + " " + what +
                   "; rebuild the index with luutru reindex");
  };
  if (stub->rfind(kHeader, 0) != 0) return corrupt("has no luutru header");
  IndexDatabases out;
  std::istringstream lines(*stub);
  std::string line;
  std::getline(lines, line);
  try {
    out.shards = std::stoi(line.substr(kHeader.size()));
  } catch (const std::exception&) {
    return corrupt("has a damaged header");
  }
  if (out.shards < 1 || out.shards > 64)
    return corrupt("says " + std::to_string(out.shards) + " shards");
  bool first = true;
  for (std::string backend, name; lines >> backend >> name;) {
    if (backend == kRemote) {
      Result<RemoteShard> remote = ParseRemoteShard(name);
      if (!remote.ok()) return corrupt("names an unexpected remote shard '" + name + "'");
      out.remotes.push_back(std::move(*remote));
      continue;
    }
    ShardDb db;
    int generation = 0;
    if (backend != kBackend || !ParseDatabaseName(name, generation, db.secrecy, db.shard) ||
        db.shard >= out.shards || (!first && generation != out.generation)) {
      return corrupt("names an unexpected database '" + backend + " " + name + "'");
    }
    out.generation = generation;
    first = false;
    db.path = index_dir / name;
    out.databases.push_back(std::move(db));
  }
  if (out.databases.empty()) return corrupt("names no database");
  return out;
}

std::string RemoteShard::Name() const { return host + ":" + std::to_string(port); }

Result<RemoteShard> ParseRemoteShard(std::string_view text) {
  const size_t colon = text.rfind(':');
  RemoteShard remote;
  if (colon != std::string_view::npos && colon > 0) {
    remote.host = std::string(text.substr(0, colon));
    const std::string_view digits = text.substr(colon + 1);
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), remote.port);
    const bool host_ok = std::all_of(remote.host.begin(), remote.host.end(), [](char c) {
      return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_';
    });
    if (ec == std::errc() && end == digits.data() + digits.size() && remote.port > 0 &&
        remote.port < 65536 && host_ok) {
      return remote;
    }
  }
  return InvalidArgument("'" + std::string(text) +
                         "': a shard server is HOST:PORT, e.g. may-chu-2.luutru.local:33333");
}

fs::path ShardFolder(const fs::path& index_dir, int generation, Secrecy secrecy, int shard) {
  return index_dir / DatabaseName(generation, secrecy, shard);
}

Status WriteStub(const fs::path& index_dir, std::string_view stub_name,
                 const IndexDatabases& databases) {
  if (databases.shards < 1 || databases.shards > 64) {
    return InvalidArgument("an index has 1 to 64 shards, not " + std::to_string(databases.shards));
  }
  std::string stub = std::string(kHeader) + std::to_string(databases.shards) + "\n";
  for (const ShardDb& db : databases.databases) {
    stub += std::string(kBackend) + " " + DatabaseName(databases.generation, db.secrecy, db.shard) +
            "\n";
  }
  for (const RemoteShard& remote : databases.remotes) {
    stub += kRemote;
    stub += " " + remote.Name() + "\n";
  }
  std::error_code ec;
  fs::create_directories(index_dir, ec);
  if (ec) return IoError("cannot create " + index_dir.string() + ": " + ec.message());
  return WriteFileAtomically(index_dir / stub_name, stub);
}

std::string GenerationStubName(int generation) {
  return std::string(kStubName) + ".g" + std::to_string(generation);
}

std::vector<fs::path> UnnamedEntries(const fs::path& index_dir) {
  Result<IndexDatabases> live = ReadIndexDatabases(index_dir);
  if (!live.ok()) return {};  // nothing is removed from an index that cannot be read
  std::set<fs::path> named = {index_dir / kStubName};
  for (const ShardDb& db : live->databases) named.insert(db.path);
  std::vector<fs::path> unnamed;
  std::error_code ec;
  for (const fs::directory_entry& entry : fs::directory_iterator(index_dir, ec)) {
    if (!named.count(entry.path())) unnamed.push_back(entry.path());
  }
  std::sort(unnamed.begin(), unnamed.end());
  return unnamed;
}

Status SwitchGeneration(const fs::path& index_dir, int generation) {
  std::error_code ec;
  fs::rename(index_dir / GenerationStubName(generation), index_dir / kStubName, ec);
  if (ec) return IoError("cannot put the rebuilt index in place: " + ec.message());
  LUUTRU_RETURN_IF_ERROR(SyncDirectory(index_dir));
  for (const fs::path& old : UnnamedEntries(index_dir)) fs::remove_all(old, ec);
  return Status::Ok();
}

int ShardOf(std::string_view record_id, int shards) {
  return static_cast<int>(StableHash(record_id) % static_cast<unsigned long long>(shards));
}

Status OldLayoutError(const fs::path& index_dir) {
  return Unsupported(
      "the index " + index_dir.string() +
      " was written by an earlier luutru in another layout; rebuild it from the records "
      "with: luutru reindex --archive " +
      index_dir.parent_path().string() + " (no OCR; the originals and records are untouched)");
}

}  // namespace luutru::index
