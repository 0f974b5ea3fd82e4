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

TEST(TextLayerTest, VietnameseThatLostItsMarksMeansOcr) {
  EXPECT_FALSE(JudgeTextLayer("Can cu Nghi dinh so 30/2020/ND-CP ngay 05 thang 3 nam 2020 cua Chinh phu "
                              "ve cong tac van thu; theo de nghi cua Chanh Van phong, viec thuc hien "
                              "cac quy dinh nay duoc giao cho nguoi dung dau co quan.")
                   .usable);
  // The same text with its marks is fine, and English is not Vietnamese without marks.
  EXPECT_TRUE(JudgeTextLayer("Căn cứ Nghị định số 30/2020/NĐ-CP ngày 05 tháng 3 năm 2020 của Chính phủ "
                             "về công tác văn thư; theo đề nghị của Chánh Văn phòng, việc thực hiện "
                             "các quy định này được giao cho người đứng đầu cơ quan.")
                  .usable);
  EXPECT_TRUE(JudgeTextLayer("The office of the provincial people's committee shall keep the records "
                             "of every decision in the archive, and staff may search them by number, "
                             "date, agency and subject within two working days.")
                  .usable);
}

TEST(TextLayerTest, SymbolSoupMeansOcr) {
  std::string soup;
  for (int i = 0; i < 30; ++i) soup += "a#$%&*+=<> ";
  EXPECT_FALSE(JudgeTextLayer(soup).usable);
}

}  // namespace
}  // namespace luutru::ingest
