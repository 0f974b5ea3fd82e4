// Fuzz target: any bytes as a file given to ingest. Sniffing, opening (PDF through Poppler and
// qpdf, TIFF/PNG/JPEG through Leptonica/OpenCV), the text layer and rendering of the first
// pages must refuse bad input with a Status, never crash, hang or read out of bounds.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <string>

#include "ingest/page_source.h"
#include "ingest/sniff.h"

namespace {

const std::filesystem::path& ScratchFile() {
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() / ("luutru-fuzz-loader-" + std::to_string(::getpid()));
  return path;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace luutru::ingest;
  static const bool cleanup_registered = [] {
    (void)ScratchFile();  // constructed before the handler is registered: destroyed after it runs
    return std::atexit([] {
             std::error_code ec;
             std::filesystem::remove(ScratchFile(), ec);
           }) == 0;
  }();
  (void)cleanup_registered;
  {
    std::ofstream out(ScratchFile(), std::ios::binary | std::ios::trunc);
    out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
  }
  FileFormat format = SniffFile(ScratchFile());
  if (format == FileFormat::kUnknown) return 0;
  LoadOptions options;
  options.render_dpi = 100;             // small pages: many inputs a second
  options.max_page_pixels = 4'000'000;  // the bomb guard is part of what is tested
  auto source = OpenPageSource(ScratchFile(), format, options);
  if (!source.ok()) return 0;
  for (int i = 0; i < std::min((*source)->page_count(), 3); ++i) (void)(*source)->LoadPage(i);
  return 0;
}
