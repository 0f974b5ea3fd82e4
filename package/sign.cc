#include "package/sign.h"

#include <harfbuzz/hb-ot.h>
#include <harfbuzz/hb-subset.h>
#include <openssl/cms.h>
#include <openssl/err.h>
#include <openssl/pem.h>
#include <openssl/pkcs12.h>
#include <openssl/x509.h>

#include <array>
#include <cmath>
#include <cstdio>
#include <ctime>
#include <map>
#include <memory>
#include <qpdf/Buffer.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFAcroFormDocumentHelper.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <set>

#include "core/c_handle.h"
#include "core/dates.h"
#include "core/fs_util.h"
#include "core/sha256.h"
#include "core/vietnamese.h"

namespace luutru::package {
namespace {

namespace fs = std::filesystem;

constexpr const char* kDefaultFont =
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-Regular.ttf";
constexpr double kFontSize = 10;         // pt, as the circular says
constexpr double kLineHeight = 12;       // pt
constexpr double kMargin = 28.35;        // pt: 10 mm from the page's top and right edges
constexpr size_t kContentsBytes = 8192;  // room for the CMS: a signature and its certificates
// Written where /ByteRange's numbers go and replaced once the file's layout is known: as wide
// as any offset in a file below 10 GB.
constexpr long long kByteRangePlaceholder = 9999999999LL;

// ---- Credentials (OpenSSL) ----

using Key = CHandle<EVP_PKEY, EVP_PKEY_free>;
using Certificate = CHandle<X509, X509_free>;
using Bio = CHandle<BIO, BIO_free_all>;
using Cms = CHandle<CMS_ContentInfo, CMS_ContentInfo_free>;
void FreeCertificates(STACK_OF(X509) * s) { sk_X509_pop_free(s, X509_free); }
using Certificates = CHandle<STACK_OF(X509), FreeCertificates>;

struct Credentials {
  Key key;
  Certificate certificate;
  Certificates chain{sk_X509_new_null()};
};

std::string OpenSslError() {
  const unsigned long code = ERR_get_error();
  ERR_clear_error();
  if (code == 0) return "unknown error";
  char text[256];
  ERR_error_string_n(code, text, sizeof text);
  return text;
}

Bio MemoryBio(const std::string& bytes) {
  return Bio(BIO_new_mem_buf(bytes.data(), static_cast<int>(bytes.size())));
}

// Every certificate of a PEM text, in its order.
std::vector<Certificate> PemCertificates(const std::string& pem) {
  std::vector<Certificate> out;
  Bio bio = MemoryBio(pem);
  while (X509* c = PEM_read_bio_X509(bio.get(), nullptr, nullptr, nullptr)) out.emplace_back(c);
  ERR_clear_error();  // the end of the text reads as an error
  return out;
}

Result<Credentials> LoadCredentials(const SignOptions& options) {
  if (options.credentials.empty())
    return InvalidArgument("no signing key: give a PKCS#12 file (.p12) or a PEM key");
  Result<std::string> bytes = ReadFile(options.credentials);
  if (!bytes.ok()) return bytes.status().WithContext("the signing key");
  const std::string name = options.credentials.string();
  Credentials out;
  if (bytes->find("-----BEGIN") == std::string::npos) {
    // PKCS#12.
    Bio bio = MemoryBio(*bytes);
    CHandle<PKCS12, PKCS12_free> p12(d2i_PKCS12_bio(bio.get(), nullptr));
    if (!p12) return InvalidArgument(name + " is neither a PKCS#12 file nor PEM");
    EVP_PKEY* key = nullptr;
    X509* certificate = nullptr;
    STACK_OF(X509)* chain = nullptr;
    if (!PKCS12_parse(p12.get(), options.password.c_str(), &key, &certificate, &chain)) {
      return InvalidArgument(name + " cannot be opened (" + OpenSslError() +
                             "): is the password right? (--password-env NAME)");
    }
    out.key.reset(key);
    out.certificate.reset(certificate);
    if (chain) out.chain.reset(chain);
  } else {
    Bio bio = MemoryBio(*bytes);
    out.key.reset(PEM_read_bio_PrivateKey(bio.get(), nullptr, nullptr,
                                          const_cast<char*>(options.password.c_str())));
    if (!out.key) {
      return InvalidArgument(name + " holds no private key that can be read (" + OpenSslError() +
                             "): is the password right?");
    }
    std::string pem = *bytes;
    if (!options.certificate.empty()) {
      Result<std::string> certificates = ReadFile(options.certificate);
      if (!certificates.ok()) return certificates.status().WithContext("the certificate");
      pem = *certificates;
    }
    std::vector<Certificate> certificates = PemCertificates(pem);
    for (Certificate& c : certificates) {
      if (!out.certificate) {
        out.certificate = std::move(c);
      } else {
        sk_X509_push(out.chain.get(), c.release());
      }
    }
  }
  if (!out.certificate) {
    return InvalidArgument("no certificate for the key in " + name +
                           ": give it in the same PEM file or with --cert");
  }
  if (X509_check_private_key(out.certificate.get(), out.key.get()) != 1) {
    ERR_clear_error();
    return InvalidArgument("the certificate does not belong to the key in " + name);
  }
  return out;
}

// The subject's organisation (O), else its common name (CN).
std::string OrganisationOf(X509* certificate) {
  X509_NAME* subject = X509_get_subject_name(certificate);
  for (int nid : {NID_organizationName, NID_commonName}) {
    const int at = X509_NAME_get_index_by_NID(subject, nid, -1);
    if (at < 0) continue;
    unsigned char* utf8 = nullptr;
    const int n =
        ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(subject, at)));
    if (n < 0) continue;
    std::string value(reinterpret_cast<char*>(utf8), static_cast<size_t>(n));
    OPENSSL_free(utf8);
    if (!value.empty()) return value;
  }
  return "";
}

