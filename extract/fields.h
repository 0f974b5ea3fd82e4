// Registry fields of a record, read from its pages: number, date and place, type, issuing
// body, subject, signer, secrecy and urgency marks, recipients (DESIGN.md conventions), each
// with the evidence it was read from. Pure: the same pages give the same fields.
//
// The layout decides where each field may come from: the header of the first page (the
// issuing body and number in the left block, the motto and the place/date line in the right
// block, marks under them, then the title and the subject; a secrecy mark in the header of any
// page, the most restricted winning), the signature block after the
// body (authority line, title, signature, name), the recipients block bottom left. A number or
// a date quoted in the body is never the document's own.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/record.h"

namespace luutru::extract {

struct Fields {
  Metadata metadata;
  std::map<Field, Evidence> evidence;  // for every field found
  std::vector<Stamp> stamps;  // found on the pages (extract/stamps.h), kept out of the fields
};

// Word boxes are used when pages have them (OCR, PDF text layers with positions); pages with
// text only are read line by line. The words of a stamp are no field's.
Fields ExtractFields(const std::vector<PageText>& pages);

// The lines of a page whose reading decides a field: a header's number, date and subject
// lines, a signer's name. Their boxes (in the page's coordinates) and text, so that OCR can read
// them again. Only for pages with word boxes.
struct KeyLine {
  Box box;
  std::string text;
};
struct KeyLineOptions {
  bool header = true;     // the page can hold the header (a document's first page)
  bool signature = true;  // the page can hold the signature (its last page)
};
std::vector<KeyLine> KeyLines(const PageText& page, const KeyLineOptions& options = {});

}  // namespace luutru::extract
