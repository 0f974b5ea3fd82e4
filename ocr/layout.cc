#include "ocr/layout.h"

#include <algorithm>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/mat_view.h"

namespace luutru::ocr {
namespace {

struct Band {
  int y0 = 0, y1 = 0;  // rows [y0, y1)
};

struct Span {
  int x0 = 0, x1 = 0;  // columns [x0, x1)
  int width() const { return x1 - x0; }
};

// Horizontal bands of ink: text lines, with a line's detached diacritics merged into it.
std::vector<Band> TextBands(const cv::Mat& ink, int dpi) {
  cv::Mat rows;
  cv::reduce(ink, rows, 1, cv::REDUCE_SUM, CV_32S);
  const int min_ink = 2 * 255, merge_gap = std::max(2, dpi / 30), min_height = std::max(2, dpi / 60);
  std::vector<Band> bands;
  for (int y = 0; y < ink.rows;) {
    if (rows.at<int>(y) < min_ink) {
      ++y;
      continue;
    }
    Band b{y, y};
    while (y < ink.rows && rows.at<int>(y) >= min_ink) ++y;
    b.y1 = y;
    if (!bands.empty() && b.y0 - bands.back().y1 < merge_gap) {
      bands.back().y1 = b.y1;
    } else {
      bands.push_back(b);
    }
  }
  bands.erase(std::remove_if(bands.begin(), bands.end(),
                             [&](const Band& b) { return b.y1 - b.y0 < min_height; }),
              bands.end());
  return bands;
}

// The widest ink-free span of `band` inside `within`, or an empty span.
Span FreeSpan(const cv::Mat& ink, const Band& band, Span within) {
  cv::Mat cols;
  cv::reduce(ink.rowRange(band.y0, band.y1), cols, 0, cv::REDUCE_SUM, CV_32S);
  Span best, run{within.x0, within.x0};
  for (int x = within.x0; x <= within.x1; ++x) {
    bool free = x < within.x1 && cols.at<int>(x) == 0;
    if (free) {
      run.x1 = x + 1;
      continue;
    }
    if (run.width() > best.width()) best = run;
    run = {x + 1, x + 1};
  }
  return best;
}

bool HasInk(const cv::Mat& ink, const Band& band, int x0, int x1) {
  return x1 > x0 && cv::countNonZero(ink(cv::Range(band.y0, band.y1), cv::Range(x0, x1))) > 0;
}

// A run of bands that share a gutter: the bands [first, last] and the gutter's centre.
struct ColumnZone {
  size_t first = 0, last = 0;
  int split = 0;
  bool found = false;
};

// Grows a two-column zone from band `start` in direction `step` (+1 down, -1 up) while the
// bands leave a common gutter in the middle of the page at least `min_gutter` wide.
ColumnZone GrowZone(const cv::Mat& ink, const std::vector<Band>& bands, size_t start, int step,
                    int min_gutter) {
  ColumnZone zone;
  Span gutter{ink.cols * 3 / 10, ink.cols * 7 / 10};
  bool left = false, right = false;
  size_t count = 0;
  for (long i = static_cast<long>(start); i >= 0 && i < static_cast<long>(bands.size()); i += step) {
    const Band& band = bands[static_cast<size_t>(i)];
    Span free = FreeSpan(ink, band, gutter);
    if (free.width() < min_gutter) break;
    gutter = free;
    left = left || HasInk(ink, band, 0, gutter.x0);
    right = right || HasInk(ink, band, gutter.x1, ink.cols);
    zone.last = static_cast<size_t>(i);
    ++count;
  }
  zone.first = start;
  zone.split = (gutter.x0 + gutter.x1) / 2;
  zone.found = count >= 2 && left && right;
  if (step < 0) std::swap(zone.first, zone.last);
  return zone;
}

Box Rect(int x0, int y0, int x1, int y1) { return Box{x0, y0, x1, y1}; }

}  // namespace

std::vector<Box> ReadingRegions(const Raster& page) {
  const Box whole = Rect(0, 0, page.width, page.height);
  if (page.empty() || page.channels != 1) return {whole};
  cv::Mat ink;
  cv::threshold(GrayView(page), ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  std::vector<Band> bands = TextBands(ink, page.dpi);
  if (bands.size() < 2) return {whole};
  const int min_gutter = std::max(8, page.dpi / 8);  // 3 mm: wider than any space between words

  ColumnZone header = GrowZone(ink, bands, 0, +1, min_gutter);
  if (header.found && header.last + 1 == bands.size()) {
    // Two columns from top to bottom: left column, then right.
    return {Rect(0, 0, header.split, page.height), Rect(header.split, 0, page.width, page.height)};
  }
  ColumnZone footer = GrowZone(ink, bands, bands.size() - 1, -1, min_gutter);
  if (footer.found && (footer.first == 0 || (header.found && footer.first <= header.last))) {
    footer.found = false;
  }

  // Region boundaries sit halfway between the last band of one zone and the first of the next.
  auto between = [&](size_t upper) { return (bands[upper].y1 + bands[upper + 1].y0) / 2; };
  int body_top = header.found ? between(header.last) : 0;
  int body_bottom = footer.found ? between(footer.first - 1) : page.height;

  std::vector<Box> regions;
  if (header.found) {
    regions.push_back(Rect(0, 0, header.split, body_top));
    regions.push_back(Rect(header.split, 0, page.width, body_top));
  }
  if (body_bottom > body_top) regions.push_back(Rect(0, body_top, page.width, body_bottom));
  if (footer.found) {
    regions.push_back(Rect(footer.split, body_bottom, page.width, page.height));  // signature
    regions.push_back(Rect(0, body_bottom, footer.split, page.height));           // recipients
  }
  return regions;
}

}  // namespace luutru::ocr
