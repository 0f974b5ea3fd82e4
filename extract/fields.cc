#include "extract/fields.h"

#include <algorithm>
#include <cmath>
#include <numeric>
#include <optional>

#include "core/marks.h"
#include "core/strings.h"
#include "core/syllables.h"
#include "core/vietnamese.h"
#include "extract/fragments.h"
#include "extract/patterns.h"
#include "extract/stamps.h"

namespace luutru::extract {
namespace {

// A value that needed OCR repair (or was inferred, as a type from a number's code) is
// trusted less than one read as printed.
constexpr double kRepairedTrust = 0.75;
// Where the header may reach on a page without a title line: its top share.
constexpr double kHeaderShare = 0.45;
// Lines read from the top of a page without boxes that may still be header.
constexpr size_t kHeaderLines = 20;

// A page's fragments in an order that suits geometry: top to bottom when it has boxes, the
// reading order otherwise; with the neighbour queries the layout rules need.
class PageView {
 public:
  explicit PageView(PageLayout layout) : layout_(std::move(layout)) {
    order_.resize(layout_.fragments.size());
    std::iota(order_.begin(), order_.end(), size_t{0});
    if (layout_.has_boxes) {
      std::stable_sort(order_.begin(), order_.end(), [&](size_t a, size_t b) {
        const Box &p = layout_.fragments[a].box, &q = layout_.fragments[b].box;
        return p.y0 != q.y0 ? p.y0 < q.y0 : p.x0 < q.x0;
      });
    }
  }

  int page() const { return layout_.page; }
  bool has_boxes() const { return layout_.has_boxes; }
  size_t size() const { return order_.size(); }
  const Fragment& at(size_t k) const { return layout_.fragments[order_[k]]; }
  const std::string& text(size_t k) const { return at(k).text; }
  double width() const { return layout_.width; }
  double height() const { return layout_.height; }
  double CenterX(size_t k) const { return (at(k).box.x0 + at(k).box.x1) / 2.0; }
  double CenterY(size_t k) const { return (at(k).box.y0 + at(k).box.y1) / 2.0; }
  int LineHeight(size_t k) const { return std::max(1, at(k).box.y1 - at(k).box.y0); }

  // The nearest fragment under `k` that shares some of its width (the next line of the same
  // column); without boxes, the next line.
  std::optional<size_t> Below(size_t k) const { return Neighbour(k, +1); }
  // Likewise above.
  std::optional<size_t> Above(size_t k) const { return Neighbour(k, -1); }

 private:
  std::optional<size_t> Neighbour(size_t k, int direction) const {
    if (!has_boxes()) {
      if (direction > 0) return k + 1 < size() ? std::optional<size_t>(k + 1) : std::nullopt;
      return k > 0 ? std::optional<size_t>(k - 1) : std::nullopt;
    }
    const Box& b = at(k).box;
    const int slack = LineHeight(k) / 3;
    std::optional<size_t> best;
    for (size_t j = 0; j < size(); ++j) {
      const Box& c = at(j).box;
      if (j == k || std::min(b.x1, c.x1) <= std::max(b.x0, c.x0)) continue;
      // By its middle: a line under another may reach up into it with its marks (a box of a
      // slightly skewed line, or the hats of its capitals).
      const int middle = (c.y0 + c.y1) / 2;
      if (direction > 0) {
        if (c.y0 < b.y1 - slack && middle <= b.y1) continue;
        if (!best || c.y0 < at(*best).box.y0) best = j;
      } else {
        if (c.y1 > b.y0 + slack && middle >= b.y0) continue;
        if (!best || c.y1 > at(*best).box.y1) best = j;
      }
    }
    return best;
  }

