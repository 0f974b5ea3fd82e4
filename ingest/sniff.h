// Recognises a file's format by its first bytes, never by its extension.
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

namespace luutru::ingest {

enum class FileFormat { kUnknown, kPdf, kTiff, kPng, kJpeg, kGif, kBmp, kWebp, kJpeg2000 };

// "pdf", "tiff", "png", "jpeg", ... ("unknown").
const char* FileFormatName(FileFormat format);
// Whether luutru archives this format.
bool IsSupported(FileFormat format);

// `head`: the first bytes of the file (1 KiB is plenty; fewer is fine).
FileFormat SniffFormat(std::string_view head);
// Reads the head of the file; kUnknown when it cannot be read.
FileFormat SniffFile(const std::filesystem::path& path);

}  // namespace luutru::ingest
