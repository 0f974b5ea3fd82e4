// PDF pages through poppler-cpp: the text layer when it can be trusted, else a 300-dpi
// rendering for OCR.
#include <poppler-document.h>
#include <poppler-global.h>
#include <poppler-image.h>
#include <poppler-page-renderer.h>
#include <poppler-page.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <mutex>

#include "core/vietnamese.h"
#include "ingest/page_source.h"
#include "ingest/pdf_signatures.h"
#include "ingest/text_layer.h"
#include "ocr/ink.h"

namespace luutru::ingest {
namespace {

constexpr int kMinRenderDpi = 100;
constexpr int kMinScanDpi = 50;  // a coarser scan is rendered at the configured resolution
// A text layer under less than half of the words a page shows is not the page's text.
constexpr double kMinLayerCoverage = 0.5;
constexpr int kCoverageDpi = 72;
// A signed PDF is read from a copy without its signature stamps, held in memory; a larger one
// is read as it is (the stamps' text is then judged, and usually refused, as a text layer).
constexpr long long kMaxUnstampedCopyBytes = 512ll << 20;

// Poppler reports syntax errors of damaged files on stderr; route them to our log instead.
void RoutePopplerMessagesOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    poppler::set_debug_error_function(
        [](const std::string& message, void*) { spdlog::debug("poppler: {}", message); }, nullptr);
  });
}

std::string ToUtf8(const poppler::ustring& text) {
  poppler::byte_array bytes = text.to_utf8();
  return std::string(bytes.begin(), bytes.end());
}

Raster ToRaster(const poppler::image& image, int dpi) {
  Raster out;
  out.width = image.width();
  out.height = image.height();
  out.channels = 3;
  out.dpi = dpi;
  out.pixels.resize(static_cast<size_t>(out.width) * out.height * 3);
  const char* data = image.const_data();
  const int stride = image.bytes_per_row();
  for (int y = 0; y < out.height; ++y) {
    std::memcpy(out.pixels.data() + static_cast<size_t>(y) * out.width * 3,
                data + static_cast<size_t>(y) * stride, static_cast<size_t>(out.width) * 3);
  }
  return out;
}

// The words of a trusted Unicode text layer with their boxes. Pages whose legacy encoding was
// converted get none (Poppler gives their words undecoded): they are read line by line.
void AddTextLayerWords(const poppler::page& page, LoadedPage& loaded) {
  poppler::rectf shown = page.page_rect(poppler::media_box);
  if (page.orientation() == poppler::page::landscape ||
      page.orientation() == poppler::page::seascape) {
    shown = poppler::rectf(0, 0, shown.height(), shown.width());
  }
  loaded.width = static_cast<int>(std::lround(shown.width()));
  loaded.height = static_cast<int>(std::lround(shown.height()));
  std::vector<Word> words;
  for (const poppler::text_box& box : page.text_list()) {
    std::string text = vi::Nfc(ToUtf8(box.text()));
    if (text.empty()) continue;
    poppler::rectf r = box.bbox();
    words.push_back(
        Word{std::move(text),
             Box{static_cast<int>(std::floor(r.left())), static_cast<int>(std::floor(r.top())),
                 static_cast<int>(std::ceil(r.right())), static_cast<int>(std::ceil(r.bottom()))},
             100.0f, 0, 0});
  }
  loaded.words = WordsInLines(std::move(words));
}

class PdfSource final : public PageSource {
 public:
  PdfSource(std::unique_ptr<poppler::document> doc, std::unique_ptr<ContentChecker> checker,
            std::vector<Signature> signatures, LoadOptions options)
      : doc_(std::move(doc)),
        checker_(std::move(checker)),
        signatures_(std::move(signatures)),
        options_(std::move(options)) {
    renderer_.set_render_hint(poppler::page_renderer::antialiasing, true);
    renderer_.set_render_hint(poppler::page_renderer::text_antialiasing, true);
    renderer_.set_image_format(poppler::image::format_rgb24);
  }

