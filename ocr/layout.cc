#include "ocr/layout.h"

#include <algorithm>
#include <cstdint>
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

// The ink that carries the layout: text. Specks of noise and long ruled lines (frames, table
// rules, underlines) would join every row of the page into one band, so they are left out.
cv::Mat LayoutInk(const cv::Mat& gray, int dpi) {
  cv::Mat ink;
  cv::threshold(gray, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  cv::Mat labels, stats, centroids;
  int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);
  const int speck = std::max(4, dpi * dpi / 9000);  // ~10 px at 300 dpi: smaller than a dot of "ạ"
  std::vector<std::uint8_t> keep(static_cast<size_t>(n), 255);
  for (int i = 1; i < n; ++i) {
    if (stats.at<int>(i, cv::CC_STAT_AREA) < speck) keep[static_cast<size_t>(i)] = 0;
  }
  keep[0] = 0;
  for (int y = 0; y < ink.rows; ++y) {
    const int* label = labels.ptr<int>(y);
    std::uint8_t* px = ink.ptr<std::uint8_t>(y);
    for (int x = 0; x < ink.cols; ++x) px[x] = keep[static_cast<size_t>(label[x])];
  }
  const int rule = std::max(20, dpi / 2);  // 4 cm: longer than any stroke of a letter
  cv::Mat horizontal, vertical;
  cv::morphologyEx(ink, horizontal, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(rule, 1)));
  cv::morphologyEx(ink, vertical, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, rule)));
  ink -= horizontal;
  ink -= vertical;
  return ink;
}

// Horizontal bands of ink: text lines. Lines are cut where a row is (nearly) empty; a band
// too thin to be a line (the detached marks of Vietnamese letters) joins its nearest neighbour.
std::vector<Band> TextBands(const cv::Mat& ink, int dpi) {
  cv::Mat rows;
  cv::reduce(ink, rows, 1, cv::REDUCE_SUM, CV_32S);
  std::vector<Band> raw;
  for (int y = 0; y < ink.rows;) {
    if (rows.at<int>(y) == 0) {
      ++y;
      continue;
    }
    Band b{y, y};
    while (y < ink.rows && rows.at<int>(y) > 0) ++y;
    b.y1 = y;
    raw.push_back(b);
  }
  const int thin = std::max(3, dpi / 25);  // 1 mm: a tone mark, a dot, an underline
  std::vector<Band> bands;
  for (size_t i = 0; i < raw.size(); ++i) {
    Band b = raw[i];
    if (b.y1 - b.y0 >= thin || (bands.empty() && i + 1 == raw.size())) {
      bands.push_back(b);
      continue;
    }
    // A thin band: marks above the next line, or a descender-only run below the last one.
    int gap_up = bands.empty() ? INT32_MAX : b.y0 - bands.back().y1;
    int gap_down = i + 1 < raw.size() ? raw[i + 1].y0 - b.y1 : INT32_MAX;
    if (gap_down <= gap_up && i + 1 < raw.size()) {
      raw[i + 1].y0 = b.y0;
    } else if (!bands.empty()) {
      bands.back().y1 = b.y1;
    }
  }
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
  for (long i = static_cast<long>(start); i >= 0 && i < static_cast<long>(bands.size());
       i += step) {
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
  // The layout is found at about 150 dpi (4x fewer pixels than a 300 dpi scan, same answer).
  const double scale = page.dpi > 200 ? 150.0 / page.dpi : 1.0;
  const int dpi = static_cast<int>(page.dpi * scale);
  cv::Mat gray = GrayView(page);
  if (scale < 1.0) cv::resize(gray, gray, cv::Size(), scale, scale, cv::INTER_AREA);
  cv::Mat ink = LayoutInk(gray, dpi);
  std::vector<Band> bands = TextBands(ink, dpi);
  if (bands.size() < 2) return {whole};
  const int min_gutter = std::max(6, dpi / 8);  // 3 mm: wider than any space between words

  // Analysis coordinates back to the page's.
  auto x = [&](int v) { return std::clamp(static_cast<int>(v / scale), 0, page.width); };
  auto y = [&](int v) { return std::clamp(static_cast<int>(v / scale), 0, page.height); };
  ColumnZone header = GrowZone(ink, bands, 0, +1, min_gutter);
  if (header.found && header.last + 1 == bands.size()) {
    // Two columns from top to bottom: left column, then right.
    return {Rect(0, 0, x(header.split), page.height),
            Rect(x(header.split), 0, page.width, page.height)};
  }
  ColumnZone footer = GrowZone(ink, bands, bands.size() - 1, -1, min_gutter);
  if (footer.found && (footer.first == 0 || (header.found && footer.first <= header.last))) {
    footer.found = false;
  }
  // The footer starts where its right column (the signature block) does: the body's last line,
  // short and at the left, leaves the gutter free too, and would be read after the signature.
  while (footer.found && footer.first < footer.last &&
         !HasInk(ink, bands[footer.first], footer.split, ink.cols)) {
    ++footer.first;
  }

  // Region boundaries sit halfway between the last band of one zone and the first of the next.
  auto between = [&](size_t upper) { return y((bands[upper].y1 + bands[upper + 1].y0) / 2); };
  int body_top = header.found ? between(header.last) : 0;
  int body_bottom = footer.found ? between(footer.first - 1) : page.height;

  std::vector<Box> regions;
  if (header.found) {
    regions.push_back(Rect(0, 0, x(header.split), body_top));
    regions.push_back(Rect(x(header.split), 0, page.width, body_top));
  }
  if (body_bottom > body_top) regions.push_back(Rect(0, body_top, page.width, body_bottom));
  if (footer.found) {
    regions.push_back(Rect(x(footer.split), body_bottom, page.width, page.height));  // signature
    regions.push_back(Rect(0, body_bottom, x(footer.split), page.height));           // recipients
  }
  return regions;
}

}  // namespace luutru::ocr
