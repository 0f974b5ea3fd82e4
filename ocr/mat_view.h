// Raster <-> cv::Mat, private to ocr/ (never included by a public header).
#pragma once

#include <cstring>
#include <opencv2/core.hpp>

#include "core/raster.h"

namespace luutru::ocr {

// A Mat over the raster's own bytes (no copy). The raster must outlive it.
inline cv::Mat GrayView(const Raster& r) {
  return cv::Mat(r.height, r.width, CV_8UC1, const_cast<std::uint8_t*>(r.pixels.data()));
}
inline cv::Mat ColorView(const Raster& r) {
  return cv::Mat(r.height, r.width, CV_8UC3, const_cast<std::uint8_t*>(r.pixels.data()));
}

// A raster holding a copy of `m` (8-bit, 1 or 3 channels).
inline Raster ToRaster(const cv::Mat& m, int dpi) {
  Raster out;
  out.width = m.cols;
  out.height = m.rows;
  out.channels = m.channels();
  out.dpi = dpi;
  out.pixels.resize(m.total() * m.elemSize());
  cv::Mat dst(m.rows, m.cols, m.type(), out.pixels.data());
  m.copyTo(dst);
  return out;
}

}  // namespace luutru::ocr
