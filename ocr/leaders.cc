#include "ocr/leaders.h"

#include <algorithm>
#include <cmath>
#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include "ocr/mat_view.h"

namespace luutru::ocr {
namespace {

struct Dot {
  int x0, y0, x1, y1;
  double cx() const { return (x0 + x1) / 2.0; }
  double cy() const { return (y0 + y1) / 2.0; }
};

// Decree 30/2020 sets text in Times New Roman, 13-14 pt (12 pt in tables and forms). There a
// period advances a quarter em (1.06-1.23 mm) and an ellipsis, one em wide, sets its dots a
// third of an em apart (1.41-1.65 mm); typefaces that set the ellipsis tighter (Noto Serif:
// ~1.35 mm at 13 pt) still set it wider than their periods.
constexpr double kWidestPeriodPitchMm = 1.27;
constexpr double kEllipsisOverPeriodPitch = 1.07;

// The gap from which dots belong to an ellipsis: a little over the pitch of the page's periods
// when it has runs of them, else the widest pitch periods have at Decree 30's sizes.
double EllipsisPitch(const std::vector<std::vector<double>>& gaps_of_leaders, double mm) {
  std::vector<double> period_gaps;
  for (const auto& gaps : gaps_of_leaders) {
    for (double g : gaps) {
      if (g <= kWidestPeriodPitchMm * mm) period_gaps.push_back(g);
    }
  }
  if (period_gaps.size() < 5) return kWidestPeriodPitchMm * mm;
  std::nth_element(period_gaps.begin(), period_gaps.begin() + period_gaps.size() / 2,
                   period_gaps.end());
  return std::min(kWidestPeriodPitchMm * mm,
                  kEllipsisOverPeriodPitch * period_gaps[period_gaps.size() / 2]);
}

bool VerticalOverlap(const Box& a, const Box& b, double share) {
  int overlap = std::min(a.y1, b.y1) - std::max(a.y0, b.y0);
  int shorter = std::min(a.y1 - a.y0, b.y1 - b.y0);
  return shorter > 0 && overlap >= share * shorter;
}

}  // namespace

std::string DotsAsTyped(const std::vector<double>& gaps, double ellipsis_pitch) {
  static const std::string kEllipsis = "\u2026";
  std::string text;
  const size_t dots = gaps.size() + 1;
  for (size_t first = 0; first < dots;) {
    // [first, last]: dots joined by ellipsis-wide gaps (a single dot when none are).
    size_t last = first;
    while (last < gaps.size() && gaps[last] >= ellipsis_pitch) ++last;
    const size_t count = last - first + 1;
    if (count < 3) {
      text.append(count, '.');
    } else {
      // A dot more than whole ellipses is a period beside them; with one, the end whose gap
      // is the narrower (a period next to an ellipsis) is where it stands.
      const size_t spare = count % 3;
      const bool period_first = spare == 2 || (spare == 1 && gaps[first] < gaps[last - 1]);
      const bool period_last = spare == 2 || (spare == 1 && !period_first);
      if (period_first) text += '.';
      for (size_t i = 0; i < count / 3; ++i) text += kEllipsis;
      if (period_last) text += '.';
    }
    first = last + 1;
  }
  return text;
}

std::vector<DotLeader> FindDotLeaders(const Raster& page) {
  std::vector<DotLeader> leaders;
  std::vector<std::vector<double>> gaps_of_leaders;
  if (page.empty() || page.channels != 1) return leaders;
  const double mm = page.dpi / 25.4;
  cv::Mat ink, labels, stats, centroids;
  cv::threshold(GrayView(page), ink, 0, 255, cv::THRESH_BINARY_INV | cv::THRESH_OTSU);
  int n = cv::connectedComponentsWithStats(ink, labels, stats, centroids, 8, CV_32S);

  // Dots: 0.15-0.8 mm, about as wide as tall, mostly filled.
  std::vector<Dot> dots;
  for (int i = 1; i < n; ++i) {
    int w = stats.at<int>(i, cv::CC_STAT_WIDTH), h = stats.at<int>(i, cv::CC_STAT_HEIGHT);
    int area = stats.at<int>(i, cv::CC_STAT_AREA);
    if (w < 0.15 * mm || h < 0.15 * mm || w > 0.8 * mm || h > 0.8 * mm) continue;
    if (std::max(w, h) > 2 * std::min(w, h) || area < 0.5 * w * h) continue;
    int x = stats.at<int>(i, cv::CC_STAT_LEFT), y = stats.at<int>(i, cv::CC_STAT_TOP);
    dots.push_back({x, y, x + w, y + h});
  }
  // Chains along a baseline, left to right: the next dot within 0.4-3 mm, on the same row.
  std::sort(dots.begin(), dots.end(), [](const Dot& a, const Dot& b) { return a.x0 < b.x0; });
  std::vector<bool> used(dots.size(), false);
  const double max_gap = 3.0 * mm, max_drift = 0.35 * mm;
  for (size_t i = 0; i < dots.size(); ++i) {
    if (used[i]) continue;
    std::vector<size_t> chain = {i};
    for (size_t j = i + 1; j < dots.size(); ++j) {
      const Dot& last = dots[chain.back()];
      if (dots[j].x0 - last.x1 > max_gap) {
        if (dots[j].cx() - last.cx() > max_gap * 2) break;  // sorted by x: nothing closer follows
        continue;
      }
      if (used[j] || dots[j].x0 <= last.x1 || std::abs(dots[j].cy() - last.cy()) > max_drift)
        continue;
      chain.push_back(j);
    }
    if (chain.size() < 3) continue;
    // Evenly spaced: the gaps of a leader vary little; scattered specks do not line up so.
    std::vector<double> pitches;
    for (size_t k = 1; k < chain.size(); ++k)
      pitches.push_back(dots[chain[k]].cx() - dots[chain[k - 1]].cx());
    std::vector<double> sorted = pitches;
    std::nth_element(sorted.begin(), sorted.begin() + sorted.size() / 2, sorted.end());
    double median = sorted[sorted.size() / 2];
    // A leader is typed periods or ellipses: 1.1-1.7 mm apart at 12-14 pt, never the wider
    // pitch of the dots of i's and of dots below (ạ, ệ) in neighbouring letters. A lone
    // ellipsis or two set wide is left to OCR: erased, it costs the words around it their
    // spaces (Tesseract then reads "Văn bản số…3" as "Vănbảnsố3").
    const double widest = chain.size() >= 7 ? 1.9 * mm : 1.6 * mm;
    if (median < 0.4 * mm || median > widest) continue;
    // Split the chain where a gap is far wider than the pitch (two leaders with a word between
    // them would have been two chains already; this splits leaders a space apart).
    size_t start = 0;
    auto flush = [&](size_t end) {  // dots chain[start..end)
      bool regular = true;
      for (size_t k = start + 1; k < end; ++k) {
        double pitch = pitches[k - 1];
        regular = regular && pitch >= 0.6 * median && pitch <= 1.4 * median;
      }
      if (end - start >= 3 && regular) {
        DotLeader leader;
        leader.box = {dots[chain[start]].x0, dots[chain[start]].y0, dots[chain[start]].x1,
                      dots[chain[start]].y1};
        for (size_t k = start; k < end; ++k) {
          const Dot& d = dots[chain[k]];
          leader.box = {std::min(leader.box.x0, d.x0), std::min(leader.box.y0, d.y0),
                        std::max(leader.box.x1, d.x1), std::max(leader.box.y1, d.y1)};
          used[chain[k]] = true;
        }
        leader.dots = static_cast<int>(end - start);
        leaders.push_back(leader);
        gaps_of_leaders.emplace_back(pitches.begin() + static_cast<long>(start),
                                     pitches.begin() + static_cast<long>(end - 1));
      }
      start = end;
    };
    for (size_t k = 1; k < chain.size(); ++k) {
      if (pitches[k - 1] > 1.4 * median) flush(k);
    }
    flush(chain.size());
  }
  const double ellipsis_pitch = EllipsisPitch(gaps_of_leaders, mm);
  for (size_t i = 0; i < leaders.size(); ++i)
    leaders[i].text = DotsAsTyped(gaps_of_leaders[i], ellipsis_pitch);
  return leaders;
}

Raster EraseLeaders(const Raster& page, const std::vector<DotLeader>& leaders) {
  Raster out = page;
  cv::Mat view = GrayView(out);
  for (const DotLeader& l : leaders) {
    cv::rectangle(
        view,
        cv::Rect(l.box.x0 - 1, l.box.y0 - 1, l.box.x1 - l.box.x0 + 2, l.box.y1 - l.box.y0 + 2),
        cv::Scalar(255), cv::FILLED);
  }
  return out;
}

std::string AssembleText(const std::vector<Word>& words, const std::vector<DotLeader>& leaders) {
  // A line: its pieces (words and leaders) and its box.
  struct Piece {
    Box box;
    std::string text;
    bool leader = false;
  };
  struct Line {
    int block = 0;
    Box box;
    std::vector<Piece> pieces;
  };
  std::vector<Line> lines;
  for (size_t i = 0; i < words.size(); ++i) {
    const Word& w = words[i];
    if (lines.empty() || i == 0 || w.line != words[i - 1].line) {
      lines.push_back({w.block, w.box, {}});
    }
    Line& line = lines.back();
    line.box = {std::min(line.box.x0, w.box.x0), std::min(line.box.y0, w.box.y0),
                std::max(line.box.x1, w.box.x1), std::max(line.box.y1, w.box.y1)};
    line.pieces.push_back({w.box, w.text});
  }
  for (const DotLeader& leader : leaders) {
    Piece piece{
        leader.box,
        leader.text.empty() ? std::string(static_cast<size_t>(leader.dots), '.') : leader.text,
        true};
    // Onto the line it sits on (its dots sit on that line's baseline)…
    auto on = std::find_if(lines.begin(), lines.end(), [&](const Line& l) {
      return leader.box.y1 >= l.box.y0 && leader.box.y1 <= l.box.y1 + (l.box.y1 - l.box.y0) / 4;
    });
    if (on != lines.end()) {
      on->pieces.push_back(piece);
      on->box.x0 = std::min(on->box.x0, piece.box.x0);
      on->box.x1 = std::max(on->box.x1, piece.box.x1);
      continue;
    }
    // …or a line of its own, before the first line below it.
    auto below = std::find_if(lines.begin(), lines.end(), [&](const Line& l) {
      return l.box.y0 > leader.box.y1 && !VerticalOverlap(l.box, leader.box, 0.5);
    });
    int block = below != lines.end() ? below->block : (lines.empty() ? 0 : lines.back().block);
    lines.insert(below, Line{block, leader.box, {piece}});
  }
  std::string text;
  for (size_t i = 0; i < lines.size(); ++i) {
    Line& line = lines[i];
    std::stable_sort(line.pieces.begin(), line.pieces.end(),
                     [](const Piece& a, const Piece& b) { return a.box.x0 < b.box.x0; });
    if (i > 0) text += line.block != lines[i - 1].block ? "\n\n" : "\n";
    const int height = std::max(1, line.box.y1 - line.box.y0);
    for (size_t k = 0; k < line.pieces.size(); ++k) {
      // A leader touching a word ("1……8") is written without a space, as it was typed.
      bool touching = k > 0 && line.pieces[k].box.x0 - line.pieces[k - 1].box.x1 < height / 4 &&
                      (line.pieces[k].leader || line.pieces[k - 1].leader);
      if (k > 0 && !touching) text += ' ';
      text += line.pieces[k].text;
    }
  }
  return text;
}

}  // namespace luutru::ocr
