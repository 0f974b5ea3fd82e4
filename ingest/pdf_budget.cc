#include "ingest/pdf_budget.h"

#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <qpdf/Pipeline.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <set>
#include <vector>

namespace luutru::ingest {
namespace {

bool IsWhite(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}
bool IsDelimiter(char c) {
  return c == '(' || c == ')' || c == '<' || c == '>' || c == '[' || c == ']' || c == '{' ||
         c == '}' || c == '/' || c == '%';
}

// Stops decoding a stream as soon as the page is over a limit.
struct OverBudget {};

// Feeds decoded stream bytes to a scanner, counting the page's bytes.
class ScanPipeline : public Pipeline {
 public:
  ScanPipeline(ContentScanner& scanner, long long& page_bytes, const ContentLimits& limits)
      : Pipeline("luutru content check", nullptr),
        scanner_(scanner),
        page_bytes_(page_bytes),
        limits_(limits) {}
  void write(unsigned char const* data, size_t length) override {
    scanner_.Feed(reinterpret_cast<const char*>(data), length);
    page_bytes_ += static_cast<long long>(length);
    if (page_bytes_ > limits_.max_bytes || scanner_.deepest() > limits_.max_nesting)
      throw OverBudget{};
  }
  void finish() override {
    scanner_.Finish();
    if (scanner_.deepest() > limits_.max_nesting) throw OverBudget{};
  }

