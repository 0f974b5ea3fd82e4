// Document boundaries in scanned files made of several documents, measured on an export: the
// records of `luutru export` (each one document) are laid one after another as if scanned
// into one file, in the export's order, and extract::DocumentStarts is asked where each
// begins. Reports the boundaries found (of those between two records), the ones invented
// inside a record, and each miss.
//
//   boundaries --export dev.jsonl [--files-of 4]
// --files-of N: the records make files of N documents each (the last one shorter); 0 = one
// file of all of them. Every record's own pages count for "invented" either way.
#include "extract/boundaries.h"

#include <CLI/CLI.hpp>
#include <fstream>
#include <iostream>
#include <string>
#include <vector>

#include "core/record_json.h"

int main(int argc, char** argv) {
  CLI::App app{"Document boundaries over a luutru export"};
  std::string export_path;
  int files_of = 0;
  app.add_option("--export", export_path, "luutru export --format jsonl")->required();
  app.add_option("--files-of", files_of, "Documents per file (0: all in one)");
  CLI11_PARSE(app, argc, argv);
  std::ifstream in(export_path);
  std::vector<luutru::Record> records;
  for (std::string line; std::getline(in, line);) {
    luutru::Result<luutru::Record> r = luutru::RecordFromJson(line);
    if (r.ok()) records.push_back(std::move(r).value());
  }
  if (records.empty()) {
    std::cerr << "no records in " << export_path << "\n";
    return 1;
  }
  const size_t per_file = files_of > 0 ? static_cast<size_t>(files_of) : records.size();
  int boundaries = 0, found = 0, invented = 0, multi_page = 0;
  for (size_t first = 0; first < records.size(); first += per_file) {
    std::vector<luutru::PageText> pages;
    std::vector<size_t> truth;  // the first page of each record in the file
    std::vector<const luutru::Record*> owner;
    for (size_t r = first; r < std::min(records.size(), first + per_file); ++r) {
      truth.push_back(pages.size());
      for (const luutru::PageText& p : records[r].pages) {
        pages.push_back(p);
        owner.push_back(&records[r]);
      }
    }
    const std::vector<size_t> starts = luutru::extract::DocumentStarts(pages);
    for (size_t t = 1; t < truth.size(); ++t) {
      ++boundaries;
      if (std::find(starts.begin(), starts.end(), truth[t]) != starts.end()) {
        ++found;
      } else {
        std::cout << "missed: " << owner[truth[t]]->source << "\n";
      }
    }
    for (size_t s : starts) {
      if (std::find(truth.begin(), truth.end(), s) == truth.end()) {
        ++invented;
        std::cout << "invented: page " << s << " inside " << owner[s]->source << "\n";
      }
    }
  }
  for (const luutru::Record& r : records) multi_page += r.pages.size() > 1;
  std::cout << "records " << records.size() << " (" << multi_page << " of several pages)"
            << ", boundaries " << boundaries << ", found " << found << " ("
            << (boundaries ? 100.0 * found / boundaries : 100.0) << " %), invented " << invented
            << "\n";
  return 0;
}
