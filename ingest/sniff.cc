#include "ingest/sniff.h"

#include <fstream>

namespace luutru::ingest {
namespace {

bool StartsWith(std::string_view s, std::string_view prefix) {
  return s.substr(0, prefix.size()) == prefix;
}

}  // namespace

const char* FileFormatName(FileFormat format) {
  switch (format) {
    case FileFormat::kPdf:
      return "pdf";
    case FileFormat::kTiff:
      return "tiff";
    case FileFormat::kPng:
      return "png";
    case FileFormat::kJpeg:
      return "jpeg";
    case FileFormat::kGif:
      return "gif";
    case FileFormat::kBmp:
      return "bmp";
    case FileFormat::kWebp:
      return "webp";
    case FileFormat::kJpeg2000:
      return "jpeg2000";
    case FileFormat::kUnknown:
      break;
  }
  return "unknown";
}

bool IsSupported(FileFormat format) {
  return format == FileFormat::kPdf || format == FileFormat::kTiff || format == FileFormat::kPng ||
         format == FileFormat::kJpeg;
}

FileFormat SniffFormat(std::string_view head) {
  using namespace std::string_view_literals;
  if (StartsWith(head, "\x89PNG\r\n\x1a\n"sv)) return FileFormat::kPng;
  if (StartsWith(head, "\xff\xd8\xff"sv)) return FileFormat::kJpeg;
  if (StartsWith(head, "II*\0"sv) || StartsWith(head, "MM\0*"sv)) return FileFormat::kTiff;
  if (StartsWith(head, "GIF87a"sv) || StartsWith(head, "GIF89a"sv)) return FileFormat::kGif;
  if (StartsWith(head, "BM"sv) && head.size() >= 14) return FileFormat::kBmp;
  if (StartsWith(head, "RIFF"sv) && head.substr(8, 4) == "WEBP"sv) return FileFormat::kWebp;
  if (StartsWith(head, "\0\0\0\x0cjP  "sv) || StartsWith(head, "\xff\x4f\xff\x51"sv)) {
    return FileFormat::kJpeg2000;
  }
  // PDF readers accept junk before the header (within the first KiB); so do we.
  if (head.substr(0, 1024).find("%PDF-") != std::string_view::npos) return FileFormat::kPdf;
  return FileFormat::kUnknown;
}

FileFormat SniffFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return FileFormat::kUnknown;
  char buf[1024];
  in.read(buf, sizeof buf);
  return SniffFormat(std::string_view(buf, static_cast<size_t>(in.gcount())));
}

}  // namespace luutru::ingest