  int page_count() const override { return doc_->pages(); }
  std::vector<Signature> signatures() const override { return signatures_; }

  Result<LoadedPage> LoadPage(int index) override {
    // Before Poppler touches the page (its text too): what drawing it would cost.
    if (checker_) LUUTRU_RETURN_IF_ERROR(checker_->CheckPage(index, options_.content));
    std::unique_ptr<poppler::page> page(doc_->create_page(index));
    if (!page) return Corrupt("page " + std::to_string(index + 1) + " cannot be read");
    LoadedPage loaded;
    loaded.number = index + 1;
    if (options_.ocr == OcrPolicy::kForce) {
      loaded.note = "--ocr force";
    } else {
      JudgeLayer(*page, loaded);
      if (loaded.has_text && !options_.render_always) return loaded;
    }

    poppler::rectf box = page->page_rect(poppler::crop_box);
    Result<int> dpi = RenderDpi(box.width(), box.height());
    if (!dpi.ok()) return dpi.status();
    // A scan coarser than that is rendered as it was scanned; cleanup enlarges it for OCR
    // without blurring (ocr/cleanup.h).
    if (const int scanned = checker_ ? checker_->ScanDpi(index) : 0;
        scanned >= kMinScanDpi && scanned < *dpi) {
      dpi = scanned;
    }
    poppler::image image = renderer_.render_page(page.get(), *dpi, *dpi);
    if (!image.is_valid())
      return Corrupt("page " + std::to_string(loaded.number) + " cannot be rendered");
    loaded.image = ToRaster(image, *dpi);
    return loaded;
  }

 private:
  // Takes the page's text layer, or says in `loaded.note` why not. A layer is taken when it
  // reads as text (JudgeTextLayer) and covers the page's text: a scan with a caption, a stamp
  // or a page number as text would otherwise lose everything else it shows.
  void JudgeLayer(poppler::page& page, LoadedPage& loaded) {
    std::string text =
        vi::Nfc(ToUtf8(page.text(poppler::rectf(), poppler::page::raw_order_layout)));
    bool converted = true;
    if (std::optional<std::string> decoded = vi::DecodeTcvn3Mojibake(text)) {
      spdlog::debug("page {}: TCVN3 (ABC) text layer converted to Unicode", loaded.number);
      text = std::move(*decoded);
    } else if (std::optional<std::string> vni = vi::DecodeVniMojibake(text)) {
      spdlog::debug("page {}: VNI text layer converted to Unicode", loaded.number);
      text = std::move(*vni);
    } else {
      converted = false;
    }
    if (options_.ocr == OcrPolicy::kNever) {
      if (text.find_first_not_of(" \t\r\n\f") == std::string::npos) return;
      loaded.has_text = true;
      loaded.text = std::move(text);
      if (!converted) AddTextLayerWords(page, loaded);
      return;
    }
    TextLayerVerdict verdict = JudgeTextLayer(text);
    if (!verdict.usable) {
      loaded.note = verdict.reason;
      return;
    }
    // Words with their boxes; a converted layer's words are undecoded, but their boxes hold.
    AddTextLayerWords(page, loaded);
    const double coverage = Coverage(page, loaded.words);
    spdlog::debug("page {}: text layer covers {:.0f}% of the page's word-like ink", loaded.number,
                  100 * coverage);
    if (coverage < kMinLayerCoverage) {
      char why[96];
      std::snprintf(why, sizeof why, "text layer covers %.0f%% of the text the page shows",
                    100 * coverage);
      loaded.note = why;
      loaded.words.clear();
      return;
    }
    if (converted) loaded.words.clear();
    loaded.text = std::move(text);
    if (verdict.doubtful) {
      loaded.layer_in_doubt = true;
      loaded.note = verdict.reason;
      return;
    }
    loaded.has_text = true;
  }