// ---- Time ----

// Seconds since the epoch of an ISO 8601 time with "Z" or an offset; nullopt otherwise.
std::optional<long long> EpochOf(const std::string& iso) {
  int y, mo, d, h, mi, s;
  if (iso.size() < 20 ||
      std::sscanf(iso.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6)
    return std::nullopt;
  std::string zone = iso.substr(19);
  if (!zone.empty() && zone[0] == '.') zone.erase(0, zone.find_first_not_of("0123456789", 1));
  long long offset = 0;
  if (zone == "Z") {
    offset = 0;
  } else if (zone.size() == 6 && (zone[0] == '+' || zone[0] == '-') && zone[3] == ':') {
    int oh, om;
    if (std::sscanf(zone.c_str() + 1, "%2d:%2d", &oh, &om) != 2) return std::nullopt;
    offset = (zone[0] == '-' ? -1 : 1) * (oh * 3600LL + om * 60LL);
  } else {
    return std::nullopt;
  }
  return UtcSeconds(y, mo, d, h, mi, s) - offset;
}

// `epoch` in Vietnam time (UTC+7) as `format` writes it (strftime).
std::string InVietnam(long long epoch, const char* format) {
  const std::time_t local = static_cast<std::time_t>(epoch + 7 * 3600);
  std::tm t{};
  gmtime_r(&local, &t);
  char text[40];
  std::strftime(text, sizeof text, format, &t);
  return text;
}

// ---- The font of the visible text (HarfBuzz) ----

// A TrueType font as a PDF embeds it for text in Identity-H: glyph ids as character codes.
class EmbeddedFont {
 public:
  static Result<EmbeddedFont> Load(const fs::path& path) {
    EmbeddedFont font;
    font.blob_.reset(hb_blob_create_from_file_or_fail(path.c_str()));
    if (!font.blob_) {
      return MissingDependency("the signature's font " + path.string() +
                               " is missing; install Debian's fonts-liberation2 (scripts/setup "
                               "does) or give --font");
    }
    font.face_.reset(hb_face_create(font.blob_.get(), 0));
    font.font_.reset(hb_font_create(font.face_.get()));
    font.upem_ = hb_face_get_upem(font.face_.get());
    if (hb_face_get_glyph_count(font.face_.get()) == 0)
      return InvalidArgument(path.string() + " is not a TrueType font");
    return font;
  }

  // `text` as 2-byte glyph ids in hex, its width in points at kFontSize; the glyphs are
  // remembered for the subset. Fails for a letter the font has no glyph for.
  Result<std::pair<std::string, double>> Encode(const std::string& text) {
    std::string hex;
    double width = 0;
    for (char32_t c : vi::Utf32(vi::Nfc(text))) {
      hb_codepoint_t glyph = 0;
      if (!hb_font_get_nominal_glyph(font_.get(), c, &glyph)) {
        return InvalidArgument("the signature's font has no letter " +
                               vi::Utf8(std::u32string(1, c)));
      }
      char code[5];
      std::snprintf(code, sizeof code, "%04X", glyph);
      hex += code;
      const double advance = hb_font_get_glyph_h_advance(font_.get(), glyph);
      width += advance * kFontSize / upem_;
      glyphs_[glyph] = c;
    }
    return std::make_pair(hex, width);
  }

  // The Type0 font of the glyphs encoded so far, its program the subset of those glyphs
  // (glyph ids kept, so that codes stay glyph ids).
  Result<QPDFObjectHandle> ToPdf(QPDF& pdf) const {
    CHandle<hb_subset_input_t, hb_subset_input_destroy> input(hb_subset_input_create_or_fail());
    if (!input) return Internal("HarfBuzz cannot make a subset");
    hb_set_t* glyph_set = hb_subset_input_glyph_set(input.get());
    for (const auto& [glyph, c] : glyphs_) hb_set_add(glyph_set, glyph);
    hb_subset_input_set_flags(input.get(), HB_SUBSET_FLAGS_RETAIN_GIDS);
    CHandle<hb_face_t, hb_face_destroy> subset(hb_subset_or_fail(face_.get(), input.get()));
    if (!subset) return Internal("HarfBuzz cannot make a subset of the signature's font");
    CHandle<hb_blob_t, hb_blob_destroy> program(hb_face_reference_blob(subset.get()));
    unsigned int size = 0;
    const char* data = hb_blob_get_data(program.get(), &size);

    // The subset's tag: six capitals from its glyphs.
    std::string glyph_list;
    for (const auto& [glyph, c] : glyphs_) glyph_list += std::to_string(glyph) + ",";
    const std::string digest = Sha256Hex(glyph_list);
    std::string name = "/";
    for (int i = 0; i < 6; ++i)
      name += static_cast<char>('A' + std::stoi(digest.substr(2 * i, 2), nullptr, 16) % 26);
    name += "+" + PostScriptName();

    QPDFObjectHandle file = QPDFObjectHandle::newStream(&pdf, std::string(data, size));
    file.getDict().replaceKey("/Length1", QPDFObjectHandle::newInteger(size));
    auto metric = [&](hb_ot_metrics_tag_t tag) {
      hb_position_t value = 0;
      hb_ot_metrics_get_position(font_.get(), tag, &value);
      return QPDFObjectHandle::newInteger(std::lround(value * 1000.0 / upem_));
    };
    QPDFObjectHandle descriptor = QPDFObjectHandle::newDictionary();
    descriptor.replaceKey("/Type", QPDFObjectHandle::newName("/FontDescriptor"));
    descriptor.replaceKey("/FontName", QPDFObjectHandle::newName(name));
    descriptor.replaceKey("/Flags", QPDFObjectHandle::newInteger(34));  // serif, nonsymbolic
    descriptor.replaceKey("/FontBBox", BoundingBox());
    descriptor.replaceKey("/ItalicAngle", QPDFObjectHandle::newInteger(0));
    descriptor.replaceKey("/Ascent", metric(HB_OT_METRICS_TAG_HORIZONTAL_ASCENDER));
    descriptor.replaceKey("/Descent", metric(HB_OT_METRICS_TAG_HORIZONTAL_DESCENDER));
    descriptor.replaceKey("/CapHeight", metric(HB_OT_METRICS_TAG_CAP_HEIGHT));
    descriptor.replaceKey("/StemV", QPDFObjectHandle::newInteger(80));
    descriptor.replaceKey("/FontFile2", file);

    QPDFObjectHandle widths = QPDFObjectHandle::newArray();
    for (const auto& [glyph, c] : glyphs_) {
      widths.appendItem(QPDFObjectHandle::newInteger(glyph));
      widths.appendItem(QPDFObjectHandle::newArray({QPDFObjectHandle::newInteger(
          std::lround(hb_font_get_glyph_h_advance(font_.get(), glyph) * 1000.0 / upem_))}));
    }
    QPDFObjectHandle system = QPDFObjectHandle::newDictionary();
    system.replaceKey("/Registry", QPDFObjectHandle::newString("Adobe"));
    system.replaceKey("/Ordering", QPDFObjectHandle::newString("Identity"));
    system.replaceKey("/Supplement", QPDFObjectHandle::newInteger(0));
    QPDFObjectHandle cid = QPDFObjectHandle::newDictionary();
    cid.replaceKey("/Type", QPDFObjectHandle::newName("/Font"));
    cid.replaceKey("/Subtype", QPDFObjectHandle::newName("/CIDFontType2"));
    cid.replaceKey("/BaseFont", QPDFObjectHandle::newName(name));
    cid.replaceKey("/CIDSystemInfo", system);
    cid.replaceKey("/FontDescriptor", pdf.makeIndirectObject(descriptor));
    cid.replaceKey("/W", widths);
    cid.replaceKey("/CIDToGIDMap", QPDFObjectHandle::newName("/Identity"));

    QPDFObjectHandle type0 = QPDFObjectHandle::newDictionary();
    type0.replaceKey("/Type", QPDFObjectHandle::newName("/Font"));
    type0.replaceKey("/Subtype", QPDFObjectHandle::newName("/Type0"));
    type0.replaceKey("/BaseFont", QPDFObjectHandle::newName(name));
    type0.replaceKey("/Encoding", QPDFObjectHandle::newName("/Identity-H"));
    type0.replaceKey("/DescendantFonts", QPDFObjectHandle::newArray({pdf.makeIndirectObject(cid)}));
    type0.replaceKey("/ToUnicode", QPDFObjectHandle::newStream(&pdf, ToUnicode()));
    return pdf.makeIndirectObject(type0);
  }

 private:
  std::string PostScriptName() const {
    char name[64];
    unsigned int size = sizeof name;
    hb_ot_name_get_utf8(face_.get(), HB_OT_NAME_ID_POSTSCRIPT_NAME, HB_LANGUAGE_INVALID, &size,
                        name);
    std::string out;
    for (const char* p = name; *p; ++p) {
      if (std::isalnum(static_cast<unsigned char>(*p)) || *p == '-') out += *p;
    }
    return out.empty() ? "Font" : out;
  }

  // The 'head' table's box of every glyph, in thousandths of the font size.
  QPDFObjectHandle BoundingBox() const {
    CHandle<hb_blob_t, hb_blob_destroy> head(
        hb_face_reference_table(face_.get(), HB_TAG('h', 'e', 'a', 'd')));
    unsigned int size = 0;
    const auto* b = reinterpret_cast<const unsigned char*>(hb_blob_get_data(head.get(), &size));
    QPDFObjectHandle box = QPDFObjectHandle::newArray();
    for (unsigned int at = 36; at <= 42; at += 2) {
      const int value = size >= 44 ? static_cast<int16_t>((b[at] << 8) | b[at + 1]) : 0;
      box.appendItem(QPDFObjectHandle::newInteger(std::lround(value * 1000.0 / upem_)));
    }
    return box;
  }

  // What each glyph id stands for, so that the text can be copied and searched.
  std::string ToUnicode() const {
    std::string cmap =
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n"
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
        "/CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n"
        "1 begincodespacerange\n<0000> <FFFF>\nendcodespacerange\n";
    std::vector<std::pair<hb_codepoint_t, char32_t>> pairs(glyphs_.begin(), glyphs_.end());
    for (size_t at = 0; at < pairs.size(); at += 100) {
      const size_t n = std::min<size_t>(100, pairs.size() - at);
      cmap += std::to_string(n) + " beginbfchar\n";
      for (size_t i = at; i < at + n; ++i) {
        char line[32];
        std::snprintf(line, sizeof line, "<%04X> <%04X>\n", pairs[i].first,
                      static_cast<unsigned>(pairs[i].second));  // Vietnamese: all in the BMP
        cmap += line;
      }
      cmap += "endbfchar\n";
    }
    return cmap + "endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend\n";
  }

  CHandle<hb_blob_t, hb_blob_destroy> blob_;
  CHandle<hb_face_t, hb_face_destroy> face_;
  CHandle<hb_font_t, hb_font_destroy> font_;
  unsigned int upem_ = 1000;
  std::map<hb_codepoint_t, char32_t> glyphs_;
};

// ---- The signature field ----

QPDFObjectHandle Number(double value) { return QPDFObjectHandle::newReal(value, 2); }

// The visible text's appearance, `lines` top down, and the rectangle it takes at the top right
// of `page`.
struct Appearance {
  QPDFObjectHandle stream;
  std::array<double, 4> rect;
};

Result<Appearance> MakeAppearance(QPDF& pdf, QPDFPageObjectHelper& page,
                                  const std::vector<std::string>& lines,
                                  const fs::path& font_path) {
  Result<EmbeddedFont> font = EmbeddedFont::Load(font_path);
  if (!font.ok()) return font.status();
  std::vector<std::string> codes;
  double width = 0;
  for (const std::string& line : lines) {
    Result<std::pair<std::string, double>> encoded = font->Encode(line);
    if (!encoded.ok()) return encoded.status();
    codes.push_back(encoded->first);
    width = std::max(width, encoded->second);
  }
  Result<QPDFObjectHandle> type0 = font->ToPdf(pdf);
  if (!type0.ok()) return type0.status();
  const double w = std::ceil(width) + 4, h = kLineHeight * static_cast<double>(lines.size()) + 4;
  std::string content = "BT\n/F1 " + std::to_string(static_cast<int>(kFontSize)) + " Tf\n0 g\n";
  content += "2 " + std::to_string(h - 2 - kFontSize * 0.9) + " Td\n";
  for (size_t i = 0; i < codes.size(); ++i) {
    if (i > 0) content += "0 -" + std::to_string(kLineHeight) + " Td\n";
    content += "<" + codes[i] + "> Tj\n";
  }
  content += "ET\n";
  QPDFObjectHandle stream = QPDFObjectHandle::newStream(&pdf, content);
  QPDFObjectHandle dict = stream.getDict();
  dict.replaceKey("/Type", QPDFObjectHandle::newName("/XObject"));
  dict.replaceKey("/Subtype", QPDFObjectHandle::newName("/Form"));
  dict.replaceKey("/BBox",
                  QPDFObjectHandle::newArray({Number(0), Number(0), Number(w), Number(h)}));
  QPDFObjectHandle fonts = QPDFObjectHandle::newDictionary();
  fonts.replaceKey("/F1", *type0);
  QPDFObjectHandle resources = QPDFObjectHandle::newDictionary();
  resources.replaceKey("/Font", fonts);
  dict.replaceKey("/Resources", resources);
  const QPDFObjectHandle::Rectangle box = page.getMediaBox().getArrayAsRectangle();
  const double x1 = box.urx - kMargin, y1 = box.ury - kMargin;
  return Appearance{stream, {x1 - w, y1 - h, x1, y1}};
}

// Adds the signature dictionary (placeholders for /ByteRange and /Contents) and its field,
// shown on page 1.
Status AddSignatureField(QPDF& pdf, const std::string& organisation, long long epoch,
                         const fs::path& font) {
  std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf).getAllPages();
  if (pages.empty()) return InvalidArgument("the PDF has no page to show the signature on");
  QPDFPageObjectHelper& first = pages.front();
  Result<Appearance> appearance =
      MakeAppearance(pdf, first, {organisation, InVietnam(epoch, "%Y-%m-%dT%H:%M:%S+07:00")}, font);
  if (!appearance.ok()) return appearance.status();

  QPDFObjectHandle range = QPDFObjectHandle::newArray();
  range.appendItem(QPDFObjectHandle::newInteger(0));
  for (int i = 0; i < 3; ++i) range.appendItem(QPDFObjectHandle::newInteger(kByteRangePlaceholder));
  QPDFObjectHandle signature = QPDFObjectHandle::newDictionary();
  signature.replaceKey("/Type", QPDFObjectHandle::newName("/Sig"));
  signature.replaceKey("/Filter", QPDFObjectHandle::newName("/Adobe.PPKLite"));
  signature.replaceKey("/SubFilter", QPDFObjectHandle::newName("/ETSI.CAdES.detached"));
  signature.replaceKey("/ByteRange", range);
  signature.replaceKey("/Contents", QPDFObjectHandle::newString(std::string(kContentsBytes, '\0')));
  signature.replaceKey("/M",
                       QPDFObjectHandle::newString(InVietnam(epoch, "D:%Y%m%d%H%M%S+07'00'")));
  signature.replaceKey("/Name", QPDFObjectHandle::newUnicodeString(organisation));

  QPDFObjectHandle ap = QPDFObjectHandle::newDictionary();
  ap.replaceKey("/N", appearance->stream);
  QPDFObjectHandle field = QPDFObjectHandle::newDictionary();
  field.replaceKey("/Type", QPDFObjectHandle::newName("/Annot"));
  field.replaceKey("/Subtype", QPDFObjectHandle::newName("/Widget"));
  field.replaceKey("/FT", QPDFObjectHandle::newName("/Sig"));
  field.replaceKey("/T", QPDFObjectHandle::newUnicodeString("Chữ ký số của cơ quan số hóa"));
  field.replaceKey("/F", QPDFObjectHandle::newInteger(4));  // prints (PDF/A)
  const auto& r = appearance->rect;
  field.replaceKey("/Rect", QPDFObjectHandle::newArray(
                                {Number(r[0]), Number(r[1]), Number(r[2]), Number(r[3])}));
  field.replaceKey("/P", first.getObjectHandle());
  field.replaceKey("/V", pdf.makeIndirectObject(signature));
  field.replaceKey("/AP", ap);
  field = pdf.makeIndirectObject(field);

  QPDFObjectHandle page = first.getObjectHandle();
  if (!page.getKey("/Annots").isArray()) page.replaceKey("/Annots", QPDFObjectHandle::newArray());
  page.getKey("/Annots").appendItem(field);
  QPDFObjectHandle root = pdf.getRoot();
  if (!root.getKey("/AcroForm").isDictionary())
    root.replaceKey("/AcroForm", pdf.makeIndirectObject(QPDFObjectHandle::newDictionary()));
  QPDFObjectHandle form = root.getKey("/AcroForm");
  if (!form.getKey("/Fields").isArray()) form.replaceKey("/Fields", QPDFObjectHandle::newArray());
  form.getKey("/Fields").appendItem(field);
  form.replaceKey("/SigFlags", QPDFObjectHandle::newInteger(3));  // signed, append only
  return Status::Ok();
}

