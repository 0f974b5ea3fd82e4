#include "ocr/deskew.h"

#include <cmath>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>
#include <vector>

#include "ocr/mat_view.h"

namespace luutru::ocr {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr int kAnalysisDpi = 100;  // ink is located at this resolution: fast, precise enough
constexpr size_t kMinInkPoints = 500;
// A skew is taken only when turning by it makes the projection this much sharper than the page
// as it lies. Pages of text lines: 2 (at 0.3°) to 40 times; a page holding only a seal or a
// signature 1.3-1.5 times at whatever angle its noise happens to favour (13°, 14.6° measured).
constexpr double kMinSharpening = 2.0;

// Ink pixels of a downsampled, binarized copy: the points whose projection we sharpen.
std::vector<cv::Point2f> InkPoints(const cv::Mat& gray, int dpi, double& scale) {
  scale = std::min(1.0, static_cast<double>(kAnalysisDpi) / std::max(dpi, 1));
  cv::Mat small;
  cv::resize(gray, small, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::Mat ink;
  cv::threshold(small, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  // Scanner borders and punch holes sit in the outer margin and carry no line direction.
  int mx = ink.cols / 20, my = ink.rows / 20;
  std::vector<cv::Point2f> points;
  points.reserve(static_cast<size_t>(cv::countNonZero(ink)));
  for (int y = my; y < ink.rows - my; ++y) {
    const std::uint8_t* row = ink.ptr<std::uint8_t>(y);
    for (int x = mx; x < ink.cols - mx; ++x) {
      if (row[x])
        points.emplace_back(static_cast<float>(x - ink.cols / 2),
                            static_cast<float>(y - ink.rows / 2));
    }
  }
  return points;
}

// Sharpness of the horizontal projection after rotating the points by `degrees`: the sum of
// squared bin counts, largest when text lines fall into few, full rows.
double ProfileScore(const std::vector<cv::Point2f>& points, double degrees, int bins,
                    float offset) {
  double r = degrees * kPi / 180.0;
  float s = static_cast<float>(std::sin(r)), c = static_cast<float>(std::cos(r));
  std::vector<int> hist(static_cast<size_t>(bins), 0);
  for (const cv::Point2f& p : points) {
    int bin = static_cast<int>(p.y * c + p.x * s + offset);
    if (bin >= 0 && bin < bins) ++hist[static_cast<size_t>(bin)];
  }
  double score = 0;
  for (int i = 1; i < bins; ++i) {
    double d = hist[static_cast<size_t>(i)] - hist[static_cast<size_t>(i - 1)];
    score += d * d;
  }
  return score;
}

}  // namespace

double EstimateSkewDegrees(const Raster& page, const DeskewOptions& options) {
  if (page.empty() || page.channels != 1) return 0;
  double scale = 1;
  std::vector<cv::Point2f> points = InkPoints(GrayView(page), page.dpi, scale);
  if (points.size() < kMinInkPoints) return 0;
  float half_diag = static_cast<float>(std::hypot(page.width * scale, page.height * scale) / 2 + 2);
  int bins = static_cast<int>(2 * half_diag) + 1;

  // Coarse search, then two finer passes around the best angle.
  double best = 0, best_score = -1;
  auto search = [&](double from, double to, double step) {
    for (double a = from; a <= to + 1e-9; a += step) {
      double score = ProfileScore(points, a, bins, half_diag);
      if (score > best_score) {
        best_score = score;
        best = a;
      }
    }
  };
  search(-options.max_degrees, options.max_degrees, 0.5);
  double centre = best;
  search(centre - 0.5, centre + 0.5, 0.1);
  centre = best;
  search(centre - 0.1, centre + 0.1, 0.02);
  // A line rising to the right (y = y0 - x·tanθ) falls into one bin when tan(angle) = tanθ:
  // the best angle is the skew itself, counter-clockwise positive.
  double skew = best;
  if (std::abs(skew) < options.min_degrees) return 0;
  return best_score >= kMinSharpening * ProfileScore(points, 0, bins, half_diag) ? skew : 0.0;
}

Raster RotatePage(const Raster& page, double degrees) {
  cv::Mat src = page.channels == 3 ? ColorView(page) : GrayView(page);
  cv::Mat dst;
  double turns = degrees / 90.0;
  if (std::abs(turns - std::round(turns)) < 1e-9) {
    int quarter = ((static_cast<int>(std::lround(turns)) % 4) + 4) % 4;
    if (quarter == 0) return page;
    // cv::rotate turns clockwise for the codes below; degrees here are counter-clockwise.
    static const cv::RotateFlags kCodes[] = {cv::ROTATE_90_COUNTERCLOCKWISE, cv::ROTATE_180,
                                             cv::ROTATE_90_CLOCKWISE};
    cv::rotate(src, dst, kCodes[quarter - 1]);
  } else {
    cv::Point2f centre(src.cols / 2.0f, src.rows / 2.0f);
    cv::Mat m = cv::getRotationMatrix2D(centre, degrees, 1.0);
    cv::warpAffine(src, dst, m, src.size(), cv::INTER_CUBIC, cv::BORDER_CONSTANT,
                   cv::Scalar::all(255));
  }
  return ToRaster(dst, page.dpi);
}

}  // namespace luutru::ocr
