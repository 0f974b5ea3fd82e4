#include "ingest/sniff.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace luutru::ingest {
namespace {

using namespace std::string_view_literals;

struct SniffCase {
  std::string_view head;
  FileFormat expected;
};

TEST(SniffTest, ByMagicBytes) {
  const SniffCase cases[] = {
      {"%PDF-1.7\n%\xe2\xe3"sv, FileFormat::kPdf},
      {"\r\n\r\n%PDF-1.4"sv, FileFormat::kPdf},  // junk before the header
      {"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"sv, FileFormat::kPng},
      {"\xff\xd8\xff\xe0\0\x10JFIF"sv, FileFormat::kJpeg},
      {"II*\0\x08\0\0\0"sv, FileFormat::kTiff},
      {"MM\0*\0\0\0\x08"sv, FileFormat::kTiff},
      {"GIF89a"sv, FileFormat::kGif},
      {"RIFF\0\0\0\0WEBPVP8 "sv, FileFormat::kWebp},
      {"\0\0\0\x0cjP  \r\n\x87\n"sv, FileFormat::kJpeg2000},
      {"hello world"sv, FileFormat::kUnknown},
      {""sv, FileFormat::kUnknown},
  };
  for (const SniffCase& c : cases) {
    EXPECT_EQ(SniffFormat(c.head), c.expected) << FileFormatName(c.expected);
  }
}

TEST(SniffTest, ContentNotExtension) {
  testing::TempDir dir;
  // The samples under misleading names.
  std::filesystem::copy_file(testing::SamplesDir() / "qd-so-hoa-tai-lieu.png", dir / "scan.pdf");
  std::filesystem::copy_file(testing::SamplesDir() / "cv-chuyen-doi-so.pdf", dir / "letter.jpg");
  EXPECT_EQ(SniffFile(dir / "scan.pdf"), FileFormat::kPng);
  EXPECT_EQ(SniffFile(dir / "letter.jpg"), FileFormat::kPdf);
  EXPECT_EQ(SniffFile(dir / "absent"), FileFormat::kUnknown);
}

TEST(SniffTest, SupportedFormats) {
  EXPECT_TRUE(IsSupported(FileFormat::kPdf));
  EXPECT_TRUE(IsSupported(FileFormat::kTiff));
  EXPECT_FALSE(IsSupported(FileFormat::kGif));
  EXPECT_FALSE(IsSupported(FileFormat::kUnknown));
}

}  // namespace
}  // namespace luutru::ingest
