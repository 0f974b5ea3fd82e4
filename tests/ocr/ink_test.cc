#include "ocr/ink.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "ocr/mat_view.h"

namespace luutru::ocr {
namespace {

// An A4 page at 72 dpi, white.
cv::Mat BlankPage() { return cv::Mat(842, 595, CV_8UC1, cv::Scalar(255)); }

Raster AsRaster(const cv::Mat& page) { return ToRaster(page, 72); }

// Lines of 12-pt-like text, five words each.
void WriteLines(cv::Mat& page, int first_y, int lines) {
  for (int i = 0; i < lines; ++i) {
    cv::putText(page, "quyet dinh cong van nam", cv::Point(72, first_y + 18 * i),
                cv::FONT_HERSHEY_SIMPLEX, 0.4, cv::Scalar(0), 1, cv::LINE_AA);
  }
}

TEST(WordLikeInk, FindsTheWordsOfTextLines) {
  cv::Mat page = BlankPage();
  WriteLines(page, 100, 20);
  std::vector<Box> words = WordLikeInk(AsRaster(page));
  EXPECT_GE(words.size(), 80u);  // 100 words; a pair may join
  EXPECT_LE(words.size(), 100u);
  for (const Box& b : words) {
    EXPECT_GE(b.y0, 85);
    EXPECT_LE(b.y1, 100 + 18 * 20);
  }
}

TEST(WordLikeInk, LeavesOutRulesBlocksSpecksAndBlankPaper) {
  EXPECT_TRUE(WordLikeInk(AsRaster(BlankPage())).empty());
  cv::Mat page = BlankPage();
  cv::line(page, cv::Point(40, 400), cv::Point(560, 400), cv::Scalar(0), 2);    // a rule
  cv::line(page, cv::Point(300, 100), cv::Point(300, 700), cv::Scalar(0), 1);   // a column rule
  cv::rectangle(page, cv::Rect(100, 500, 120, 30), cv::Scalar(0), cv::FILLED);  // a filled block
  cv::rectangle(page, cv::Rect(40, 40, 500, 760), cv::Scalar(0), 1);            // a frame
  cv::circle(page, cv::Point(450, 600), 1, cv::Scalar(0), cv::FILLED);          // a speck
  for (const Box& b : WordLikeInk(AsRaster(page)))
    ADD_FAILURE() << b.x0 << "," << b.y0 << " " << b.x1 << "," << b.y1;
}

TEST(WordLikeInk, ReadsColourPagesToo) {
  cv::Mat page = BlankPage();
  WriteLines(page, 100, 5);
  cv::Mat rgb;
  cv::cvtColor(page, rgb, cv::COLOR_GRAY2RGB);
  EXPECT_GE(WordLikeInk(AsRaster(rgb)).size(), 20u);
}

}  // namespace
}  // namespace luutru::ocr