  PageLayout layout_;
  std::vector<size_t> order_;
};

void Note(Fields& out, Field field, const PageView& view, const std::vector<size_t>& ks,
          bool exact) {
  Evidence e;
  e.page = view.page();
  double confidence = 1.0;
  // A number, a date or a name is wrong when any one of its words is: it is as sure as its
  // least sure word ("ngày @3" read "03" under a hand's "23"). Longer text, as its mean.
  const bool every_word_counts = field == Field::kNumber || field == Field::kDate ||
                                 field == Field::kPlace || field == Field::kSigner;
  for (size_t i = 0; i < ks.size(); ++i) {
    const Fragment& f = view.at(ks[i]);
    e.box = i == 0 ? f.box : Union(e.box, f.box);
    confidence = std::min(confidence, every_word_counts ? f.weakest : f.confidence);
  }
  e.confidence = std::round(confidence * (exact ? 1.0 : kRepairedTrust) * 100) / 100;
  out.evidence[field] = e;
}

// The field's value is a repair of what the page read ("TÍNH QUẢNG NGÃI", "Đã Minh Trung"):
// the evidence keeps what was read, the first reading when repairs follow one another.
void NoteRead(Fields& out, Field field, const std::string& read) {
  std::string Metadata::*text = FieldOf(field).text;
  if (!text || out.metadata.*text == read || read.empty()) return;
  Evidence& e = out.evidence[field];
  if (e.read.empty()) e.read = read;
}

std::string JoinTexts(const PageView& view, const std::vector<size_t>& ks) {
  std::string out;
  for (size_t k : ks) {
    if (!out.empty()) out += ' ';
    out += view.text(k);
  }
  return out;
}

std::string TrimPunctuation(std::string s) {
  while (!s.empty() && (s.back() == ' ' || s.back() == ';' || s.back() == ',' || s.back() == '.'))
    s.pop_back();
  size_t start =
      s.find_first_not_of(" -~\xE2\x80\x93+*");  // "- ", "– ", "+ ", "* ", "~ " (a dash read small)
  return start == std::string::npos ? "" : s.substr(start);
}

// A name line in capitals keeps its capitalized words ("TRƯỜNG THPT Gia Lộc"); lower-case
// words after them are specks OCR read as letters ("BAN TUYÊN GIÁO kụ").
std::string WithoutTrailingLowerCase(const std::string& line) {
  if (!IsUpperCaseLine(line)) return line;
  std::string out = line;
  for (;;) {
    size_t space = out.rfind(' ');
    if (space == std::string::npos || !StartsWithLowerCase(out.substr(space + 1))) break;
    out.resize(space);
  }
  return out;
}

// The first page's header: the blocks above the title (or, without one, the top of the page).
class HeaderReader {
 public:
  HeaderReader(const PageView& view, Fields& out) : view_(view), out_(out) {}

  void Read() {
    FindBody();
    FindTitle();
    FindNumberAndDate();
    FindSubject();
    FindMarks();
    FindAgency();
    DecideType();
  }

 private:
  bool InHeader(size_t k) const {
    if (body_) {
      bool above_body =
          view_.has_boxes() ? view_.at(k).box.y1 <= view_.at(*body_).box.y0 : k < *body_;
      if (!above_body) return false;
    }
    if (title_) {
      return view_.has_boxes()
                 ? view_.at(k).box.y1 <= view_.at(*title_).box.y0 + view_.LineHeight(*title_) / 2
                 : k < *title_;
    }
    return view_.has_boxes() ? view_.CenterY(k) < kHeaderShare * view_.height() : k < kHeaderLines;
  }

  bool Used(size_t k) const { return std::find(used_.begin(), used_.end(), k) != used_.end(); }

  // The first line that opens the body ("Căn cứ", "Kính gửi", "Điều 1.", "1."): nothing
  // below it is header.
  void FindBody() {
    for (size_t k = 0; k < view_.size() && !body_; ++k) {
      if (StartsBody(view_.text(k))) body_ = k;
    }
  }

  void FindTitle() {
    for (size_t k = 0; k < view_.size(); ++k) {
      if (view_.has_boxes()) {
        if (view_.CenterY(k) > 0.6 * view_.height()) break;
        if (std::abs(view_.CenterX(k) - view_.width() / 2) > 0.2 * view_.width()) continue;
      } else if (k >= 2 * kHeaderLines) {
        break;
      }
      if (std::optional<Match> m = MatchDocTypeTitle(view_.text(k))) {
        title_ = k;
        title_match_ = *m;
        used_.push_back(k);
        return;
      }
    }
  }

