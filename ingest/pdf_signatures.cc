#include "ingest/pdf_signatures.h"

#include <openssl/cms.h>
#include <openssl/evp.h>
#include <openssl/objects.h>
#include <openssl/x509.h>
#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstring>
#include <ctime>
#include <map>
#include <memory>
#include <qpdf/Pipeline.hh>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFAcroFormDocumentHelper.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <set>

#include "core/c_handle.h"
#include "core/dates.h"

namespace luutru::ingest {
namespace {

constexpr int kHiddenFlag = 1 << 1;  // annotation flag "Hidden" (PDF 32000-1, 12.5.3)

using CmsPtr = CHandle<CMS_ContentInfo, CMS_ContentInfo_free>;
using MdCtxPtr = CHandle<EVP_MD_CTX, EVP_MD_CTX_free>;
void FreeCerts(STACK_OF(X509) * certs) { sk_X509_pop_free(certs, X509_free); }
using CertsPtr = CHandle<STACK_OF(X509), FreeCerts>;
using FilePtr = std::unique_ptr<FILE, decltype(&std::fclose)>;

long long FileSize(const std::filesystem::path& path) {
  std::error_code ec;
  auto size = std::filesystem::file_size(path, ec);
  return ec ? -1 : static_cast<long long>(size);
}

std::string Iso8601(const std::tm& utc) {
  char out[32];
  std::strftime(out, sizeof out, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return out;
}

// A PDF date ("D:20250207075624+07'00'") as ISO 8601 UTC; empty when it is not one.
std::string PdfDateToIso(std::string date) {
  if (date.rfind("D:", 0) == 0) date.erase(0, 2);
  int y = 0, mo = 1, d = 1, h = 0, mi = 0, s = 0;
  if (date.size() < 4 ||
      std::sscanf(date.c_str(), "%4d%2d%2d%2d%2d%2d", &y, &mo, &d, &h, &mi, &s) < 1)
    return "";
  auto t = static_cast<std::time_t>(UtcSeconds(y, mo, d, h, mi, s));
  if (date.size() > 14 && (date[14] == '+' || date[14] == '-')) {
    int oh = 0, om = 0;
    std::sscanf(date.c_str() + 15, "%2d'%2d", &oh, &om);
    t -= (date[14] == '+' ? 1 : -1) * (oh * 3600 + om * 60);
  }
  std::tm utc{};
  gmtime_r(&t, &utc);
  return Iso8601(utc);
}

std::string NameEntry(X509_NAME* name, int nid) {
  int at = X509_NAME_get_index_by_NID(name, nid, -1);
  if (at < 0) return "";
  unsigned char* utf8 = nullptr;
  int n = ASN1_STRING_to_UTF8(&utf8, X509_NAME_ENTRY_get_data(X509_NAME_get_entry(name, at)));
  if (n < 0) return "";
  std::string out(reinterpret_cast<char*>(utf8), static_cast<size_t>(n));
  OPENSSL_free(utf8);
  return out;
}

std::string SigningTime(CMS_SignerInfo* si) {
  int at = CMS_signed_get_attr_by_NID(si, NID_pkcs9_signingTime, -1);
  if (at < 0) return "";
  ASN1_TYPE* value = X509_ATTRIBUTE_get0_type(CMS_signed_get_attr(si, at), 0);
  if (!value || (value->type != V_ASN1_UTCTIME && value->type != V_ASN1_GENERALIZEDTIME)) return "";
  std::tm tm{};
  if (ASN1_TIME_to_tm(value->value.generalizedtime, &tm) != 1) return "";
  return Iso8601(tm);
}

// The bytes a signature covers: [offset, length] pairs of its /ByteRange.
struct ByteRanges {
  std::vector<std::pair<long long, long long>> ranges;
  long long end = 0;  // the last byte covered, plus one
};

std::optional<ByteRanges> ReadByteRanges(QPDFObjectHandle value, long long file_size) {
  QPDFObjectHandle array = value.getKey("/ByteRange");
  if (!array.isArray() || array.getArrayNItems() % 2 != 0 || array.getArrayNItems() == 0)
    return std::nullopt;
  ByteRanges out;
  for (int i = 0; i < array.getArrayNItems(); i += 2) {
    QPDFObjectHandle offset = array.getArrayItem(i), length = array.getArrayItem(i + 1);
    if (!offset.isInteger() || !length.isInteger()) return std::nullopt;
    long long o = offset.getIntValue(), n = length.getIntValue();
    if (o < 0 || n < 0 || o + n > file_size) return std::nullopt;
    out.ranges.emplace_back(o, n);
    out.end = std::max(out.end, o + n);
  }
  return out;
}

// The digest of the covered bytes, read a megabyte at a time.
std::optional<std::string> DigestRanges(const std::filesystem::path& path, const ByteRanges& ranges,
                                        const EVP_MD* md) {
  FilePtr file(std::fopen(path.c_str(), "rb"), &std::fclose);
  MdCtxPtr ctx(EVP_MD_CTX_new());
  if (!file || !ctx || EVP_DigestInit_ex(ctx.get(), md, nullptr) != 1) return std::nullopt;
  std::vector<unsigned char> buffer(1 << 20);
  for (auto [offset, length] : ranges.ranges) {
    if (fseeko(file.get(), offset, SEEK_SET) != 0) return std::nullopt;
    while (length > 0) {
      size_t want =
          static_cast<size_t>(std::min<long long>(length, static_cast<long long>(buffer.size())));
      size_t got = std::fread(buffer.data(), 1, want, file.get());
      if (got != want) return std::nullopt;
      EVP_DigestUpdate(ctx.get(), buffer.data(), got);
      length -= static_cast<long long>(got);
    }
  }
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  if (EVP_DigestFinal_ex(ctx.get(), digest, &size) != 1) return std::nullopt;
  return std::string(reinterpret_cast<char*>(digest), size);
}

// Checks the CMS signature in /Contents against the bytes it covers, and reads who signed and
// when. PDF signatures (adbe.pkcs7.detached, ETSI.CAdES.detached) sign a set of attributes that
// holds the digest of the covered bytes: the digest is compared here, the signature over the
// attributes checked by OpenSSL.
void CheckSignature(const std::filesystem::path& path, long long file_size, QPDFObjectHandle value,
                    Signature& sig) {
  if (QPDFObjectHandle when = value.getKey("/M"); when.isString())
    sig.signed_at = PdfDateToIso(when.getUTF8Value());
  QPDFObjectHandle contents = value.getKey("/Contents");
  std::optional<ByteRanges> ranges = ReadByteRanges(value, file_size);
  if (!contents.isString() || !ranges) return;
  sig.whole_file = ranges->end == file_size;
  const std::string der = contents.getStringValue();
  const auto* p = reinterpret_cast<const unsigned char*>(der.data());
  CmsPtr cms(d2i_CMS_ContentInfo(nullptr, &p, static_cast<long>(der.size())));
  if (!cms) return;
  STACK_OF(CMS_SignerInfo)* infos = CMS_get0_SignerInfos(cms.get());
  if (!infos || sk_CMS_SignerInfo_num(infos) < 1) return;
  CMS_SignerInfo* si = sk_CMS_SignerInfo_value(infos, 0);
  CertsPtr certs(CMS_get1_certs(cms.get()));
  X509* signer = nullptr;
  for (int i = 0; certs && i < sk_X509_num(certs.get()); ++i) {
    if (CMS_SignerInfo_cert_cmp(si, sk_X509_value(certs.get(), i)) == 0)
      signer = sk_X509_value(certs.get(), i);
  }
  if (!signer) return;
  CMS_SignerInfo_set1_signer_cert(si, signer);
  sig.signer = NameEntry(X509_get_subject_name(signer), NID_commonName);
  sig.organization = NameEntry(X509_get_subject_name(signer), NID_organizationName);
  if (std::string signed_time = SigningTime(si); !signed_time.empty()) sig.signed_at = signed_time;

  X509_ALGOR* digest_algorithm = nullptr;
  CMS_SignerInfo_get0_algs(si, nullptr, nullptr, &digest_algorithm, nullptr);
  const ASN1_OBJECT* digest_object = nullptr;
  X509_ALGOR_get0(&digest_object, nullptr, nullptr, digest_algorithm);
  const EVP_MD* md = digest_object ? EVP_get_digestbyobj(digest_object) : nullptr;
  auto* expected = static_cast<ASN1_OCTET_STRING*>(CMS_signed_get0_data_by_OBJ(
      si, OBJ_nid2obj(NID_pkcs9_messageDigest), -3, V_ASN1_OCTET_STRING));
  if (!md || !expected) return;  // no signed attributes: an old kind luutru does not check
  std::optional<std::string> digest = DigestRanges(path, *ranges, md);
  if (!digest) return;
  const bool same_bytes =
      digest->size() == static_cast<size_t>(ASN1_STRING_length(expected)) &&
      std::memcmp(digest->data(), ASN1_STRING_get0_data(expected), digest->size()) == 0;
  sig.verdict = same_bytes && CMS_SignerInfo_verify(si) == 1 ? Signature::Verdict::kValid
                                                             : Signature::Verdict::kInvalid;
}

bool ShowsStamp(QPDFAnnotationObjectHelper& annotation) {
  QPDFObjectHandle::Rectangle r = annotation.getRect();
  return (annotation.getFlags() & kHiddenFlag) == 0 && std::abs(r.urx - r.llx) > 1 &&
         std::abs(r.ury - r.lly) > 1;
}

// Appends what QPDFWriter writes to a vector, the buffer Poppler then takes over.
class VectorPipeline final : public Pipeline {
 public:
  explicit VectorPipeline(std::vector<char>& out) : Pipeline("luutru memory", nullptr), out_(out) {}
  void write(unsigned char const* data, size_t len) override {
    out_.insert(out_.end(), data, data + len);
  }
  void finish() override {}

 private:
  std::vector<char>& out_;
};

}  // namespace

std::vector<Signature> ReadSignatures(const std::filesystem::path& path,
                                      const std::string& password) {
  std::vector<Signature> out;
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.processFile(path.c_str(), password.empty() ? nullptr : password.c_str());
    QPDFAcroFormDocumentHelper form(pdf);
    if (!form.hasAcroForm()) return out;
    // The page each field's stamp is on.
    std::map<QPDFObjGen, int> stamp_page;
    std::vector<QPDFPageObjectHelper> pages = QPDFPageDocumentHelper(pdf).getAllPages();
    for (size_t i = 0; i < pages.size(); ++i) {
      for (QPDFAnnotationObjectHelper& annotation : form.getWidgetAnnotationsForPage(pages[i])) {
        QPDFFormFieldObjectHelper field = form.getFieldForAnnotation(annotation);
        if (!field.isNull() && ShowsStamp(annotation))
          stamp_page.emplace(field.getObjectHandle().getObjGen(), i + 1);
      }
    }
    const long long size = FileSize(path);
    for (QPDFFormFieldObjectHelper& field : form.getFormFields()) {
      if (field.getFieldType() != "/Sig") continue;
      QPDFObjectHandle value = field.getValue();
      if (!value.isDictionary()) continue;  // an empty field, waiting for a signature
      Signature sig;
      sig.field = field.getFullyQualifiedName();
      if (auto at = stamp_page.find(field.getObjectHandle().getObjGen()); at != stamp_page.end())
        sig.page = at->second;
      try {
        CheckSignature(path, size, value, sig);
      } catch (const std::exception& e) {
        spdlog::debug("{}: signature {} not checked: {}", path.string(), sig.field, e.what());
      }
      out.push_back(std::move(sig));
    }
  } catch (const std::exception& e) {
    spdlog::debug("{}: signatures not read: {}", path.string(), e.what());
  }
  return out;
}

std::optional<std::vector<char>> WithoutSignatureStamps(const std::filesystem::path& path,
                                                        const std::string& password,
                                                        long long max_bytes) {
  const long long size = FileSize(path);
  if (size < 0 || size > max_bytes) return std::nullopt;
  try {
    QPDF pdf;
    pdf.setSuppressWarnings(true);
    pdf.processFile(path.c_str(), password.empty() ? nullptr : password.c_str());
    QPDFAcroFormDocumentHelper form(pdf);
    if (!form.hasAcroForm()) return std::nullopt;
    bool removed = false;
    for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
      std::set<QPDFObjGen> stamps;
      for (QPDFAnnotationObjectHelper& annotation : form.getWidgetAnnotationsForPage(page)) {
        QPDFFormFieldObjectHelper field = form.getFieldForAnnotation(annotation);
        if (!field.isNull() && field.getFieldType() == "/Sig" && ShowsStamp(annotation)) {
          stamps.insert(annotation.getObjectHandle().getObjGen());
        }
      }
      if (stamps.empty()) continue;
      QPDFObjectHandle kept = QPDFObjectHandle::newArray();
      for (QPDFObjectHandle annotation :
           page.getObjectHandle().getKey("/Annots").getArrayAsVector()) {
        if (!stamps.count(annotation.getObjGen())) kept.appendItem(annotation);
      }
      page.getObjectHandle().replaceKey("/Annots", kept);
      removed = true;
    }
    if (!removed) return std::nullopt;
    std::vector<char> out;
    out.reserve(static_cast<size_t>(size));
    VectorPipeline sink(out);
    QPDFWriter writer(pdf);
    writer.setOutputPipeline(&sink);
    writer.setPreserveEncryption(false);
    writer.setCompressStreams(false);
    writer.setDecodeLevel(qpdf_dl_none);
    writer.write();
    return out;
  } catch (const std::exception& e) {
    spdlog::debug("{}: read with its signature stamps: {}", path.string(), e.what());
    return std::nullopt;
  }
}

}  // namespace luutru::ingest
