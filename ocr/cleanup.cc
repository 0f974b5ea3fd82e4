#include "ocr/cleanup.h"

#include <algorithm>
#include <numeric>
#include <opencv2/core.hpp>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/mat_view.h"

namespace luutru::ocr {
namespace {

// Where a seal's ring or a signature stroke crosses a letter, the letter's ink under it is
// hidden: wiping the colour cuts the letter in two ("Phạm" read as "bisam"). A coloured pixel
// is given back as ink when letter strokes reach it from both sides along a straight line
// within a ring line's width: closings of the dark ink, kept to the coloured pixels. Run on a
// page whose background is already white, and only on ink thicker than the hairline fringes
// a coloured line leaves.
void RestoreInkUnderColour(cv::Mat& gray, const cv::Mat& coloured, int dpi) {
  const int k = std::max(5, dpi / 25) | 1;  // ~1 mm: wider than a ring line
  cv::Rect area = cv::boundingRect(coloured);
  if (area.empty()) return;
  area = cv::Rect(area.x - k, area.y - k, area.width + 2 * k, area.height + 2 * k) &
         cv::Rect(0, 0, gray.cols, gray.rows);
  cv::Mat region = gray(area);
  cv::Mat dark = region < 128;
  const int fringe = std::max(3, dpi / 100) | 1;
  cv::morphologyEx(dark, dark, cv::MORPH_OPEN,
                   cv::getStructuringElement(cv::MORPH_RECT, cv::Size(fringe, fringe)));
  // Along straight lines (across, down, both diagonals): a stroke cut by a ring is joined
  // along the stroke, never spread sideways along the ring (a square kernel would paint the
  // ring back between letters).
  cv::Mat backslash = cv::Mat::eye(k, k, CV_8UC1), slash;
  cv::flip(backslash, slash, 1);
  cv::Mat joined = cv::Mat::zeros(dark.size(), CV_8UC1), closed;
  for (const cv::Mat& line :
       {cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k, 1)),
        cv::getStructuringElement(cv::MORPH_RECT, cv::Size(1, k)), backslash, slash}) {
    cv::morphologyEx(dark, closed, cv::MORPH_CLOSE, line);
    joined |= closed;
  }
  region.setTo(0, joined & coloured(area));
}

