// Record <-> JSON, the one place that knows the record.json / export layout.
#pragma once

#include <string>

#include "core/archive_layout.h"
#include "core/record.h"
#include "core/status.h"

namespace luutru {

struct RecordJsonOptions {
  int indent = -1;            // < 0: one line; >= 0: pretty, this many spaces
  bool include_words = true;  // record.json keeps them; the export leaves them out
};

// Always valid UTF-8, fields in the export contract's order.
std::string RecordToJson(const Record& record, const RecordJsonOptions& options = {});
Result<Record> RecordFromJson(const std::string& json);
// The record `id` as records/<id>/record.json holds it; errors name the record.
Result<Record> LoadRecord(const ArchiveLayout& layout, const std::string& id);

}  // namespace luutru