// The CMS (detached, CAdES: the signing certificate's digest signed with it) over
// `signed_bytes`, its signing time `epoch` (the time shown, not the moment OpenSSL runs).
Result<std::string> CmsSignature(const Credentials& credentials, const std::string& signed_bytes,
                                 long long epoch) {
  const unsigned int flags = CMS_DETACHED | CMS_BINARY | CMS_CADES | CMS_NOSMIMECAP;
  Cms cms(CMS_sign(credentials.certificate.get(), credentials.key.get(), credentials.chain.get(),
                   nullptr, flags | CMS_PARTIAL));
  if (!cms) return Internal("OpenSSL cannot sign: " + OpenSslError());
  CMS_SignerInfo* signer = sk_CMS_SignerInfo_value(CMS_get0_SignerInfos(cms.get()), 0);
  CHandle<ASN1_TIME, ASN1_TIME_free> time(ASN1_TIME_set(nullptr, static_cast<time_t>(epoch)));
  if (!signer || !time ||
      CMS_signed_add1_attr_by_NID(signer, NID_pkcs9_signingTime, time->type, time.get(), -1) <= 0)
    return Internal("OpenSSL cannot set the signing time: " + OpenSslError());
  Bio data = MemoryBio(signed_bytes);
  if (CMS_final(cms.get(), data.get(), nullptr, flags) != 1)
    return Internal("OpenSSL cannot sign: " + OpenSslError());
  unsigned char* der = nullptr;
  const int n = i2d_CMS_ContentInfo(cms.get(), &der);
  if (n <= 0) return Internal("OpenSSL cannot write the signature: " + OpenSslError());
  std::string out(reinterpret_cast<char*>(der), static_cast<size_t>(n));
  OPENSSL_free(der);
  return out;
}

}  // namespace

