#include "package/aip.h"

#include <libxml/xmlwriter.h>
#include <openssl/rand.h>
#include <zip.h>

#include <fstream>
#include <map>

#include "core/c_handle.h"
#include "core/dates.h"
#include "core/fs_util.h"
#include "core/record_json.h"
#include "core/sha256.h"
#include "hoso/describe.h"
#include "package/check.h"
#include "package/schemas.h"

#ifndef LUUTRU_VERSION
#define LUUTRU_VERSION "0"
#endif

namespace luutru::package {
namespace fs = std::filesystem;

std::string PackageFileCode(const std::string& fonds, const std::string& year,
                            const std::string& code, const std::string& separator) {
  std::string out;
  for (const std::string* part : {&fonds, &year, &code}) {
    if (part->empty()) continue;
    if (!out.empty()) out += separator;
    out += *part;
  }
  return out;
}

namespace {

constexpr const char* kProfile = "https://earkcsip.dilcis.eu/profile/E-ARK-CSIP.xml";
constexpr const char* kSoftware = "luutru";
// The schemas a package carries (README §5.1: METS and its companions, PREMIS).
constexpr const char* kCarriedSchemas[] = {"DILCISExtensionMETS.xsd", "mets1_12.xsd",
                                           "premis-v3-0.xsd", "xlink.xsd"};

std::string Uuid() {
  unsigned char b[16];
  RAND_bytes(b, sizeof b);
  b[6] = (b[6] & 0x0f) | 0x40;
  b[8] = (b[8] & 0x3f) | 0x80;
  static const char* kHex = "0123456789ABCDEF";
  std::string out;
  for (int i = 0; i < 16; ++i) {
    if (i == 4 || i == 6 || i == 8 || i == 10) out += '-';
    out += kHex[b[i] >> 4];
    out += kHex[b[i] & 15];
  }
  return out;
}
std::string SectionId() { return "uuid-" + Uuid(); }
std::string FileId() { return "ID-" + Uuid(); }

std::string Upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

// A document written through libxml2's text writer, indented, UTF-8.
class Xml {
 public:
  Xml() : buffer_(xmlBufferCreate()), writer_(xmlNewTextWriterMemory(buffer_.get(), 0)) {
    xmlTextWriterSetIndent(writer_.get(), 1);
    xmlTextWriterSetIndentString(writer_.get(), reinterpret_cast<const xmlChar*>("  "));
    xmlTextWriterStartDocument(writer_.get(), nullptr, "UTF-8", nullptr);
  }
  Xml& Open(const char* name) {
    xmlTextWriterStartElement(writer_.get(), X(name));
    return *this;
  }
  Xml& Attr(const char* name, const std::string& value) {
    xmlTextWriterWriteAttribute(writer_.get(), X(name), X(value.c_str()));
    return *this;
  }
  Xml& Text(const std::string& text) {
    xmlTextWriterWriteString(writer_.get(), X(text.c_str()));
    return *this;
  }
  Xml& Close() {
    xmlTextWriterEndElement(writer_.get());
    return *this;
  }
  // <name>text</name>, written also when empty (TT 05's records list every element).
  Xml& Leaf(const char* name, const std::string& text) {
    xmlTextWriterStartElement(writer_.get(), X(name));
    xmlTextWriterWriteString(writer_.get(), X(text.c_str()));
    xmlTextWriterFullEndElement(writer_.get());
    return *this;
  }
  std::string Done() {
    xmlTextWriterEndDocument(writer_.get());
    writer_.reset();
    return std::string(reinterpret_cast<const char*>(xmlBufferContent(buffer_.get())),
                       static_cast<size_t>(xmlBufferLength(buffer_.get())));
  }

