#include "ocr/preview.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/mat_view.h"

namespace luutru::ocr {

Result<std::string> EncodePreviewPng(const Raster& page, int rotation, int max_width) {
  if (page.empty() || (page.channels != 1 && page.channels != 3)) return InvalidArgument("no page image to show");
  cv::Mat image = page.channels == 1 ? GrayView(page).clone() : ColorView(page).clone();
  if (page.channels == 3) cv::cvtColor(image, image, cv::COLOR_RGB2BGR);
  switch (((rotation % 360) + 360) % 360) {
    case 90: cv::rotate(image, image, cv::ROTATE_90_CLOCKWISE); break;
    case 180: cv::rotate(image, image, cv::ROTATE_180); break;
    case 270: cv::rotate(image, image, cv::ROTATE_90_COUNTERCLOCKWISE); break;
    default: break;
  }
  if (max_width > 0 && image.cols > max_width) {
    const double scale = static_cast<double>(max_width) / image.cols;
    cv::resize(image, image, cv::Size(), scale, scale, cv::INTER_AREA);
  }
  std::vector<unsigned char> png;
  if (!cv::imencode(".png", image, png)) return Internal("the page could not be encoded as PNG");
  return std::string(png.begin(), png.end());
}

}  // namespace luutru::ocr