  void FindNumberAndDate() {
    for (size_t k = 0; k < view_.size(); ++k) {
      if (!InHeader(k)) continue;
      if (!number_) {
        if (std::optional<Match> m = ParseNumberLine(view_.text(k))) {
          number_ = k;
          out_.metadata.number = m->value;
          Note(out_, Field::kNumber, view_, {k}, m->exact);
          used_.push_back(k);
        }
      }
      if (!date_) {
        if (std::optional<DateLine> d = ParseDateLine(WithoutMotto(view_.text(k)))) {
          date_ = k;
          out_.metadata.date = d->iso;
          Note(out_, Field::kDate, view_, {k}, d->exact);
          if (!d->place.empty()) {
            out_.metadata.place = CanonicalPlace(d->place);
            Note(out_, Field::kPlace, view_, {k}, d->exact);
            NoteRead(out_, Field::kPlace, d->place);
          }
          used_.push_back(k);
        }
      }
    }
    // No whole date could be read (a day written by hand, a blank): the place and the date
    // as far as it is printed (its month and year) still can be, and the line is the date line
    // all the same. Both are noted as less sure, so that review lists them.
    for (size_t k = 0; k < view_.size() && !date_ && out_.metadata.place.empty(); ++k) {
      if (!InHeader(k) || Used(k)) continue;
      if (std::optional<DateLine> d = ParsePartialDateLine(WithoutMotto(view_.text(k)))) {
        date_ = k;
        out_.metadata.date = d->iso;
        Note(out_, Field::kDate, view_, {k}, false);
        out_.metadata.place = CanonicalPlace(d->place);
        Note(out_, Field::kPlace, view_, {k}, false);
        NoteRead(out_, Field::kPlace, d->place);
        used_.push_back(k);
      }
    }
  }

  // "Về việc …" or "V/v …": a trích yếu of its own. A wrapped line may open with "về" too
  // ("…, phức tạp / về trật tự, an toàn xã hội").
  static bool StartsAnotherSubject(const std::string& line) {
    if (IsCongVanSubject(line)) return true;
    std::vector<std::string> words = SplitSpaces(Trim(line));
    return words.size() >= 2 && Key(words[0]) == "ve" && Key(words[1]) == "viec";
  }

  void FindSubject() {
    std::optional<size_t> first;
    bool exact = true;
    if (title_) {
      std::optional<size_t> below = view_.Below(*title_);
      if (below && !StartsBody(view_.text(*below)) && !IsUpperCaseLine(view_.text(*below))) {
        bool centered =
            !view_.has_boxes() ||
            std::abs(view_.CenterX(*below) - view_.CenterX(*title_)) < 0.1 * view_.width();
        if (StartsSubject(view_.text(*below))) {
          first = below;
        } else if (view_.has_boxes() ? centered : !StartsWithLowerCase(view_.text(*below))) {
          // A trích yếu that does not open with "Về" ("BÁO CÁO / Tình hình, kết quả …"):
          // centered under the title, or, without boxes, the capitalized line right under it.
          first = below;
          exact = false;
        }
      }
    }
    if (!first) {
      for (size_t k = 0; k < view_.size() && !first; ++k) {
        if (InHeader(k) && !Used(k) && IsCongVanSubject(view_.text(k))) first = k;
      }
    }
    if (!first) return;
    std::vector<size_t> lines = {*first};
    used_.push_back(*first);
    // Continuation lines: close under the last one, centered like the first (or, without
    // boxes, going on in lower case).
    for (std::optional<size_t> next = view_.Below(*first); next; next = view_.Below(lines.back())) {
      const std::string& t = view_.text(*next);
      if (Used(*next) || StartsBody(t) || IsUpperCaseLine(t) || LetterCount(t) == 0 ||
          StartsAnotherSubject(t) || ParseDateLine(t) || IsRecipientsHeading(t)) {
        break;
      }
      if (view_.has_boxes()) {
        size_t last = lines.back();
        bool close = view_.at(*next).box.y0 - view_.at(last).box.y1 < view_.LineHeight(last);
        bool centered =
            std::abs(view_.CenterX(*next) - view_.CenterX(*first)) < 0.08 * view_.width();
        // A trích yếu wraps to lines short of the text's measure, or inside it short of both
        // its edges (its second line may be the wider: "…, phức tạp / về trật tự, an toàn xã
        // hội"); the body's lines run the measure, to its right edge.
        auto width = [&](size_t k) { return view_.at(k).box.x1 - view_.at(k).box.x0; };
        size_t widest = 0;
        for (size_t k = 0; k < view_.size(); ++k) widest = width(k) > width(widest) ? k : widest;
        const double inset = 0.04 * view_.width();
        bool narrow = width(*next) <= width(*first) * 11 / 10 ||
                      width(*next) * 4 < width(widest) * 3 ||
                      (view_.at(*next).box.x0 > view_.at(widest).box.x0 + inset &&
                       view_.at(*next).box.x1 < view_.at(widest).box.x1 - inset);
        if (!close || !narrow || !(centered || StartsWithLowerCase(t))) break;
      } else if (!StartsWithLowerCase(t)) {
        break;
      }
      lines.push_back(*next);
      used_.push_back(*next);
    }
    // A trích yếu opens with a capital ("Về việc", "V/v"), which OCR may read small.
    std::string subject = vi::CapitalizeFirst(TrimPunctuation(JoinTexts(view_, lines)));
    if (IsCongVanSubject(subject)) {
      const size_t mark = subject.find_first_of("Vv");  // after any specks read before it
      subject = "V/v" + subject.substr(subject.find_first_of("vVy", mark + 1) + 1);
    }
    out_.metadata.subject = subject;
    congvan_ = IsCongVanSubject(subject);
    Note(out_, Field::kSubject, view_, lines, exact);
  }

