// Fuzz target: any bytes as the content stream of a PDF page, drawn once by the page and once
// by a form it draws. The content budget (ingest/pdf_budget.h) and then Poppler must read it
// within the limits, never crash or run away with memory (a page of 600,000 nested `q` once
// took 3 GB).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <qpdf/QPDF.hh>
#include <qpdf/QPDFPageDocumentHelper.hh>
#include <qpdf/QPDFWriter.hh>
#include <string>

#include "ingest/page_source.h"
#include "ingest/pdf_budget.h"

namespace {

const std::filesystem::path& ScratchFile() {
  static const std::filesystem::path path =
      std::filesystem::temp_directory_path() /
      ("luutru-fuzz-content-" + std::to_string(::getpid()) + ".pdf");
  return path;
}

void WritePage(const std::string& content) {
  QPDF pdf;
  pdf.emptyPDF();
  QPDFObjectHandle form = QPDFObjectHandle::newStream(&pdf, content);
  form.replaceDict(
      QPDFObjectHandle::parse("<< /Type /XObject /Subtype /Form /BBox [0 0 200 200] >>"));
  form.replaceStreamData(content, QPDFObjectHandle::newNull(), QPDFObjectHandle::newNull());
  QPDFObjectHandle resources = QPDFObjectHandle::parse(
      "<< /Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >> /XObject << >> "
      ">>");
  resources.getKey("/XObject").replaceKey("/Fm0", form);
  QPDFObjectHandle page =
      pdf.makeIndirectObject(QPDFObjectHandle::parse("<< /Type /Page /MediaBox [0 0 200 200] >>"));
  page.replaceKey("/Resources", resources);
  page.replaceKey("/Contents", QPDFObjectHandle::newStream(&pdf, content + "\n/Fm0 Do\n"));
  QPDFPageDocumentHelper(pdf).addPage(QPDFPageObjectHelper(page), false);
  QPDFWriter writer(pdf, ScratchFile().c_str());
  writer.write();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace luutru::ingest;
  static const bool cleanup_registered = [] {
    (void)ScratchFile();
    return std::atexit([] {
             std::error_code ec;
             std::filesystem::remove(ScratchFile(), ec);
           }) == 0;
  }();
  (void)cleanup_registered;
  const std::string content(reinterpret_cast<const char*>(data), size);
  ContentScanner scanner;
  scanner.Feed(content.data(), content.size());
  scanner.Finish();
  try {
    WritePage(content);
  } catch (const std::exception&) {
    return 0;
  }
  LoadOptions options;
  options.render_dpi = 72;  // small pages: many inputs a second
  options.content.max_nesting = 1000;
  options.content.max_bytes = 1 << 20;
  auto source = OpenPageSource(ScratchFile(), FileFormat::kPdf, options);
  if (source.ok()) (void)(*source)->LoadPage(0);
  return 0;
}
