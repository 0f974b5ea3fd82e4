#include "package/check.h"

#include <libxml/parser.h>
#include <libxml/tree.h>

#include <algorithm>
#include <map>
#include <optional>
#include <regex>
#include <set>

#include "core/c_handle.h"
#include "package/bagit.h"
#include "package/files.h"
#include "package/fixity.h"
#include "package/schemas.h"

namespace luutru::package {
namespace fs = std::filesystem;

int CheckReport::Count(Severity severity) const {
  auto count = [&](const std::vector<Finding>& findings) {
    return static_cast<int>(std::count_if(findings.begin(), findings.end(), [&](const Finding& f) {
      return f.severity == severity;
    }));
  };
  int n = count(findings);
  for (const PackageCheck& p : packages) n += count(p.findings);
  return n;
}

bool CheckReport::Passed(bool strict) const {
  return !packages.empty() && Count(Severity::kError) == 0 &&
         (!strict || Count(Severity::kWarning) == 0);
}

namespace {

constexpr const char* kMetsNs = "http://www.loc.gov/METS/";
constexpr const char* kXlinkNs = "http://www.w3.org/1999/xlink";
constexpr const char* kCsipNs = "https://DILCIS.eu/XML/METS/CSIPExtensionMETS";

using XmlDoc = CHandle<xmlDoc, xmlFreeDoc>;

// --- reading METS with libxml2's tree -------------------------------------------------------

bool Is(const xmlNode* n, const char* local, const char* ns = kMetsNs) {
  return n != nullptr && n->type == XML_ELEMENT_NODE &&
         xmlStrcmp(n->name, reinterpret_cast<const xmlChar*>(local)) == 0 &&
         (ns == nullptr ||
          (n->ns != nullptr && xmlStrcmp(n->ns->href, reinterpret_cast<const xmlChar*>(ns)) == 0));
}

std::vector<xmlNode*> Children(const xmlNode* parent, const char* local, const char* ns = kMetsNs) {
  std::vector<xmlNode*> out;
  if (parent == nullptr) return out;
  for (xmlNode* n = parent->children; n != nullptr; n = n->next) {
    if (Is(n, local, ns)) out.push_back(n);
  }
  return out;
}

xmlNode* Child(const xmlNode* parent, const char* local, const char* ns = kMetsNs) {
  std::vector<xmlNode*> all = Children(parent, local, ns);
  return all.empty() ? nullptr : all.front();
}

std::optional<std::string> Attr(const xmlNode* n, const char* name, const char* ns = nullptr) {
  xmlChar* v = ns == nullptr ? xmlGetNoNsProp(n, reinterpret_cast<const xmlChar*>(name))
                             : xmlGetNsProp(n, reinterpret_cast<const xmlChar*>(name),
                                            reinterpret_cast<const xmlChar*>(ns));
  if (v == nullptr) return std::nullopt;
  std::string out(reinterpret_cast<const char*>(v));
  xmlFree(v);
  return out;
}

std::string AttrOr(const xmlNode* n, const char* name, const char* ns = nullptr) {
  return Attr(n, name, ns).value_or("");
}

std::string Text(const xmlNode* n) {
  if (n == nullptr) return {};
  xmlChar* v = xmlNodeGetContent(n);
  std::string out = v != nullptr ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  const size_t b = out.find_first_not_of(" \t\r\n");
  const size_t e = out.find_last_not_of(" \t\r\n");
  return b == std::string::npos ? std::string() : out.substr(b, e - b + 1);
}

std::string Folder(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? std::string() : path.substr(0, slash);
}

std::string Join(const std::string& folder, const std::string& rest) {
  return folder.empty() ? rest : folder + "/" + rest;
}

std::string Name(const std::string& path) {
  const size_t slash = path.rfind('/');
  return slash == std::string::npos ? path : path.substr(slash + 1);
}

// An xlink:href as METS writes it ("representations/rep1/METS.xml", "./data/a%20b.pdf",
// "file:metadata/x.xml") as a path inside the package, relative to the METS's folder; empty
// when it points outside the package or to another machine.
std::string ResolveHref(const std::string& mets_folder, std::string href) {
  if (href.rfind("file://", 0) == 0) return {};
  if (href.rfind("file:", 0) == 0) href = href.substr(5);
  if (href.find("://") != std::string::npos) return {};
  std::string decoded;
  for (size_t i = 0; i < href.size(); ++i) {
    if (href[i] == '%' && i + 2 < href.size() && std::isxdigit(href[i + 1]) &&
        std::isxdigit(href[i + 2])) {
      decoded += static_cast<char>(std::stoi(href.substr(i + 1, 2), nullptr, 16));
      i += 2;
    } else {
      decoded += href[i];
    }
  }
  return NormalizeRelative(Join(mets_folder, decoded));
}

// --- one package ----------------------------------------------------------------------------

// What the METS files of a package say, gathered while they are checked, for the TT 05 rules.
struct MetsFacts {
  std::string path;
  std::map<std::string, std::string> dmd_href;   // dmdSec ID -> resolved path of its mdRef
  std::map<std::string, std::string> file_href;  // file ID -> resolved path
  std::map<std::string, std::string> file_use;   // file ID -> its fileGrp's USE
  std::set<std::string> grp_ids;
  std::vector<xmlNode*> divs;  // every structMap div, in document order
};

// The rule ids of a metadata section's attributes in the CSIP 2.2 profile.
struct MdRules {
  const char* id;
  const char* created;  // nullptr: not required
  const char* loctype;
  const char* xlink_type;
  const char* href;
  const char* mdtype;
  const char* mimetype;
  const char* size;
  const char* ref_created;
  const char* checksum;
  const char* checksumtype;
};
constexpr MdRules kDmdRules{"CSIP18", "CSIP19", "CSIP22", "CSIP23", "CSIP24", "CSIP25",
                            "CSIP26", "CSIP27", "CSIP28", "CSIP29", "CSIP30"};
constexpr MdRules kDigiprovRules{"CSIP33", nullptr,  "CSIP36", "CSIP37", "CSIP38", "CSIP39",
                                 "CSIP40", "CSIP41", "CSIP42", "CSIP43", "CSIP44"};
constexpr MdRules kRightsRules{"CSIP46", nullptr,  "CSIP49", "CSIP50", "CSIP51", "CSIP52",
                               "CSIP53", "CSIP54", "CSIP55", "CSIP56", "CSIP57"};

class PackageChecker {
 public:
  PackageChecker(const PackageFiles& files, const CheckOptions& options, std::string display_name,
                 PackageCheck& out)
      : files_(files), options_(options), display_name_(std::move(display_name)), out_(out) {}