 private:
  static const xmlChar* X(const char* s) { return reinterpret_cast<const xmlChar*>(s); }
  CHandle<xmlBuffer, xmlBufferFree> buffer_;
  CHandle<xmlTextWriter, xmlFreeTextWriter> writer_;
};

// A file written into the package, as METS and PREMIS describe it.
struct Written {
  std::string path;  // relative to the METS that lists it
  std::string id;    // METS file/mdRef ID
  uint64_t size = 0;
  std::string sha256;  // upper-case hex, as TT 05's samples write it
};

Result<Written> Put(const fs::path& root, const std::string& relative, const std::string& bytes) {
  const fs::path path = root / relative;
  std::error_code ec;
  fs::create_directories(path.parent_path(), ec);
  std::ofstream out(path, std::ios::binary);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  out.close();
  if (!out) return IoError("cannot write " + path.string());
  return Written{relative, FileId(), bytes.size(), Upper(Sha256Hex(bytes))};
}

Result<Written> Measure(const fs::path& root, const std::string& relative) {
  Result<std::string> bytes = ReadFile(root / relative);
  if (!bytes.ok()) return bytes.status();
  return Written{relative, FileId(), bytes->size(), Upper(Sha256Hex(*bytes))};
}

void Mdref(Xml& x, const Written& w, const char* mdtype, const std::string& created) {
  x.Open("mdRef").Attr("ID", SectionId()).Attr("LOCTYPE", "URL").Attr("MDTYPE", mdtype);
  if (std::string(mdtype) == "OTHER") x.Attr("OTHERMDTYPE", "simpledc");
  x.Attr("MIMETYPE", "text/xml")
      .Attr("SIZE", std::to_string(w.size))
      .Attr("CREATED", created)
      .Attr("CHECKSUMTYPE", "SHA-256")
      .Attr("CHECKSUM", w.sha256)
      .Attr("xlink:type", "simple")
      .Attr("xlink:href", w.path)
      .Close();
}

void FileEntry(Xml& x, const Written& w, const char* mimetype, const std::string& created) {
  x.Open("file")
      .Attr("ID", w.id)
      .Attr("MIMETYPE", mimetype)
      .Attr("SIZE", std::to_string(w.size))
      .Attr("CREATED", created)
      .Attr("CHECKSUMTYPE", "SHA-256")
      .Attr("CHECKSUM", w.sha256);
  x.Open("FLocat")
      .Attr("LOCTYPE", "URL")
      .Attr("xlink:type", "simple")
      .Attr("xlink:href", w.path)
      .Close();
  x.Close();
}

// <mets> with its namespaces, and the header every METS of the package opens with (CSIP1–16).
void OpenMets(Xml& x, const std::string& objid, const std::string& label,
              const std::string& schemas, bool representation, const std::string& created,
              const AipOptions& options) {
  x.Open("mets")
      .Attr("xmlns", "http://www.loc.gov/METS/")
      .Attr("xmlns:xlink", "http://www.w3.org/1999/xlink")
      .Attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
      .Attr("xmlns:csip", "https://DILCIS.eu/XML/METS/CSIPExtensionMETS")
      .Attr("xsi:schemaLocation", "http://www.loc.gov/METS/ " + schemas + "mets1_12.xsd " +
                                      "http://www.w3.org/1999/xlink " + schemas + "xlink.xsd " +
                                      "https://DILCIS.eu/XML/METS/CSIPExtensionMETS " + schemas +
                                      "DILCISExtensionMETS.xsd")
      .Attr("OBJID", objid);
  if (!label.empty()) x.Attr("LABEL", label);
  x.Attr("TYPE", "Mixed");
  if (representation) x.Attr("csip:CONTENTINFORMATIONTYPE", "MIXED");
  x.Attr("PROFILE", kProfile);
  x.Open("metsHdr")
      .Attr("CREATEDATE", created)
      .Attr("RECORDSTATUS", "NEW")
      .Attr("csip:OAISPACKAGETYPE", "AIP");
  x.Open("agent").Attr("ROLE", "CREATOR").Attr("TYPE", "OTHER").Attr("OTHERTYPE", "SOFTWARE");
  x.Leaf("name", kSoftware);
  x.Open("note").Attr("csip:NOTETYPE", "SOFTWARE VERSION").Text(LUUTRU_VERSION).Close();
  x.Close();
  if (!options.organisation.empty()) {
    x.Open("agent").Attr("ROLE", "ARCHIVIST").Attr("TYPE", "ORGANIZATION");
    x.Leaf("name", options.organisation);
    if (!options.organisation_code.empty()) {
      x.Open("note")
          .Attr("csip:NOTETYPE", "IDENTIFICATIONCODE")
          .Text(options.organisation_code)
          .Close();
    }
    x.Close();
  }
  x.Close();
}

// PREMIS 3.0 pieces.
void Identifier(Xml& x, const char* element, const std::string& type, const std::string& value) {
  const std::string e(element);
  x.Open(element);
  x.Leaf((e + "Type").c_str(), type);
  x.Leaf((e + "Value").c_str(), value);
  x.Close();
}

struct Event {
  std::string id, type, at, detail, outcome = "success", outcome_detail;
  std::vector<std::pair<std::string, std::string>> agents;   // id, role
  std::vector<std::pair<std::string, std::string>> objects;  // id, role
};

void WriteEvent(Xml& x, const Event& e) {
  x.Open("event").Attr("xmlID", e.id);
  Identifier(x, "eventIdentifier", "LOCAL", e.id);
  x.Leaf("eventType", e.type);
  x.Leaf("eventDateTime", e.at);
  x.Open("eventDetailInformation").Leaf("eventDetail", e.detail).Close();
  x.Open("eventOutcomeInformation").Leaf("eventOutcome", e.outcome);
  if (!e.outcome_detail.empty()) {
    x.Open("eventOutcomeDetail").Leaf("eventOutcomeDetailNote", e.outcome_detail).Close();
  }
  x.Close();
  for (const auto& [id, role] : e.agents) {
    x.Open("linkingAgentIdentifier");
    x.Leaf("linkingAgentIdentifierType", "LOCAL").Leaf("linkingAgentIdentifierValue", id);
    x.Leaf("linkingAgentRole", role);
    x.Close();
  }
  for (const auto& [id, role] : e.objects) {
    x.Open("linkingObjectIdentifier");
    x.Leaf("linkingObjectIdentifierType", "LOCAL").Leaf("linkingObjectIdentifierValue", id);
    x.Leaf("linkingObjectRole", role);
    x.Close();
  }
  x.Close();
}

struct Agent {
  std::string id, name, type, version;
};

void WriteAgent(Xml& x, const Agent& a) {
  x.Open("agent").Attr("xmlID", a.id);
  Identifier(x, "agentIdentifier", "LOCAL", a.id);
  x.Leaf("agentName", a.name).Leaf("agentType", a.type);
  if (!a.version.empty()) x.Leaf("agentVersion", a.version);
  x.Close();
}

void OpenPremis(Xml& x, const std::string& schemas) {
  x.Open("premis")
      .Attr("xmlns", "http://www.loc.gov/premis/v3")
      .Attr("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance")
      .Attr("xsi:schemaLocation", "http://www.loc.gov/premis/v3 " + schemas + "premis-v3-0.xsd")
      .Attr("version", "3.0");
}

// One document of the file, as packaged.
struct PackagedDocument {
  const hoso::DescribedDocument* described = nullptr;
  Record record;
  std::string doc_code;  // mã hồ sơ + 7-digit STT
  Written pdf;           // representations/rep1/data/…
  Written ead;           // representations/rep1/metadata/descriptive/…
  std::string dmd_id;
  std::string ingested_vn, converted_vn, signed_vn, checked_vn;
  std::string original_sha256;
};

std::string Padded(int n, int width) {
  std::string s = std::to_string(n);
  return std::string(width > static_cast<int>(s.size()) ? width - s.size() : 0, '0') + s;
}

std::string DayFirst(const std::string& iso) { return iso.empty() ? "" : WrittenDate(iso); }

std::string FileEad(const hoso::FileDescription& d, const std::string& arc_file_code,
                    const std::string& paper_file_code) {
  const hoso::ArchivalFile& f = d.file;
  Xml x;
  x.Open("simpledc");
  x.Leaf("arcFileCode", arc_file_code);
  x.Leaf("title", f.Value(hoso::kTitle));
  x.Leaf("maintenance", f.Value(hoso::kRetention));
  x.Leaf("mode", f.Value(hoso::kAccess));
  x.Leaf("language", f.Value(hoso::kLanguage));
  x.Leaf("startDate", DayFirst(f.Value(hoso::kStartDate)));
  x.Leaf("endDate", DayFirst(f.Value(hoso::kEndDate)));
  x.Leaf("keyword", f.Value("keyword"));
  x.Leaf("totalDoc", f.Value(hoso::kTotalDocuments));
  x.Leaf("numberOfPaper", f.Value("numberOfPaper"));
  x.Leaf("numberOfPage", f.Value(hoso::kPages));
  x.Leaf("format", f.Value("format"));
  x.Leaf("inforSign", f.Value("inforSign"));
  const std::string reliability =
      f.Value(hoso::kReliability).empty() ? "02" : f.Value(hoso::kReliability);
  x.Leaf("confidenceLevel", reliability);
  x.Leaf("paperFileCode", paper_file_code);
  x.Leaf("description", f.Value("description"));
  const std::string backup = f.Value("riskRecovery").empty() ? "0" : f.Value("riskRecovery");
  x.Leaf("riskRecovery", backup);
  x.Leaf("riskRecoveryStatus", f.Value("riskRecoveryStatus"));
  x.Close();
  return x.Done();
}

std::string DocumentEad(const hoso::FileDescription& d, const PackagedDocument& doc,
                        const std::string& arc_file_code) {
  const hoso::DescribedDocument& dd = *doc.described;
  auto own = [&](const char* name, const std::string& fallback = "") {
    auto it = dd.values.find(name);
    return it != dd.values.end() && !it->second.empty() ? it->second : fallback;
  };
  Xml x;
  x.Open("simpledc");
  x.Leaf("arcFileCode", arc_file_code);
  x.Leaf("mode", d.file.Value(hoso::kAccess));
  x.Leaf("language", own("language", d.file.Value(hoso::kLanguage)));
  x.Leaf("keyword", own("keyword"));
  x.Leaf("numberOfPage", std::to_string(dd.pages));
  x.Leaf("format", own("format"));
  x.Leaf("inforSign", own("inforSign"));
  x.Leaf("confidenceLevel", own("confidenceLevel", "02"));
  x.Leaf("description", own("description"));
  x.Leaf("docCode", doc.doc_code);
  x.Leaf("docOrdinal", std::to_string(dd.ordinal));
  x.Leaf("typeName", dd.type_code);
  x.Leaf("codeNumber", dd.code_number);
  x.Leaf("codeNotation", dd.code_notation);
  x.Leaf("issuedDate", DayFirst(dd.metadata.date));
  x.Leaf("organName", dd.metadata.agency);
  x.Leaf("subject", dd.metadata.subject);
  x.Leaf("autograph", own("autograph"));
  x.Leaf("process", "");
  x.Close();
  return x.Done();
}

// The original in the archive still has the SHA-256 its record gives (PREMIS "fixity check").
Status CheckOriginal(const ArchiveLayout& layout, const Record& record) {
  std::ifstream in(layout.ObjectPath(record.sha256), std::ios::binary);
  if (!in) {
    return Corrupt("the original of " + record.id + " is missing from the archive (" +
                   layout.ObjectPath(record.sha256).string() + "): run luutru verify");
  }
  Sha256 digest;
  std::vector<char> buffer(1 << 16);
  while (in) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    if (in.gcount() > 0) digest.Update(buffer.data(), static_cast<size_t>(in.gcount()));
  }
  if (digest.HexDigest() != record.sha256) {
    return Corrupt("the original of " + record.id +
                   " no longer matches its SHA-256: run luutru verify before packaging");
  }
  return Status::Ok();
}

std::string Now(const std::string& fixed) {
  return fixed.empty() ? VietnamTime(UtcNowIso8601()) : fixed;
}

std::string PdfPages(const Record& r) {
  int ocr = 0, layer = 0;
  for (const PageText& p : r.pages) {
    ocr += p.method == TextMethod::kOcr;
    layer += p.method == TextMethod::kTextLayer;
  }
  return std::to_string(ocr) + " trang đọc bằng OCR, " + std::to_string(layer) +
         " trang có sẵn lớp chữ";
}

void WriteFileObject(Xml& x, const PackagedDocument& d, const std::vector<std::string>& events) {
  x.Open("object").Attr("xsi:type", "file").Attr("xmlID", "obj-" + d.pdf.id);
  Identifier(x, "objectIdentifier", "LOCAL", d.pdf.id);
  Identifier(x, "objectIdentifier", "LOCAL_FILENAME", d.doc_code);
  x.Open("objectCharacteristics");
  x.Leaf("compositionLevel", "0");
  x.Open("fixity")
      .Leaf("messageDigestAlgorithm", "SHA-256")
      .Leaf("messageDigest", d.pdf.sha256)
      .Close();
  x.Leaf("size", std::to_string(d.pdf.size));
  x.Open("format");
  x.Open("formatDesignation")
      .Leaf("formatName", "Acrobat PDF/A - Portable Document Format")
      .Leaf("formatVersion", "2b")
      .Close();
  x.Open("formatRegistry")
      .Leaf("formatRegistryName", "PRONOM")
      .Leaf("formatRegistryKey", "fmt/477")
      .Leaf("formatRegistryRole", "specification")
      .Close();
  x.Close();
  x.Open("creatingApplication")
      .Leaf("creatingApplicationName", kSoftware)
      .Leaf("creatingApplicationVersion", LUUTRU_VERSION)
      .Close();
  x.Close();
  x.Leaf("originalName", fs::path(d.record.source).filename().string());
  for (const std::string& e : events) {
    x.Open("linkingEventIdentifier")
        .Leaf("linkingEventIdentifierType", "LOCAL")
        .Leaf("linkingEventIdentifierValue", e)
        .Close();
  }
  x.Close();
}

Status Zip(const fs::path& folder, const fs::path& zip_path) {
  const fs::path partial = zip_path.string() + ".partial";
  std::error_code ec;
  fs::remove(partial, ec);
  int error = 0;
  zip_t* zip = zip_open(partial.c_str(), ZIP_CREATE | ZIP_EXCL, &error);
  if (zip == nullptr) return IoError("cannot create " + partial.string());
  std::vector<fs::path> files;
  for (fs::recursive_directory_iterator it(folder, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file()) files.push_back(it->path());
  }
  std::sort(files.begin(), files.end());
  const fs::path base = folder.parent_path();
  for (const fs::path& f : files) {
    const std::string name = fs::relative(f, base).generic_string();
    zip_source_t* source = zip_source_file(zip, f.c_str(), 0, -1);
    const zip_int64_t at =
        source == nullptr ? -1 : zip_file_add(zip, name.c_str(), source, ZIP_FL_ENC_UTF_8);
    if (at < 0) {
      if (source != nullptr) zip_source_free(source);
      zip_discard(zip);
      fs::remove(partial, ec);
      return IoError("cannot add " + name + " to " + zip_path.string());
    }
    // Page images are compressed already: stored, not deflated again.
    if (f.extension() == ".pdf")
      zip_set_file_compression(zip, static_cast<zip_uint64_t>(at), ZIP_CM_STORE, 0);
  }
  if (zip_close(zip) != 0) {
    zip_discard(zip);
    fs::remove(partial, ec);
    return IoError("cannot write " + zip_path.string());
  }
  fs::rename(partial, zip_path, ec);
  if (ec) return IoError("cannot move " + partial.string() + ": " + ec.message());
  return Status::Ok();
}

// Removes the staging folder unless the package was moved out of it.
struct Staging {
  fs::path path;
  ~Staging() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};

}  // namespace

