// A record's page rendered from its original for people to look at (the API's page image).
#pragma once

#include <string>

#include "core/archive_layout.h"
#include "core/record.h"
#include "core/status.h"

namespace luutru::ingest {

// PNG of page `page_number` (1-based) of `record`'s original, upright, at most `max_width`
// pixels wide (rounded up to one of a few widths). Rendered once, then kept beside the record
// (ArchiveLayout::PreviewPng): a page is not rendered again for every look. kNotFound for a
// page the record does not have.
Result<std::string> PagePreviewPng(const ArchiveLayout& layout, const Record& record,
                                   int page_number, int max_width);

// PNG of where field `field` (its record.json name) was read: the box of its evidence on its
// page, rendered from the original at 200 dpi, with a margin. kNotFound when the field has no
// box (not found, set by hand, or read from a page without word boxes).
Result<std::string> FieldCropPng(const ArchiveLayout& layout, const Record& record,
                                 const std::string& field);

}  // namespace luutru::ingest