  void Run() {
    const std::string root_mets = Join(out_.root, "METS.xml");
    std::optional<XmlDoc> doc = LoadValidated(root_mets, XmlSchema::kMets);
    if (!doc) return;
    xmlNode* mets = xmlDocGetRootElement(doc->get());
    out_.objid = AttrOr(mets, "OBJID");
    const std::string package_type = AttrOr(Child(mets, "metsHdr"), "OAISPACKAGETYPE", kCsipNs);
    out_.tt05 = options_.profile == CheckProfile::kTt05 ||
                (options_.profile == CheckProfile::kAuto && package_type == "AIP");
    MetsFacts root = CheckMets(root_mets, mets, /*is_root=*/true);

    std::vector<MetsFacts> representations;
    for (const std::string& rep_mets : RepresentationMets(root)) {
      std::optional<XmlDoc> rep_doc = LoadValidated(rep_mets, XmlSchema::kMets);
      if (!rep_doc) continue;
      representations.push_back(
          CheckMets(rep_mets, xmlDocGetRootElement(rep_doc->get()), /*is_root=*/false));
      if (out_.tt05) CheckTt05Representation(representations.back());
      rep_docs_.push_back(std::move(*rep_doc));
    }
    if (out_.tt05) CheckTt05Package(representations);
    CheckEveryFileReferenced(root_mets);
  }

 private:
  void Add(Severity severity, std::string rule, std::string file, std::string message) {
    out_.findings.push_back({severity, std::move(rule), std::move(file), std::move(message)});
  }
  void Error(std::string rule, std::string file, std::string message) {
    Add(Severity::kError, std::move(rule), std::move(file), std::move(message));
  }
  void Warn(std::string rule, std::string file, std::string message) {
    Add(Severity::kWarning, std::move(rule), std::move(file), std::move(message));
  }