  void FindMarks() {
    for (size_t k = 0; k < view_.size(); ++k) {
      if (!InHeader(k) || Used(k)) continue;
      std::string text = WithoutMotto(view_.text(k));
      if (out_.metadata.confidentiality.empty()) {
        if (std::optional<Match> m = MatchConfidentiality(text)) {
          out_.metadata.confidentiality = m->value;
          Note(out_, Field::kConfidentiality, view_, {k}, m->exact);
          used_.push_back(k);
          continue;
        }
      }
      if (out_.metadata.urgency.empty()) {
        if (std::optional<Match> m = MatchUrgency(text)) {
          out_.metadata.urgency = m->value;
          Note(out_, Field::kUrgency, view_, {k}, m->exact);
          used_.push_back(k);
        }
      }
    }
  }

  // The issuing body: the left block's name lines above the number. A line continues the one
  // above when it completes it ("ỦY BAN NHÂN DÂN" / "TỈNH THANH HÓA"); otherwise the line above
  // is the parent body ("UBND TỈNH HẢI DƯƠNG" / "SỞ NỘI VỤ").
  void FindAgency() {
    std::vector<std::vector<size_t>> units;
    std::string unit_text;
    for (size_t k = 0; k < view_.size(); ++k) {
      if (!InHeader(k) || Used(k)) continue;
      // A line OCR ran on into the motto keeps its left part.
      std::string text = BeforeMotto(view_.text(k));
      const bool shared = text != view_.text(k);
      if (view_.has_boxes()) {
        if (view_.at(k).box.x0 >= 0.5 * view_.width()) continue;
        if (!shared && view_.CenterX(k) >= 0.5 * view_.width()) continue;
        if (number_ && view_.at(k).box.y0 >= view_.at(*number_).box.y0) continue;
      } else if ((number_ && k > *number_) || (!number_ && date_ && k > *date_) ||
                 (!number_ && !date_)) {
        continue;  // without boxes, the name lines are known only by the number or date under them
      }
      if (LetterCount(text) < 2 || IsMotto(text) || StartsBody(text) || ParseNumberLine(text))
        continue;
      // The Party's "*" under the body's name, read as a short low-confidence word ("kụ").
      if (LetterCount(text) <= 3 && view_.at(k).confidence < 0.5) continue;
      // A body's name is printed in capitals, at least its first word ("TRƯỜNG THPT Gia Lộc").
      if (!IsUpperCaseLine(text.substr(0, text.find(' ')))) continue;
      const std::string unit_key = Key(unit_text);
      bool continues = !units.empty() && ((StartsWithLocality(text) && !HasLocality(unit_text)) ||
                                          Key(text).rfind("va ", 0) == 0 ||
                                          unit_key.ends_with(" va") || unit_key.ends_with(" cua"));
      if (continues) {
        units.back().push_back(k);
        unit_text += " " + text;
      } else {
        units.push_back({k});
        unit_text = text;
      }
    }
    if (units.empty()) return;
    auto join = [&](const std::vector<size_t>& ks) {
      std::string joined;
      for (size_t k : ks)
        joined +=
            (joined.empty() ? "" : " ") + WithoutTrailingLowerCase(BeforeMotto(view_.text(k)));
      // A body's name ends with a letter: a speck read after it as "." or "," is no part of it.
      return CanonicalBodyName(TrimPunctuation(joined));
    };
    out_.metadata.agency = join(units.back());
    Note(out_, Field::kAgency, view_, units.back(), true);
    if (units.size() >= 2) {
      const std::vector<size_t>& parent = units[units.size() - 2];
      out_.metadata.parent_agency = join(parent);
      Note(out_, Field::kParentAgency, view_, parent, true);
    }
  }