Result<WrittenAip> WriteAip(const ArchiveLayout& layout, hoso::Store& store,
                            const std::string& file_code, const fs::path& out_dir,
                            const AipOptions& options) {
  Result<hoso::FileDescription> described = hoso::Describe(layout, store, file_code);
  if (!described.ok()) return described.status();
  const hoso::FileDescription& d = *described;
  if (d.documents.empty()) {
    return InvalidArgument("hồ sơ " + file_code + " has no documents: attach its scans first");
  }
  const std::string& sep = options.separator;
  const std::string created = Now(options.created_at);
  const std::string fonds = d.file.Value(hoso::kFonds);
  const std::string file_id = PackageFileCode(fonds, d.file.Value("year"), d.file.code, sep);
  const std::string arc_file_code =
      options.archive_code.empty() ? file_id : options.archive_code + sep + file_id;
  std::string paper_file_code = d.file.Value("paperFileCode");
  if (paper_file_code.empty()) {
    const std::string place = PackageFileCode(d.file.Value("store"), d.file.Value("shelf"),
                                              d.file.Value(hoso::kBox), sep);
    paper_file_code = place.empty()
                          ? arc_file_code
                          : PackageFileCode(options.archive_code, place, d.file.code, sep);
  }
  const std::string uuid = Uuid();
  const std::string objid_fonds = fonds.empty() ? options.organisation_code : fonds;
  const std::string objid = options.objid_form == ObjidForm::kUrnFondsUuid && !objid_fonds.empty()
                                ? "urn:" + objid_fonds + ":uuid:" + uuid
                                : "urn:uuid:" + uuid;
  std::string folder_name = objid;
  std::replace(folder_name.begin(), folder_name.end(), ':', '_');

  std::error_code ec;
  fs::create_directories(out_dir, ec);
  if (ec) return IoError("cannot create " + out_dir.string() + ": " + ec.message());
  Staging staging{out_dir / ("." + folder_name + ".partial")};
  fs::remove_all(staging.path, ec);
  const fs::path root = staging.path / folder_name;
  const fs::path rep = root / "representations" / "rep1";
  fs::create_directories(rep / "data", ec);
  if (ec) return IoError("cannot create " + rep.string() + ": " + ec.message());

  // The documents: each original checked, its PDF/A written and signed.
  std::vector<PackagedDocument> docs;
  for (const hoso::DescribedDocument& dd : d.documents) {
    PackagedDocument doc;
    doc.described = &dd;
    Result<Record> record = LoadRecord(layout, dd.record_id);
    if (!record.ok()) return record.status();
    doc.record = std::move(record).value();
    const std::string where = "document " + std::to_string(dd.ordinal) + " (" + dd.record_id + ")";
    if (Status s = CheckOriginal(layout, doc.record); !s.ok()) return s.WithContext(where);
    doc.checked_vn = Now("");
    doc.ingested_vn = VietnamTime(doc.record.ingested_at);
    if (doc.ingested_vn.empty()) doc.ingested_vn = created;
    doc.doc_code = file_id + sep + Padded(dd.ordinal, 7);
    const std::string name = "data/" + file_id + sep + Padded(dd.ordinal, 3) + ".pdf";
    const fs::path pdf = rep / name;
    const fs::path unsigned_pdf = options.sign ? fs::path(pdf.string() + ".unsigned") : pdf;
    if (Status s = WritePdfA(doc.record, layout, unsigned_pdf, options.pdfa); !s.ok()) {
      return s.WithContext(where);
    }
    doc.converted_vn = Now("");
    if (options.sign) {
      if (Status s = SignPdf(unsigned_pdf, pdf, *options.sign); !s.ok())
        return s.WithContext(where);
      fs::remove(unsigned_pdf, ec);
      doc.signed_vn = options.sign->signed_at.empty() ? Now("") : options.sign->signed_at;
    }
    Result<Written> written = Measure(rep, name);
    if (!written.ok()) return written.status();
    doc.pdf = *written;
    doc.dmd_id = SectionId();
    Result<Written> ead = Put(rep, "metadata/descriptive/EAD_doc_" + doc.doc_code + ".xml",
                              DocumentEad(d, doc, arc_file_code));
    if (!ead.ok()) return ead.status();
    doc.ead = *ead;
    docs.push_back(std::move(doc));
  }

  // PREMIS of the representation.
  Xml rep_premis;
  OpenPremis(rep_premis, "../../../../schemas/");
  rep_premis.Open("object").Attr("xsi:type", "representation").Attr("xmlID", "obj-rep1");
  Identifier(rep_premis, "objectIdentifier", "LOCAL", "rep1");
  rep_premis.Open("relationship")
      .Leaf("relationshipType", "structural")
      .Leaf("relationshipSubType", "has part");
  for (const PackagedDocument& doc : docs) {
    Identifier(rep_premis, "relatedObjectIdentifier", "LOCAL", doc.pdf.id);
  }
  rep_premis.Close().Close();
  WriteEvent(rep_premis,
             {"evt-rep1",
              "information package creation",
              created,
              "Tạo bản đại diện rep1: " + std::to_string(docs.size()) + " văn bản PDF/A-2b",
              "success",
              "",
              {{"agent-luutru", "executing program"}},
              {{"rep1", "outcome"}}});
  WriteAgent(rep_premis, {"agent-luutru", kSoftware, "software", LUUTRU_VERSION});
  rep_premis.Close();
  Result<Written> rep_premis_file =
      Put(rep, "metadata/preservation/PREMIS_rep1.xml", rep_premis.Done());
  if (!rep_premis_file.ok()) return rep_premis_file.status();

  // METS of the representation.
  Xml rm;
  OpenMets(rm, "rep1", "", "../../schemas/", /*representation=*/true, created, options);
  for (const PackagedDocument& doc : docs) {
    rm.Open("dmdSec").Attr("ID", doc.dmd_id).Attr("CREATED", created).Attr("STATUS", "CURRENT");
    Mdref(rm, doc.ead, "OTHER", created);
    rm.Close();
  }
  const std::string rep_amd = SectionId();
  rm.Open("amdSec").Attr("ID", rep_amd);
  rm.Open("digiprovMD").Attr("ID", SectionId()).Attr("STATUS", "CURRENT");
  Mdref(rm, *rep_premis_file, "PREMIS", created);
  rm.Close().Close();
  const std::string data_grp = SectionId();
  rm.Open("fileSec").Attr("ID", SectionId());
  rm.Open("fileGrp").Attr("ID", data_grp).Attr("USE", "Data");
  for (const PackagedDocument& doc : docs) FileEntry(rm, doc.pdf, "application/pdf", created);
  rm.Close().Close();
  rm.Open("structMap").Attr("ID", SectionId()).Attr("TYPE", "PHYSICAL").Attr("LABEL", "CSIP");
  rm.Open("div").Attr("ID", SectionId()).Attr("LABEL", "rep1");
  rm.Open("div").Attr("ID", SectionId()).Attr("LABEL", "Data");
  rm.Open("fptr").Attr("FILEID", data_grp).Close();
  rm.Close();
  rm.Open("div").Attr("ID", SectionId()).Attr("LABEL", "MetadataLink");
  for (const PackagedDocument& doc : docs) {
    rm.Open("div")
        .Attr("ID", SectionId())
        .Attr("LABEL", "MetadataLink/File")
        .Attr("DMDID", doc.dmd_id)
        .Attr("ADMID", rep_amd);
    rm.Open("fptr").Attr("FILEID", doc.pdf.id).Close();
    rm.Close();
  }
  rm.Close().Close().Close().Close();
  Result<Written> rep_mets = Put(root, "representations/rep1/METS.xml", rm.Done());
  if (!rep_mets.ok()) return rep_mets.status();

  // The package's own metadata: the file's record and its PREMIS.
  Result<Written> ead =
      Put(root, "metadata/descriptive/EAD.xml", FileEad(d, arc_file_code, paper_file_code));
  if (!ead.ok()) return ead.status();
  Xml premis;
  OpenPremis(premis, "../../schemas/");
  std::vector<Event> events;
  for (const PackagedDocument& doc : docs) {
    const std::string n = std::to_string(doc.described->ordinal);
    const std::vector<std::pair<std::string, std::string>> outcome{{doc.pdf.id, "outcome"}};
    std::vector<std::pair<std::string, std::string>> by{{"agent-luutru", "executing program"}};
    if (!options.organisation.empty()) by.push_back({"agent-organisation", "implementer"});
    events.push_back({"evt-digitize-" + n, options.digitization_event, doc.ingested_vn,
                      "Số hóa: bản gốc " + fs::path(doc.record.source).filename().string() + " (" +
                          doc.record.format + ", " + std::to_string(doc.record.size) +
                          " byte, SHA-256 " + doc.record.sha256 + ") nhận vào kho",
                      "success", "", by, outcome});
    auto ocr_by = by;
    if (!options.text_recognition.empty()) ocr_by.push_back({"agent-ocr", "executing program"});
    events.push_back({"evt-ocr-" + n, "metadata extraction", doc.ingested_vn,
                      "Nhận dạng chữ và trích xuất trường đăng ký: " + PdfPages(doc.record) +
                          (options.text_recognition.empty() ? "" : "; " + options.text_recognition),
                      "success", "", ocr_by, outcome});
    events.push_back({"evt-pdfa-" + n, "normalization", doc.converted_vn,
                      "Chuyển sang PDF/A-2b hai lớp (ảnh trang như khi quét + lớp chữ ẩn)",
                      "success", "", by, outcome});
    if (options.sign) {
      events.push_back({"evt-sign-" + n, "digital signature generation", doc.signed_vn,
                        "Ký số PAdES (ETSI.CAdES.detached) của cơ quan số hóa, hiển thị góc phải "
                        "trang 1",
                        "success", "", by, outcome});
    }
    events.push_back(
        {"evt-fixity-" + n,
         "fixity check",
         doc.checked_vn,
         "SHA-256 của bản gốc trong kho khớp với giá trị ghi khi nhận: " + doc.record.sha256,
         "success",
         "",
         {{"agent-luutru", "validator"}},
         {{doc.pdf.id, "source"}}});
  }
  for (const PackagedDocument& doc : docs) {
    std::vector<std::string> ids;
    for (const Event& e : events) {
      if (!e.objects.empty() && e.objects.front().first == doc.pdf.id) ids.push_back(e.id);
    }
    WriteFileObject(premis, doc, ids);
  }
  events.push_back({"evt-aip",
                    "information package creation",
                    created,
                    "Tạo gói AIP_hoso của hồ sơ " + d.file.code + " (" + arc_file_code + ")",
                    "success",
                    "",
                    {{"agent-luutru", "executing program"}},
                    {{objid, "outcome"}}});
  for (const Event& e : events) WriteEvent(premis, e);
  WriteAgent(premis, {"agent-luutru", kSoftware, "software", LUUTRU_VERSION});
  if (!options.text_recognition.empty()) {
    WriteAgent(premis, {"agent-ocr", options.text_recognition, "software", ""});
  }
  if (!options.organisation.empty()) {
    WriteAgent(premis, {"agent-organisation", options.organisation, "organization", ""});
  }
  premis.Close();
  Result<Written> premis_file = Put(root, "metadata/preservation/PREMIS.xml", premis.Done());
  if (!premis_file.ok()) return premis_file.status();

  std::vector<Written> schemas;
  for (const char* name : kCarriedSchemas) {
    Result<Written> w =
        Put(root, std::string("schemas/") + name, std::string(EmbeddedSchema(name)));
    if (!w.ok()) return w.status();
    schemas.push_back(*w);
  }

  // The root METS.
  Xml m;
  OpenMets(m, objid, d.file.Value(hoso::kTitle), "schemas/", /*representation=*/false, created,
           options);
  const std::string dmd = SectionId(), amd = SectionId();
  m.Open("dmdSec").Attr("ID", dmd).Attr("CREATED", created).Attr("STATUS", "CURRENT");
  Mdref(m, *ead, "OTHER", created);
  m.Close();
  m.Open("amdSec").Attr("ID", amd);
  m.Open("digiprovMD").Attr("ID", SectionId()).Attr("STATUS", "CURRENT");
  Mdref(m, *premis_file, "PREMIS", created);
  m.Close().Close();
  const std::string schemas_grp = SectionId(), rep_grp = SectionId();
  m.Open("fileSec").Attr("ID", SectionId());
  m.Open("fileGrp").Attr("ID", schemas_grp).Attr("USE", "Schemas");
  for (const Written& w : schemas) FileEntry(m, w, "application/xml", created);
  m.Close();
  m.Open("fileGrp").Attr("ID", rep_grp).Attr("USE", "Representations/rep1");
  FileEntry(m, *rep_mets, "application/xml", created);
  m.Close().Close();
  m.Open("structMap").Attr("ID", SectionId()).Attr("TYPE", "PHYSICAL").Attr("LABEL", "CSIP");
  m.Open("div").Attr("ID", SectionId()).Attr("LABEL", objid);
  m.Open("div")
      .Attr("ID", SectionId())
      .Attr("LABEL", "Metadata")
      .Attr("DMDID", dmd)
      .Attr("ADMID", amd)
      .Close();
  m.Open("div").Attr("ID", SectionId()).Attr("LABEL", "Schemas");
  m.Open("fptr").Attr("FILEID", schemas_grp).Close();
  m.Close();
  m.Open("div").Attr("ID", SectionId()).Attr("LABEL", "Representations/rep1");
  m.Open("mptr")
      .Attr("LOCTYPE", "URL")
      .Attr("xlink:type", "simple")
      .Attr("xlink:href", "representations/rep1/METS.xml")
      .Attr("xlink:title", rep_grp)
      .Close();
  m.Close().Close().Close().Close();
  if (Result<Written> w = Put(root, "METS.xml", m.Done()); !w.ok()) return w.status();

  // Checked before it leaves: what luutru writes passes its own check with no warning.
  Result<CheckReport> report = CheckPackages(root, {CheckProfile::kTt05, nullptr});
  if (!report.ok()) return report.status();
  if (!report->Passed(/*strict=*/true)) {
    std::string problems;
    for (const PackageCheck& p : report->packages) {
      for (const Finding& f : p.findings)
        problems += "\n  [" + f.rule + "] " + f.file + ": " + f.message;
    }
    return Status(StatusCode::kInternal,
                  "the package of " + file_code + " does not pass its own check:" + problems);
  }

  WrittenAip out;
  out.file_code = d.file.code;
  out.objid = objid;
  out.folder = out_dir / folder_name;
  out.documents = static_cast<int>(docs.size());
  out.missing = d.missing;
  for (fs::recursive_directory_iterator it(root, ec), end; !ec && it != end; it.increment(ec)) {
    if (it->is_regular_file()) out.bytes += it->file_size();
  }
  if (Status s = SyncTree(root); !s.ok()) return s;
  if (fs::exists(out.folder, ec)) {
    return InvalidArgument(out.folder.string() + " already exists");
  }
  fs::rename(root, out.folder, ec);
  if (ec)
    return IoError("cannot move the package into " + out.folder.string() + ": " + ec.message());
  if (options.zip) {
    out.zip = out_dir / (folder_name + ".zip");
    if (Status s = Zip(out.folder, out.zip); !s.ok()) return s;
  }
  return out;
}

}  // namespace luutru::package
