#include "package/pdfa.h"

#include <qpdf/QPDF.hh>
#include <qpdf/QPDFExc.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFPageObjectHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <regex>
#include <set>

#include "core/fs_util.h"
#include "core/html.h"
#include "ingest/derived_files.h"
#include "ocr/engine.h"

namespace luutru::package {
namespace {

namespace fs = std::filesystem;

constexpr const char* kSrgbCondition = "sRGB IEC61966-2.1";

Result<fs::path> IccProfile(const PdfAOptions& options) {
  if (!options.icc_profile.empty()) return options.icc_profile;
  for (const char* candidate :
       {"/usr/share/color/icc/sRGB.icc", "/usr/share/color/icc/ghostscript/srgb.icc"}) {
    std::error_code ec;
    if (fs::is_regular_file(candidate, ec)) return fs::path(candidate);
  }
  return MissingDependency(
      "no sRGB ICC profile for the PDF/A output intent; install Debian's icc-profiles-free "
      "(scripts/setup does)");
}

// "2026-12-01T02:49:00Z" -> "D:20261201024900+00'00'", as the Info dictionary writes dates.
std::string PdfDate(const std::string& iso) {
  std::string digits;
  for (char c : iso.substr(0, 19)) {
    if (c >= '0' && c <= '9') digits += c;
  }
  return "D:" + digits + "+00'00'";
}

// The same moment as XMP writes it, with the same zone as the Info dictionary's.
std::string XmpDate(const std::string& iso) { return iso.substr(0, 19) + "+00:00"; }

// What a reader sees the document as: its subject line, else its type and number.
std::string TitleOf(const Record& record) {
  const Metadata& m = record.metadata;
  std::string title = m.doc_type;
  if (!m.number.empty()) title += (title.empty() ? "" : " ") + m.number;
  if (!m.subject.empty()) title += (title.empty() ? "" : " ") + m.subject;
  return title.empty() ? record.id : title;
}

PdfADescription DescriptionOf(const Record& record) {
  return {TitleOf(record), record.metadata.agency, record.metadata.date, record.id};
}

std::string Xmp(const PdfADescription& d, const PdfAOptions& options, const std::string& made_at) {
  auto line = [](const std::string& element, const std::string& value) {
    return "   <" + element + ">" + HtmlEscaped(value) + "</" + element + ">\n";
  };
  std::string xmp =
      "<?xpacket begin=\"\xEF\xBB\xBF\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\n"
      "<x:xmpmeta xmlns:x=\"adobe:ns:meta/\">\n"
      " <rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\n"
      "  <rdf:Description rdf:about=\"\"\n"
      "    xmlns:pdfaid=\"http://www.aiim.org/pdfa/ns/id/\"\n"
      "    xmlns:dc=\"http://purl.org/dc/elements/1.1/\"\n"
      "    xmlns:xmp=\"http://ns.adobe.com/xap/1.0/\"\n"
      "    xmlns:pdf=\"http://ns.adobe.com/pdf/1.3/\">\n";
  xmp += line("pdfaid:part", "2") + line("pdfaid:conformance", "B") +
         line("dc:format", "application/pdf");
  xmp += "   <dc:title><rdf:Alt><rdf:li xml:lang=\"x-default\">" + HtmlEscaped(d.title) +
         "</rdf:li></rdf:Alt></dc:title>\n";
  if (!d.creator.empty())
    xmp += "   <dc:creator><rdf:Seq><rdf:li>" + HtmlEscaped(d.creator) +
           "</rdf:li></rdf:Seq></dc:creator>\n";
  if (!d.date.empty())
    xmp +=
        "   <dc:date><rdf:Seq><rdf:li>" + HtmlEscaped(d.date) + "</rdf:li></rdf:Seq></dc:date>\n";
  xmp += line("dc:identifier", d.identifier) + line("xmp:CreateDate", XmpDate(made_at)) +
         line("xmp:ModifyDate", XmpDate(made_at)) + line("xmp:MetadataDate", XmpDate(made_at)) +
         line("xmp:CreatorTool", options.producer) + line("pdf:Producer", options.producer);
  xmp += "  </rdf:Description>\n </rdf:RDF>\n</x:xmpmeta>\n<?xpacket end=\"w\"?>";
  return xmp;
}

// Every font dictionary the pages use, descendants included.
void CollectFonts(QPDFObjectHandle resources, std::vector<QPDFObjectHandle>& fonts,
                  std::set<QPDFObjGen>& seen) {
  if (!resources.isDictionary()) return;
  QPDFObjectHandle font_dict = resources.getKey("/Font");
  if (font_dict.isDictionary()) {
    for (const std::string& key : font_dict.getKeys()) {
      QPDFObjectHandle font = font_dict.getKey(key);
      if (!font.isDictionary() || (font.isIndirect() && !seen.insert(font.getObjGen()).second))
        continue;
      fonts.push_back(font);
      QPDFObjectHandle descendants = font.getKey("/DescendantFonts");
      if (descendants.isArray()) {
        for (int i = 0; i < descendants.getArrayNItems(); ++i)
          fonts.push_back(descendants.getArrayItem(i));
      }
    }
  }
  // Forms drawn on the page carry resources of their own.
  QPDFObjectHandle xobjects = resources.getKey("/XObject");
  if (xobjects.isDictionary()) {
    for (const std::string& key : xobjects.getKeys()) {
      QPDFObjectHandle x = xobjects.getKey(key);
      if (!x.isStream() || (x.isIndirect() && !seen.insert(x.getObjGen()).second)) continue;
      QPDFObjectHandle dict = x.getDict();
      if (dict.getKey("/Subtype").isNameAndEquals("/Form"))
        CollectFonts(dict.getKey("/Resources"), fonts, seen);
    }
  }
}

// What PDF/A-2b forbids in the content itself (not what WritePdfA adds), one line each.
// Transparency is allowed (unlike PDF/A-1): the output intent gives it its colour space.
std::vector<std::string> ContentProblems(QPDF& pdf) {
  std::vector<std::string> problems;
  std::vector<QPDFObjectHandle> fonts;
  std::set<QPDFObjGen> seen;
  int page_number = 0;
  for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(pdf).getAllPages()) {
    ++page_number;
    QPDFObjectHandle object = page.getObjectHandle();
    QPDFObjectHandle annots = object.getKey("/Annots");
    if (annots.isArray()) {
      for (int i = 0; i < annots.getArrayNItems(); ++i) {
        QPDFObjectHandle a = annots.getArrayItem(i);
        const bool prints = a.getKey("/F").isInteger() && (a.getKey("/F").getIntValue() & 4);
        if (!a.getKey("/Subtype").isNameAndEquals("/Popup") && !prints) {
          problems.push_back("page " + std::to_string(page_number) +
                             " has an annotation that does not print");
          break;
        }
      }
    }
    CollectFonts(page.getAttribute("/Resources", false), fonts, seen);
  }
  for (QPDFObjectHandle& font : fonts) {
    if (font.getKey("/Subtype").isNameAndEquals("/Type3") ||
        font.getKey("/Subtype").isNameAndEquals("/Type0"))
      continue;  // Type 3 draws its glyphs; a Type 0's glyphs are its descendant's
    QPDFObjectHandle descriptor = font.getKey("/FontDescriptor");
    const bool embedded = descriptor.isDictionary() &&
                          (descriptor.hasKey("/FontFile") || descriptor.hasKey("/FontFile2") ||
                           descriptor.hasKey("/FontFile3"));
    if (!embedded) {
      const std::string base =
          font.getKey("/BaseFont").isName() ? font.getKey("/BaseFont").getName() : "?";
      problems.push_back("the font " + base + " is not embedded");
    }
  }
  return problems;
}

std::string Joined(const std::vector<std::string>& lines) {
  std::string out;
  for (const std::string& l : lines) out += (out.empty() ? "" : "; ") + l;
  return out;
}

}  // namespace