// Coloured text is kept: a red name stamp under a signature ("PHÓ GIÁM ĐỐC Nguyễn Quang
// Toàn", often the only printed form of the signer's name), a red heading, a number or a date
// filled in by pen. Coloured ink is text when it is letters in a row: components of a
// letter's height with letters beside them on their line, away from any seal (a component
// larger than 20 mm, and everything inside its box: the ring and the words around its
// star). What is left of the colour (the seal, signature strokes) stays paper. The text's
// pixels, with the marks above and below its letters, get their luminance back in `gray` and
// leave `coloured`.
void KeepColouredText(const cv::Mat& rgb, cv::Mat& gray, cv::Mat& coloured, int dpi) {
  const double mm = dpi / 25.4;
  cv::Mat labels, stats, centroids;
  const int n = cv::connectedComponentsWithStats(coloured, labels, stats, centroids, 8, CV_32S);
  std::vector<cv::Rect> seals;
  for (int i = 1; i < n; ++i) {
    const cv::Rect box(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                       stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
    if (box.width > 20 * mm && box.height > 20 * mm) seals.push_back(box);
  }
  auto in_seal = [&](const cv::Rect& box) {
    for (const cv::Rect& seal : seals) {
      if ((box & seal).area() > 0) return true;
    }
    return false;
  };
  // Letters: 1.5-10 mm tall, not long strokes.
  std::vector<int> letters;
  for (int i = 1; i < n; ++i) {
    const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    if (h >= 1.5 * mm && h <= 10 * mm && w <= 3 * h) letters.push_back(i);
  }
  // Black ink: a coloured mark over black text is a pen's tick or a seal's edge, not text.
  const cv::Mat black = gray < 128;
  auto box_of = [&](int i) {
    return cv::Rect(stats.at<int>(i, cv::CC_STAT_LEFT), stats.at<int>(i, cv::CC_STAT_TOP),
                    stats.at<int>(i, cv::CC_STAT_WIDTH), stats.at<int>(i, cv::CC_STAT_HEIGHT));
  };
  std::erase_if(letters, [&](int i) {
    const cv::Rect box = box_of(i);
    return in_seal(box) || cv::countNonZero(black(box)) * 20 > box.area();
  });
  // Rows: letters joined to the letters beside them on their line; a row of three or more is
  // text. Sorted top down, a letter's line ends where the letters start below it.
  std::sort(letters.begin(), letters.end(),
            [&](int a, int b) { return box_of(a).y < box_of(b).y; });
  std::vector<size_t> row(letters.size());
  std::iota(row.begin(), row.end(), 0);
  auto root = [&](size_t a) {
    while (row[a] != a) a = row[a] = row[row[a]];
    return a;
  };
  for (size_t a = 0; a < letters.size(); ++a) {
    const cv::Rect p = box_of(letters[a]);
    for (size_t b = a + 1; b < letters.size(); ++b) {
      const cv::Rect q = box_of(letters[b]);
      if (q.y >= p.y + p.height) break;
      const int overlap = std::min(p.y + p.height, q.y + q.height) - std::max(p.y, q.y);
      const int gap = std::max(q.x - (p.x + p.width), p.x - (q.x + q.width));
      if (overlap * 2 >= std::min(p.height, q.height) && gap < std::max(p.height, q.height))
        row[root(a)] = root(b);
    }
  }
  std::vector<int> row_size(letters.size(), 0);
  for (size_t a = 0; a < letters.size(); ++a) ++row_size[root(a)];
  cv::Mat text = cv::Mat::zeros(coloured.size(), CV_8UC1);
  bool any = false;
  for (size_t a = 0; a < letters.size(); ++a) {
    if (row_size[root(a)] < 3) continue;
    const cv::Rect box = box_of(letters[a]);
    // The letter with room for its marks: half its height above, a third below.
    const cv::Rect room = cv::Rect(box.x, box.y - box.height / 2, box.width, box.height * 11 / 6) &
                          cv::Rect(0, 0, coloured.cols, coloured.rows);
    if (in_seal(room)) continue;
    text(room).setTo(255);
    any = true;
  }
  if (!any) return;
  text &= coloured;
  for (int y = 0; y < rgb.rows; ++y) {
    const cv::Vec3b* in = rgb.ptr<cv::Vec3b>(y);
    const std::uint8_t* t = text.ptr<std::uint8_t>(y);
    std::uint8_t* out = gray.ptr<std::uint8_t>(y);
    for (int x = 0; x < rgb.cols; ++x) {
      // Darker than its luminance: red ink on paper is a mid gray, and text must be dark.
      if (t[x]) out[x] = static_cast<std::uint8_t>(std::min({in[x][0], in[x][1], in[x][2]}));
    }
  }
  coloured.setTo(0, text);
}

// Gray from colour. A saturated pixel (red seal, blue signature) becomes paper and is marked
// in `coloured`; a dark pixel, even on top of a seal, keeps its luminance: the black text
// under a seal is what we read.
cv::Mat ToGray(const Raster& page, bool suppress_color_ink, cv::Mat& coloured) {
  if (page.channels == 1) return GrayView(page).clone();
  cv::Mat rgb = ColorView(page);
  cv::Mat gray(rgb.rows, rgb.cols, CV_8UC1);
  cv::Mat mask = cv::Mat::zeros(rgb.rows, rgb.cols, CV_8UC1);
  bool any_coloured = false;
  for (int y = 0; y < rgb.rows; ++y) {
    const cv::Vec3b* in = rgb.ptr<cv::Vec3b>(y);
    std::uint8_t* out = gray.ptr<std::uint8_t>(y);
    std::uint8_t* m = mask.ptr<std::uint8_t>(y);
    for (int x = 0; x < rgb.cols; ++x) {
      int r = in[x][0], g = in[x][1], b = in[x][2];
      int hi = std::max({r, g, b}), lo = std::min({r, g, b});
      if (suppress_color_ink && hi - lo > 60 && hi - lo > hi / 3) {
        out[x] = 255;
        m[x] = 255;
        any_coloured = true;
      } else {
        out[x] = static_cast<std::uint8_t>((r * 299 + g * 587 + b * 114) / 1000);
      }
    }
  }
  if (any_coloured) {
    KeepColouredText(rgb, gray, mask, std::max(page.dpi, 72));
    coloured = mask;
  }
  return gray;
}

// A page is bitonal when (nearly) every pixel is black or white: a fax or a G4 scan.
bool IsBitonal(const cv::Mat& gray) {
  int hist_size = 256;
  float range[] = {0, 256};
  const float* ranges[] = {range};
  cv::Mat hist;
  cv::calcHist(&gray, 1, nullptr, cv::Mat(), hist, 1, &hist_size, ranges);
  double extremes = hist.at<float>(0) + hist.at<float>(255);
  return extremes >= 0.995 * static_cast<double>(gray.total());
}

// Background estimate: a dilation wipes out dark strokes (text is thinner than the kernel),
// a blur smooths what is left; dividing by it flattens uneven light to white paper.
cv::Mat NormalizeBackground(const cv::Mat& gray, int dpi) {
  int k = std::max(15, dpi / 20) | 1;  // ~1.3 mm at any resolution, odd
  cv::Mat small, background, normalized;
  // Work at quarter size: the background varies slowly, and this is 16x cheaper.
  cv::resize(gray, small, cv::Size(), 0.25, 0.25, cv::INTER_AREA);
  cv::dilate(small, small,
             cv::getStructuringElement(cv::MORPH_RECT, cv::Size(k / 4 | 1, k / 4 | 1)));
  cv::medianBlur(small, small, 5);
  cv::resize(small, background, gray.size(), 0, 0, cv::INTER_LINEAR);
  cv::divide(gray, background, normalized, 255.0);
  return normalized;
}

// The ink of a page (Otsu), as connected components: labelled once, read by the speck count
// and the border removal.
struct InkComponents {
  cv::Mat labels, stats;
  int count = 0;  // including the background, label 0
};

InkComponents LabelInk(const cv::Mat& gray) {
  cv::Mat ink, centroids;
  cv::threshold(gray, ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  InkComponents c;
  c.count = cv::connectedComponentsWithStats(ink, c.labels, c.stats, centroids, 8, CV_32S);
  return c;
}

// Whitens what is not text around it: dark regions touching the page edge (scanner borders,
// shadows of the lid), frames drawn or copied around the page (a huge, nearly empty shape),
// and round dark blobs in the margins (punch holes). Text never touches the edge of a scan.
// Whether component `i` has a neighbour of a letter's size beside it on its line: a bold
// capital of a header printed close to the edge (Đ of ĐÀO, H of Hạnh) is as round and as full
// as a punch hole, but a hole stands alone.
bool InTextLine(const cv::Mat& stats, int n, int i) {
  const int x = stats.at<int>(i, cv::CC_STAT_LEFT), y = stats.at<int>(i, cv::CC_STAT_TOP);
  const int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
  for (int j = 1; j < n; ++j) {
    if (j == i) continue;
    const int jx = stats.at<int>(j, cv::CC_STAT_LEFT), jy = stats.at<int>(j, cv::CC_STAT_TOP);
    const int jw = stats.at<int>(j, cv::CC_STAT_WIDTH), jh = stats.at<int>(j, cv::CC_STAT_HEIGHT);
    if (jh * 10 < h * 3 || jh > 2 * h) continue;  // not a letter of that line's size
    const int overlap = std::min(y + h, jy + jh) - std::max(y, jy);
    if (overlap * 2 < std::min(h, jh)) continue;  // not on the same line
    const int gap = std::max(jx - (x + w), x - (jx + jw));
    if (gap < h * 3 / 2) return true;
  }
  return false;
}

void RemoveBordersAndHoles(cv::Mat& gray, const InkComponents& ink, int dpi) {
  const cv::Mat& labels = ink.labels;
  const cv::Mat& stats = ink.stats;
  const int n = ink.count;
  const double mm = dpi / 25.4;
  const int margin_x = gray.cols / 8, margin_y = gray.rows / 12;
  std::vector<bool> erase(static_cast<size_t>(n), false);
  for (int i = 1; i < n; ++i) {
    int x = stats.at<int>(i, cv::CC_STAT_LEFT), y = stats.at<int>(i, cv::CC_STAT_TOP);
    int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    int area = stats.at<int>(i, cv::CC_STAT_AREA);
    bool touches_edge = x == 0 || y == 0 || x + w >= gray.cols || y + h >= gray.rows;
    // A border is long or large; a letter of a tightly cropped scan that touches the edge is not.
    bool large = w > gray.cols / 10 || h > gray.rows / 10 || area > 25 * mm * mm;
    bool in_margin = x + w < margin_x || x > gray.cols - margin_x || y + h < margin_y ||
                     y > gray.rows - margin_y;
    bool round = w >= 3 * mm && w <= 12 * mm && h >= 3 * mm && h <= 12 * mm &&
                 std::abs(w - h) < 0.25 * std::max(w, h) && area > 0.6 * w * h;
    bool frame = w > gray.cols * 6 / 10 && h > gray.rows * 6 / 10 && area < 0.05 * w * h;
    erase[static_cast<size_t>(i)] =
        (touches_edge && large) || frame || (in_margin && round && !InTextLine(stats, n, i));
  }
  for (int y = 0; y < gray.rows; ++y) {
    const int* label = labels.ptr<int>(y);
    std::uint8_t* px = gray.ptr<std::uint8_t>(y);
    for (int x = 0; x < gray.cols; ++x) {
      if (label[x] > 0 && erase[static_cast<size_t>(label[x])]) px[x] = 255;
    }
  }
}

// Salt-and-pepper noise: many specks far smaller than any mark of a letter. Counted on the
// binarized page; a 3x3 median removes them while strokes and diacritics survive.
bool IsSpeckled(const InkComponents& ink, int dpi) {
  const cv::Mat& stats = ink.stats;
  const int n = ink.count;
  const int speck = std::max(2, dpi * dpi / 30000);  // 3 px at 300 dpi
  int specks = 0, marks = 0;
  for (int i = 1; i < n; ++i) {
    (stats.at<int>(i, cv::CC_STAT_AREA) <= speck ? specks : marks)++;
  }
  return specks > 500 && specks > marks;
}

}  // namespace

Result<CleanedPage> CleanPage(const Raster& page, const CleanupOptions& options,
                              OrientationDetector* orientation) {
  if (page.empty() || page.width <= 0 || page.height <= 0) {
    return InvalidArgument("empty page image");
  }
  try {
    CleanedPage cleaned;
    cv::Mat coloured;  // empty when the page has no coloured ink
    cv::Mat gray = ToGray(page, options.suppress_color_ink, coloured);
    cleaned.bitonal = IsBitonal(gray);
    int dpi = page.dpi > 0 ? page.dpi : options.assumed_dpi;
    if (dpi < options.min_dpi) {
      const int factor = (options.min_dpi + dpi - 1) / dpi;
      cv::resize(gray, gray, cv::Size(), factor, factor, cv::INTER_NEAREST);
      if (!coloured.empty()) cv::resize(coloured, coloured, gray.size(), 0, 0, cv::INTER_NEAREST);
      dpi *= factor;
    }
    if (options.normalize_background && !cleaned.bitonal) gray = NormalizeBackground(gray, dpi);
    if (!coloured.empty()) RestoreInkUnderColour(gray, coloured, dpi);
    if (options.denoise || options.remove_borders) {
      InkComponents ink = LabelInk(gray);
      if (options.denoise && IsSpeckled(ink, dpi)) {
        cv::medianBlur(gray, gray, 3);
        if (options.remove_borders) ink = LabelInk(gray);  // the specks are gone: label again
      }
      if (options.remove_borders) RemoveBordersAndHoles(gray, ink, dpi);
    }
    Raster current = ToRaster(gray, dpi);

    if (options.adaptive_binarize && !cleaned.bitonal) {
      cv::Mat view = GrayView(current);
      int block = std::max(15, dpi / 10) | 1;  // ~2.5 mm neighbourhood
      cv::adaptiveThreshold(view, view, 255, cv::ADAPTIVE_THRESH_GAUSSIAN_C, cv::THRESH_BINARY,
                            block, 15);
    }
    // The coloured ink's mask follows the page's turns, dark where the ink was (a turn's
    // border is white: nothing was taken off there).
    Raster taken_off;
    if (!coloured.empty()) {
      cv::Mat inverted;
      cv::bitwise_not(coloured, inverted);
      taken_off = ToRaster(inverted, dpi);
    }
    auto turn = [&](double degrees) {
      current = RotatePage(current, degrees);
      if (!taken_off.empty()) taken_off = RotatePage(taken_off, degrees);
    };
    if (options.force_rotation > 0) {
      cleaned.rotation = options.force_rotation % 360;
      turn(cleaned.rotation);
    } else if (options.force_rotation < 0 && options.fix_orientation && orientation) {
      // Orientation shows as well at 150 dpi, and costs a quarter of the time there.
      Raster small;
      if (current.dpi >= 250) {
        cv::Mat half;
        cv::resize(GrayView(current), half, cv::Size(), 0.5, 0.5, cv::INTER_AREA);
        small = ToRaster(half, current.dpi / 2);
      }
      Result<Orientation> found = orientation->Detect(small.empty() ? current : small);
      if (found.ok() && found->clockwise_degrees != 0 &&
          found->confidence >= options.min_orientation_confidence) {
        cleaned.rotation = found->clockwise_degrees;
        turn(found->clockwise_degrees);  // turn it back
      }
    }
    if (options.deskew) {
      cleaned.skew_deg = EstimateSkewDegrees(current, options.deskew_options);
      if (cleaned.skew_deg != 0) turn(-cleaned.skew_deg);
    }
    cleaned.image = std::move(current);
    cleaned.colour_taken_off = std::move(taken_off);
    return cleaned;
  } catch (const cv::Exception& e) {
    return Internal(std::string("page cleanup failed: ") + e.what());
  }
}

Status WritePng(const Raster& page, const std::string& path) {
  try {
    cv::Mat view = page.channels == 3 ? ColorView(page) : GrayView(page);
    cv::Mat out = view;
    if (page.channels == 3) cv::cvtColor(view, out, cv::COLOR_RGB2BGR);
    if (!cv::imwrite(path, out)) return IoError("cannot write " + path);
    return Status::Ok();
  } catch (const cv::Exception& e) {
    return IoError("cannot write " + path + ": " + e.what());
  }
}

}  // namespace luutru::ocr
