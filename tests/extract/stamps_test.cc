// The incoming-mail stamp (dấu "ĐẾN"): found by its printed words, its number and date read
// when they are legible, its words kept out of the fields.
#include "extract/stamps.h"

#include <gtest/gtest.h>

#include "drawn_page.h"
#include "extract/fields.h"

namespace luutru::extract {
namespace {

// A công văn's first page with a stamp over the top of its body, as OCR reads it: the stamp's
// labels on lines of their own, or run into the body's lines beside them.
PageText StampedPage(const std::string& number_line, const std::string& date_line) {
  return DrawnPage(1, {{100, 100, "UBND TỈNH QUẢNG NGÃI"},
                       {640, 100, "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"},
                       {100, 140, "Số: 574/UBND-KTTH"},
                       {700, 140, "Độc lập - Tự do - Hạnh phúc"},
                       {100, 180, "V/v triển khai thực hiện"},
                       {680, 210, "Quảng Ngãi, ngày 15 tháng 3 năm 2023"},
                       {100, 260, "SỞ TƯ PHÁP"},
                       {20, 310, "ĐẾN"},
                       {100, 300, number_line},
                       {100, 340, date_line},
                       {100, 380, "Chuyển: ........"},
                       {150, 460, "Kính gửi: Sở Tư pháp tỉnh Quảng Ngãi"}});
}

TEST(StampsTest, AnIncomingStampWithTypedValuesIsReadAsFacts) {
  const std::vector<Stamp> stamps = FindStamps(StampedPage("Số: 2770", "Ngày: 04/4/18"));
  ASSERT_EQ(stamps.size(), 1u);
  EXPECT_EQ(stamps[0].kind, Stamp::Kind::kIncoming);
  EXPECT_EQ(stamps[0].page, 1);
  EXPECT_EQ(stamps[0].number, "2770");
  EXPECT_EQ(stamps[0].date, "2018-04-04");  // a two-digit year as strptime's %y reads it
  // The box holds the labels, the office's name above them and the form's 50 mm width.
  EXPECT_LE(stamps[0].box.y0, 270);
  EXPECT_GE(stamps[0].box.y1, 410);
  EXPECT_GE(stamps[0].box.x1 - stamps[0].box.x0, 50 * 150 * 10 / 254);
}

TEST(StampsTest, ValuesAfterDottedLeadersOrJoinedToTheLabel) {
  std::vector<Stamp> stamps = FindStamps(StampedPage("Số:2770", "Ngày: .......12/11/2024"));
  ASSERT_EQ(stamps.size(), 1u);
  EXPECT_EQ(stamps[0].number, "2770");
  EXPECT_EQ(stamps[0].date, "2024-11-12");
  stamps = FindStamps(StampedPage("Số: ..... 15", "Ngày: 3 / 1 /1999"));
  ASSERT_EQ(stamps.size(), 1u);
  EXPECT_EQ(stamps[0].number, "15");
  EXPECT_EQ(stamps[0].date, "1999-01-03");
}

TEST(StampsTest, HandwritingOcrCannotReadLeavesTheStampFoundAndItsValuesEmpty) {
  // As on a real scan: the written values and the body under the stamp read as junk.
  const std::vector<Stamp> stamps =
      FindStamps(StampedPage("Số: Án jghòngtan qua, các cấp", "Ngày: đu lành, quản lý"));
  ASSERT_EQ(stamps.size(), 1u);
  EXPECT_EQ(stamps[0].number, "");
  EXPECT_EQ(stamps[0].date, "");
  // An impossible day is no date.
  EXPECT_EQ(FindStamps(StampedPage("Số: 12", "Ngày: 31/02/2024"))[0].date, "");
}

TEST(StampsTest, NoStampWithoutItsForm) {
  // "đến" in a sentence, labels without "ĐẾN", "ĐẾN" far from the labels, the header's "Số:".
  EXPECT_TRUE(
      FindStamps(DrawnPage(1, {{100, 300, "Số: 12"}, {100, 340, "Ngày: 04/4/18"}})).empty());
  EXPECT_TRUE(
      FindStamps(
          DrawnPage(1, {{20, 310, "đến"}, {100, 300, "Số: 12"}, {100, 340, "Ngày: 04/4/18"}}))
          .empty());
  EXPECT_TRUE(
      FindStamps(
          DrawnPage(1, {{900, 900, "ĐẾN"}, {100, 300, "Số: 12"}, {100, 340, "Ngày: 04/4/18"}}))
          .empty());
  EXPECT_TRUE(
      FindStamps(
          DrawnPage(1, {{20, 310, "ĐẾN"}, {100, 300, "Số: 12"}, {600, 340, "Ngày: 04/4/18"}}))
          .empty());
  PageText text_only;
  text_only.text = "ĐẾN\nSố: 12\nNgày: 04/4/18\n";
  EXPECT_TRUE(FindStamps(text_only).empty());
}

TEST(StampsTest, AStampAboveItsLabels) {
  // "CÔNG VĂN ĐẾN" on a line of its own, the labels under it.
  const std::vector<Stamp> stamps = FindStamps(DrawnPage(
      1, {{100, 300, "CÔNG VĂN ĐẾN"}, {100, 340, "Số: 88"}, {100, 380, "Ngày: 02/10/2022"}}));
  ASSERT_EQ(stamps.size(), 1u);
  EXPECT_EQ(stamps[0].number, "88");
  EXPECT_EQ(stamps[0].date, "2022-10-02");
}

TEST(StampsTest, TheStampsWordsAreNoFieldsWords) {
  const PageText page = StampedPage("Số: 2770", "Ngày: 04/4/18");
  const Fields fields = ExtractFields({page});
  ASSERT_EQ(fields.stamps.size(), 1u);
  EXPECT_EQ(fields.stamps[0].number, "2770");
  EXPECT_EQ(fields.metadata.number,
            "574/UBND-KTTH");  // the document's number, not the entry number
  EXPECT_EQ(fields.metadata.date, "2023-03-15");
  EXPECT_EQ(fields.metadata.subject, "V/v triển khai thực hiện");
  const PageText kept = WithoutStamps(page, fields.stamps);
  for (const Word& w : kept.words) {
    EXPECT_NE(w.text, "ĐẾN");
    EXPECT_NE(w.text, "2770");
  }
  EXPECT_LT(kept.words.size(), page.words.size());
}

}  // namespace
}  // namespace luutru::extract
