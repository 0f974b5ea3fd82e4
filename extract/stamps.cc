#include "extract/stamps.h"

#include <algorithm>
#include <optional>
#include <regex>
#include <string>

#include "core/dates.h"
#include "core/vietnamese.h"

namespace luutru::extract {
namespace {

// The printed words of the stamp's form.
enum class Printed { kNone, kDen, kSo, kNgay, kChuyen };

// A word's label part: the letters before a colon ("Số:2770" -> "Số").
std::string LabelPart(const std::string& word) { return word.substr(0, word.find(':')); }

std::string Letters(const std::string& text) {
  std::string out;
  for (const vi::Token& t : vi::Tokenize(text)) out += t.word;
  return out;
}

Printed PrintedWord(const Word& w) {
  const std::string label = LabelPart(w.text);
  const std::string letters = Letters(label);  // lower case
  const std::string folded = vi::Fold(letters);
  // "ĐẾN" is printed in capitals; "đến" in a sentence is no stamp.
  if (folded == "den" && vi::Upper(label) == label) return Printed::kDen;
  if (folded == "so") return Printed::kSo;
  if (folded == "ngay") return Printed::kNgay;
  if (folded == "chuyen") return Printed::kChuyen;
  return Printed::kNone;
}

int Height(const Box& b) { return b.y1 - b.y0; }
int GapX(const Box& a, const Box& b) {
  return std::max(0, std::max(a.x0, b.x0) - std::min(a.x1, b.x1));
}
int GapY(const Box& a, const Box& b) {
  return std::max(0, std::max(a.y0, b.y0) - std::min(a.y1, b.y1));
}
bool Contains(const Box& b, const Box& w) {
  const int cx = (w.x0 + w.x1) / 2, cy = (w.y0 + w.y1) / 2;
  return cx >= b.x0 && cx < b.x1 && cy >= b.y0 && cy < b.y1;
}

// `below` is the label on the form's next line under `above`, their left edges aligned.
bool NextLabel(const Box& above, const Box& below) {
  const int h = Height(above);
  return below.y0 > above.y0 && below.y0 - above.y1 < 3 * h / 2 &&
         std::abs(below.x0 - above.x0) < 2 * h;
}

// What was written after the label at `label`: its own text after the colon, then the words
// of its line to its right within six line heights (the dotted leader before a handwritten
// value is read as dots), dots and leaders skipped.
std::vector<const Word*> WrittenAfter(const PageText& page, size_t label,
                                      std::string& inline_value) {
  const Word& l = page.words[label];
  const size_t colon = l.text.find(':');
  inline_value = colon == std::string::npos ? "" : l.text.substr(colon + 1);
  std::vector<const Word*> after;
  for (const Word& w : page.words) {
    if (&w == &l || w.line != l.line || w.box.x0 < l.box.x1 - Height(l.box) / 2) continue;
    if (w.box.x0 - l.box.x1 > 6 * Height(l.box)) continue;
    if (w.text.find_first_not_of(".…_-:, ") == std::string::npos) continue;
    after.push_back(&w);
  }
  std::sort(after.begin(), after.end(),
            [](const Word* a, const Word* b) { return a->box.x0 < b->box.x0; });
  return after;
}

// The entry number: the first run of digits written after "Số:".
std::string ReadNumber(const std::string& inline_value, const std::vector<const Word*>& after) {
  std::string text = inline_value;
  if (text.find_first_of("0123456789") == std::string::npos && !after.empty())
    text = after.front()->text;
  static const std::regex digits(R"(^[^0-9]{0,2}([0-9]{1,6})[^0-9]{0,2}$)");
  std::smatch m;
  return std::regex_match(text, m, digits) ? m[1].str() : "";
}

// The day: d/m/yy or d/m/yyyy written after "Ngày:" (one word or up to five). A two-digit year is
// taken as POSIX strptime's %y takes it: 69-99 the 1900s, 00-68 the 2000s.
std::string ReadDate(const std::string& inline_value, const std::vector<const Word*>& after) {
  std::string text = inline_value;
  for (size_t i = 0; i < after.size() && i < 5; ++i) text += after[i]->text;
  static const std::regex date(
      R"(([0-9]{1,2})[/.\-]([0-9]{1,2})[/.\-]([0-9]{4}|[0-9]{2})(?![0-9]))");
  std::smatch m;
  if (!std::regex_search(text, m, date)) return "";
  int year = std::stoi(m[3].str());
  if (m[3].length() == 2) year += year >= 69 ? 1900 : 2000;
  const ParsedDate parsed = ParseDate(m[1].str() + "/" + m[2].str() + "/" + std::to_string(year));
  return parsed.ok() ? IsoDate(parsed.date) : "";
}

}  // namespace

std::vector<Stamp> FindStamps(const PageText& page) {
  std::vector<Stamp> stamps;
  if (page.words.empty() || page.width <= 0) return stamps;
  std::vector<size_t> den, so, ngay, chuyen;
  for (size_t i = 0; i < page.words.size(); ++i) {
    switch (PrintedWord(page.words[i])) {
      case Printed::kDen:
        den.push_back(i);
        break;
      case Printed::kSo:
        so.push_back(i);
        break;
      case Printed::kNgay:
        ngay.push_back(i);
        break;
      case Printed::kChuyen:
        chuyen.push_back(i);
        break;
      case Printed::kNone:
        break;
    }
  }
  for (size_t d : den) {
    const Box& den_box = page.words[d].box;
    for (size_t s : so) {
      const Box& so_box = page.words[s].box;
      const int h = Height(so_box);
      auto n = std::find_if(ngay.begin(), ngay.end(),
                            [&](size_t k) { return NextLabel(so_box, page.words[k].box); });
      if (n == ngay.end()) continue;
      const Box labels = Union(so_box, page.words[*n].box);
      // "ĐẾN" beside the labels or above them.
      if (GapX(den_box, labels) > 3 * h || GapY(den_box, labels) > 2 * h) continue;
      if (std::any_of(stamps.begin(), stamps.end(),
                      [&](const Stamp& st) { return Contains(st.box, so_box); }))
        continue;

      Stamp stamp;
      stamp.page = page.number;
      stamp.box = Union(den_box, labels);
      for (size_t c : chuyen) {
        if (NextLabel(page.words[*n].box, page.words[c].box))
          stamp.box = Union(stamp.box, page.words[c].box);
      }
      std::string inline_number, inline_date;
      const std::vector<const Word*> number_words = WrittenAfter(page, s, inline_number);
      const std::vector<const Word*> date_words = WrittenAfter(page, *n, inline_date);
      stamp.number = ReadNumber(inline_number, number_words);
      stamp.date = ReadDate(inline_date, date_words);
      // The office's name is printed on the line above; the form is 50 mm wide.
      stamp.box.y0 = std::max(0, stamp.box.y0 - 13 * h / 10);
      if (page.dpi > 0)
        stamp.box.x1 = std::max(stamp.box.x1, stamp.box.x0 + 50 * page.dpi * 10 / 254);
      stamp.box.x1 = std::min(stamp.box.x1, page.width);
      stamps.push_back(stamp);
    }
  }
  return stamps;
}

PageText WithoutStamps(const PageText& page, const std::vector<Stamp>& stamps) {
  PageText kept = page;
  kept.words.clear();
  for (const Word& w : page.words) {
    const bool stamped = std::any_of(stamps.begin(), stamps.end(), [&](const Stamp& s) {
      return s.page == page.number && Contains(s.box, w.box);
    });
    if (!stamped) kept.words.push_back(w);
  }
  return kept;
}

}  // namespace luutru::extract
