// textindex: text-only records through the real index writer, for the search benchmarks.
//
//   textindex add --archive DIR FILE...   each file one record (pages of ~40 lines), its fields
//                                         read from its text, added to DIR's index
//
// The records are not in the catalog or records/ (they have no original to keep): they exist
// for searching, and a `luutru reindex` of the archive drops them.
#include <CLI/CLI.hpp>

#include <fstream>
#include <iostream>
#include <sstream>

#include "core/archive_layout.h"
#include "core/fs_util.h"
#include "core/record.h"
#include "core/vietnamese.h"
#include "extract/fields.h"
#include "index/writer.h"

namespace {

using namespace luutru;

constexpr int kLinesPerPage = 40;

// FNV-1a, 64 bits, as hex: a stable id for a text file's content (records of originals use
// SHA-256; these have none).
std::string ContentId(const std::string& bytes) {
  unsigned long long h = 1469598103934665603ULL;
  for (unsigned char c : bytes) {
    h ^= c;
    h *= 1099511628211ULL;
  }
  char out[17];
  std::snprintf(out, sizeof out, "%016llx", h);
  return out;
}

Record TextRecord(const std::filesystem::path& path, const std::string& bytes) {
  Record r;
  r.id = ContentId(bytes);
  r.source = path.filename().string();
  r.format = "text";
  r.size = static_cast<long long>(bytes.size());
  std::istringstream lines(vi::Nfc(bytes));
  PageText page;
  int count = 0;
  auto flush = [&] {
    if (page.text.empty()) return;
    page.number = static_cast<int>(r.pages.size()) + 1;
    page.method = TextMethod::kTextLayer;
    page.confidence = 100;
    r.pages.push_back(std::move(page));
    page = PageText{};
    count = 0;
  };
  for (std::string line; std::getline(lines, line);) {
    // Markdown marks are not text: "## NGHỊ ĐỊNH" is the line "NGHỊ ĐỊNH".
    size_t start = line.find_first_not_of("#*_ ");
    line = start == std::string::npos ? "" : line.substr(start);
    while (!line.empty() && (line.back() == '*' || line.back() == ' ')) line.pop_back();
    if (line.empty()) continue;
    page.text += line + "\n";
    if (++count == kLinesPerPage) flush();
  }
  flush();
  extract::Fields fields = extract::ExtractFields(r.pages);
  r.metadata = fields.metadata;
  r.evidence = fields.evidence;
  return r;
}

int Add(const std::string& archive, const std::vector<std::string>& files) {
  ArchiveLayout layout(archive);
  Result<std::unique_ptr<index::Writer>> writer = index::Writer::Open(layout.index());
  if (!writer.ok()) {
    std::cerr << writer.status().ToString() << "\n";
    return 4;
  }
  for (const std::string& file : files) {
    Result<std::string> bytes = ReadFile(file);
    if (!bytes.ok()) {
      std::cerr << bytes.status().ToString() << "\n";
      return 4;
    }
    Record r = TextRecord(file, *bytes);
    if (Status s = (*writer)->AddRecord(r); !s.ok()) {
      std::cerr << s.ToString() << "\n";
      return 4;
    }
    std::cout << r.id << " " << r.source << " (" << r.pages.size() << " pages)\n";
  }
  Status s = (*writer)->Commit();
  if (!s.ok()) std::cerr << s.ToString() << "\n";
  return s.ok() ? 0 : 4;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"textindex: text-only records through luutru's index writer (benchmarks)"};
  app.require_subcommand(1);
  std::string archive;
  std::vector<std::string> files;
  CLI::App* add = app.add_subcommand("add", "Add text files as records to an archive's index");
  add->add_option("--archive", archive, "Archive folder")->required();
  add->add_option("files", files, "Text files (UTF-8)")->required();
  CLI11_PARSE(app, argc, argv);
  if (add->parsed()) return Add(archive, files);
  return 1;
}
