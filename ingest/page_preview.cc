#include "ingest/page_preview.h"

#include <iterator>

#include "core/fs_util.h"
#include "ingest/page_source.h"
#include "ingest/sniff.h"
#include "ocr/preview.h"

namespace luutru::ingest {

namespace {

// The widths kept: a request is served the smallest at least as wide, so that a page has a
// handful of previews at most, whatever widths are asked.
constexpr int kPreviewWidths[] = {200, 400, 800, 1200, 1600, 2000};

int KeptWidth(int asked) {
  for (int width : kPreviewWidths) {
    if (width >= asked) return width;
  }
  return kPreviewWidths[std::size(kPreviewWidths) - 1];
}

}  // namespace

Result<std::string> PagePreviewPng(const ArchiveLayout& layout, const Record& record,
                                   int page_number, int max_width) {
  const PageText* page = nullptr;
  for (const PageText& p : record.pages) page = p.number == page_number ? &p : page;
  if (!page) return NotFound("no such page");
  const int width = KeptWidth(max_width);
  const std::filesystem::path kept = layout.PreviewPng(record.id, page_number, width);
  if (Result<std::string> png = ReadFile(kept); png.ok()) return png;
  const std::filesystem::path original = layout.ObjectPath(record.sha256);
  LoadOptions options;
  options.render_dpi = 100;  // a preview: about 830 pixels across an A4 page
  options.render_always = true;
  Result<std::unique_ptr<PageSource>> source =
      OpenPageSource(original, SniffFile(original), options);
  if (!source.ok()) return source.status();
  Result<LoadedPage> loaded = (*source)->LoadPage(page_number - 1);
  if (!loaded.ok()) return loaded.status();
  Result<std::string> png = ocr::EncodePreviewPng(loaded->image, page->rotation, width);
  if (!png.ok()) return png;
  // Kept for the next look; a preview that cannot be kept is still shown.
  (void)WriteFileAtomically(kept, *png);
  return png;
}

Result<std::string> FieldCropPng(const ArchiveLayout& layout, const Record& record,
                                 const std::string& field) {
  const std::optional<Field> named = FieldNamed(field);
  const auto e = named ? record.evidence.find(*named) : record.evidence.end();
  if (e == record.evidence.end() || e->second.corrected || e->second.box == Box{}) {
    return NotFound("no place on a page for " + field);
  }
  const PageText* page = nullptr;
  for (const PageText& p : record.pages) page = p.number == e->second.page ? &p : page;
  if (!page || page->width <= 0 || page->height <= 0)
    return NotFound("no place on a page for " + field);
  const std::filesystem::path original = layout.ObjectPath(record.sha256);
  LoadOptions options;
  options.render_dpi = 200;  // small print stays legible
  options.render_always = true;
  Result<std::unique_ptr<PageSource>> source =
      OpenPageSource(original, SniffFile(original), options);
  if (!source.ok()) return source.status();
  Result<LoadedPage> loaded = (*source)->LoadPage(page->number - 1);
  if (!loaded.ok()) return loaded.status();
  return ocr::EncodeRegionPng(loaded->image, page->rotation,
                              {e->second.box, page->width, page->height});
}

}  // namespace luutru::ingest
