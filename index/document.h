// A record as the index holds it (index/schema.h): one Xapian document, built without a
// database. Its pages' words with positions (a gap of kPageGap between pages, so that no
// phrase spans two), its title fields after them with more weight, its field terms, its value
// slots (id, date, page count, facets) and its RecordData. The writer stores it; the tests read it.
#pragma once

#include <xapian.h>

#include <string>

#include "core/record.h"

namespace luutru::index {

Xapian::Document BuildRecordDocument(const Record& record);

// The record's title fields as one text (type, subject, bodies, signer), indexed after its
// pages from RecordData::title_position on.
std::string TitleFieldText(const Metadata& m);

}  // namespace luutru::index