  // The document at `path`, when present and well-formed; schema problems are findings.
  std::optional<XmlDoc> LoadValidated(const std::string& path, XmlSchema schema) {
    Result<std::string> bytes = files_.Read(path);
    if (!bytes.ok()) {
      Error("REF-MISSING", path, "thiếu tệp: " + bytes.status().message());
      return std::nullopt;
    }
    Result<std::vector<std::string>> problems = SchemaProblems(schema, *bytes, Name(path));
    if (!problems.ok()) {
      Error("XSD", path, problems.status().message());
      return std::nullopt;
    }
    for (const std::string& p : *problems) {
      Error("XSD", path,
            std::string("không hợp lệ theo lược đồ ") +
                (schema == XmlSchema::kMets ? "METS 1.12 + CSIP" : "PREMIS 3.0") + ": " + p);
    }
    XmlDoc doc(xmlReadMemory(bytes->data(), static_cast<int>(bytes->size()), nullptr, nullptr,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
    if (doc == nullptr) return std::nullopt;  // not well-formed: already reported
    return doc;
  }

  void Require(const xmlNode* n, const char* attr, const char* rule, const std::string& file,
               const std::string& where, const char* ns = nullptr) {
    if (rule == nullptr) return;
    std::optional<std::string> v = Attr(n, attr, ns);
    if (!v || v->empty()) {
      Error(rule, file, where + " thiếu thuộc tính " + (ns == kXlinkNs ? "xlink:" : "") + attr);
    }
  }

  MetsFacts CheckMets(const std::string& path, xmlNode* mets, bool is_root) {
    MetsFacts facts;
    facts.path = path;
    const std::string folder = Folder(path);
    if (AttrOr(mets, "OBJID").empty()) Error("CSIP1", path, "mets thiếu OBJID (mã định danh gói)");
    if (AttrOr(mets, "TYPE").empty()) Error("CSIP2", path, "mets thiếu TYPE (loại nội dung)");
    if (AttrOr(mets, "PROFILE").empty())
      Error("CSIP6", path, "mets thiếu PROFILE (URL hồ sơ METS)");

    xmlNode* header = Child(mets, "metsHdr");
    if (header == nullptr) {
      Error("CSIP117", path, "thiếu metsHdr");
    } else {
      if (AttrOr(header, "CREATEDATE").empty()) {
        Error("CSIP7", path, "metsHdr thiếu CREATEDATE (thời điểm tạo gói)");
      }
      if (is_root && AttrOr(header, "OAISPACKAGETYPE", kCsipNs).empty()) {
        Error("CSIP9", path,
              "metsHdr thiếu thuộc tính csip:OAISPACKAGETYPE (loại gói: SIP, AIP hoặc DIP)");
      }
      CheckCreatorAgent(header, path);
    }

    std::set<std::string> metadata_ids;
    for (xmlNode* dmd : Children(mets, "dmdSec")) {
      CheckMetadataSection(dmd, kDmdRules, path, folder, "dmdSec", &facts);
      metadata_ids.insert(AttrOr(dmd, "ID"));
    }
    for (xmlNode* amd : Children(mets, "amdSec")) {
      metadata_ids.insert(AttrOr(amd, "ID"));
      for (xmlNode* d : Children(amd, "digiprovMD")) {
        CheckMetadataSection(d, kDigiprovRules, path, folder, "digiprovMD", nullptr);
      }
      for (xmlNode* r : Children(amd, "rightsMD")) {
        CheckMetadataSection(r, kRightsRules, path, folder, "rightsMD", nullptr);
      }
      for (const char* other : {"techMD", "sourceMD"}) {
        for (xmlNode* t : Children(amd, other)) {
          CheckMetadataSection(t, kDigiprovRules, path, folder, other, nullptr);
        }
      }
    }

    if (xmlNode* file_sec = Child(mets, "fileSec")) {
      if (AttrOr(file_sec, "ID").empty()) Error("CSIP59", path, "fileSec thiếu ID");
      for (xmlNode* grp : Children(file_sec, "fileGrp")) CheckFileGroup(grp, path, folder, &facts);
    }
    CheckStructMap(mets, path, is_root, metadata_ids, &facts);
    return facts;
  }

  void CheckCreatorAgent(xmlNode* header, const std::string& path) {
    for (xmlNode* agent : Children(header, "agent")) {
      if (AttrOr(agent, "ROLE") != "CREATOR" || AttrOr(agent, "TYPE") != "OTHER" ||
          AttrOr(agent, "OTHERTYPE") != "SOFTWARE") {
        continue;
      }
      if (Text(Child(agent, "name")).empty()) {
        Error("CSIP14", path, "agent phần mềm tạo gói thiếu name");
      }
      bool version = false;
      for (xmlNode* note : Children(agent, "note")) {
        version |= AttrOr(note, "NOTETYPE", kCsipNs) == "SOFTWARE VERSION" && !Text(note).empty();
      }
      if (!version) {
        Error("CSIP15", path,
              "agent phần mềm tạo gói thiếu note csip:NOTETYPE=\"SOFTWARE VERSION\" (phiên bản)");
      }
      return;
    }
    Error("CSIP10", path,
          "metsHdr thiếu agent ROLE=\"CREATOR\" TYPE=\"OTHER\" OTHERTYPE=\"SOFTWARE\" (phần mềm "
          "tạo gói, CSIP10–13)");
  }

  void CheckMetadataSection(xmlNode* section, const MdRules& rules, const std::string& path,
                            const std::string& folder, const std::string& kind, MetsFacts* facts) {
    const std::string id = AttrOr(section, "ID");
    const std::string where = kind + (id.empty() ? "" : " " + id);
    Require(section, "ID", rules.id, path, kind);
    Require(section, "CREATED", rules.created, path, where);
    for (xmlNode* ref : Children(section, "mdRef")) {
      Require(ref, "LOCTYPE", rules.loctype, path, where + "/mdRef");
      Require(ref, "type", rules.xlink_type, path, where + "/mdRef", kXlinkNs);
      Require(ref, "MDTYPE", rules.mdtype, path, where + "/mdRef");
      Require(ref, "MIMETYPE", rules.mimetype, path, where + "/mdRef");
      Require(ref, "SIZE", rules.size, path, where + "/mdRef");
      Require(ref, "CREATED", rules.ref_created, path, where + "/mdRef");
      Require(ref, "CHECKSUM", rules.checksum, path, where + "/mdRef");
      Require(ref, "CHECKSUMTYPE", rules.checksumtype, path, where + "/mdRef");
      const std::string target = VerifyReference(ref, rules.href, path, folder, where + "/mdRef",
                                                 /*schema_copy=*/false);
      if (target.empty()) continue;
      if (facts != nullptr) facts->dmd_href[id] = target;
      if (AttrOr(ref, "MDTYPE") == "PREMIS") {
        if (files_.Find(target) != nullptr) LoadValidated(target, XmlSchema::kPremis);
      }
    }
  }

  void CheckFileGroup(xmlNode* grp, const std::string& path, const std::string& folder,
                      MetsFacts* facts) {
    const std::string use = AttrOr(grp, "USE");
    const std::string grp_id = AttrOr(grp, "ID");
    if (use.empty()) Error("CSIP64", path, "fileGrp " + grp_id + " thiếu USE");
    if (grp_id.empty()) Error("CSIP65", path, "fileGrp " + use + " thiếu ID");
    facts->grp_ids.insert(grp_id);
    for (xmlNode* file : Children(grp, "file")) {
      const std::string id = AttrOr(file, "ID");
      const std::string where = "file " + id;
      Require(file, "ID", "CSIP67", path, "file");
      Require(file, "MIMETYPE", "CSIP68", path, where);
      Require(file, "SIZE", "CSIP69", path, where);
      Require(file, "CREATED", "CSIP70", path, where);
      Require(file, "CHECKSUM", "CSIP71", path, where);
      Require(file, "CHECKSUMTYPE", "CSIP72", path, where);
      std::vector<xmlNode*> locations = Children(file, "FLocat");
      if (locations.size() != 1) {
        Error("CSIP76", path,
              where + " phải có đúng một FLocat (có " + std::to_string(locations.size()) + ")");
        continue;
      }
      Require(locations[0], "LOCTYPE", "CSIP77", path, where + "/FLocat");
      Require(locations[0], "type", "CSIP78", path, where + "/FLocat", kXlinkNs);
      // The size and checksum are the file's, on the file element.
      const std::string target = VerifyReference(file, "CSIP79", path, folder, where,
                                                 /*schema_copy=*/use == "Schemas", locations[0]);
      if (!target.empty()) {
        facts->file_href[id] = target;
        facts->file_use[id] = use;
      }
    }
    for (xmlNode* inner : Children(grp, "fileGrp")) CheckFileGroup(inner, path, folder, facts);
  }

  // Checks that the file `described` (a mdRef, or a file with its FLocat `located`) refers to is
  // in the package with the SIZE and checksum given; returns its path, or empty.
  std::string VerifyReference(xmlNode* described, const char* href_rule, const std::string& path,
                              const std::string& folder, const std::string& where, bool schema_copy,
                              xmlNode* located = nullptr) {
    if (located == nullptr) located = described;
    std::optional<std::string> href = Attr(located, "href", kXlinkNs);
    if (!href || href->empty()) {
      Error(href_rule, path, where + " thiếu xlink:href");
      return {};
    }
    const std::string target = ResolveHref(folder, *href);
    if (target.empty()) {
      Error("REF-OUTSIDE", path,
            where + " trỏ ra ngoài gói (\"" + *href + "\"): mọi tệp phải nằm trong gói");
      return {};
    }
    const PackageFile* file = files_.Find(target);
    if (file == nullptr) {
      Error("REF-MISSING", target, "thiếu tệp mà " + Name(path) + " (" + where + ") tham chiếu");
      return {};
    }
    if (++references_[target] == 2) {
      Warn("REF-TWICE", target, "tệp được mô tả hơn một lần trong các METS");
    }
    const Severity severity = schema_copy ? Severity::kWarning : Severity::kError;
    const std::string note =
        schema_copy ? " (bản sao lược đồ công khai; luutru kiểm bằng bản của chính nó)" : "";
    if (std::optional<std::string> size = Attr(described, "SIZE")) {
      if (*size != std::to_string(file->size)) {
        Add(severity, "FIXITY", target,
            "kích thước không khớp: " + Name(path) + " ghi SIZE=" + *size + ", tệp có " +
                std::to_string(file->size) + " byte" + note);
      }
    }
    const std::string declared = AttrOr(described, "CHECKSUM");
    const std::string type = AttrOr(described, "CHECKSUMTYPE");
    if (declared.empty() || type.empty()) return target;
    Result<FixityDigest> digest = FixityDigest::Named(type);
    if (!digest.ok()) {
      Error("FIXITY", target, digest.status().message());
      return target;
    }
    if (options_.on_file) options_.on_file(target, file->size);
    Status read = files_.Stream(target, [&](const char* b, size_t n) { digest->Update(b, n); });
    if (!read.ok()) {
      Error("FIXITY", target, "không đọc được: " + read.message());
      return target;
    }
    const std::string actual = digest->HexDigest();
    ++out_.files_verified;
    out_.bytes_verified += file->size;
    if (!SameDigest(actual, declared)) {
      Add(severity, "FIXITY", target,
          type + " không khớp: " + Name(path) + " ghi " + declared + ", tệp có " + actual +
              " — tệp đã bị thay đổi hoặc hỏng" + note);
    }
    return target;
  }

  void CheckStructMap(xmlNode* mets, const std::string& path, bool is_root,
                      const std::set<std::string>& metadata_ids, MetsFacts* facts) {
    xmlNode* csip = nullptr;
    for (xmlNode* map : Children(mets, "structMap")) {
      const std::string label = AttrOr(map, "LABEL");
      if (label == "CSIP") {
        csip = map;
      } else if (label == "CSIP StructMap" && csip == nullptr) {
        Warn("CSIP82", path,
             "structMap LABEL=\"CSIP StructMap\" là nhãn của các bản nháp CSIP 2.0; CSIP 2.0.4 "
             "trở đi ghi LABEL=\"CSIP\"");
        csip = map;
      }
    }
    if (csip == nullptr) {
      Error("CSIP80", path, "thiếu structMap LABEL=\"CSIP\" (bản đồ cấu trúc của gói)");
      return;
    }
    if (AttrOr(csip, "TYPE") != "PHYSICAL") {
      Error("CSIP81", path, "structMap CSIP phải có TYPE=\"PHYSICAL\"");
    }
    if (AttrOr(csip, "ID").empty()) Error("CSIP83", path, "structMap CSIP thiếu ID");
    std::vector<xmlNode*> tops = Children(csip, "div");
    if (tops.size() != 1) {
      Error("CSIP84", path,
            "structMap CSIP phải có đúng một div gốc (có " + std::to_string(tops.size()) + ")");
      if (tops.empty()) return;
    }
    if (AttrOr(tops[0], "ID").empty()) Error("CSIP85", path, "div gốc của structMap thiếu ID");
    std::set<std::string> linked_metadata;
    std::function<void(xmlNode*)> walk = [&](xmlNode* div) {
      facts->divs.push_back(div);
      for (const char* attr : {"DMDID", "ADMID"}) {
        const std::string ids = AttrOr(div, attr);
        size_t start = 0;
        while (start < ids.size()) {
          size_t end = ids.find(' ', start);
          if (end == std::string::npos) end = ids.size();
          if (end > start) linked_metadata.insert(ids.substr(start, end - start));
          start = end + 1;
        }
      }
      for (xmlNode* c : Children(div, "div")) walk(c);
    };
    walk(tops[0]);
    for (const std::string& id : metadata_ids) {
      if (!id.empty() && !linked_metadata.contains(id)) {
        Warn("CSIP88", path,
             "siêu dữ liệu " + id + " không được div nào của structMap liên kết (DMDID/ADMID)");
      }
    }
    for (xmlNode* div : Children(tops[0], "div")) {
      const std::string label = AttrOr(div, "LABEL");
      if (AttrOr(div, "ID").empty()) Error("CSIP85", path, "div " + label + " thiếu ID");
      const bool points = !Children(div, "fptr").empty() || !Children(div, "mptr").empty();
      if (label == "Schemas" && !points) {
        Warn("CSIP118", path, "div Schemas không trỏ (fptr) tới fileGrp Schemas");
      }
      if (is_root && label.rfind("Representations/", 0) == 0) {
        if (Children(div, "mptr").empty() && Children(div, "fptr").empty()) {
          Error("CSIP109", path, "div " + label + " thiếu mptr tới METS của bản đại diện");
        }
        for (xmlNode* m : Children(div, "mptr")) {
          Require(m, "LOCTYPE", "CSIP112", path, "div " + label + "/mptr");
          Require(m, "type", "CSIP111", path, "div " + label + "/mptr", kXlinkNs);
          Require(m, "href", "CSIP110", path, "div " + label + "/mptr", kXlinkNs);
        }
      }
    }
    for (xmlNode* fptr : FptrsUnder(tops[0])) {
      const std::string id = AttrOr(fptr, "FILEID");
      if (!id.empty() && !facts->grp_ids.contains(id) && !facts->file_href.contains(id)) {
        Error("CSIP119", path, "fptr FILEID=\"" + id + "\" không trỏ tới fileGrp hay file nào");
      }
    }
  }

  static std::vector<xmlNode*> FptrsUnder(xmlNode* div) {
    std::vector<xmlNode*> out = Children(div, "fptr");
    for (xmlNode* c : Children(div, "div")) {
      std::vector<xmlNode*> more = FptrsUnder(c);
      out.insert(out.end(), more.begin(), more.end());
    }
    return out;
  }

  // The representations' METS: files of the Representations/… groups named METS.xml.
  std::vector<std::string> RepresentationMets(const MetsFacts& root) {
    std::vector<std::string> out;
    for (const auto& [id, target] : root.file_href) {
      if (root.file_use.at(id).rfind("Representations", 0) == 0 && Name(target) == "METS.xml") {
        out.push_back(target);
      }
    }
    return out;
  }

  void CheckEveryFileReferenced(const std::string& root_mets) {
    const std::string prefix = out_.root.empty() ? "" : out_.root + "/";
    for (const PackageFile& f : files_.files()) {
      if (f.path.rfind(prefix, 0) != 0 || f.path == root_mets || references_.contains(f.path)) {
        continue;
      }
      if (f.size == 0) {
        Warn("REF-UNLISTED", f.path, "tệp rỗng không được METS nào mô tả (tệp giữ chỗ)");
      } else {
        Error("REF-UNLISTED", f.path,
              "tệp không được METS nào mô tả: mỗi tệp của gói phải có trong fileSec hoặc mdRef");
      }
    }
  }

  // --- TT 05/2025 AIP_hoso (README §5.1–5.5, §7.4) ---

  void CheckTt05Package(const std::vector<MetsFacts>& representations) {
    std::string expected = out_.objid;
    std::replace(expected.begin(), expected.end(), ':', '_');
    if (display_name_ != expected) {
      Error("TT05-FOLDER", out_.root.empty() ? display_name_ : out_.root,
            "thư mục gói phải mang tên OBJID với \":\" thay bằng \"_\": \"" + expected +
                "\" (đang là \"" + display_name_ + "\")");
    }
    const std::string prefix = out_.root.empty() ? "" : out_.root + "/";
    for (const char* required :
         {"metadata/descriptive/EAD.xml", "metadata/preservation/PREMIS.xml"}) {
      if (!references_.contains(prefix + required)) {
        Error("TT05-TREE", prefix + required,
              "gói AIP_hoso phải có tệp này và METS.xml gốc phải tham chiếu tới nó");
      }
    }
    if (representations.empty()) {
      Error("TT05-TREE", Join(out_.root, "representations"),
            "gói AIP_hoso phải có ít nhất một bản đại diện (representations/rep1/METS.xml)");
    }
    CheckSimpleDc(prefix + "metadata/descriptive/EAD.xml", /*document=*/false);
  }

  void CheckTt05Representation(const MetsFacts& rep) {
    const std::string folder = Folder(rep.path);
    const std::string rep_name = Name(folder);
    const std::string premis = Join(folder, "metadata/preservation/PREMIS_" + rep_name + ".xml");
    if (!references_.contains(premis)) {
      Error("TT05-TREE", premis,
            "bản đại diện phải có tệp PREMIS này, được METS của nó tham chiếu");
    }
    // Every PDF under data/ is one document, linked to its EAD_doc by a MetadataLink/File div.
    std::set<std::string> linked;
    for (xmlNode* div : rep.divs) {
      if (AttrOr(div, "LABEL") != "MetadataLink/File") continue;
      const std::string dmd = AttrOr(div, "DMDID");
      std::vector<xmlNode*> fptrs = Children(div, "fptr");
      if (dmd.empty() || !rep.dmd_href.contains(dmd) || fptrs.empty()) {
        Error("TT05-LINK", rep.path,
              "div MetadataLink/File " + AttrOr(div, "ID") +
                  " phải nối một EAD_doc (DMDID) với tệp văn bản của nó (fptr)");
        continue;
      }
      for (xmlNode* f : fptrs) {
        auto it = rep.file_href.find(AttrOr(f, "FILEID"));
        if (it != rep.file_href.end()) linked.insert(it->second);
      }
      CheckSimpleDc(rep.dmd_href.at(dmd), /*document=*/true);
    }
    for (const auto& [id, target] : rep.file_href) {
      if (rep.file_use.at(id) == "Data" && !linked.contains(target)) {
        Error("TT05-LINK", target,
              "văn bản không có EAD_doc nào (thiếu div MetadataLink/File trong " + Name(rep.path) +
                  ")");
      }
    }
  }

  // The flat simpledc record of the file (EAD.xml) or of a document (EAD_doc_*.xml): codes,
  // dates and the conditional elements of §7.4. No official schema is at hand (README §5.8).
  void CheckSimpleDc(const std::string& path, bool document) {
    Result<std::string> bytes = files_.Read(path);
    if (!bytes.ok()) return;  // reported as missing already
    XmlDoc doc(xmlReadMemory(bytes->data(), static_cast<int>(bytes->size()), nullptr, nullptr,
                             XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
    if (doc == nullptr) {
      Error("TT05-EAD", path, "không phải XML đúng cú pháp");
      return;
    }
    xmlNode* root = xmlDocGetRootElement(doc.get());
    if (!Is(root, "simpledc", nullptr)) {
      Error("TT05-EAD", path, "phần tử gốc phải là simpledc");
      return;
    }
    std::map<std::string, std::string> values;
    for (xmlNode* n = root->children; n != nullptr; n = n->next) {
      if (n->type == XML_ELEMENT_NODE) values[reinterpret_cast<const char*>(n->name)] = Text(n);
    }
    auto value = [&](const char* name) {
      auto it = values.find(name);
      return it == values.end() ? std::string() : it->second;
    };
    const std::vector<const char*> required =
        document ? std::vector<const char*>{"arcFileCode", "docCode", "docOrdinal", "typeName",
                                            "organName",   "subject", "language",   "numberOfPage"}
                 : std::vector<const char*>{"arcFileCode", "title",    "maintenance", "mode",
                                            "language",    "totalDoc", "numberOfPage"};
    for (const char* name : required) {
      if (value(name).empty()) Error("TT05-EAD", path, std::string("thiếu hoặc rỗng: ") + name);
    }
    static const std::regex two_digit_code(R"(\d{2})");
    for (const char* name :
         {"maintenance", "mode", "language", "format", "confidenceLevel", "typeName"}) {
      const std::string v = value(name);
      if (!v.empty() && !std::regex_match(v, two_digit_code)) {
        Error("TT05-CODE", path,
              std::string(name) + "=\"" + v + "\" không phải mã hai chữ số của danh mục TT 05");
      }
    }
    static const std::regex date(R"((\d{2}/)?(\d{2}/)?\d{4})");
    for (const char* name : {"startDate", "endDate", "issuedDate"}) {
      const std::string v = value(name);
      if (!v.empty() && !std::regex_match(v, date)) {
        Error("TT05-DATE", path,
              std::string(name) + "=\"" + v + "\": ngày ghi DD/MM/YYYY (hoặc MM/YYYY, YYYY)");
      }
    }
    static const std::regex doc_code(R"(.*\d{7})");
    if (document && !value("docCode").empty() && !std::regex_match(value("docCode"), doc_code)) {
      Error("TT05-DOCCODE", path,
            "docCode=\"" + value("docCode") + "\" phải kết thúc bằng số thứ tự 7 chữ số");
    }
    if (!document && value("confidenceLevel") == "02" && value("paperFileCode").empty()) {
      Error("TT05-EAD", path, "confidenceLevel=02 (bản số hóa từ giấy) cần paperFileCode");
    }
    if (value("riskRecovery") == "1" && value("riskRecoveryStatus").empty()) {
      Error("TT05-EAD", path, "riskRecovery=1 cần riskRecoveryStatus");
    }
  }

  const PackageFiles& files_;
  const CheckOptions& options_;
  const std::string display_name_;
  PackageCheck& out_;
  std::map<std::string, int> references_;
  std::vector<XmlDoc> rep_docs_;
};

// Folders holding a METS.xml with no METS.xml above them inside `under` ("" for all).
std::vector<std::string> PackageRoots(const PackageFiles& files, const std::string& under) {
  std::vector<std::string> roots;
  for (const PackageFile& f : files.files()) {
    if (Name(f.path) != "METS.xml") continue;
    if (!under.empty() && f.path.rfind(under + "/", 0) != 0) continue;
    const std::string folder = Folder(f.path);
    bool nested = false;
    for (const std::string& r : roots) {
      nested |= r.empty() || folder.rfind(r + "/", 0) == 0;
    }
    if (!nested) roots.push_back(folder);
  }
  return roots;
}

}  // namespace

Result<CheckReport> CheckPackages(const fs::path& folder_or_zip, const CheckOptions& options) {
  Result<PackageFiles> files = PackageFiles::Open(folder_or_zip);
  if (!files.ok()) return files.status();
  CheckReport report;
  report.source = folder_or_zip.string();
  report.bag = files->Find("bagit.txt") != nullptr;
  if (report.bag) VerifyBag(*files, options, report);
  const std::vector<std::string> roots = PackageRoots(*files, report.bag ? "data" : "");
  if (roots.empty()) {
    report.findings.push_back({Severity::kError, "CSIP-METS", report.source,
                               "không tìm thấy gói nào: thiếu METS.xml ở thư mục gốc của gói"});
  }
  std::string source_name = fs::path(folder_or_zip).lexically_normal().filename().string();
  if (source_name.empty()) {
    source_name = fs::path(folder_or_zip).lexically_normal().parent_path().filename().string();
  }
  for (const std::string& root : roots) {
    PackageCheck package;
    package.root = root;
    PackageChecker(*files, options, root.empty() ? source_name : Name(root), package).Run();
    report.packages.push_back(std::move(package));
  }
  return report;
}

}  // namespace luutru::package
