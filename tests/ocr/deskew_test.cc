// Skew and orientation on synthetic pages whose answer is known.
#include "ocr/deskew.h"

#include <gtest/gtest.h>

#include <opencv2/imgproc.hpp>

#include "ingest/page_source.h"
#include "ocr/cleanup.h"
#include "ocr/mat_view.h"
#include "ocr/orientation.h"
#include "test_util.h"

namespace luutru::ocr {
namespace {

// An A4 page at 300 dpi with 40 lines of text, a ruled table and a round seal: the things
// that mislead deskewers.
Raster SyntheticPage() {
  cv::Mat page(3508, 2480, CV_8UC1, cv::Scalar(255));
  for (int line = 0; line < 40; ++line) {
    int y = 300 + line * 72;
    cv::putText(page, "Dieu 1. Van ban hanh chinh duoc so hoa theo quy dinh tai Nghi dinh nay",
                cv::Point(250, y), cv::FONT_HERSHEY_SIMPLEX, 1.55, cv::Scalar(0), 4);
  }
  cv::rectangle(page, cv::Rect(250, 3200, 1900, 200), cv::Scalar(0), 3);
  cv::line(page, cv::Point(1200, 3200), cv::Point(1200, 3400), cv::Scalar(0), 3);
  cv::circle(page, cv::Point(1700, 2700), 230, cv::Scalar(60), 12);
  return ToRaster(page, 300);
}

TEST(DeskewTest, KnownSkewIsRecoveredWithin0_3Degrees) {
  Raster straight = SyntheticPage();
  DeskewOptions any_skew;
  any_skew.min_degrees = 0.1;
  for (double angle : {-12.0, -6.0, -3.2, -0.7, 0.5, 1.0, 2.0, 4.5, 9.0, 14.0}) {
    double found = EstimateSkewDegrees(RotatePage(straight, angle), any_skew);
    EXPECT_NEAR(found, angle, 0.3) << "skewed by " << angle;
  }
}

TEST(DeskewTest, SkewsUnderADegreeAreLeftToTesseract) {
  Raster straight = SyntheticPage();
  EXPECT_EQ(EstimateSkewDegrees(RotatePage(straight, 0.7)), 0.0);
  EXPECT_NEAR(EstimateSkewDegrees(RotatePage(straight, -1.6)), -1.6, 0.3);
}

TEST(DeskewTest, APageOfOnlyASealHasNoSkew) {
  // A seal's ring and a few specks of its text: no lines to straighten, whatever angle the
  // noise favours.
  cv::Mat page(3508, 2480, CV_8UC1, cv::Scalar(255));
  cv::circle(page, cv::Point(900, 2300), 260, cv::Scalar(90), 14);
  cv::RNG rng(7);
  for (int i = 0; i < 400; ++i) {
    double a = rng.uniform(0.0, 6.283), r = rng.uniform(120.0, 230.0);
    cv::circle(page,
               cv::Point(900 + static_cast<int>(r * std::cos(a)),
                         2300 + static_cast<int>(r * std::sin(a))),
               rng.uniform(2, 6), cv::Scalar(70), cv::FILLED);
  }
  EXPECT_EQ(EstimateSkewDegrees(ToRaster(page, 300)), 0.0);
}

TEST(DeskewTest, StraightPageIsLeftAlone) { EXPECT_EQ(EstimateSkewDegrees(SyntheticPage()), 0.0); }

TEST(DeskewTest, BlankOrTinyPageHasNoSkew) {
  Raster blank;
  blank.width = 2480;
  blank.height = 3508;
  blank.pixels.assign(2480 * 3508, 255);
  EXPECT_EQ(EstimateSkewDegrees(blank), 0.0);
  EXPECT_EQ(EstimateSkewDegrees(Raster{}), 0.0);
}

TEST(DeskewTest, CleanupStraightensASkewedPage) {
  Raster skewed = RotatePage(SyntheticPage(), 3.0);
  auto cleaned = CleanPage(skewed, {});
  ASSERT_TRUE(cleaned.ok());
  EXPECT_NEAR(cleaned->skew_deg, 3.0, 0.3);
  EXPECT_EQ(EstimateSkewDegrees(cleaned->image), 0.0) << "straight after cleanup";
}

TEST(RotatePageTest, QuarterTurnsSwapSidesExactly) {
  Raster page = SyntheticPage();
  Raster turned = RotatePage(page, 90);
  EXPECT_EQ(turned.width, page.height);
  EXPECT_EQ(turned.height, page.width);
  Raster back = RotatePage(RotatePage(turned, 90), 180);
  EXPECT_EQ(back.pixels, page.pixels);
}

class OrientationTest : public ::testing::TestWithParam<int> {};

// The real Tesseract OSD on a real Vietnamese page turned by each quarter turn.
TEST_P(OrientationTest, EachQuarterTurnIsFoundAndUndone) {
  auto detector = CreateOsdDetector({});
  ASSERT_TRUE(detector.ok()) << detector.status().ToString();
  auto path = testing::SamplesDir() / "qd-so-hoa-tai-lieu.png";
  auto source = ingest::OpenPageSource(path, ingest::SniffFile(path), {});
  ASSERT_TRUE(source.ok());
  auto page = (*source)->LoadPage(0);
  ASSERT_TRUE(page.ok());
  int clockwise = GetParam();
  Raster turned = RotatePage(page->image, -clockwise);  // RotatePage turns counter-clockwise
  auto cleaned = CleanPage(turned, {}, detector->get());
  ASSERT_TRUE(cleaned.ok());
  EXPECT_EQ(cleaned->rotation, clockwise);
  EXPECT_EQ(cleaned->image.width, page->image.width) << "upright again";
}

INSTANTIATE_TEST_SUITE_P(QuarterTurns, OrientationTest, ::testing::Values(0, 90, 180, 270));

}  // namespace
}  // namespace luutru::ocr
