// Built with qpdf: new pages for images, an overlay content stream for PDF pages. The text
// is drawn in render mode 3 (invisible) with Tesseract's glyphless font (one blank glyph for
// every code, Identity-H encoding, a ToUnicode map back to the characters), each word
// stretched over its box, as Tesseract's and OCRmyPDF's renderers do.
#include "ocr/searchable_pdf.h"

#include <cmath>
#include <cstdio>
#include <opencv2/imgcodecs.hpp>
#include <opencv2/imgproc.hpp>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <sstream>

#include "core/fs_util.h"
#include "core/vietnamese.h"
#include "ocr/mat_view.h"

namespace luutru::ocr {
namespace {

constexpr double kPi = 3.14159265358979323846;
constexpr const char* kFontKey = "/FLuutruGlyphless";

// A 2-D affine map, PDF order: x' = a·x + c·y + e, y' = b·x + d·y + f.
struct Affine {
  double a = 1, b = 0, c = 0, d = 1, e = 0, f = 0;
};

// `m` after `n`.
Affine Then(const Affine& m, const Affine& n) {
  return {m.a * n.a + m.c * n.b, m.b * n.a + m.d * n.b,       m.a * n.c + m.c * n.d,
          m.b * n.c + m.d * n.d, m.a * n.e + m.c * n.f + m.e, m.b * n.e + m.d * n.f + m.f};
}
Affine Translate(double x, double y) { return {1, 0, 0, 1, x, y}; }
Affine Scale(double sx, double sy) { return {sx, 0, 0, sy, 0, 0}; }
// Counter-clockwise, as the page is seen.
Affine Rotate(double degrees) {
  double r = degrees * kPi / 180.0;
  return {std::cos(r), std::sin(r), -std::sin(r), std::cos(r), 0, 0};
}

std::string Cm(const Affine& m) {
  char buf[200];
  std::snprintf(buf, sizeof buf, "%.4f %.4f %.4f %.4f %.3f %.3f cm\n", m.a, m.b, m.c, m.d, m.e,
                m.f);
  return buf;
}

// How far the cleaned (upright) page is turned from the original, counter-clockwise.
double UprightAngle(const TextLayerPage& p) { return p.rotation - p.skew_deg; }

std::string Utf16Hex(const std::string& text) {
  std::string hex;
  char buf[8];
  for (char16_t unit :
       vi::Utf16(text)) {  // a code point past U+FFFF is two units, a surrogate pair
    std::snprintf(buf, sizeof buf, "%04X", static_cast<unsigned>(unit));
    hex += buf;
  }
  return hex;
}

// The invisible words of a page, in the upright page's space (points, origin bottom left).
std::string TextLayer(const TextLayerPage& p) {
  if (!p.words || p.words->empty()) return "";
  const double s = 72.0 / p.dpi, page_height = p.height * s;
  std::ostringstream out;
  out.setf(std::ios::fixed);
  out.precision(2);
  out << "BT\n3 Tr\n";
  for (const Word& w : *p.words) {
    std::string hex = Utf16Hex(w.text + " ");  // the space keeps words apart when extracted
    size_t codes = hex.size() / 4;
    double width = (w.box.x1 - w.box.x0) * s, height = (w.box.y1 - w.box.y0) * s;
    if (w.text.empty() || width <= 0 || height <= 0) continue;
    double size = height;
    double stretch =
        100.0 * width / (static_cast<double>(codes) * size * 0.5);  // glyphs are 500/1000 wide
    out << kFontKey << " " << size << " Tf " << stretch << " Tz 1 0 0 1 " << w.box.x0 * s << " "
        << page_height - w.box.y1 * s << " Tm <" << hex << "> Tj\n";
  }
  out << "ET\n";
  return out.str();
}

std::string ToUnicodeCMap() {
  std::string cmap =
      "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
      "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
      "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
  // Ranges may not cross a high-byte boundary: one range per high byte.
  for (int chunk = 0; chunk < 256; chunk += 100) {
    int count = std::min(100, 256 - chunk);
    cmap += std::to_string(count) + " beginbfrange\n";
    for (int hi = chunk; hi < chunk + count; ++hi) {
      char line[40];
      std::snprintf(line, sizeof line, "<%02X00> <%02XFF> <%02X00>\n", hi, hi, hi);
      cmap += line;
    }
    cmap += "endbfrange\n";
  }
  cmap += "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  return cmap;
}

Result<QPDFObjectHandle> GlyphlessFont(QPDF& pdf, const std::filesystem::path& font_path) {
  Result<std::string> ttf = ReadFile(font_path);
  if (!ttf.ok()) {
    return MissingDependency(
        "glyphless font " + font_path.string() +
        " not found; it comes with libtesseract5 (apt-get install libtesseract5)");
  }
  QPDFObjectHandle font_file = QPDFObjectHandle::newStream(&pdf, *ttf);
  font_file.getDict().replaceKey("/Length1",
                                 QPDFObjectHandle::newInteger(static_cast<long long>(ttf->size())));
  std::string cid_to_gid(65536 * 2, '\0');
  for (size_t i = 1; i < cid_to_gid.size(); i += 2) cid_to_gid[i] = 1;  // every CID -> glyph 1
  QPDFObjectHandle descriptor = pdf.makeIndirectObject(QPDFObjectHandle::parse(
      "<< /Type /FontDescriptor /FontName /GlyphLessFont /Flags 5 /FontBBox [0 0 500 1000] "
      "/ItalicAngle 0 /Ascent 1000 /Descent 0 /CapHeight 1000 /StemV 80 >>"));
  descriptor.replaceKey("/FontFile2", font_file);
  QPDFObjectHandle cid_font = pdf.makeIndirectObject(QPDFObjectHandle::parse(
      "<< /Type /Font /Subtype /CIDFontType2 /BaseFont /GlyphLessFont /DW 500 "
      "/CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> >>"));
  cid_font.replaceKey("/FontDescriptor", descriptor);
  cid_font.replaceKey("/CIDToGIDMap", QPDFObjectHandle::newStream(&pdf, cid_to_gid));
  QPDFObjectHandle font = pdf.makeIndirectObject(QPDFObjectHandle::parse(
      "<< /Type /Font /Subtype /Type0 /BaseFont /GlyphLessFont /Encoding /Identity-H >>"));
  font.replaceKey("/DescendantFonts", QPDFObjectHandle::newArray({cid_font}));
  font.replaceKey("/ToUnicode", QPDFObjectHandle::newStream(&pdf, ToUnicodeCMap()));
  return font;
}

// Exactly black and white, so 1-bit storage loses nothing (cleanup's bitonal test tolerates
// the odd gray pixel; here that pixel would be lost).
bool IsExactlyBlackAndWhite(const Raster& r) {
  if (r.channels != 1) return false;
  for (std::uint8_t v : r.pixels) {
    if (v != 0 && v != 255) return false;
  }
  return true;
}

// The page image as a PDF image: bitonal pages losslessly at 1 bit (Flate), others as JPEG, or
// as their pixels (Flate-compressed when written) when asked to be lossless.
struct EncodedImage {
  std::string data;
  std::string filter;  // "" or "/DCTDecode"
  int width = 0, height = 0, bits = 8;
  bool color = false;
  int dpi = 300;
};

Result<EncodedImage> EncodeImage(Raster image, const SearchablePdfOptions& options) {
  if (!options.lossless && image.dpi < options.min_image_dpi) {
    double scale = static_cast<double>(options.min_image_dpi) / image.dpi;
    cv::Mat src = image.channels == 3 ? ColorView(image) : GrayView(image), dst;
    cv::resize(src, dst, cv::Size(), scale, scale, cv::INTER_CUBIC);
    image = ToRaster(dst, options.min_image_dpi);
  }
  EncodedImage out;
  out.width = image.width;
  out.height = image.height;
  out.dpi = image.dpi;
  out.color = image.channels == 3;
  if (IsExactlyBlackAndWhite(image)) {
    out.bits = 1;
    size_t row_bytes = (static_cast<size_t>(image.width) + 7) / 8;
    out.data.assign(row_bytes * image.height, '\0');
    for (int y = 0; y < image.height; ++y) {
      for (int x = 0; x < image.width; ++x) {
        if (image.pixels[static_cast<size_t>(y) * image.width + x]) {  // 1 = white in DeviceGray
          out.data[y * row_bytes + x / 8] |= static_cast<char>(0x80 >> (x % 8));
        }
      }
    }
    return out;
  }
  if (options.lossless) {  // RGB or gray samples as loaded; the writer deflates the stream
    out.data.assign(image.pixels.begin(), image.pixels.end());
    return out;
  }
  cv::Mat view = out.color ? ColorView(image) : GrayView(image), bgr;
  if (out.color) cv::cvtColor(view, bgr, cv::COLOR_RGB2BGR);
  std::vector<std::uint8_t> jpeg;
  if (!cv::imencode(".jpg", out.color ? bgr : view, jpeg,
                    {cv::IMWRITE_JPEG_QUALITY, options.jpeg_quality})) {
    return Internal("cannot encode a page image as JPEG");
  }
  out.data.assign(jpeg.begin(), jpeg.end());
  out.filter = "/DCTDecode";
  return out;
}

// What a derived copy must not carry from its original: scripts and actions that run when it
// is opened or clicked (JavaScript, launching programs, submitting forms), and files hidden in
// it. Links within the document and to web addresses stay.
void DropActiveContent(QPDF& pdf) {
  QPDFObjectHandle root = pdf.getRoot();
  for (const char* key : {"/OpenAction", "/AA"}) root.removeKey(key);
  QPDFObjectHandle names = root.getKey("/Names");
  if (names.isDictionary()) {
    for (const char* key : {"/JavaScript", "/EmbeddedFiles"}) names.removeKey(key);
  }
  QPDFObjectHandle form = root.getKey("/AcroForm");
  if (form.isDictionary()) form.removeKey("/XFA");  // XFA forms carry their own scripts
  auto safe_action = [](QPDFObjectHandle action) {
    if (!action.isDictionary()) return true;
    QPDFObjectHandle kind = action.getKey("/S");
    return kind.isNameAndEquals("/URI") || kind.isNameAndEquals("/GoTo") ||
           kind.isNameAndEquals("/Named");
  };
  for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
    page.getObjectHandle().removeKey("/AA");
    QPDFObjectHandle annots = page.getObjectHandle().getKey("/Annots");
    if (!annots.isArray()) continue;
    QPDFObjectHandle kept = QPDFObjectHandle::newArray();
    for (int i = 0; i < annots.getArrayNItems(); ++i) {
      QPDFObjectHandle annot = annots.getArrayItem(i);
      if (!annot.isDictionary()) continue;
      if (annot.getKey("/Subtype").isNameAndEquals("/FileAttachment"))
        continue;  // an embedded file
      annot.removeKey("/AA");
      if (!safe_action(annot.getKey("/A"))) annot.removeKey("/A");
      kept.appendItem(annot);
    }
    page.getObjectHandle().replaceKey("/Annots", kept);
  }
}

Status Write(QPDF& pdf, const std::filesystem::path& out) {
  DropActiveContent(pdf);
  std::filesystem::path tmp = out;
  tmp += ".tmp";
  QPDFWriter writer(pdf, tmp.c_str());
  writer.setMinimumPDFVersion("1.4");
  writer.setPreserveEncryption(false);
  writer.setObjectStreamMode(qpdf_o_generate);
  writer.write();
  std::error_code ec;
  std::filesystem::rename(tmp, out, ec);
  if (ec) return IoError("cannot write " + out.string() + ": " + ec.message());
  return Status::Ok();
}

}  // namespace

