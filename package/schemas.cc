#include "package/schemas.h"

#include <libxml/parser.h>
#include <libxml/tree.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlschemas.h>

#include <cstring>
#include <map>
#include <mutex>

#include "core/c_handle.h"

namespace luutru::package {
namespace {

// Built-in files are read through libxml2's input callbacks under this scheme; the catalog's
// public URLs are mapped onto them.
constexpr std::string_view kScheme = "luutru-schema:///";

using XmlDoc = CHandle<xmlDoc, xmlFreeDoc>;
using SchemaParser = CHandle<xmlSchemaParserCtxt, xmlSchemaFreeParserCtxt>;
using SchemaValidator = CHandle<xmlSchemaValidCtxt, xmlSchemaFreeValidCtxt>;

std::string Attribute(xmlNode* node, const char* name) {
  xmlChar* value = xmlGetProp(node, reinterpret_cast<const xmlChar*>(name));
  if (value == nullptr) return {};
  std::string out(reinterpret_cast<const char*>(value));
  xmlFree(value);
  return out;
}

// URL -> built-in file name: each file under the scheme, and each public URL catalog.xml maps.
const std::map<std::string, std::string, std::less<>>& KnownUrls() {
  static const std::map<std::string, std::string, std::less<>> urls = [] {
    std::map<std::string, std::string, std::less<>> out;
    for (const EmbeddedSchemaFile& f : EmbeddedSchemaFiles()) {
      out[std::string(kScheme) + std::string(f.name)] = std::string(f.name);
    }
    const std::string_view catalog = EmbeddedSchema("catalog.xml");
    XmlDoc doc(xmlReadMemory(catalog.data(), static_cast<int>(catalog.size()), "catalog.xml",
                             nullptr, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
    if (doc == nullptr) return out;
    for (xmlNode* n = xmlDocGetRootElement(doc.get())->children; n != nullptr; n = n->next) {
      if (n->type != XML_ELEMENT_NODE) continue;
      const std::string name = reinterpret_cast<const char*>(n->name);
      const std::string from = Attribute(n, name == "system" ? "systemId" : "name");
      const std::string to = Attribute(n, "uri");
      if (!from.empty() && !to.empty()) out[from] = to;
    }
    return out;
  }();
  return urls;
}

struct OpenFile {
  std::string_view content;
  size_t at = 0;
};

int MatchKnown(const char* url) { return KnownUrls().contains(std::string_view(url)) ? 1 : 0; }

void* OpenKnown(const char* url) {
  auto it = KnownUrls().find(std::string_view(url));
  if (it == KnownUrls().end()) return nullptr;
  return new OpenFile{EmbeddedSchema(it->second)};
}

int ReadKnown(void* context, char* buffer, int len) {
  auto* f = static_cast<OpenFile*>(context);
  const size_t n = std::min(static_cast<size_t>(len), f->content.size() - f->at);
  std::memcpy(buffer, f->content.data() + f->at, n);
  f->at += n;
  return static_cast<int>(n);
}

int CloseKnown(void* context) {
  delete static_cast<OpenFile*>(context);
  return 0;
}

// Problems reported by libxml2 while a document is parsed or validated, one line each.
void Collect(void* problems, xmlErrorPtr error) {
  if (error == nullptr || error->level == XML_ERR_WARNING) return;
  std::string message = error->message != nullptr ? error->message : "unknown error";
  while (!message.empty() && message.back() == '\n') message.pop_back();
  auto* out = static_cast<std::vector<std::string>*>(problems);
  out->push_back((error->line > 0 ? std::to_string(error->line) + ": " : std::string()) + message);
}

// A compiled schema, built once from the built-in files.
class CompiledSchema {
 public:
  explicit CompiledSchema(std::string_view file) {
    static std::once_flag callbacks;
    std::call_once(callbacks, [] {
      xmlInitParser();
      xmlRegisterInputCallbacks(MatchKnown, OpenKnown, ReadKnown, CloseKnown);
    });
    const std::string url = std::string(kScheme) + std::string(file);
    const std::string_view content = EmbeddedSchema(file);
    std::vector<std::string> problems;
    xmlSetStructuredErrorFunc(&problems, Collect);
    XmlDoc doc(xmlReadMemory(content.data(), static_cast<int>(content.size()), url.c_str(), nullptr,
                             XML_PARSE_NONET));
    if (doc != nullptr) {
      SchemaParser parser(xmlSchemaNewDocParserCtxt(doc.get()));
      schema_ = xmlSchemaParse(parser.get());
    }
    xmlSetStructuredErrorFunc(nullptr, nullptr);
    if (schema_ == nullptr) {
      error_ = std::string(file) + " does not compile";
      if (!problems.empty()) error_ += ": " + problems.front();
    }
  }
  ~CompiledSchema() {
    if (schema_ != nullptr) xmlSchemaFree(schema_);
  }
  xmlSchemaPtr schema() const { return schema_; }
  const std::string& error() const { return error_; }

 private:
  xmlSchemaPtr schema_ = nullptr;
  std::string error_;
};

const CompiledSchema& Compiled(XmlSchema schema) {
  static std::mutex mutex;
  std::lock_guard lock(mutex);
  if (schema == XmlSchema::kMets) {
    static const CompiledSchema mets("csip-driver.xsd");
    return mets;
  }
  static const CompiledSchema premis("premis-v3-0.xsd");
  return premis;
}

}  // namespace

std::string_view EmbeddedSchema(std::string_view name) {
  for (const EmbeddedSchemaFile& f : EmbeddedSchemaFiles()) {
    if (f.name == name) return f.content;
  }
  return {};
}

Result<std::vector<std::string>> SchemaProblems(XmlSchema schema, std::string_view xml,
                                                std::string_view name) {
  const CompiledSchema& compiled = Compiled(schema);
  if (compiled.schema() == nullptr) return Status(StatusCode::kInternal, compiled.error());

  std::vector<std::string> problems;
  xmlSetStructuredErrorFunc(&problems, Collect);
  // No network, no external entities: a package's XML is read as it is.
  XmlDoc doc(
      xmlReadMemory(xml.data(), static_cast<int>(xml.size()), nullptr, nullptr, XML_PARSE_NONET));
  if (doc != nullptr) {
    SchemaValidator validator(xmlSchemaNewValidCtxt(compiled.schema()));
    xmlSchemaSetValidStructuredErrors(validator.get(), Collect, &problems);
    xmlSchemaValidateDoc(validator.get(), doc.get());
  }
  xmlSetStructuredErrorFunc(nullptr, nullptr);
  if (doc == nullptr && problems.empty()) problems.push_back("not well-formed XML");
  for (std::string& p : problems) p = std::string(name) + ":" + p;
  return problems;
}

}  // namespace luutru::package
