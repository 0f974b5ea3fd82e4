#include "ingest/derived_files.h"

#include "core/fs_util.h"
#include "ocr/hocr.h"

namespace luutru::ingest {

Status WriteHocrFiles(const Record& record, const ArchiveLayout& layout) {
  for (const PageText& page : record.pages) {
    if (page.method != TextMethod::kOcr) continue;
    std::string hocr =
        ocr::RenderHocr(page.words, {page.number, page.width, page.height, page.dpi});
    LUUTRU_RETURN_IF_ERROR(WriteFileAtomically(layout.HocrPage(record.id, page.number), hocr));
  }
  return Status::Ok();
}

Status WriteSearchablePdfAt(const Record& record, const ArchiveLayout& layout,
                            const LoadOptions& load, ocr::SearchablePdfOptions options,
                            const std::filesystem::path& out) {
  std::vector<ocr::TextLayerPage> pages;
  for (const PageText& p : record.pages) {
    // Only OCR'd pages get invisible text: a text layer's words are in the original already.
    const std::vector<Word>* words = p.method == TextMethod::kOcr ? &p.words : nullptr;
    // A document of a split scan has some of the original's pages: numbered, the rest left out.
    pages.push_back({p.width, p.height, p.dpi > 0 ? p.dpi : 300, p.rotation, p.skew_deg, words,
                     record.part ? p.number : 0});
  }
  const std::filesystem::path original = layout.ObjectPath(record.sha256);
  if (record.format == FileFormatName(FileFormat::kPdf)) {
    options.source_password = load.pdf_password;
    return ocr::WriteSearchablePdfFromPdf(original, pages, out, options);
  }
  Result<std::unique_ptr<PageSource>> source = OpenPageSource(original, SniffFile(original), load);
  if (!source.ok()) return source.status();
  return ocr::WriteSearchablePdfFromImages(
      pages,
      [&](int index) -> Result<Raster> {
        Result<LoadedPage> page = (*source)->LoadPage(record.pages[index].number - 1);
        if (!page.ok()) return page.status();
        return std::move(page->image);
      },
      out, options);
}

Status WriteSearchablePdf(const Record& record, const ArchiveLayout& layout,
                          const LoadOptions& load, ocr::SearchablePdfOptions options) {
  Status written = WriteSearchablePdfAt(record, layout, load, std::move(options),
                                        layout.SearchablePdf(record.id));
  if (written.code() != StatusCode::kCorrupt) return written;
  // The original itself stands in the way: said once, beside the record, so that no check
  // expects the view again and again (luutru verify).
  LUUTRU_RETURN_IF_ERROR(
      WriteFileAtomically(layout.SearchablePdfUnavailable(record.id), written.message() + "\n"));
  return written;
}

}  // namespace luutru::ingest