namespace {

// Makes `pdf` (page images and their text, its content already checked) PDF/A-2b described
// as `d`, and writes it to `out` (through a temporary name).
Status Finish(QPDF& pdf, const PdfADescription& d, const PdfAOptions& options,
              const fs::path& out) {
  Result<fs::path> icc = IccProfile(options);
  if (!icc.ok()) return icc.status();
  Result<std::string> profile = ReadFile(*icc);
  if (!profile.ok()) return profile.status().WithContext("the sRGB profile");
  const std::string made_at = options.made_at.empty() ? UtcNowIso8601() : options.made_at;
  QPDFObjectHandle root = pdf.getRoot();
  // The output intent: sRGB, the colour the page images are in (DeviceRGB, DeviceGray).
  QPDFObjectHandle icc_stream = QPDFObjectHandle::newStream(&pdf, *profile);
  icc_stream.getDict().replaceKey("/N", QPDFObjectHandle::newInteger(3));
  QPDFObjectHandle intent = QPDFObjectHandle::newDictionary();
  intent.replaceKey("/Type", QPDFObjectHandle::newName("/OutputIntent"));
  intent.replaceKey("/S", QPDFObjectHandle::newName("/GTS_PDFA1"));
  intent.replaceKey("/OutputConditionIdentifier", QPDFObjectHandle::newString(kSrgbCondition));
  intent.replaceKey("/Info", QPDFObjectHandle::newString(kSrgbCondition));
  intent.replaceKey("/DestOutputProfile", icc_stream);
  root.replaceKey("/OutputIntents", QPDFObjectHandle::newArray({pdf.makeIndirectObject(intent)}));
  // The XMP, and the Info dictionary saying the same.
  QPDFObjectHandle metadata = QPDFObjectHandle::newStream(&pdf, Xmp(d, options, made_at));
  metadata.getDict().replaceKey("/Type", QPDFObjectHandle::newName("/Metadata"));
  metadata.getDict().replaceKey("/Subtype", QPDFObjectHandle::newName("/XML"));
  root.replaceKey("/Metadata", metadata);
  QPDFObjectHandle info = QPDFObjectHandle::newDictionary();
  info.replaceKey("/Title", QPDFObjectHandle::newUnicodeString(d.title));
  if (!d.creator.empty()) info.replaceKey("/Author", QPDFObjectHandle::newUnicodeString(d.creator));
  info.replaceKey("/Producer", QPDFObjectHandle::newUnicodeString(options.producer));
  info.replaceKey("/Creator", QPDFObjectHandle::newUnicodeString(options.producer));
  info.replaceKey("/CreationDate", QPDFObjectHandle::newString(PdfDate(made_at)));
  info.replaceKey("/ModDate", QPDFObjectHandle::newString(PdfDate(made_at)));
  pdf.getTrailer().replaceKey("/Info", pdf.makeIndirectObject(info));

  fs::path tmp = out;
  tmp += ".tmp";
  QPDFWriter writer(pdf, tmp.c_str());
  writer.setMinimumPDFVersion("1.7");
  writer.setPreserveEncryption(false);
  writer.write();
  std::error_code ec;
  fs::rename(tmp, out, ec);
  if (ec) return IoError("cannot write " + out.string() + ": " + ec.message());
  return Status::Ok();
}

// The searchable PDF a document's PDF/A is made from: the archive's, or, when its page images
// are to be kept as scanned, one made anew from the original at `scratch` (the caller removes
// it).
Result<fs::path> SourceOf(const Record& record, const ArchiveLayout& layout,
                          const PdfAOptions& options, const fs::path& scratch) {
  if (!options.lossless_images || record.format == "pdf") return layout.SearchablePdf(record.id);
  ocr::SearchablePdfOptions lossless;
  lossless.glyphless_font = options.glyphless_font.empty()
                                ? fs::path(ocr::EffectiveTessdataDir({})) / "pdf.ttf"
                                : options.glyphless_font;
  lossless.lossless = true;
  if (Status s = ingest::WriteSearchablePdfAt(record, layout, {}, lossless, scratch); !s.ok()) {
    return s.WithContext("record " + record.id + ": the lossless copy of its pages");
  }
  return scratch;
}

// Files removed when it goes out of scope.
struct Scratch {
  std::vector<fs::path> paths;
  fs::path Next(const fs::path& out) {
    paths.push_back(out.string() + ".pages-" + std::to_string(paths.size()) + ".tmp");
    return paths.back();
  }
  ~Scratch() {
    std::error_code ec;
    for (const fs::path& p : paths) fs::remove(p, ec);
  }
};

Status NoSearchablePdf(const std::string& id) {
  return NotFound("record " + id +
                  " has no searchable PDF to make the PDF/A from; luutru verify --repair writes "
                  "it again");
}

}  // namespace

