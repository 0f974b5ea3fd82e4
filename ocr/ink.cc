#include "ocr/ink.h"

#include <algorithm>
#include <cstdint>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/mat_view.h"

namespace luutru::ocr {

std::vector<Box> WordLikeInk(const Raster& page) {
  std::vector<Box> out;
  if (page.empty()) return out;
  cv::Mat gray;
  if (page.channels == 3) {
    cv::cvtColor(ColorView(page), gray, cv::COLOR_RGB2GRAY);
  } else {
    gray = GrayView(page);
  }
  // Dark ink only: Otsu's threshold, and never above mid-gray (a blank page has no ink).
  cv::Mat ink, words;
  double otsu = cv::threshold(gray, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  if (otsu > 160) cv::threshold(gray, ink, 160, 255, cv::THRESH_BINARY_INV);
  const double dpi = std::max(1, page.dpi);
  // Letters of a word are a point or two apart: join them.
  const int gap = std::max(2, static_cast<int>(dpi * 3 / 72));
  cv::dilate(ink, words, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(gap, 1)));
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(words, labels, stats, centroids, 8, CV_32S);
  // The ink of each joined word as it was before joining: letters fill a third to a half of
  // their word's box, a picture or a filled block nearly all of it.
  std::vector<int> inked(static_cast<size_t>(n), 0);
  for (int y = 0; y < ink.rows; ++y) {
    const std::uint8_t* px = ink.ptr<std::uint8_t>(y);
    const int* label = labels.ptr<int>(y);
    for (int x = 0; x < ink.cols; ++x) {
      if (px[x]) ++inked[static_cast<size_t>(label[x])];
    }
  }
  const int min_height = std::max(2, static_cast<int>(dpi * 3.5 / 72));  // x-height of 7 pt text
  const int max_height = static_cast<int>(dpi * 40 / 72);
  const int min_ink = static_cast<int>(10 * (dpi / 72) * (dpi / 72));  // a letter of 7 pt at least
  for (int i = 1; i < n; ++i) {
    const int x = stats.at<int>(i, cv::CC_STAT_LEFT), y = stats.at<int>(i, cv::CC_STAT_TOP);
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    if (h < min_height || h > max_height || w < min_height) continue;
    if (inked[static_cast<size_t>(i)] < min_ink) continue;       // a speck, a dot
    if (w > page.width * 0.9) continue;                          // a rule or a frame
    if (inked[static_cast<size_t>(i)] > 0.75 * w * h) continue;  // a filled block, not letters
    out.push_back(Box{x, y, x + w, y + h});
  }
  return out;
}

}  // namespace luutru::ocr
