#include "pdf_fixtures.h"

#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/x509.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <vector>

#include "core/c_handle.h"
#include "core/fs_util.h"

namespace luutru::testing {
namespace {

using Object = QPDFObjectHandle;

// A PDF string literal: backslashes and parentheses escaped.
std::string PdfString(const std::string& text) {
  std::string out = "(";
  for (char c : text) {
    if (c == '(' || c == ')' || c == '\\') out += '\\';
    out += c;
  }
  return out + ")";
}

Object Stream(QPDF& pdf, const std::string& data) { return Object::newStream(&pdf, data); }

// Adds one page of `width` x `height` points drawing `content` with `resources`.
void AddPage(QPDF& pdf, double width, double height, const std::string& content, Object resources) {
  Object page = pdf.makeIndirectObject(Object::parse("<< /Type /Page >>"));
  page.replaceKey("/MediaBox",
                  Object::newArray({Object::newInteger(0), Object::newInteger(0),
                                    Object::newReal(width, 2), Object::newReal(height, 2)}));
  page.replaceKey("/Resources", resources);
  page.replaceKey("/Contents", Stream(pdf, content));
  QPDFPageDocumentHelper(pdf).addPage(QPDFPageObjectHelper(page), false);
}

// Runs `build` on an empty PDF and writes it to `path`, encrypted when a password is given.
template <typename Build>
Status Write(const std::filesystem::path& path, Build build,
             const std::string& user_password = "") {
  try {
    QPDF pdf;
    pdf.emptyPDF();
    build(pdf);
    QPDFWriter writer(pdf, path.c_str());
    writer.setStaticID(true);  // the same bytes every run
    if (!user_password.empty()) {
      std::string owner(user_password.rbegin(), user_password.rend());
      writer.setR6EncryptionParameters(user_password.c_str(), owner.c_str(), true, true, true, true,
                                       true, true, qpdf_r3p_full, true);
    }
    writer.write();
    return Status::Ok();
  } catch (const std::exception& e) {
    return IoError("writing the test PDF " + path.string() + ": " + e.what());
  }
}

Object Helvetica(QPDF& pdf) {
  return pdf.makeIndirectObject(Object::parse(
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"));
}

// An A4 page of `text` in Helvetica, a line per '\n'.
void AddTextPage(QPDF& pdf, const std::string& text) {
  std::string content = "BT /F1 12 Tf 72 770 Td 16 TL\n";
  size_t start = 0;
  while (start <= text.size()) {
    size_t end = std::min(text.find('\n', start), text.size());
    content += PdfString(text.substr(start, end - start)) + " Tj T*\n";
    start = end + 1;
  }
  content += "ET\n";
  Object resources = Object::parse("<< /Font << >> >>");
  resources.getKey("/Font").replaceKey("/F1", Helvetica(pdf));
  AddPage(pdf, 595, 842, content, resources);
}

// A detached CMS signature of `data` (signed attributes: content type, signing time, message
// digest) by a fresh P-256 key and a self-signed certificate naming `signer`; DER.
std::string SignDetached(const std::string& data, const TestSigner& signer) {
  CHandle<EVP_PKEY, EVP_PKEY_free> key(EVP_EC_gen("P-256"));
  CHandle<X509, X509_free> cert(X509_new());
  if (!key || !cert) return "";
  X509_set_version(cert.get(), 2);
  ASN1_INTEGER_set(X509_get_serialNumber(cert.get()), 1);
  X509_gmtime_adj(X509_getm_notBefore(cert.get()), 0);
  X509_gmtime_adj(X509_getm_notAfter(cert.get()), 3600);
  X509_NAME* name = X509_get_subject_name(cert.get());
  auto add = [&](const char* field, const std::string& value) {
    X509_NAME_add_entry_by_txt(name, field, MBSTRING_UTF8,
                               reinterpret_cast<const unsigned char*>(value.data()),
                               static_cast<int>(value.size()), -1, 0);
  };
  add("CN", signer.common_name);
  add("O", signer.organization);
  add("C", "VN");
  X509_set_issuer_name(cert.get(), name);
  X509_set_pubkey(cert.get(), key.get());
  if (X509_sign(cert.get(), key.get(), EVP_sha256()) == 0) return "";
  CHandle<BIO, BIO_free_all> in(BIO_new_mem_buf(data.data(), static_cast<int>(data.size())));
  CHandle<CMS_ContentInfo, CMS_ContentInfo_free> cms(
      CMS_sign(cert.get(), key.get(), nullptr, in.get(), CMS_DETACHED | CMS_BINARY));
  if (!cms) return "";
  unsigned char* der = nullptr;
  int size = i2d_CMS_ContentInfo(cms.get(), &der);
  if (size <= 0) return "";
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(size));
  OPENSSL_free(der);
  return out;
}

}  // namespace

Status WriteTextPdf(const std::filesystem::path& path, const std::string& text,
                    const std::string& user_password) {
  return Write(
      path, [&](QPDF& pdf) { AddTextPage(pdf, text); }, user_password);
}

Status WriteSignedPdf(const std::filesystem::path& path, const std::string& text,
                      const std::string& stamp_text, const TestSigner& signer) {
  constexpr size_t kSignatureBytes = 8192;
  constexpr const char* kRangePlaceholder = "9999999999 9999999999 9999999999";
  std::string bytes;
  try {
    QPDF pdf;
    pdf.emptyPDF();
    AddTextPage(pdf, text);
    Object page = QPDFPageDocumentHelper(pdf).getAllPages().front().getObjectHandle();
    Object stamp =
        Object::newStream(&pdf, "BT /F1 9 Tf 6 20 Td " + PdfString(stamp_text) + " Tj ET");
    stamp.replaceDict(Object::parse(
        "<< /Type /XObject /Subtype /Form /BBox [0 0 260 50] /Resources << /Font << >> >> >>"));
    stamp.getDict().getKey("/Resources").getKey("/Font").replaceKey("/F1", Helvetica(pdf));
    Object value = pdf.makeIndirectObject(Object::parse(
        std::string(
            "<< /Type /Sig /Filter /Adobe.PPKLite /SubFilter /adbe.pkcs7.detached /ByteRange [0 ") +
        kRangePlaceholder + "] >>"));
    value.replaceKey("/Contents", Object::newString(std::string(kSignatureBytes, '\0')));
    value.replaceKey("/M", Object::newString(signer.pdf_date));
    Object widget =
        pdf.makeIndirectObject(Object::parse("<< /Type /Annot /Subtype /Widget /FT /Sig /T "
                                             "(Signature1) /Rect [320 770 580 820] /F 132 >>"));
    widget.replaceKey("/V", value);
    widget.replaceKey("/P", page);
    widget.replaceKey("/AP", Object::parse("<< >>"));
    widget.getKey("/AP").replaceKey("/N", stamp);
    page.replaceKey("/Annots", Object::newArray({widget}));
    Object form = Object::parse("<< /SigFlags 3 >>");
    form.replaceKey("/Fields", Object::newArray({widget}));
    pdf.getRoot().replaceKey("/AcroForm", form);
    QPDFWriter writer(pdf);
    writer.setOutputMemory();
    writer.setStaticID(true);
    writer.setObjectStreamMode(
        qpdf_o_disable);  // the signature's bytes stay where they can be filled in
    writer.write();
    std::shared_ptr<Buffer> buffer = writer.getBufferSharedPointer();
    bytes.assign(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
  } catch (const std::exception& e) {
    return IoError("writing the signed test PDF " + path.string() + ": " + e.what());
  }
  const std::string hole = "<" + std::string(2 * kSignatureBytes, '0') + ">";
  const size_t at = bytes.find(hole), ranges_at = bytes.find(kRangePlaceholder);
  if (at == std::string::npos || ranges_at == std::string::npos)
    return IoError("signed test PDF: no placeholder");
  const size_t after = at + hole.size();
  char ranges[64];
  std::snprintf(ranges, sizeof ranges, "%10zu %10zu %10zu", at, after, bytes.size() - after);
  bytes.replace(ranges_at, std::strlen(kRangePlaceholder), ranges);
  std::string der = SignDetached(bytes.substr(0, at) + bytes.substr(after), signer);
  if (der.empty() || der.size() > kSignatureBytes)
    return IoError("signed test PDF: OpenSSL did not sign");
  static const char* kHex = "0123456789ABCDEF";
  for (size_t i = 0; i < der.size(); ++i) {
    bytes[at + 1 + 2 * i] = kHex[static_cast<unsigned char>(der[i]) >> 4];
    bytes[at + 2 + 2 * i] = kHex[static_cast<unsigned char>(der[i]) & 15];
  }
  return WriteFileAtomically(path, bytes);
}

Status WriteContentPdf(const std::filesystem::path& path, const std::string& content, double width,
                       double height) {
  return Write(path, [&](QPDF& pdf) {
    Object resources = Object::parse("<< >>");
    AddPage(pdf, width, height, "", resources);
    Object page = QPDFPageDocumentHelper(pdf).getAllPages().front().getObjectHandle();
    Object stream = page.getKey("/Contents");
    stream.replaceStreamData(content, Object::newNull(), Object::newNull());
  });
}

Status WriteCaptionedScanPdf(const std::filesystem::path& path, const std::string& caption) {
  std::string content = "0 g 0 G 1 w\n";
  char shape[64];
  for (int line = 0; line < 30; ++line) {
    const double y = 760 - 22.0 * line;
    double x = 72;
    for (int word = 0; word < 9; ++word) {
      const int letters = 2 + (line + word) % 5;
      for (int i = 0; i < letters; ++i, x += 6.5) {
        std::snprintf(shape, sizeof shape, "%.1f %.1f 5 7 re S\n", x, y);
        content += shape;
      }
      x += 6;  // the space between words
    }
  }
  content += "BT /F1 9 Tf 72 40 Td " + PdfString(caption) + " Tj ET\n";
  return Write(path, [&](QPDF& pdf) {
    Object resources = Object::parse("<< /Font << >> >>");
    resources.getKey("/Font").replaceKey("/F1", Helvetica(pdf));
    AddPage(pdf, 595, 842, content, resources);
  });
}

Status WriteScanPdf(const std::filesystem::path& path, int width_px, int height_px) {
  std::string pixels(static_cast<size_t>(width_px) * height_px, '\xff');
  for (int y = height_px / 3; y < height_px / 3 + height_px / 50; ++y) {
    std::fill_n(pixels.begin() + static_cast<long>(y) * width_px + width_px / 10, width_px * 8 / 10,
                '\0');
  }
  return Write(path, [&](QPDF& pdf) {
    Object image = Object::newStream(&pdf, pixels);
    image.replaceDict(Object::parse(
        "<< /Type /XObject /Subtype /Image /ColorSpace /DeviceGray /BitsPerComponent 8 >>"));
    image.getDict().replaceKey("/Width", Object::newInteger(width_px));
    image.getDict().replaceKey("/Height", Object::newInteger(height_px));
    Object resources = Object::parse("<< /XObject << >> >>");
    resources.getKey("/XObject").replaceKey("/Im0", image);
    AddPage(pdf, 595, 842, "q 595 0 0 842 0 0 cm /Im0 Do Q", resources);
  });
}

std::string PageTreeLoopPdf() {
  const std::string content = "BT /F1 24 Tf 72 700 Td (Trang co chu) Tj ET";
  const std::vector<std::string> objects = {
      "<< /Type /Catalog /Pages 2 0 R >>", "<< /Type /Pages /Kids [3 0 R 2 0 R] /Count 2 >>",
      "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << "
      "/F1 5 0 R >> >> >>",
      "<< /Length " + std::to_string(content.size()) + " >>\nstream\n" + content + "\nendstream",
      "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"};
  std::string pdf = "%PDF-1.4\n";
  std::vector<size_t> offsets;
  for (size_t i = 0; i < objects.size(); ++i) {
    offsets.push_back(pdf.size());
    pdf += std::to_string(i + 1) + " 0 obj\n" + objects[i] + "\nendobj\n";
  }
  const size_t xref = pdf.size();
  pdf += "xref\n0 " + std::to_string(objects.size() + 1) + "\n0000000000 65535 f \n";
  for (size_t offset : offsets) {
    char line[32];
    std::snprintf(line, sizeof line, "%010zu 00000 n \n", offset);
    pdf += line;
  }
  pdf += "trailer\n<< /Size " + std::to_string(objects.size() + 1) +
         " /Root 1 0 R >>\nstartxref\n" + std::to_string(xref) + "\n%%EOF\n";
  return pdf;
}

Status WriteBrokenPdf(const std::filesystem::path& path) {
  return WriteFileAtomically(path, "%PDF-1.4\n%\xe2\xe3\xcf\xd3\n\n%%EOF\n");
}

Status WriteBombPdf(const std::filesystem::path& path) {
  return Write(path, [](QPDF& pdf) {
    Object image = Object::newStream(&pdf);
    image.replaceDict(Object::parse(
        "<< /Type /XObject /Subtype /Image /Width 35000 /Height 35000 /ColorSpace /DeviceGray "
        "/BitsPerComponent 1 >>"));
    // A CCITT G4 stream of all-white rows is a few bytes; its header says 35,000 x 35,000.
    image.replaceStreamData(
        std::string(64, '\0'), Object::newName("/CCITTFaxDecode"),
        Object::parse("<< /K -1 /Columns 35000 /Rows 35000 /BlackIs1 false >>"));
    Object resources = Object::parse("<< /XObject << >> >>");
    resources.getKey("/XObject").replaceKey("/Im0", image);
    AddPage(pdf, 8400, 8400, "q 8400 0 0 8400 0 0 cm /Im0 Do Q\n", resources);
  });
}

Status WriteType3NoUnicodePdf(const std::filesystem::path& path) {
  return Write(path, [](QPDF& pdf) {
    // Two glyphs drawn as shapes (a bar, a triangle), named as Ghostscript names glyphs it
    // cannot map: no standard name, no ToUnicode, so a text extractor gives their codes.
    Object procs = Object::parse("<< >>");
    procs.replaceKey("/g258", Stream(pdf, "600 0 0 0 600 700 d1 100 0 400 700 re f\n"));
    procs.replaceKey("/g437", Stream(pdf, "600 0 0 0 600 700 d1 50 0 m 550 0 l 300 700 l f\n"));
    Object font = pdf.makeIndirectObject(Object::parse(
        "<< /Type /Font /Subtype /Type3 /FontMatrix [0.001 0 0 0.001 0 0] /FontBBox [0 0 600 700] "
        "/FirstChar 18 /LastChar 25 /Widths [600 0 0 0 0 0 0 600] "
        "/Encoding << /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [18 /g258 25 "
        "/g437] >> "
        "/Resources << >> >>"));
    font.replaceKey("/CharProcs", procs);
    Object resources = Object::parse("<< /Font << >> >>");
    resources.getKey("/Font").replaceKey("/T3", font);
    // Lines of "words": runs of the two glyphs, a wide gap between words.
    std::string content = "BT /T3 20 Tf 72 760 Td 30 TL\n";
    const char* words[] = {"<121912>", "<1912>", "<12121919>", "<19>", "<121912>", "<191219>"};
    for (int line = 0; line < 12; ++line) {
      content += "[";
      for (int w = 0; w < 6; ++w) content += std::string(words[(line + w) % 6]) + " -900 ";
      content += "] TJ T*\n";
    }
    content += "ET\n";
    AddPage(pdf, 595, 842, content, resources);
  });
}

}  // namespace luutru::testing