Status WritePdfA(const Record& record, const ArchiveLayout& layout, const fs::path& out,
                 const PdfAOptions& options) {
  Scratch scratch;
  Result<fs::path> source = SourceOf(record, layout, options, scratch.Next(out));
  if (!source.ok()) return source.status();
  const fs::path searchable = *source;
  std::error_code ec;
  if (!fs::is_regular_file(searchable, ec)) return NoSearchablePdf(record.id);
  try {
    QPDF pdf;
    pdf.processFile(searchable.c_str());
    if (std::vector<std::string> problems = ContentProblems(pdf); !problems.empty()) {
      return Unsupported("record " + record.id +
                         " cannot be made PDF/A-2b as its original is: " + Joined(problems));
    }
    return Finish(pdf, DescriptionOf(record), options, out);
  } catch (const QPDFExc& e) {
    return Corrupt(std::string("the searchable PDF cannot be made PDF/A: ") + e.what());
  } catch (const std::exception& e) {
    return IoError(std::string("cannot write the PDF/A: ") + e.what());
  }
}

Status WriteDocumentsPdfA(const std::vector<Record>& documents, const PdfADescription& as,
                          const ArchiveLayout& layout, const fs::path& out,
                          const PdfAOptions& options) {
  if (documents.empty()) return InvalidArgument("no document to make the PDF/A of");
  try {
    QPDF pdf;
    pdf.emptyPDF();
    QPDFPageDocumentHelper pages(pdf);
    std::vector<std::unique_ptr<QPDF>> sources;  // alive until written: pages are copied lazily
    Scratch scratch;
    for (const Record& d : documents) {
      Result<fs::path> made = SourceOf(d, layout, options, scratch.Next(out));
      if (!made.ok()) return made.status();
      const fs::path searchable = *made;
      std::error_code ec;
      if (!fs::is_regular_file(searchable, ec)) return NoSearchablePdf(d.id);
      auto source = std::make_unique<QPDF>();
      source->processFile(searchable.c_str());
      if (std::vector<std::string> problems = ContentProblems(*source); !problems.empty()) {
        return Unsupported("document " + d.id +
                           " cannot be made PDF/A-2b as its original is: " + Joined(problems));
      }
      for (QPDFPageObjectHelper& page : QPDFPageDocumentHelper(*source).getAllPages())
        pages.addPage(page, false);
      sources.push_back(std::move(source));
    }
    return Finish(pdf, as, options, out);
  } catch (const QPDFExc& e) {
    return Corrupt(std::string("a searchable PDF cannot be made PDF/A: ") + e.what());
  } catch (const std::exception& e) {
    return IoError(std::string("cannot write the PDF/A: ") + e.what());
  }
}

