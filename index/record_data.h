// The document data of a record: what a result line, its best page and its snippet need
// without opening record.json. Shared by the writer (encode) and the searcher (decode).
#pragma once

#include <string>
#include <vector>

#include "core/record.h"
#include "core/status.h"

namespace luutru::index {

// A page inside its record's document: the word positions it holds, and its text.
struct PageSpan {
  int number = 1;
  unsigned first_position = 1;  // the positions of its words: first..last (none when last < first)
  unsigned last_position = 0;
  std::string text;
};

struct RecordData {
  std::string record_id;
  std::string source;
  Metadata summary;  // its kSummaryFields only (core/record.h)
  std::vector<PageSpan> pages;
  // The title fields' words (type, subject, bodies, signer) follow every page from here on;
  // they belong to every page.
  unsigned title_position = 0;
};

// A small JSON header (fields, page spans) then the page texts, so that decoding a record of
// hundreds of pages does not parse its text as JSON.
std::string EncodeRecordData(const RecordData& data);
Result<RecordData> DecodeRecordData(const std::string& bytes);

}  // namespace luutru::index
