#include "ocr/cleanup.h"

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

namespace luutru::ocr {
namespace {

cv::Mat ToGray(const Raster& page) {
  cv::Mat view(page.height, page.width, page.channels == 3 ? CV_8UC3 : CV_8UC1,
               const_cast<std::uint8_t*>(page.pixels.data()));
  if (page.channels == 1) return view.clone();
  cv::Mat gray;
  cv::cvtColor(view, gray, cv::COLOR_RGB2GRAY);
  return gray;
}

Raster FromGray(const cv::Mat& gray, int dpi) {
  Raster out;
  out.width = gray.cols;
  out.height = gray.rows;
  out.channels = 1;
  out.dpi = dpi;
  out.pixels.resize(static_cast<size_t>(gray.cols) * gray.rows);
  cv::Mat dst(gray.rows, gray.cols, CV_8UC1, out.pixels.data());
  gray.copyTo(dst);
  return out;
}

// Background estimate: a dilation wipes out dark strokes (text is thinner than the kernel),
// a blur smooths what is left; dividing by it flattens uneven light to white paper.
cv::Mat NormalizeBackground(const cv::Mat& gray, int dpi) {
  int k = std::max(15, dpi / 20) | 1;  // ~1.3 mm at any resolution, odd
  cv::Mat background;
  cv::Mat small;
  // Work at quarter size: the background varies slowly, and this is 16x cheaper.
  cv::resize(gray, small, cv::Size(), 0.25, 0.25, cv::INTER_AREA);
  cv::dilate(small, small, cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k / 4 | 1, k / 4 | 1)));
  cv::medianBlur(small, small, 5);
  cv::resize(small, background, gray.size(), 0, 0, cv::INTER_LINEAR);
  cv::Mat normalized;
  cv::divide(gray, background, normalized, 255.0);
  return normalized;
}

}  // namespace

Result<CleanedPage> CleanPage(const Raster& page, const CleanupOptions& options) {
  if (page.empty() || page.width <= 0 || page.height <= 0) {
    return InvalidArgument("empty page image");
  }
  try {
    cv::Mat gray = ToGray(page);
    int dpi = page.dpi > 0 ? page.dpi : options.target_dpi;
    if (dpi < options.min_dpi) {
      double scale = static_cast<double>(options.target_dpi) / dpi;
      cv::resize(gray, gray, cv::Size(), scale, scale, cv::INTER_CUBIC);
      dpi = options.target_dpi;
    }
    if (options.normalize_background) gray = NormalizeBackground(gray, dpi);
    CleanedPage cleaned;
    cleaned.image = FromGray(gray, dpi);
    return cleaned;
  } catch (const cv::Exception& e) {
    return Internal(std::string("page cleanup failed: ") + e.what());
  }
}

}  // namespace luutru::ocr
