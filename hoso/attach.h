// The documents an ingest run archived, attached to their archival files: all of them to the
// file named on the command line (`luutru ingest --hoso CODE`), else each to the file whose
// scans are in its folder (the finding aid's "Thư mục" column, or a folder named as the file's
// code). In file name order, numbers in names compared as numbers ("2.pdf" before "10.pdf");
// after the documents the file holds already.
#pragma once

#include <map>
#include <string>
#include <vector>

#include "core/status.h"
#include "hoso/store.h"

namespace luutru::hoso {

struct IngestedFile {
  std::string source;  // the path it was ingested from
  std::string record_id;
};

// file code -> documents attached now. kNotFound when `code` names no file.
Result<std::map<std::string, int>> AttachIngested(Store& store,
                                                  const std::vector<IngestedFile>& ingested,
                                                  const std::string& code = "");

// "a2.pdf" < "a10.pdf": runs of digits compared as numbers, the rest byte by byte.
bool NaturalLess(const std::string& a, const std::string& b);

}  // namespace luutru::hoso
