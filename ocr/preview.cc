#include "ocr/preview.h"

#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/mat_view.h"

namespace luutru::ocr {

namespace {

// The page as OpenCV holds it (BGR or gray), turned upright as it was read.
Result<cv::Mat> Upright(const Raster& page, int rotation) {
  if (page.empty() || (page.channels != 1 && page.channels != 3))
    return InvalidArgument("no page image to show");
  cv::Mat image = page.channels == 1 ? GrayView(page).clone() : ColorView(page).clone();
  if (page.channels == 3) cv::cvtColor(image, image, cv::COLOR_RGB2BGR);
  switch (((rotation % 360) + 360) % 360) {
    case 90:
      cv::rotate(image, image, cv::ROTATE_90_CLOCKWISE);
      break;
    case 180:
      cv::rotate(image, image, cv::ROTATE_180);
      break;
    case 270:
      cv::rotate(image, image, cv::ROTATE_90_COUNTERCLOCKWISE);
      break;
    default:
      break;
  }
  return image;
}

Result<std::string> Png(const cv::Mat& image) {
  std::vector<unsigned char> png;
  if (!cv::imencode(".png", image, png)) return Internal("the page could not be encoded as PNG");
  return std::string(png.begin(), png.end());
}

}  // namespace

Result<std::string> EncodePreviewPng(const Raster& page, int rotation, int max_width) {
  Result<cv::Mat> image = Upright(page, rotation);
  if (!image.ok()) return image.status();
  if (max_width > 0 && image->cols > max_width) {
    const double scale = static_cast<double>(max_width) / image->cols;
    cv::resize(*image, *image, cv::Size(), scale, scale, cv::INTER_AREA);
  }
  return Png(*image);
}

Result<std::string> EncodeRegionPng(const Raster& page, int rotation, const PreviewRegion& region) {
  if (region.read_width <= 0 || region.read_height <= 0)
    return InvalidArgument("the page has no boxes to show");
  Result<cv::Mat> image = Upright(page, rotation);
  if (!image.ok()) return image.status();
  const double sx = static_cast<double>(image->cols) / region.read_width;
  const double sy = static_cast<double>(image->rows) / region.read_height;
  const Box& b = region.box;
  const int margin = (b.y1 - b.y0) / 2;
  const cv::Rect wanted(static_cast<int>((b.x0 - margin) * sx),
                        static_cast<int>((b.y0 - margin) * sy),
                        static_cast<int>((b.x1 - b.x0 + 2 * margin) * sx),
                        static_cast<int>((b.y1 - b.y0 + 2 * margin) * sy));
  const cv::Rect inside = wanted & cv::Rect(0, 0, image->cols, image->rows);
  if (inside.width < 2 || inside.height < 2) return InvalidArgument("the box is not on the page");
  return Png((*image)(inside));
}

}  // namespace luutru::ocr