  // How much of the page's word-like ink lies under the layer's words, on a 72-dpi rendering.
  double Coverage(poppler::page& page, const std::vector<Word>& words) {
    poppler::image image = renderer_.render_page(&page, kCoverageDpi, kCoverageDpi);
    if (!image.is_valid()) return 1.0;
    return LayerCoverage(ocr::WordLikeInk(ToRaster(image, kCoverageDpi)), words, kCoverageDpi);
  }

  // The configured resolution, lowered for oversized pages (posters, bombs) to stay within
  // the pixel budget; refused when even kMinRenderDpi would exceed it.
  Result<int> RenderDpi(double width_pt, double height_pt) const {
    double pixels_at_72 = std::max(1.0, width_pt) * std::max(1.0, height_pt);
    double dpi = options_.render_dpi;
    const long long budget = std::min(options_.max_page_pixels, options_.max_render_pixels);
    double budget_dpi = 72.0 * std::sqrt(static_cast<double>(budget) / pixels_at_72);
    if (budget_dpi < dpi) dpi = std::floor(budget_dpi);
    if (dpi < kMinRenderDpi) {
      return TooLarge("page of " + std::to_string(static_cast<long long>(width_pt)) + "x" +
                      std::to_string(static_cast<long long>(height_pt)) +
                      " pt exceeds the pixel limit even at 100 dpi (" +
                      std::to_string(budget / 1'000'000) + " million); raise --max-page-pixels");
    }
    return static_cast<int>(dpi);
  }

  std::unique_ptr<poppler::document> doc_;
  std::unique_ptr<ContentChecker> checker_;
  std::vector<Signature> signatures_;
  LoadOptions options_;
  poppler::page_renderer renderer_;
};

}  // namespace

Result<std::unique_ptr<PageSource>> OpenPdf(const std::filesystem::path& path,
                                            const LoadOptions& options) {
  RoutePopplerMessagesOnce();
  std::vector<Signature> signatures = ReadSignatures(path, options.pdf_password);
  std::optional<std::vector<char>> unstamped;
  if (std::any_of(signatures.begin(), signatures.end(),
                  [](const Signature& s) { return s.page > 0; })) {
    unstamped = WithoutSignatureStamps(path, options.pdf_password, kMaxUnstampedCopyBytes);
  }
  // The copy is unencrypted: Poppler takes it (and the buffer) without a password.
  std::unique_ptr<poppler::document> doc(
      unstamped ? poppler::document::load_from_data(&*unstamped)
                : poppler::document::load_from_file(path.string(), options.pdf_password,
                                                    options.pdf_password));
  if (!doc) {
    return Corrupt(
        "not a readable PDF (damaged or truncated); if it opens elsewhere, "
        "repair it with qpdf and ingest the repaired copy");
  }
  if (doc->is_locked()) {
    return Encrypted(options.pdf_password.empty()
                         ? "the PDF is encrypted with a user password; pass it with --password-file"
                         : "the PDF is encrypted and the given password does not open it");
  }
  if (doc->pages() <= 0) return Corrupt("the PDF has no pages");
  return std::unique_ptr<PageSource>(new PdfSource(std::move(doc),
                                                   ContentChecker::Open(path, options.pdf_password),
                                                   std::move(signatures), options));
}

const char* OcrPolicyName(OcrPolicy policy) {
  switch (policy) {
    case OcrPolicy::kAuto:
      return "auto";
    case OcrPolicy::kForce:
      return "force";
    case OcrPolicy::kNever:
      return "never";
  }
  return "auto";
}

Result<std::unique_ptr<PageSource>> OpenPageSource(const std::filesystem::path& path,
                                                   FileFormat format, const LoadOptions& options) {
  if (format == FileFormat::kPdf) return OpenPdf(path, options);
  if (IsSupported(format)) return OpenImage(path, format, options);
  return Unsupported(std::string("format ") + FileFormatName(format) +
                     " is not archived; luutru takes PDF, TIFF, PNG and JPEG");
}

}  // namespace luutru::ingest
