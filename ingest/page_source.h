// Page loaders: a document opened once, its pages loaded one at a time so that a 1,000-page
// PDF is never held whole. Thread-compatible: one thread uses a PageSource.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/raster.h"
#include "core/record.h"
#include "core/status.h"
#include "ingest/pdf_budget.h"
#include "ingest/sniff.h"

namespace luutru::ingest {

// Whether a PDF page is read from its text layer or by OCR (`luutru ingest --ocr`).
enum class OcrPolicy {
  // A page's layer is used when it covers the page's text (compared with the ink the page
  // shows) and reads as text should (no unmapped glyphs; Vietnamese with its marks); a layer
  // in doubt is compared with an OCR reading of the page. The default.
  kAuto,
  // Every page is read by OCR, text layers ignored (OCRmyPDF's --force-ocr).
  kForce,
  // A page with a text layer keeps it, whatever it holds; pages without one are read by OCR
  // (OCRmyPDF's --skip-text).
  kNever,
};
const char* OcrPolicyName(OcrPolicy policy);  // "auto", "force", "never"

struct LoadOptions {
  // Resolution PDF pages are rendered at for OCR. Default: 300 dpi.
  int render_dpi = 300;
  // Decompression-bomb guard: a page image over this many pixels is refused (a PDF page is
  // rendered at a lower resolution instead, down to 100 dpi). Default: 100 million (A0 at
  // 250 dpi; an A4 page at 300 dpi is 8.7 million). It also bounds the memory of a page in
  // flight: 3 bytes a pixel while it waits for OCR.
  long long max_page_pixels = 100'000'000;
  // A PDF page is rendered for OCR within this many pixels (its resolution lowered, down to
  // 100 dpi): rendering, cleaning and reading a page costs ~40 bytes a pixel at its peak, so a
  // 2.5 m poster page at 100 dpi (100 million pixels) took 7 GB. Default: 40 million (A1 at
  // 200 dpi, A0 at 150).
  long long max_render_pixels = 40'000'000;
  // What drawing a PDF page may ask of the renderer (ingest/pdf_budget.h).
  ContentLimits content;
  // User password for encrypted PDFs. Default: none.
  std::string pdf_password;
  // Render a PDF page even when its text layer is used (to show the page). Default: off.
  bool render_always = false;
  // Text layer or OCR, page by page. Default: kAuto.
  OcrPolicy ocr = OcrPolicy::kAuto;
};

struct LoadedPage {
  int number = 1;         // 1-based
  bool has_text = false;  // true: `text` is a trusted text layer and needs no OCR
  // The layer is usable but in doubt (OcrPolicy::kAuto): `text` and `words` hold it, `image`
  // the page to OCR; the more Vietnamese of the two readings is kept.
  bool layer_in_doubt = false;
  std::string text;  // NFC
  // The text layer's words with their boxes, in points from the top left of the page as
  // shown (width x height points); lines numbered. Field extraction reads the layout from them.
  std::vector<Word> words;
  int width = 0, height = 0;
  Raster image;      // the page to OCR, when !has_text
  std::string note;  // why a text layer was not trusted, for the log
};

class PageSource {
 public:
  virtual ~PageSource() = default;
  virtual int page_count() const = 0;
  // `index` is 0-based. A failure here concerns this page only.
  virtual Result<LoadedPage> LoadPage(int index) = 0;
  // The file's digital signatures (signed PDFs); none for images.
  virtual std::vector<Signature> signatures() const { return {}; }
};

// Opens a document of a supported format. Failures name the reason a user can act on
// (encrypted, corrupt, too large, unsupported).
Result<std::unique_ptr<PageSource>> OpenPageSource(const std::filesystem::path& path,
                                                   FileFormat format, const LoadOptions& options);

Result<std::unique_ptr<PageSource>> OpenPdf(const std::filesystem::path& path,
                                            const LoadOptions& options);
Result<std::unique_ptr<PageSource>> OpenImage(const std::filesystem::path& path, FileFormat format,
                                              const LoadOptions& options);

}  // namespace luutru::ingest
