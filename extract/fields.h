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
// What a line of a signature block that a seal lies over must read as (KeyLine::under_seal).
enum class UnderSeal {
  kNo,
  kSignerName,  // the name: "g Ngọc Trung", "Dũng" where "Vũ Ngọc Trung", "Đỗ Thanh Dũng" is
  kSignerTitle,  // the title under an authority line: "ĂN PHÒNG" where "CHÁNH VĂN PHÒNG" is
};
struct KeyLine {
  Box box;
  std::string text;
  // A signature block's line that does not read as what it must be: its box widened to the
  // block's width, where the line is centred, to be read again under the seal
  // (ocr::ReadUnderSeal) and rated by RateUnderSeal.
  UnderSeal under_seal = UnderSeal::kNo;
};
struct KeyLineOptions {
  bool header = true;     // the page can hold the header (a document's first page)
  bool signature = true;  // the page can hold the signature (its last page)
  // A signature block's lines that do not read as what they must (KeyLine::under_seal), on any
  // page: a document signed before its appendices, a scan holding several.
  bool signature_under_seal = true;
};
std::vector<KeyLine> KeyLines(const PageText& page, const KeyLineOptions& options = {});
// How well a line read again under a seal reads as what it must be (ocr::ReadUnderSeal): a
// name (past the strokes OCR reads around a signature, every word a Vietnamese syllable) that
// starts with a family name is 2, with one a vowel from one ("Đã" for "Đỗ") 1; a title that
// is one of the office titles 2, one whose marks are damaged 1; anything else 0.
int RateUnderSeal(UnderSeal what, const std::string& line);
// A signer's name read again with the signature's strokes beside it ("h Nguyễn Hoàng Giang"):
// the words before the name's first go, and the text is made again from the words left.
void KeepFromName(std::vector<Word>& words, std::string& text);

}  // namespace luutru::extract
