// Record <-> JSON, the one place that knows the record.json / export layout.
#pragma once

#include <string>

#include "core/record.h"
#include "core/status.h"

namespace luutru {

// Pretty (indent >= 0) or one line (indent < 0). Always valid UTF-8, fields in contract order.
std::string RecordToJson(const Record& record, int indent = -1);
Result<Record> RecordFromJson(const std::string& json);

}  // namespace luutru
