#include "ocr/leaders.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "ocr/mat_view.h"

namespace luutru::ocr {
namespace {

// A 300 dpi strip with `count` dots `pitch` px apart on one baseline, starting at x.
void DrawDots(cv::Mat& page, int x, int y, int count, int pitch) {
  for (int i = 0; i < count; ++i)
    cv::circle(page, cv::Point(x + i * pitch, y), 3, cv::Scalar(0), cv::FILLED);
}

Raster Strip(const std::function<void(cv::Mat&)>& draw) {
  cv::Mat page(400, 2480, CV_8UC1, cv::Scalar(255));
  draw(page);
  return ToRaster(page, 300);
}

TEST(DotLeadersTest, ARunOfPeriodsIsFoundWithItsCount) {
  Raster page = Strip([](cv::Mat& p) {
    cv::putText(p, "Dieu 1", cv::Point(100, 200), cv::FONT_HERSHEY_SIMPLEX, 1.5, cv::Scalar(0), 4);
    DrawDots(p, 320, 198, 40, 14);  // 14 px: a period's advance at 13 pt, 300 dpi
  });
  std::vector<DotLeader> leaders = FindDotLeaders(page);
  ASSERT_EQ(leaders.size(), 1u);
  EXPECT_EQ(leaders[0].dots, 40);
  EXPECT_NEAR(leaders[0].box.x0, 317, 2);
}

// Dots as Times New Roman sets them at 13 pt, 300 dpi: periods 14 px apart; an ellipsis's
// three dots 19 px apart, and 16 px between an ellipsis's dot and a period's.
void DrawTyped(cv::Mat& page, int x, int y, const std::string& typed) {
  const std::string ellipsis = "\u2026";
  bool previous_ellipsis = false, first = true;
  for (size_t i = 0; i < typed.size();) {
    const bool is_ellipsis = typed.compare(i, ellipsis.size(), ellipsis) == 0;
    const int dots = is_ellipsis ? 3 : 1;
    for (int d = 0; d < dots; ++d) {
      if (!first)
        x += is_ellipsis && (d > 0 || previous_ellipsis) ? 19
             : (is_ellipsis || previous_ellipsis)        ? 16
                                                         : 14;
      cv::circle(page, cv::Point(x, y), 3, cv::Scalar(0), cv::FILLED);
      first = false;
    }
    previous_ellipsis = is_ellipsis;
    i += is_ellipsis ? ellipsis.size() : 1;
  }
}

TEST(DotLeadersTest, PeriodsAndEllipsesAreWrittenAsTyped) {
  for (const std::string typed :
       {"\u2026\u2026\u2026\u2026", "..........", "\u2026\u2026...\u2026\u2026",
        ".\u2026\u2026\u2026.", "\u2026\u2026\u2026.."}) {
    Raster page = Strip([&](cv::Mat& p) {
      DrawTyped(p, 100, 200, typed);
      DrawDots(p, 1200, 200, 30, 14);  // the page's periods
    });
    std::vector<DotLeader> leaders = FindDotLeaders(page);
    ASSERT_EQ(leaders.size(), 2u) << typed;
    const DotLeader& first = leaders[0].box.x0 < leaders[1].box.x0 ? leaders[0] : leaders[1];
    EXPECT_EQ(first.text, typed);
  }
}

TEST(DotLeadersTest, EllipsesAloneOnAPageAreEllipses) {
  Raster page = Strip([](cv::Mat& p) { DrawTyped(p, 100, 200, "\u2026\u2026\u2026\u2026\u2026"); });
  std::vector<DotLeader> leaders = FindDotLeaders(page);
  ASSERT_EQ(leaders.size(), 1u);
  EXPECT_EQ(leaders[0].text, "\u2026\u2026\u2026\u2026\u2026");
}

TEST(DotsAsTypedTest, GapsDecideTheCharacters) {
  const double wide = 15;
  EXPECT_EQ(DotsAsTyped({14, 14}, wide), "...");
  EXPECT_EQ(DotsAsTyped({19, 19}, wide), "\u2026");
  EXPECT_EQ(DotsAsTyped({19, 19, 16}, wide), "\u2026.");  // a period after an ellipsis
  EXPECT_EQ(DotsAsTyped({16, 19, 19}, wide), ".\u2026");  // and before one
  EXPECT_EQ(DotsAsTyped({16, 19, 19, 16}, wide), ".\u2026.");
  EXPECT_EQ(DotsAsTyped({19, 14, 14}, wide), "....");  // two dots a little apart are no ellipsis
  EXPECT_EQ(DotsAsTyped({}, wide), ".");
}

TEST(DotLeadersTest, TwoRunsApartAreTwoLeaders) {
  Raster page = Strip([](cv::Mat& p) {
    DrawDots(p, 100, 200, 10, 14);
    DrawDots(p, 400, 200, 6, 14);
  });
  std::vector<DotLeader> leaders = FindDotLeaders(page);
  ASSERT_EQ(leaders.size(), 2u);
  EXPECT_EQ(leaders[0].dots + leaders[1].dots, 16);
}

TEST(DotLeadersTest, DiacriticDotsOfNeighbouringLettersAreNotALeader) {
  // Dots below letters (ạ, ệ) sit a letter's width apart (~25-30 px), not a period's.
  Raster page = Strip([](cv::Mat& p) { DrawDots(p, 100, 200, 6, 28); });
  EXPECT_TRUE(FindDotLeaders(page).empty());
}

TEST(DotLeadersTest, TwoDotsAreNotALeaderAndBigBlobsAreNotDots) {
  Raster page = Strip([](cv::Mat& p) {
    DrawDots(p, 100, 200, 2, 14);
    for (int i = 0; i < 6; ++i)
      cv::circle(p, cv::Point(600 + i * 14, 200), 12, cv::Scalar(0), cv::FILLED);
  });
  EXPECT_TRUE(FindDotLeaders(page).empty());
}

TEST(DotLeadersTest, ErasedLeadersLeaveWhitePaper) {
  Raster page = Strip([](cv::Mat& p) { DrawDots(p, 100, 200, 10, 14); });
  Raster erased = EraseLeaders(page, FindDotLeaders(page));
  cv::Mat view = GrayView(erased);
  EXPECT_EQ(cv::countNonZero(255 - view), 0);
}

TEST(AssembleTextTest, LeadersGoBackWhereTheyStood) {
  // Line 0: "Điều" "1" then a leader touching "1", then "8"; line 1 is only a leader.
  std::vector<Word> words = {{"Điều", {100, 100, 200, 140}, 90, 0, 0},
                             {"1", {210, 100, 225, 140}, 90, 0, 0},
                             {"8", {598, 100, 613, 140}, 90, 0, 0},
                             {"Căn", {100, 300, 180, 340}, 90, 2, 0},
                             {"cứ", {190, 300, 230, 340}, 90, 2, 0}};
  // Typed as ellipses on line 0 (touching "1" and "8": no spaces), periods on its own line.
  std::vector<DotLeader> leaders = {
      {{228, 134, 590, 140}, 24, "\u2026\u2026\u2026\u2026\u2026\u2026\u2026\u2026"},
      {{100, 234, 900, 240}, 57, std::string(57, '.')}};
  EXPECT_EQ(AssembleText(words, leaders),
            "Điều 1\u2026\u2026\u2026\u2026\u2026\u2026\u2026\u20268\n" + std::string(57, '.') +
                "\nCăn cứ");
}

TEST(AssembleTextTest, BlocksAreParagraphs) {
  std::vector<Word> words = {{"A", {0, 0, 10, 10}, 90, 0, 0}, {"B", {0, 50, 10, 60}, 90, 1, 1}};
  EXPECT_EQ(AssembleText(words, {}), "A\n\nB");
}

}  // namespace
}  // namespace luutru::ocr
