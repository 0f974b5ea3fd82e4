#include "ingest/text_layer.h"

#include <gtest/gtest.h>

namespace luutru::ingest {
namespace {

TEST(TextLayerTest, RealVietnameseTextIsUsable) {
  EXPECT_TRUE(JudgeTextLayer("QUYẾT ĐỊNH Về việc số hóa tài liệu lưu trữ giai đoạn 2023").usable);
}

TEST(TextLayerTest, RealEnglishTextIsUsable) {
  EXPECT_TRUE(JudgeTextLayer("The quick brown fox jumps over the lazy dog, twice.").usable);
}

TEST(TextLayerTest, NoOrTooLittleTextMeansOcr) {
  EXPECT_FALSE(JudgeTextLayer("").usable);
  EXPECT_FALSE(JudgeTextLayer("  \n\f ").usable);
  EXPECT_FALSE(JudgeTextLayer("Trang 1").usable);  // a stray page label on a scan
}

TEST(TextLayerTest, UnmappedGlyphsMeanOcr) {
  std::string replacement;
  for (int i = 0; i < 40; ++i) replacement += "ab\xEF\xBF\xBD ";
  EXPECT_FALSE(JudgeTextLayer(replacement).usable);
  std::string controls;
  for (int i = 0; i < 40; ++i) controls += "abc\x01\x02 ";
  EXPECT_FALSE(JudgeTextLayer(controls).usable);
  std::string private_use;
  for (int i = 0; i < 40; ++i) private_use += "ab\xEE\x80\x81 ";  // U+E001
  EXPECT_FALSE(JudgeTextLayer(private_use).usable);
}

TEST(TextLayerTest, SymbolSoupMeansOcr) {
  std::string soup;
  for (int i = 0; i < 30; ++i) soup += "a#$%&*+=<> ";
  EXPECT_FALSE(JudgeTextLayer(soup).usable);
}

}  // namespace
}  // namespace luutru::ingest
