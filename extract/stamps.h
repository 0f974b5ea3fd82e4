// Stamps on a page, found by their printed words, so that they are kept as facts and out of the
// fields. The incoming-mail stamp (dấu "ĐẾN", Decree 30/2020 Appendix IV.V: a rectangle of
// 35 x 50 mm the receiving office stamps on the first page) prints "ĐẾN" beside or above the
// labels "Số:" and "Ngày:" (and "Chuyển:"), and the office writes the entry number and the day
// the document came after them. Older stamps read "CÔNG VĂN ĐẾN" or "CV ĐẾN". Pure.
#pragma once

#include <vector>

#include "core/record.h"

namespace luutru::extract {

// The incoming-mail stamps of a page with word boxes (none for pages without). The number and
// the date are read from the words written after their labels when those are digits; a
// handwritten value OCR cannot read leaves them empty, the stamp still found.
std::vector<Stamp> FindStamps(const PageText& page);

// The page without the words inside `stamps` (those on `page.number`), for reading fields.
PageText WithoutStamps(const PageText& page, const std::vector<Stamp>& stamps);

}  // namespace luutru::extract