  // The title names the type; a damaged title is checked against the number's type code, and
  // without a title a "V/v" subject makes it a công văn.
  void DecideType() {
    std::string from_code = DocTypeForNumber(out_.metadata.number);
    if (title_ && (title_match_.exact || from_code.empty() || from_code == title_match_.value)) {
      out_.metadata.doc_type = title_match_.value;
      Note(out_, Field::kDocType, view_, {*title_},
           title_match_.exact || from_code == title_match_.value);
    } else if (!from_code.empty() && number_) {
      out_.metadata.doc_type = from_code;
      Note(out_, Field::kDocType, view_, {*number_}, false);
    } else if (congvan_) {
      out_.metadata.doc_type = "CÔNG VĂN";
      out_.evidence[Field::kDocType] = out_.evidence[Field::kSubject];
    }
  }

  const PageView& view_;
  Fields& out_;
  std::optional<size_t> body_, title_, number_, date_;
  Match title_match_;
  bool congvan_ = false;
  std::vector<size_t> used_;
};

// A line between a signer's title and name that is not text: seal and signature strokes read
// as letters and symbols ("/ NẠI ⁄Z"), "(Đã ký)".
bool IsSignatureNoise(const Fragment& f) {
  if (LetterCount(f.text) < 3 || f.confidence < 0.7 || f.text.front() == '(') return true;
  if (IsSigningAuthority(f.text)) return false;
  return f.text.find_first_of("/\\|#`~_*+<>^") != std::string::npos ||
         f.text.find("\xE2\x81\x84") != std::string::npos;  // U+2044 fraction slash
}

// A name as OCR leaves it beside a signature: stray strokes read as "`", "'", "„" around it.
std::string WithoutStrayMarks(const std::string& text) {
  size_t start = 0, end = text.size();
  auto stray = [](unsigned char c) {
    return c == '`' || c == '\'' || c == '"' || c == ',' || c == '.' || c == ' ' || c == '|';
  };
  while (start < end && stray(text[start])) ++start;
  // "„" and curly quotes (U+201C..U+201E) are three bytes E2 80 9C..9E.
  while (start + 3 <= end && static_cast<unsigned char>(text[start]) == 0xE2 &&
         static_cast<unsigned char>(text[start + 1]) == 0x80 &&
         static_cast<unsigned char>(text[start + 2]) >= 0x98 &&
         static_cast<unsigned char>(text[start + 2]) <= 0x9E) {
    start += 3;
    while (start < end && stray(text[start])) ++start;
  }
  while (end > start && stray(text[end - 1])) --end;
  return text.substr(start, end - start);
}

// The signature block: a name, and above it (past the signature) the signer's title. Read
// from the bottom of the last page up, so the first name found is the one that signs.
bool ReadSignature(const PageView& view, Fields& out) {
  for (size_t k = view.size(); k-- > 0;) {
    const std::string name = WithoutStrayMarks(view.text(k));
    if (!LooksLikePersonName(name)) continue;
    std::optional<size_t> above = view.Above(k);
    for (int skipped = 0; above && skipped < 4 && IsSignatureNoise(view.at(*above)); ++skipped) {
      above = view.Above(*above);
    }
    if (!above || !IsUpperCaseLine(view.text(*above)) || IsMotto(view.text(*above))) continue;
    if (view.has_boxes()) {
      const int gap = view.at(k).box.y0 - view.at(*above).box.y1;
      if (gap > 0.3 * view.height()) continue;
      // A signature block sits right (or centered); one on the left is believed only when
      // the title is right above the name, as typed documents without a signature space have it.
      if (view.CenterX(k) < 0.35 * view.width() && gap > 2 * view.LineHeight(k)) continue;
    }
    out.metadata.signer = RepairSurname(name);
    Note(out, Field::kSigner, view, {k}, name == view.text(k));
    NoteRead(out, Field::kSigner, name);
    // An authority line ("T/M BAN THƯỜNG VỤ") above the name: the title line under it was read
    // through the seal or the signature, or lost. It is taken only when it is one of the office
    // titles ("2/77. BI THƯ" -> "BÍ THƯ"); otherwise the title stays unknown rather than guessed.
    const std::string& title = view.text(*above);
    if (IsSigningAuthority(title)) {
      std::optional<size_t> under = view.Below(*above);
      const std::string known = under && *under != k ? KnownTitle(view.text(*under)) : "";
      if (!known.empty()) {
        out.metadata.signer_title = known;
        Note(out, Field::kSignerTitle, view, {*under}, false);
        NoteRead(out, Field::kSignerTitle, view.text(*under));
      }
      return true;
    }
    out.metadata.signer_title = CanonicalTitle(title);
    Note(out, Field::kSignerTitle, view, {*above}, out.metadata.signer_title == title);
    NoteRead(out, Field::kSignerTitle, title);
    return true;
  }
  // No name could be read (a signature over it), but the block is here: an authority line
  // with an office title under it gives the title.
  for (size_t k = view.size(); k-- > 0;) {
    if (!IsSigningAuthority(view.text(k))) continue;
    std::optional<size_t> under = view.Below(k);
    const std::string known = under ? KnownTitle(view.text(*under)) : "";
    if (known.empty()) continue;
    out.metadata.signer_title = known;
    Note(out, Field::kSignerTitle, view, {*under}, known == view.text(*under));
    NoteRead(out, Field::kSignerTitle, view.text(*under));
    return true;
  }
  return false;
}

// The person an electronic signature's visible text names ("Người ký: Nguyễn Văn An"), for a
// document whose signature block has no typed name that could be read.
bool ReadESignature(const PageView& view, Fields& out) {
  for (size_t k = view.size(); k-- > 0;) {
    std::optional<std::string> person = ESignatureSigner(view.text(k));
    if (!person) continue;
    out.metadata.signer = *person;
    Note(out, Field::kSigner, view, {k}, true);
    return true;
  }
  return false;
}

bool ReadRecipients(const PageView& view, Fields& out) {
  for (size_t k = view.size(); k-- > 0;) {
    if (!IsRecipientsHeading(view.text(k))) continue;
    std::vector<size_t> lines = {k};
    std::vector<std::string>& items = out.metadata.recipients;
    items.clear();
    const std::string& heading = view.text(k);
    if (size_t colon = heading.find(':'); colon != std::string::npos) {
      std::string first = TrimPunctuation(heading.substr(colon + 1));
      if (!first.empty()) items.push_back(first);
    }
    for (std::optional<size_t> next = view.Below(k); next; next = view.Below(lines.back())) {
      const std::string& t = view.text(*next);
      size_t start = t.find_first_not_of(' ');
      bool bullet =
          start != std::string::npos &&
          (t[start] == '-' || t[start] == '+' || t[start] == '*' || t[start] == '~' ||
           t.compare(start, 3, "\xE2\x80\x93") == 0 || t.compare(start, 3, "\xE2\x80\xA2") == 0);
      if (bullet) {
        items.push_back(TrimPunctuation(t));
      } else if (!items.empty() && items.back().size() > 0 && StartsWithLowerCase(t)) {
        items.back() += " " + TrimPunctuation(t);
      } else {
        break;
      }
      lines.push_back(*next);
    }
    std::erase(items, std::string());
    if (items.empty()) continue;
    Note(out, Field::kRecipients, view, lines, true);
    return true;
  }
  return false;
}

// A word that starts with a capital and goes on in small letters ("Ngọc", "Dũng").
bool IsCapitalizedWord(const std::string& word) {
  const std::u32string cps = vi::Utf32(word);
  return cps.size() >= 2 && vi::IsUpperCase(cps[0]) &&
         std::all_of(cps.begin() + 1, cps.end(), [](char32_t c) { return vi::IsLowerCase(c); });
}

bool HasCapitalizedWord(const std::string& line) {
  const std::vector<std::string> words = SplitSpaces(line);
  return std::any_of(words.begin(), words.end(), IsCapitalizedWord);
}

// The text from its first capitalized word on: a name past the strokes read beside it.
std::string FromCapitalizedWord(const std::string& line) {
  const std::vector<std::string> words = SplitSpaces(line);
  auto first = std::find_if(words.begin(), words.end(), IsCapitalizedWord);
  return JoinWords(std::vector<std::string>(first, words.end()));
}

// The signature block's lines that do not read as what they must (KeyLine::under_seal): under
// the block's lowest title line (an office title, or an authority line), within the block's
// height and before the recipients, the name: the first line with a capitalized word, when no
// line there reads as a name that starts with a family name; and under an authority line, an
// upper-case line that is no office title.
std::vector<KeyLine> SignatureUnderSeal(const PageView& view) {
  std::vector<KeyLine> lines;
  auto widened = [&](size_t title, size_t line, UnderSeal what) {
    const Box &t = view.at(title).box, &b = view.at(line).box;
    const int h = view.LineHeight(line);
    return KeyLine{
        .box = {std::min(t.x0, b.x0) - h, b.y0 - h / 4, std::max(t.x1, b.x1) + h, b.y1 + h / 4},
        .text = view.text(line),
        .under_seal = what};
  };
  for (size_t k = view.size(); k-- > 0;) {
    const std::string& title = view.text(k);
    const bool authority = IsSigningAuthority(title);
    if (!authority && KnownTitle(title).empty()) continue;
    // The lines under it that share its width and hold letters, top down (a seal's ring may be
    // read as an empty box over them all).
    const Box& t = view.at(k).box;
    std::vector<size_t> under;
    for (size_t j = k + 1; j < view.size() && under.size() < 6; ++j) {
      const Box& b = view.at(j).box;
      if (std::min(t.x1, b.x1) <= std::max(t.x0, b.x0) || view.CenterY(j) <= t.y1 ||
          LetterCount(view.text(j)) == 0)
        continue;
      if (b.y0 - t.y1 > 0.3 * view.height()) break;
      under.push_back(j);
    }
    if (authority && !under.empty()) {
      const std::string& next = view.text(under.front());
      if (IsUpperCaseLine(next) && KnownTitle(next).empty() && !IsSigningAuthority(next))
        lines.push_back(widened(k, under.front(), UnderSeal::kSignerTitle));
    }
    for (size_t j : under) {
      const std::string text = WithoutStrayMarks(view.text(j));
      // A name that starts with a family name reads; one that does not ("Xguyên Hoàng
      // Giang") is read again.
      if (IsFamilyNameFirst(text) || IsRecipientsHeading(text)) break;
      if (!HasCapitalizedWord(text)) continue;
      lines.push_back(widened(k, j, UnderSeal::kSignerName));
      break;
    }
    break;
  }
  return lines;
}

}  // namespace

int RateUnderSeal(UnderSeal what, const std::string& line) {
  const std::string text =
      WithoutStrayMarks(what == UnderSeal::kSignerName ? FromCapitalizedWord(line) : line);
  switch (what) {
    case UnderSeal::kNo:
      return 0;
    case UnderSeal::kSignerName: {
      const std::string repaired = RepairSurname(text);
      const vi::SyllableCounts counts = vi::CountSyllables(repaired);
      if (counts.words == 0 || counts.syllables < counts.words || !IsFamilyNameFirst(text))
        return 0;
      return text == repaired ? 2 : 1;
    }
    case UnderSeal::kSignerTitle: {
      const std::string known = KnownTitle(text);
      return known.empty() ? 0 : known == text ? 2 : 1;
    }
  }
  return 0;
}

// A secrecy mark in the header of a page after the first: a batch scan may hold several
// documents, and a TUYỆT MẬT decision as its second page marks the whole record. The most
// restricted mark of the record's pages wins.
void FindStricterMark(const PageView& view, Fields& out) {
  for (size_t k = 0; k < view.size(); ++k) {
    const bool header =
        view.has_boxes() ? view.CenterY(k) < kHeaderShare * view.height() : k < kHeaderLines;
    if (!header) continue;
    std::optional<Match> m = MatchConfidentiality(WithoutMotto(view.text(k)));
    if (m && MoreRestricted(SecrecyOf(m->value), SecrecyOf(out.metadata.confidentiality))) {
      out.metadata.confidentiality = m->value;
      Note(out, Field::kConfidentiality, view, {k}, m->exact);
    }
  }
}

void KeepFromName(std::vector<Word>& words, std::string& text) {
  auto first = std::find_if(words.begin(), words.end(),
                            [](const Word& w) { return IsCapitalizedWord(w.text); });
  if (first == words.begin()) return;
  words.erase(words.begin(), first);
  std::vector<std::string> kept;
  for (const Word& w : words) kept.push_back(w.text);
  text = JoinWords(kept);
}

Fields ExtractFields(const std::vector<PageText>& pages) {
  Fields out;
  std::vector<const PageText*> readable;
  std::vector<PageText> unstamped;  // pages that hold a stamp, without its words
  unstamped.reserve(pages.size());
  for (const PageText& page : pages) {
    if (!page.error.empty() || page.text.empty()) continue;
    std::vector<Stamp> stamps = FindStamps(page);
    if (stamps.empty()) {
      readable.push_back(&page);
      continue;
    }
    readable.push_back(&unstamped.emplace_back(WithoutStamps(page, stamps)));
    out.stamps.insert(out.stamps.end(), stamps.begin(), stamps.end());
  }
  if (readable.empty()) return out;
  // Each page's layout is made once, when a reader first needs it.
  std::vector<std::optional<PageView>> views(readable.size());
  auto view = [&](size_t i) -> const PageView& {
    if (!views[i]) views[i].emplace(LayoutOf(*readable[i]));
    return *views[i];
  };
  // The header is the first page's; when that page could not be read, it is lost.
  if (readable.front()->number == pages.front().number) HeaderReader(view(0), out).Read();
  for (size_t i = 0; i < readable.size(); ++i) FindStricterMark(view(i), out);
  bool signature = false, recipients = false;
  for (size_t i = readable.size(); i-- > 0 && !(signature && recipients);) {
    if (!signature) signature = ReadSignature(view(i), out);
    if (!recipients) recipients = ReadRecipients(view(i), out);
  }
  for (size_t i = readable.size(); i-- > 0 && out.metadata.signer.empty();)
    ReadESignature(view(i), out);
  // Repairs by what the field must be: "tỉnh" before a province's name.
  for (Field field : {Field::kAgency, Field::kParentAgency, Field::kSubject, Field::kSignerTitle}) {
    std::string& value = out.metadata.*FieldOf(field).text;
    const std::string read = value;
    value = RepairProvinceWord(read);
    NoteRead(out, field, read);
  }
  return out;
}

std::vector<KeyLine> KeyLines(const PageText& page, const KeyLineOptions& options) {
  std::vector<KeyLine> lines;
  if (!page.error.empty()) return lines;
  PageView view(LayoutOf(page));
  if (!view.has_boxes()) return lines;
  for (size_t k = 0; k < view.size(); ++k) {
    const std::string& text = view.text(k);
    bool header = view.CenterY(k) < kHeaderShare * view.height();
    bool key = (options.header && header &&
                (ParseNumberLine(text) || ParsePartialDateLine(WithoutMotto(text)) ||
                 StartsSubject(text))) ||
               // A short last page holds its signature high up; a first page, under its header.
               (options.signature && !(options.header && header) &&
                LooksLikePersonName(WithoutStrayMarks(text)));
    if (key) lines.push_back({view.at(k).box, text});
  }
  if (options.signature_under_seal) {
    for (KeyLine& sealed : SignatureUnderSeal(view)) lines.push_back(std::move(sealed));
  }
  return lines;
}

}  // namespace luutru::extract