Status WriteSearchablePdfFromImages(const std::vector<TextLayerPage>& pages,
                                    const std::function<Result<Raster>(int)>& load_page,
                                    const std::filesystem::path& out,
                                    const SearchablePdfOptions& options) {
  try {
    QPDF pdf;
    pdf.emptyPDF();
    Result<QPDFObjectHandle> font = GlyphlessFont(pdf, options.glyphless_font);
    if (!font.ok()) return font.status();
    QPDFPageDocumentHelper doc(pdf);
    for (size_t i = 0; i < pages.size(); ++i) {
      const TextLayerPage& p = pages[i];
      // One page image in memory at a time: encoded, copied into the PDF, dropped.
      Result<Raster> original = load_page(static_cast<int>(i));
      if (!original.ok()) return original.status().WithContext("page " + std::to_string(i + 1));
      Result<EncodedImage> image = EncodeImage(std::move(original).value(), options);
      if (!image.ok()) return image.status();
      QPDFObjectHandle xobject = QPDFObjectHandle::newStream(&pdf);
      QPDFObjectHandle dict = QPDFObjectHandle::parse(
          "<< /Type /XObject /Subtype /Image /Width " + std::to_string(image->width) + " /Height " +
          std::to_string(image->height) + " /ColorSpace " +
          (image->color ? "/DeviceRGB" : "/DeviceGray") + " /BitsPerComponent " +
          std::to_string(image->bits) + " >>");
      xobject.replaceDict(dict);
      xobject.replaceStreamData(image->data,
                                image->filter.empty() ? QPDFObjectHandle::newNull()
                                                      : QPDFObjectHandle::newName(image->filter),
                                QPDFObjectHandle::newNull());

      const double page_w = p.width * 72.0 / p.dpi, page_h = p.height * 72.0 / p.dpi;
      const double image_w = image->width * 72.0 / image->dpi,
                   image_h = image->height * 72.0 / image->dpi;
      // The original, drawn turned upright and straight about the page centre.
      Affine place = Then(Translate(page_w / 2, page_h / 2),
                          Then(Rotate(UprightAngle(p)), Then(Translate(-image_w / 2, -image_h / 2),
                                                             Scale(image_w, image_h))));
      std::string content = "q\n" + Cm(place) + "/Im0 Do\nQ\n" + TextLayer(p);
      QPDFObjectHandle page = pdf.makeIndirectObject(QPDFObjectHandle::parse(
          "<< /Type /Page /MediaBox [0 0 " + std::to_string(page_w) + " " + std::to_string(page_h) +
          "] /Resources << /XObject << >> /Font << >> >> >>"));
      page.getKey("/Resources").getKey("/XObject").replaceKey("/Im0", xobject);
      page.getKey("/Resources").getKey("/Font").replaceKey(kFontKey, *font);
      page.replaceKey("/Contents", QPDFObjectHandle::newStream(&pdf, content));
      doc.addPage(page, false);
    }
    return Write(pdf, out);
  } catch (const QPDFExc& e) {
    // The original cannot be rewritten (a page tree that loops, damage qpdf cannot repair).
    return Corrupt(std::string("the original cannot be rewritten as a searchable PDF: ") +
                   e.what());
  } catch (const std::exception& e) {
    return IoError(std::string("cannot write the searchable PDF: ") + e.what());
  }
}