Result<std::string> PdfAProblems(const fs::path& path) {
  try {
    QPDF pdf;
    pdf.processFile(path.c_str());
    std::vector<std::string> problems = ContentProblems(pdf);
    if (pdf.getPDFVersion() != "1.7")
      problems.push_back("the header says PDF " + pdf.getPDFVersion() + ", not 1.7");
    if (pdf.isEncrypted()) problems.push_back("it is encrypted");
    QPDFObjectHandle root = pdf.getRoot();
    QPDFObjectHandle metadata = root.getKey("/Metadata");
    std::string xmp;
    if (!metadata.isStream()) {
      problems.push_back("no XMP metadata");
    } else {
      if (metadata.getDict().hasKey("/Filter")) problems.push_back("the XMP is compressed");
      auto data = metadata.getStreamData(qpdf_dl_all);
      xmp.assign(reinterpret_cast<const char*>(data->getBuffer()), data->getSize());
      // A property is written as an element or as an attribute (RDF's two forms): both taken.
      if (!std::regex_search(xmp, std::regex(R"re(pdfaid:part\s*(=\s*["']2["']|>\s*2\s*<))re")) ||
          !std::regex_search(xmp,
                             std::regex(R"re(pdfaid:conformance\s*(=\s*["']B["']|>\s*B\s*<))re")))
        problems.push_back("the XMP does not claim PDF/A-2b");
    }
    QPDFObjectHandle info = pdf.getTrailer().getKey("/Info");
    std::smatch producer;
    const bool has_producer = std::regex_search(
        xmp, producer, std::regex(R"re(pdf:Producer\s*(=\s*"([^"]*)"|>([^<]*)<))re"));
    const std::string xmp_producer = !has_producer         ? std::string()
                                     : producer[2].matched ? producer[2].str()
                                                           : producer[3].str();
    if (info.isDictionary() && info.getKey("/Producer").isString() &&
        (!has_producer || xmp_producer != info.getKey("/Producer").getUTF8Value()))
      problems.push_back("the Info dictionary's producer is not the XMP's");
    QPDFObjectHandle intents = root.getKey("/OutputIntents");
    bool rgb_intent = false;
    for (int i = 0; intents.isArray() && i < intents.getArrayNItems(); ++i) {
      QPDFObjectHandle intent = intents.getArrayItem(i);
      QPDFObjectHandle dest = intent.getKey("/DestOutputProfile");
      rgb_intent = rgb_intent || (intent.getKey("/S").isNameAndEquals("/GTS_PDFA1") &&
                                  dest.isStream() && dest.getDict().getKey("/N").isInteger() &&
                                  dest.getDict().getKey("/N").getIntValue() == 3);
    }
    if (!rgb_intent) problems.push_back("no RGB output intent (GTS_PDFA1)");
    std::string out;
    for (const std::string& p : problems) out += p + "\n";
    return out;
  } catch (const std::exception& e) {
    return Corrupt(std::string("not a PDF qpdf can read: ") + e.what());
  }
}

}  // namespace luutru::package