 private:
  ContentScanner& scanner_;
  long long& page_bytes_;
  const ContentLimits& limits_;
};

}  // namespace

void ContentScanner::Feed(const char* data, size_t size) {
  bytes_ += static_cast<long long>(size);
  for (size_t i = 0; i < size; ++i) {
    const char c = data[i];
    switch (state_) {
      case State::kComment:
        if (c == '\n' || c == '\r') state_ = State::kNormal;
        break;
      case State::kString:
        if (escaped_) {
          escaped_ = false;
        } else if (c == '\\') {
          escaped_ = true;
        } else if (c == '(') {
          ++paren_depth_;
        } else if (c == ')' && --paren_depth_ == 0) {
          state_ = State::kNormal;
        }
        break;
      case State::kHexString:
        if (c == '>') state_ = State::kNormal;
        break;
      case State::kInlineImage:
        // Binary image data, up to "EI" between white space.
        inline_tail_ += c;
        if (inline_tail_.size() > 4) inline_tail_.erase(0, inline_tail_.size() - 4);
        if (inline_tail_.size() == 4 && IsWhite(inline_tail_[0]) && inline_tail_[1] == 'E' &&
            inline_tail_[2] == 'I' && IsWhite(inline_tail_[3])) {
          state_ = State::kNormal;
          inline_tail_.clear();
        }
        break;
      case State::kNormal:
        if (!token_.empty() && token_ == "<") {
          // "<<" opens a dictionary; "<" followed by anything else, a hex string.
          token_.clear();
          if (c != '<') {
            state_ = c == '>' ? State::kNormal : State::kHexString;
          }
          break;
        }
        if (IsWhite(c) || IsDelimiter(c)) {
          Token();
          if (c == '%') {
            state_ = State::kComment;
          } else if (c == '(') {
            state_ = State::kString;
            paren_depth_ = 1;
          } else if (c == '<') {
            token_ = "<";
          } else if (c == '/') {
            token_ = "/";  // a name: never an operator
          }
        } else {
          if (token_.size() < 8) token_ += c;  // operators are short; a long token is an operand
        }
        break;
    }
  }
}

void ContentScanner::Finish() {
  if (state_ == State::kNormal && token_ != "<") Token();
}

void ContentScanner::Token() {
  if (token_ == "q") {
    deepest_ = std::max(deepest_, ++depth_);
  } else if (token_ == "Q") {
    if (depth_ > 0) --depth_;
  } else if (token_ == "ID") {
    state_ = State::kInlineImage;
    inline_tail_ = " ";  // the one white space after ID ends the operator
  }
  token_.clear();
}

struct ContentChecker::Impl {
  QPDF pdf;
  std::vector<QPDFPageObjectHelper> pages;
};

ContentChecker::ContentChecker(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
ContentChecker::~ContentChecker() = default;

std::unique_ptr<ContentChecker> ContentChecker::Open(const std::filesystem::path& path,
                                                     const std::string& password) {
  try {
    auto impl = std::make_unique<Impl>();
    impl->pdf.setSuppressWarnings(true);
    impl->pdf.processFile(path.c_str(), password.empty() ? nullptr : password.c_str());
    impl->pages = QPDFPageDocumentHelper(impl->pdf).getAllPages();
    return std::unique_ptr<ContentChecker>(new ContentChecker(std::move(impl)));
  } catch (const std::exception& e) {
    spdlog::debug("content check: qpdf cannot read {}: {}", path.string(), e.what());
    return nullptr;
  }
}

int ContentChecker::ScanDpi(int index) {
  if (index < 0 || index >= static_cast<int>(impl_->pages.size())) return 0;
  try {
    QPDFPageObjectHelper& page = impl_->pages[static_cast<size_t>(index)];
    QPDFObjectHandle::Rectangle box = page.getCropBox(false, true).getArrayAsRectangle();
    double width_pt = std::abs(box.urx - box.llx), height_pt = std::abs(box.ury - box.lly);
    const long long rotate = page.getAttribute("/Rotate", false).isInteger()
                                 ? page.getAttribute("/Rotate", false).getIntValue()
                                 : 0;
    if (rotate % 180 != 0) std::swap(width_pt, height_pt);
    if (width_pt < 1 || height_pt < 1) return 0;
    // The largest image the page's resources name: a scanned page's one image.
    long long best_area = 0, width_px = 0, height_px = 0;
    for (auto& [name, image] : page.getImages()) {
      QPDFObjectHandle dict = image.getDict();
      if (!dict.getKey("/Width").isInteger() || !dict.getKey("/Height").isInteger()) continue;
      const long long w = dict.getKey("/Width").getIntValue(),
                      h = dict.getKey("/Height").getIntValue();
      if (w * h > best_area) {
        best_area = w * h;
        width_px = w;
        height_px = h;
      }
    }
    if (best_area == 0) return 0;
    // Drawn upright or turned a quarter: either way its shape must be the page's.
    const double page_ratio = width_pt / height_pt,
                 image_ratio = static_cast<double>(width_px) / height_px;
    const bool upright = std::abs(image_ratio / page_ratio - 1) < 0.03;
    const bool turned = std::abs(image_ratio * page_ratio - 1) < 0.03;
    if (!upright && !turned) return 0;
    return static_cast<int>(std::lround((upright ? width_px : height_px) * 72.0 / width_pt));
  } catch (const std::exception& e) {
    spdlog::debug("page {}: scan resolution unknown: {}", index + 1, e.what());
    return 0;
  }
}

Status ContentChecker::CheckPage(int index, const ContentLimits& limits) {
  if (index < 0 || index >= static_cast<int>(impl_->pages.size())) return Status::Ok();
  long long bytes = 0;
  int deepest = 0, forms = 0;
  const std::string page = "page " + std::to_string(index + 1);
  ContentScanner page_scanner, form_scanner;
  try {
    // The page's content (an array of streams is one stream cut in pieces), then each form it
    // draws, once, with the forms those draw.
    ScanPipeline page_pipe(page_scanner, bytes, limits);
    QPDFObjectHandle contents =
        impl_->pages[static_cast<size_t>(index)].getObjectHandle().getKey("/Contents");
    std::vector<QPDFObjectHandle> streams;
    if (contents.isStream()) streams.push_back(contents);
    if (contents.isArray()) {
      for (int i = 0; i < contents.getArrayNItems(); ++i)
        streams.push_back(contents.getArrayItem(i));
    }
    for (QPDFObjectHandle& stream : streams) {
      if (stream.isStream()) stream.pipeStreamData(&page_pipe, 0, qpdf_dl_generalized, true, false);
    }
    deepest = page_scanner.deepest();

    std::set<QPDFObjGen> seen;
    std::vector<QPDFObjectHandle> resources = {
        impl_->pages[static_cast<size_t>(index)].getAttribute("/Resources", false)};
    while (!resources.empty()) {
      QPDFObjectHandle r = resources.back();
      resources.pop_back();
      if (!r.isDictionary() || !r.getKey("/XObject").isDictionary()) continue;
      QPDFObjectHandle xobjects = r.getKey("/XObject");
      for (const std::string& key : xobjects.getKeys()) {
        QPDFObjectHandle x = xobjects.getKey(key);
        if (!x.isStream() || !x.getDict().getKey("/Subtype").isNameAndEquals("/Form")) continue;
        if (x.isIndirect() && !seen.insert(x.getObjGen()).second) continue;
        if (++forms > limits.max_forms) {
          return TooLarge(page + " draws more than " + std::to_string(limits.max_forms) +
                          " forms; the file is damaged or hostile");
        }
        form_scanner = ContentScanner();
        ScanPipeline form_pipe(form_scanner, bytes, limits);
        x.pipeStreamData(&form_pipe, 0, qpdf_dl_generalized, true, false);
        deepest = std::max(deepest, page_scanner.deepest() + form_scanner.deepest());
        resources.push_back(x.getDict().getKey("/Resources"));
      }
    }
  } catch (const OverBudget&) {
    // A stream went over a limit while it was being decoded: the numbers reached tell which.
    deepest = std::max(
        {deepest, page_scanner.deepest(), page_scanner.deepest() + form_scanner.deepest()});
  } catch (const std::exception& e) {
    spdlog::debug("content check of {}: {}", page, e.what());
    return Status::Ok();  // what qpdf cannot read, Poppler judges
  }
  if (bytes > limits.max_bytes) {
    return TooLarge(
        page + " holds over " + std::to_string(limits.max_bytes >> 20) +
        " MB of drawing instructions; the file is damaged or hostile (a decompression bomb)");
  }
  if (deepest > limits.max_nesting) {
    return TooLarge(page + " nests its drawing over " + std::to_string(limits.max_nesting) +
                    " levels deep (saved graphics states); the file is damaged or hostile");
  }
  return Status::Ok();
}

}  // namespace luutru::ingest
