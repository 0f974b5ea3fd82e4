// The document data of a page: what a result line needs without opening record.json.
// Shared by the writer (encode) and the searcher (decode).
#pragma once

#include <string>

#include "core/status.h"

namespace luutru::index {

struct PageData {
  std::string record_id;
  int page = 1;
  int page_count = 1;
  std::string source;
  std::string doc_type, number, date, agency, subject, signer, confidentiality, urgency;
  std::string text;  // the page text, for snippets
};

std::string EncodePageData(const PageData& data);
Result<PageData> DecodePageData(const std::string& bytes);

}  // namespace luutru::index
