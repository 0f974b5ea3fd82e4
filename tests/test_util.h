// Helpers shared by the tests.
#pragma once

#include <unistd.h>

#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "core/record.h"

namespace luutru::testing {

// A fresh folder under the system temp dir, removed with everything in it at scope exit.
class TempDir {
 public:
  TempDir() {
    std::random_device rd;
    path_ = std::filesystem::temp_directory_path() /
            ("luutru-test-" + std::to_string(::getpid()) + "-" + std::to_string(rd()));
    std::filesystem::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path operator/(const std::string& name) const { return path_ / name; }

 private:
  std::filesystem::path path_;
};

// A record of OCR'd pages with these texts (pages numbered from 1), its source "<id>.pdf".
inline Record MakeTextRecord(const std::string& id, const std::vector<std::string>& pages) {
  Record r;
  r.id = id;
  r.source = id + ".pdf";
  for (size_t i = 0; i < pages.size(); ++i) {
    PageText p;
    p.number = static_cast<int>(i) + 1;
    p.text = pages[i];
    p.method = TextMethod::kOcr;
    r.pages.push_back(p);
  }
  return r;
}

inline std::filesystem::path SamplesDir() { return LUUTRU_SAMPLES_DIR; }
// Small files the tests keep, each listed with its origin and license in tests/data/README.md.
inline std::filesystem::path DataDir() { return LUUTRU_TEST_DATA_DIR; }

}  // namespace luutru::testing
