// The documents of archival files told which file they are in: each record's record.json and
// index entry get the file's code, the document's place, and the file's fonds, box, retention
// and access regime (core/record.h, ArchivalFileRef), so that search finds them by their file.
// Run after documents are attached and after a file is described again.
#pragma once

#include <string>
#include <vector>

#include "core/archive_layout.h"
#include "core/status.h"
#include "hoso/store.h"

namespace luutru::hoso {

// The documents of the files `codes`; kBusy, changing nothing, while another process writes
// the index. Returns how many records changed.
Result<int> RefreshDocuments(const ArchiveLayout& layout, Store& store,
                             const std::vector<std::string>& codes);

}  // namespace luutru::hoso