Status WriteSearchablePdfFromPdf(const std::filesystem::path& source,
                                 const std::vector<TextLayerPage>& pages,
                                 const std::filesystem::path& out,
                                 const SearchablePdfOptions& options) {
  try {
    QPDF pdf;
    pdf.processFile(source.c_str(),
                    options.source_password.empty() ? nullptr : options.source_password.c_str());
    Result<QPDFObjectHandle> font = GlyphlessFont(pdf, options.glyphless_font);
    if (!font.ok()) return font.status();
    QPDFPageDocumentHelper document(pdf);
    std::vector<QPDFPageObjectHelper> pdf_pages = document.getAllPages();
    std::vector<bool> kept(pdf_pages.size(), false);
    bool some_only = false;
    for (size_t i = 0; i < pages.size(); ++i) {
      const TextLayerPage& p = pages[i];
      const size_t index = p.number > 0 ? static_cast<size_t>(p.number - 1) : i;
      some_only = some_only || p.number > 0;
      if (index >= pdf_pages.size()) continue;
      kept[index] = true;
      std::string text = TextLayer(p);
      if (text.empty()) continue;
      QPDFPageObjectHelper& page = pdf_pages[index];
      QPDFObjectHandle::Rectangle crop = page.getCropBox(false, false).getArrayAsRectangle();
      const double crop_w = crop.urx - crop.llx, crop_h = crop.ury - crop.lly;
      QPDFObjectHandle rotate_obj = page.getAttribute("/Rotate", false);
      int rotate = rotate_obj.isInteger()
                       ? static_cast<int>(((rotate_obj.getIntValue() % 360) + 360) % 360)
                       : 0;
      // The rendering that was read: the crop box turned clockwise by /Rotate.
      bool sideways = rotate == 90 || rotate == 270;
      const double shown_w = sideways ? crop_h : crop_w, shown_h = sideways ? crop_w : crop_h;
      Affine user_from_shown;
      switch (rotate) {
        case 90:
          user_from_shown = {0, 1, -1, 0, crop.llx + crop_w, crop.lly};
          break;
        case 180:
          user_from_shown = {-1, 0, 0, -1, crop.llx + crop_w, crop.lly + crop_h};
          break;
        case 270:
          user_from_shown = {0, -1, 1, 0, crop.llx, crop.lly + crop_h};
          break;
        default:
          user_from_shown = Translate(crop.llx, crop.lly);
      }
      const double upright_w = p.width * 72.0 / p.dpi, upright_h = p.height * 72.0 / p.dpi;
      Affine shown_from_upright =
          Then(Translate(shown_w / 2, shown_h / 2),
               Then(Rotate(-UprightAngle(p)), Translate(-upright_w / 2, -upright_h / 2)));
      std::string overlay = "Q\nq\n" + Cm(Then(user_from_shown, shown_from_upright)) + text + "Q\n";
      // Isolate the original content's graphics state from the overlay.
      page.addPageContents(QPDFObjectHandle::newStream(&pdf, "q\n"), true);
      page.addPageContents(QPDFObjectHandle::newStream(&pdf, overlay), false);
      QPDFObjectHandle resources = page.getAttribute("/Resources", true);
      if (!resources.isDictionary()) {
        resources = QPDFObjectHandle::newDictionary();
        page.getObjectHandle().replaceKey("/Resources", resources);
      }
      if (!resources.hasKey("/Font") || !resources.getKey("/Font").isDictionary()) {
        resources.replaceKey("/Font", QPDFObjectHandle::newDictionary());
      }
      resources.getKey("/Font").replaceKey(kFontKey, *font);
      // Shown upright: the page turns, its content stays as scanned.
      if (p.rotation != 0) {
        page.getObjectHandle().replaceKey(
            "/Rotate", QPDFObjectHandle::newInteger((rotate + p.rotation) % 360));
      }
    }
    if (some_only) {
      for (size_t k = 0; k < pdf_pages.size(); ++k) {
        if (!kept[k]) document.removePage(pdf_pages[k]);
      }
    }
    return Write(pdf, out);
  } catch (const QPDFExc& e) {
    // The original cannot be rewritten (a page tree that loops, damage qpdf cannot repair).
    return Corrupt(std::string("the original cannot be rewritten as a searchable PDF: ") +
                   e.what());
  } catch (const std::exception& e) {
    return IoError(std::string("cannot write the searchable PDF: ") + e.what());
  }
}

}  // namespace luutru::ocr
