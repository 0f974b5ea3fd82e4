#include "ingest/record_fields.h"

#include <algorithm>
#include <span>

#include "core/dates.h"
#include "core/edit_distance.h"
#include "core/fs_util.h"
#include "core/marks.h"
#include "core/record_json.h"
#include "core/strings.h"
#include "core/vietnamese.h"
#include "extract/fields.h"
#include "extract/patterns.h"
#include "index/writer.h"

namespace luutru::ingest {
void ApplyCorrections(Record& record, const std::map<std::string, std::string>& corrections) {
  for (const auto& [field, value] : corrections) {
    const std::optional<Field> named = FieldNamed(field);
    if (named && FieldOf(*named).kind == FieldKind::kList) {
      record.metadata.recipients.clear();
      for (size_t start = 0; start <= value.size();) {
        size_t end = value.find(';', start);
        if (end == std::string::npos) end = value.size();
        std::string item = std::string(Trim(std::string_view(value).substr(start, end - start)));
        if (!item.empty()) record.metadata.recipients.push_back(item);
        start = end + 1;
      }
    } else if (std::string* text = MetadataText(record.metadata, field)) {
      *text = value;
    } else {
      continue;  // a field this version does not know: kept in the catalog, not applied
    }
    Evidence& e = record.evidence[*FieldNamed(field)];
    e = Evidence{};
    e.confidence = 1.0;
    e.corrected = true;
  }
}

void LearnFromCorrections(Record& record,
                          const std::map<std::string, std::vector<std::string>>& known) {
  for (const auto& [field, values] : known) {
    std::string* value = MetadataText(record.metadata, field);
    if (!value || value->empty()) continue;
    const std::string read_key = vi::Fold(vi::Lower(*value));
    if (read_key.size() < 6) continue;  // short values are too close to each other to tell
    // Read as people set it elsewhere: nothing to repair.
    if (std::find(values.begin(), values.end(), *value) != values.end()) continue;
    const std::string* fit = nullptr;
    bool ambiguous = false;
    for (const std::string& v : values) {
      if (EditDistance(read_key, vi::Fold(vi::Lower(v)), 1) > 1) continue;
      ambiguous = ambiguous || fit;
      fit = &v;
    }
    if (!fit || ambiguous) continue;
    Evidence& e = record.evidence[*FieldNamed(field)];
    if (e.read.empty()) e.read = *value;  // the page's own reading, before any repair
    *value = *fit;
  }
}

Status FillFields(Record& record, Catalog& catalog) {
  extract::Fields fields = extract::ExtractFields(record.pages);
  record.metadata = std::move(fields.metadata);
  record.evidence = std::move(fields.evidence);
  record.stamps = std::move(fields.stamps);
  std::map<std::string, std::vector<std::string>> known;
  for (const FieldName& field : kMetadataFields) {
    if (!field.learned()) continue;
    Result<std::vector<std::string>> values = catalog.CorrectedValues(std::string(field.json));
    if (!values.ok()) return values.status();
    if (!values->empty()) known[std::string(field.json)] = std::move(values).value();
  }
  LearnFromCorrections(record, known);
  Result<std::map<std::string, std::string>> corrections = catalog.Corrections(record.id);
  if (!corrections.ok()) return corrections.status();
  ApplyCorrections(record, *corrections);
  return Status::Ok();
}

Result<std::string> ResolveRecordId(Catalog& catalog, const std::string& id_or_prefix) {
  if (id_or_prefix.size() < 4) {
    return InvalidArgument("record id '" + id_or_prefix +
                           "' is too short; give at least 4 of its hex digits");
  }
  Result<std::vector<RecordEntry>> records = catalog.ListRecords();
  if (!records.ok()) return records.status();
  std::string found;
  for (const RecordEntry& r : *records) {
    if (r.id.rfind(id_or_prefix, 0) != 0) continue;
    if (!found.empty()) {
      return InvalidArgument("record id '" + id_or_prefix +
                             "' names more than one record; give more digits");
    }
    found = r.id;
  }
  if (found.empty()) return NotFound("no record " + id_or_prefix + " in this archive");
  return found;
}

Result<std::string> CanonicalField(const std::string& typed) {
  std::string_view field = CanonicalFieldName(typed);
  if (!field.empty()) return std::string(field);
  std::string names;
  for (const FieldName& f : kMetadataFields) {
    names +=
        (names.empty() ? "" : ", ") + std::string(f.vietnamese) + " (" + std::string(f.json) + ")";
  }
  return InvalidArgument("unknown field '" + typed + "'; fields are " + names);
}

Result<std::string> NormalizeFieldValue(const std::string& typed_field, const std::string& value) {
  Result<std::string> canonical = CanonicalField(typed_field);
  if (!canonical.ok()) return canonical.status();
  const std::string& field = *canonical;
  const FieldKind kind = FieldOf(*FieldNamed(field)).kind;
  std::string v(Trim(vi::Nfc(value)));
  if (v.empty()) return v;
  if (kind == FieldKind::kDate) {
    // As people write it (02/10/2022) or as stored (2022-10-02); stored as YYYY-MM-DD.
    ParsedDate date = ParseDate(v);
    switch (date.problem) {
      case DateProblem::kNone:
        break;
      case DateProblem::kNotADate:
        return InvalidArgument("date '" + v +
                               "' is not a date: write it DD/MM/YYYY (02/10/2022) or YYYY-MM-DD");
      case DateProblem::kNoSuchMonth:
        return InvalidArgument("date '" + v + "': there is no month " +
                               std::to_string(date.date.month) +
                               " (the day comes first: DD/MM/YYYY)");
      case DateProblem::kNoSuchDay:
        return InvalidArgument("date '" + v + "': month " + std::to_string(date.date.month) +
                               " of " + std::to_string(date.date.year) + " has no day " +
                               std::to_string(date.date.day));
    }
    if (date.date.day == 0) {
      return InvalidArgument("date '" + v + "' has no day; give the whole date (DD/MM/YYYY)");
    }
    return IsoDate(date.date);
  } else if (kind == FieldKind::kSecrecyMark || kind == FieldKind::kUrgencyMark) {
    // Typed without marks or in lower case, as staff do: "toi mat", "hoa toc".
    const std::span<const std::string_view> marks = kind == FieldKind::kSecrecyMark
                                                        ? std::span(kPrintedSecrecyMarks)
                                                        : std::span(kUrgencyMarks);
    for (std::string_view canonical : marks) {
      if (extract::Key(canonical) == extract::Key(v)) return std::string(canonical);
    }
    return InvalidArgument(field + " must be " + MarksForMessage(marks) + " (or empty)");
  }
  return v;
}

Result<Record> SetFields(const ArchiveLayout& layout, const std::string& record_id,
                         const std::vector<FieldChange>& changes) {
  std::vector<std::pair<std::string, std::optional<std::string>>> normalized;
  for (const FieldChange& change : changes) {
    Result<std::string> field = CanonicalField(change.field);
    if (!field.ok()) return field.status();
    if (!change.value) {
      normalized.emplace_back(*field, std::nullopt);
      continue;
    }
    Result<std::string> v = NormalizeFieldValue(*field, *change.value);
    if (!v.ok()) return v.status();
    normalized.emplace_back(*field, *v);
  }
  // The index first: when another process writes it, nothing is changed.
  index::WriterOptions writer_options;
  writer_options.create = false;
  Result<std::unique_ptr<index::Writer>> writer =
      index::Writer::Open(layout.index(), writer_options);
  if (!writer.ok()) return writer.status();
  Result<std::unique_ptr<Catalog>> catalog = Catalog::Open(layout.catalog());
  if (!catalog.ok()) return catalog.status();
  Result<Record> record = LoadRecord(layout, record_id);
  if (!record.ok()) return record.status();
  const Secrecy before = AccessSecrecy(*record);

  // The corrections, applied to the record in the catalog's transaction (not yet committed).
  LUUTRU_RETURN_IF_ERROR((*catalog)->Begin());
  for (const auto& [field, value] : normalized) {
    Status s = value ? (*catalog)->PutCorrection(record_id, field, *value)
                     : (*catalog)->DeleteCorrection(record_id, field);
    if (!s.ok()) {
      (void)(*catalog)->Rollback();
      return s;
    }
  }
  if (Status s = FillFields(*record, **catalog); !s.ok()) {
    (void)(*catalog)->Rollback();
    return s;
  }
  // Who may read the record is decided by the index (search, and the server's record URLs).
  // A stricter mark goes into the index first, a looser one last: a crash at any point leaves
  // the record at least as restricted as before and after (docs/security.md).
  if (MoreRestricted(AccessSecrecy(*record), before)) {
    Status indexed = (*writer)->AddRecord(*record);
    if (indexed.ok()) indexed = (*writer)->Commit();
    if (!indexed.ok()) {
      (void)(*catalog)->Rollback();
      return indexed;
    }
    LUUTRU_RETURN_IF_ERROR((*catalog)->Commit());
    LUUTRU_RETURN_IF_ERROR(
        WriteFileAtomically(layout.RecordJson(record_id), RecordToJson(*record)));
    return record;
  }
  LUUTRU_RETURN_IF_ERROR((*catalog)->Commit());
  LUUTRU_RETURN_IF_ERROR(WriteFileAtomically(layout.RecordJson(record_id), RecordToJson(*record)));
  LUUTRU_RETURN_IF_ERROR((*writer)->AddRecord(*record));
  LUUTRU_RETURN_IF_ERROR((*writer)->Commit());
  return record;
}

std::vector<std::string> RequiredFields() {
  std::vector<std::string> required;
  for (const FieldName& field : kMetadataFields) {
    if (field.required()) required.emplace_back(field.json);
  }
  return required;
}

Result<std::vector<ReviewItem>> ListForReview(const ArchiveLayout& layout,
                                              const ReviewOptions& options) {
  Result<std::unique_ptr<Catalog>> catalog = Catalog::Open(layout.catalog());
  if (!catalog.ok()) return catalog.status();
  Result<std::vector<RecordEntry>> records = (*catalog)->ListRecords();
  if (!records.ok()) return records.status();
  std::vector<ReviewItem> items;
  for (const RecordEntry& entry : *records) {
    Result<Record> record = LoadRecord(layout, entry.id);
    if (!record.ok()) return record.status();
    for (const FieldName& name : kMetadataFields) {
      const std::string field(name.json);
      const std::string* value = MetadataText(record->metadata, field);
      auto e = record->evidence.find(name.field);
      bool corrected = e != record->evidence.end() && e->second.corrected;
      if (corrected || !value) continue;
      ReviewItem item{entry.id, entry.source, field, *value, "", 0, 0};
      if (value->empty()) {
        if (std::find(options.required.begin(), options.required.end(), field) ==
            options.required.end())
          continue;
        item.reason = "missing";
      } else if (IsPartialValue(name.field, *value)) {
        // A date's day (or month) not read: "2025-02" finds it by month and year, not by day.
        // A number's handwritten digits not read: "…/CT-UBND" finds it by its notation.
        item.reason = "partial";
        if (e != record->evidence.end())
          item.confidence = e->second.confidence, item.page = e->second.page;
      } else if (e != record->evidence.end() && e->second.confidence < options.below) {
        item.reason = "low confidence";
        item.confidence = e->second.confidence;
        item.page = e->second.page;
      } else {
        continue;
      }
      items.push_back(std::move(item));
    }
  }
  // Partial values first: they are known to be wrong, the others only may be.
  std::stable_partition(items.begin(), items.end(),
                        [](const ReviewItem& i) { return i.reason == "partial"; });
  return items;
}

}  // namespace luutru::ingest
