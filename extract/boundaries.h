// Where each document of a scanned archival file begins. A file is scanned as one PDF or one
// folder of pages; its documents follow one another, each opening with the header of Decree
// 30/2020 Appendix I: the national motto (or the Party's "ĐẢNG CỘNG SẢN VIỆT NAM") beside the
// issuing body, the number line ("Số: 12/QĐ-UBND") and the place and date line. A page whose
// first lines hold two of the three starts a document; its continuation pages hold none (a
// page number, body text, the signature). Pure.
#pragma once

#include <vector>

#include "core/record.h"

namespace luutru::extract {

// What the first lines of a page hold of a document's header.
struct PageOpening {
  bool motto = false;   // a national or Party motto
  bool number = false;  // "Số: …"
  bool date = false;    // "Hà Nội, ngày … tháng … năm …", the day possibly unread
  bool StartsDocument() const { return motto + number + date >= 2; }
};
PageOpening OpeningOf(const PageText& page);

// Whether the page holds a document's end: the recipients' list ("Nơi nhận:") that closes the
// signature block. A hint for the archivist; never a boundary by itself (an appendix follows).
bool EndsDocument(const PageText& page);

// The pages (0-based) at which a document starts; the first page always does.
std::vector<size_t> DocumentStarts(const std::vector<PageText>& pages);

}  // namespace luutru::extract
