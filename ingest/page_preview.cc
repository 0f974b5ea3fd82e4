#include "ingest/page_preview.h"

#include "ingest/page_source.h"
#include "ingest/sniff.h"
#include "ocr/preview.h"

namespace luutru::ingest {

Result<std::string> PagePreviewPng(const ArchiveLayout& layout, const Record& record, int page_number, int max_width) {
  const PageText* page = nullptr;
  for (const PageText& p : record.pages) page = p.number == page_number ? &p : page;
  if (!page) return NotFound("no such page");
  const std::filesystem::path original = layout.ObjectPath(record.sha256);
  LoadOptions options;
  options.render_dpi = 100;  // a preview: about 830 pixels across an A4 page
  options.render_always = true;
  Result<std::unique_ptr<PageSource>> source = OpenPageSource(original, SniffFile(original), options);
  if (!source.ok()) return source.status();
  Result<LoadedPage> loaded = (*source)->LoadPage(page_number - 1);
  if (!loaded.ok()) return loaded.status();
  return ocr::EncodePreviewPng(loaded->image, page->rotation, max_width);
}

}  // namespace luutru::ingest
