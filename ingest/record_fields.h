// A record's registry fields: what extraction reads from its pages, then what people set
// (`luutru set`), and what is left for people to check (`luutru review`).
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/archive_layout.h"
#include "core/record.h"
#include "core/status.h"
#include "ingest/catalog.h"

namespace luutru::ingest {

// Applies corrections (field -> value) over the fields a record holds; "recipients" is a
// list written with "; " between its items. Corrected fields' evidence says so.
void ApplyCorrections(Record& record, const std::map<std::string, std::string>& corrections);

// A field read one letter off, or with other marks, from a value people set for that field
// elsewhere in the archive (`known`), given that value; the reading is kept in its evidence
// (`read`) and its confidence is not raised. An empty field is not filled and a value that is
// not near a known one is left as read: what people set never stands over what the page says.
// For the agency, its parent, the signer and their title.
void LearnFromCorrections(Record& record,
                          const std::map<std::string, std::vector<std::string>>& known);

// Reads the fields from the record's pages, repairs them by the values people set on other
// records (LearnFromCorrections), and applies the catalog's corrections for this one.
Status FillFields(Record& record, Catalog& catalog);

// The full id of the record `id_or_prefix` names (at least 4 hex digits of its id).
Result<std::string> ResolveRecordId(Catalog& catalog, const std::string& id_or_prefix);

// One change asked of `luutru set`: a value for a field, or (nullopt) back to what was read.
struct FieldChange {
  std::string field;
  std::optional<std::string> value;
};
// The JSON name of a field a person typed by either name ("loai", "Loại", "doc_type");
// kInvalidArgument listing the fields otherwise.
Result<std::string> CanonicalField(const std::string& typed);

// Checks a value against the field's conventions (DESIGN.md) and returns it as stored
// (a date typed 02/10/2022 is stored 2022-10-02):
// NFC, trimmed; dates as YYYY-MM-DD; marks spelled as DESIGN.md spells them.
Result<std::string> NormalizeFieldValue(const std::string& field, const std::string& value);

// Records the changes in the catalog, then rewrites the record's record.json and index
// entry. Fails with kBusy, changing nothing, while another process writes the index.
Result<Record> SetFields(const ArchiveLayout& layout, const std::string& record_id,
                         const std::vector<FieldChange>& changes);

// The record.json names of the fields core's table marks required.
std::vector<std::string> RequiredFields();

struct ReviewOptions {
  // Fields read with less confidence than this are listed. Default: 0.8.
  double below = 0.8;
  // Fields listed when absent, by their record.json names. Default: the ones core's field
  // table marks required (those a register cannot do without).
  std::vector<std::string> required = RequiredFields();
};

struct ReviewItem {
  std::string record_id, source, field, value;
  std::string reason;  // "partial" (a date without its day, a number without its digits), "low
                       // confidence" or "missing"
  double confidence = 0;
  int page = 0;
};

// The fields an archivist should check, record by record in catalog order, partial values
// first. Corrected fields are never listed again.
Result<std::vector<ReviewItem>> ListForReview(const ArchiveLayout& layout,
                                              const ReviewOptions& options);

}  // namespace luutru::ingest