std::string VietnamTime(const std::string& iso) {
  std::optional<long long> epoch = EpochOf(iso);
  return epoch ? InVietnam(*epoch, "%Y-%m-%dT%H:%M:%S+07:00") : "";
}

Status SignPdf(const fs::path& in, const fs::path& out, const SignOptions& options) {
  Result<Credentials> credentials = LoadCredentials(options);
  if (!credentials.ok()) return credentials.status();
  const std::string organisation = options.organisation.empty()
                                       ? OrganisationOf(credentials->certificate.get())
                                       : options.organisation;
  if (organisation.empty())
    return InvalidArgument("the certificate names no organisation: give --organisation");
  const std::string when = options.signed_at.empty() ? UtcNowIso8601() : options.signed_at;
  std::optional<long long> epoch = EpochOf(when);
  if (!epoch)
    return InvalidArgument("signing time '" + when + "' is not ISO 8601 with a zone (…+07:00)");

  std::string file;
  try {
    QPDF pdf;
    pdf.processFile(in.c_str());
    // Signing writes the file anew: a signature already in it would no longer verify.
    for (QPDFFormFieldObjectHelper& field : QPDFAcroFormDocumentHelper(pdf).getFormFields()) {
      if (field.getFieldType() == "/Sig" && field.getValue().isDictionary()) {
        return InvalidArgument(in.string() +
                               " is already signed: signing again would break that signature "
                               "(luutru signs by writing the file anew); sign the PDF/A before "
                               "any other signature");
      }
    }
    Status added = AddSignatureField(pdf, organisation, *epoch,
                                     options.font.empty() ? kDefaultFont : options.font);
    if (!added.ok()) return added;
    QPDFWriter writer(pdf);
    writer.setOutputMemory();
    writer.setObjectStreamMode(qpdf_o_disable);  // the signature dictionary as plain bytes
    writer.setMinimumPDFVersion("1.7");
    writer.setPreserveEncryption(false);
    writer.write();
    std::unique_ptr<Buffer> buffer(writer.getBuffer());
    file.assign(reinterpret_cast<const char*>(buffer->getBuffer()), buffer->getSize());
  } catch (const QPDFExc& e) {
    return Corrupt(in.string() + " cannot be read as a PDF: " + e.what());
  } catch (const std::exception& e) {
    return Internal(std::string("cannot add the signature: ") + e.what());
  }

  // Where the CMS goes, and the byte ranges around it.
  const std::string hole = "<" + std::string(2 * kContentsBytes, '0') + ">";
  const size_t contents = file.find(hole);
  const std::string placeholder = std::to_string(kByteRangePlaceholder);
  const std::string ranges_placeholder = placeholder + " " + placeholder + " " + placeholder;
  const size_t ranges = file.find(ranges_placeholder);
  if (contents == std::string::npos || ranges == std::string::npos ||
      file.find(hole, contents + 1) != std::string::npos)
    return Internal("the signature's place was not found in the written file");
  const size_t after = contents + hole.size();
  auto padded = [&](size_t value) {
    std::string text = std::to_string(value);
    return text + std::string(placeholder.size() - text.size(), ' ');
  };
  const std::string numbers =
      padded(contents) + " " + padded(after) + " " + padded(file.size() - after);
  file.replace(ranges, numbers.size(), numbers);

  Result<std::string> cms =
      CmsSignature(*credentials, file.substr(0, contents) + file.substr(after), *epoch);
  if (!cms.ok()) return cms.status();
  if (cms->size() > kContentsBytes) {
    return Internal("the signature (" + std::to_string(cms->size()) + " bytes with its " +
                    "certificates) does not fit the " + std::to_string(kContentsBytes) +
                    " bytes kept for it: sign with a shorter certificate chain");
  }
  static const char* kHex = "0123456789ABCDEF";
  for (size_t i = 0; i < cms->size(); ++i) {
    const auto byte = static_cast<unsigned char>((*cms)[i]);
    file[contents + 1 + 2 * i] = kHex[byte >> 4];
    file[contents + 2 + 2 * i] = kHex[byte & 15];
  }
  return WriteFileAtomically(out, file);
}

}  // namespace luutru::package
