// `luutru review`, `luutru show`, `luutru set` and `luutru reindex`: checking and correcting
// registry fields, and rebuilding the index from records/.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "core/archival_codes.h"
#include "core/archive_layout.h"
#include "core/fs_util.h"
#include "core/record_json.h"
#include "ingest/catalog.h"
#include "ingest/record_fields.h"
#include "ingest/reindex.h"

namespace luutru::cli {
namespace {

struct ReviewFlags {
  std::string archive = DefaultArchiveDir();
  bool json = false;
};

int RunReview(const ReviewFlags& flags, const ingest::ReviewOptions& options) {
  ArchiveLayout layout(flags.archive);
  if (Status s = RequireArchive(layout); !s.ok()) return Fail(s);
  Result<std::vector<ingest::ReviewItem>> items = ingest::ListForReview(layout, options);
  if (!items.ok()) return Fail(items.status());
  if (flags.json) {
    nlohmann::ordered_json out = nlohmann::ordered_json::array();
    for (const ingest::ReviewItem& i : *items) {
      nlohmann::ordered_json item{{"record", i.record_id},
                                  {"source", i.source},
                                  {"field", i.field},
                                  {"value", i.value},
                                  {"reason", i.reason}};
      if (i.reason != "missing") {
        item["confidence"] = i.confidence;
        item["page"] = i.page;
      }
      out.push_back(std::move(item));
    }
    std::cout << out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  // Two sections: the partial values (known to be incomplete), then the others; a record
  // with both shows in each.
  std::string record;
  bool partial = false;
  for (const ingest::ReviewItem& i : *items) {
    if ((i.reason == "partial") != partial || (record.empty() && i.reason == "partial")) {
      partial = i.reason == "partial";
      std::cout << (partial ? "\nPartial values (written by hand, not read):\n" : "\nTo check:\n");
      record.clear();
    }
    if (i.record_id != record) {
      record = i.record_id;
      std::cout << "\n" << i.record_id << "  " << i.source << "\n";
    }
    std::cout << "  " << i.field << ": ";
    if (i.reason == "missing") {
      std::cout << "(missing)\n";
    } else if (i.reason == "partial") {
      const std::optional<Field> field = FieldNamed(i.field);
      const bool date = field && FieldOf(*field).kind == FieldKind::kDate;
      std::cout << i.value << "  (partial: " << (date ? "the day" : "the digits")
                << " written by hand not read; page " << i.page << ")\n";
    } else {
      std::cout << i.value << "  (confidence " << i.confidence << ", page " << i.page << ")\n";
    }
  }
  std::cout << (items->empty() ? "" : "\n") << items->size() << " field(s) to check"
            << (items->empty() ? "" : "; correct one with: luutru set ID field=value") << "\n";
  return kExitOk;
}

struct SetFlags {
  std::string archive = DefaultArchiveDir();
  std::string record;
  std::vector<std::string> assignments;  // field=value
  std::vector<std::string> unset;        // fields back to what was read
};

int RunSet(const SetFlags& flags) {
  ArchiveLayout layout(flags.archive);
  if (Status s = RequireArchive(layout); !s.ok()) return Fail(s);
  std::vector<ingest::FieldChange> changes;
  for (const std::string& a : flags.assignments) {
    size_t eq = a.find('=');
    if (eq == std::string::npos || eq == 0) {
      return Fail(InvalidArgument("'" + a + "' is not field=value (e.g. number=12/2023/QĐ-UBND)"));
    }
    changes.push_back({a.substr(0, eq), a.substr(eq + 1)});
  }
  for (const std::string& field : flags.unset) changes.push_back({field, std::nullopt});
  if (changes.empty())
    return Fail(InvalidArgument("nothing to set: give field=value or --unset FIELD"));
  std::string id;
  {
    Result<std::unique_ptr<ingest::Catalog>> catalog = ingest::Catalog::Open(layout.catalog());
    if (!catalog.ok()) return Fail(catalog.status());
    Result<std::string> resolved = ingest::ResolveRecordId(**catalog, flags.record);
    if (!resolved.ok()) return Fail(resolved.status());
    id = *resolved;
  }
  Result<Record> record = ingest::SetFields(layout, id, changes);
  if (!record.ok()) return Fail(record.status());
  for (const ingest::FieldChange& c : changes) {
    const std::string_view field = CanonicalFieldName(c.field);
    const std::string* value = MetadataText(record->metadata, field);
    std::cout << id << " " << field << " = " << (value ? *value : "(list)")
              << (c.value ? "" : "  (as read)") << "\n";
  }
  return kExitOk;
}

}  // namespace

Command AddReviewCommand(CLI::App& app) {
  auto flags = std::make_shared<ReviewFlags>();
  auto options = std::make_shared<ingest::ReviewOptions>();
  CLI::App* cmd = app.add_subcommand(
      "review", "List registry fields to check: read with low confidence, or missing");
  cmd->add_option("--archive", flags->archive, "Archive folder ($LUUTRU_ARCHIVE or ./archive)");
  cmd->add_option("--below", options->below,
                  "List fields read with less confidence than this (0..1)")
      ->capture_default_str()
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_flag("--json", flags->json, "Print the list as one JSON array");
  return {cmd, [flags, options] { return RunReview(*flags, *options); }};
}

Command AddSetCommand(CLI::App& app) {
  auto flags = std::make_shared<SetFlags>();
  CLI::App* cmd = app.add_subcommand(
      "set", "Correct registry fields of a record; kept across re-indexing and re-ingest");
  cmd->add_option("--archive", flags->archive, "Archive folder ($LUUTRU_ARCHIVE or ./archive)");
  cmd->add_option("record", flags->record, "Record id (or its first digits, at least 4)")
      ->required();
  cmd->add_option(
      "assignments", flags->assignments,
      "field=value ... by either name (ngay=15/03/2023 or date=2023-03-15, coquan=\"SỞ NỘI VỤ\")");
  cmd->add_option("--unset", flags->unset, "Drop the correction of FIELD: back to what was read");
  return {cmd, [flags] { return RunSet(*flags); }};
}

struct ShowFlags {
  std::string archive = DefaultArchiveDir();
  std::string record;
  bool json = false;
};

int RunShow(const ShowFlags& flags) {
  ArchiveLayout layout(flags.archive);
  if (Status s = RequireArchive(layout); !s.ok()) return Fail(s);
  Result<std::unique_ptr<ingest::Catalog>> catalog = ingest::Catalog::Open(layout.catalog());
  if (!catalog.ok()) return Fail(catalog.status());
  Result<std::string> id = ingest::ResolveRecordId(**catalog, flags.record);
  if (!id.ok()) return Fail(id.status());
  Result<std::string> json = ReadFile(layout.RecordJson(*id));
  if (!json.ok()) {
    // The catalog knows the record: its file missing is damage, not an unknown id.
    return Fail(Corrupt("record " + *id + " has no readable record.json (" +
                        json.status().message() + "); luutru verify --repair rebuilds it"));
  }
  Result<Record> record = RecordFromJson(*json);
  if (!record.ok()) return Fail(record.status());
  if (flags.json) {
    std::cout << RecordToJson(*record, {.indent = 1, .include_words = false}) << "\n";
    return kExitOk;
  }
  const Record& r = *record;
  std::cout << r.id << "  " << r.source << "  (" << r.format << ", " << r.pages.size()
            << " pages)\n";
  for (const FieldName& field : kMetadataFields) {
    const std::string_view name = field.json;
    std::string value;
    if (const std::string* text = MetadataText(r.metadata, name)) {
      value = *text;
    } else {
      for (const std::string& item : r.metadata.recipients)
        value += (value.empty() ? "" : "; ") + item;
    }
    std::cout << "  " << name << ": " << (value.empty() ? "-" : value);
    auto e = r.evidence.find(field.field);
    if (e != r.evidence.end()) {
      if (e->second.corrected) {
        std::cout << "  (set by hand)";
      } else {
        std::cout << "  (page " << e->second.page << ", confidence " << e->second.confidence;
        if (!e->second.read.empty()) std::cout << ", read as \"" << e->second.read << "\"";
        std::cout << ")";
      }
    }
    std::cout << "\n";
  }
  if (r.hoso) {
    std::cout << "  hoso: " << r.hoso->code << " (document " << r.hoso->ordinal << ")";
    if (!r.hoso->retention.empty()) std::cout << ", " << NameOf(kRetentionCodes, r.hoso->retention);
    if (!r.hoso->access.empty()) std::cout << ", " << NameOf(kAccessCodes, r.hoso->access);
    std::cout << "\n";
  }
  for (const Signature& sig : r.signatures) {
    std::cout << "  signature: " << (sig.signer.empty() ? "(no signer named)" : sig.signer);
    if (!sig.organization.empty()) std::cout << " (" << sig.organization << ")";
    if (!sig.signed_at.empty()) std::cout << ", signed " << sig.signed_at;
    std::cout << ", " << SignatureVerdictName(sig.verdict);
    if (sig.verdict == Signature::Verdict::kValid) {
      std::cout << (sig.whole_file ? ", covers the whole file"
                                   : ", the file was added to after it");
    }
    if (sig.page > 0) std::cout << ", stamp on page " << sig.page;
    std::cout << "\n";
  }
  for (const Stamp& st : r.stamps) {
    std::cout << "  incoming-mail stamp (dấu đến), page " << st.page << ": số đến "
              << (st.number.empty() ? "(not read)" : st.number) << ", ngày đến "
              << (st.date.empty() ? "(not read)" : st.date) << "\n";
  }
  for (const PageText& p : r.pages) {
    std::cout << "  page " << p.number << ": " << TextMethodName(p.method);
    if (p.method == TextMethod::kOcr) std::cout << ", confidence " << p.confidence;
    if (!p.error.empty()) std::cout << ", unreadable: " << p.error;
    std::cout << "\n";
  }
  return kExitOk;
}

Command AddShowCommand(CLI::App& app) {
  auto flags = std::make_shared<ShowFlags>();
  CLI::App* cmd =
      app.add_subcommand("show", "Show a record's fields, where each was read, and its pages");
  cmd->add_option("--archive", flags->archive, "Archive folder ($LUUTRU_ARCHIVE or ./archive)");
  cmd->add_option("record", flags->record, "Record id (or its first digits, at least 4)")
      ->required();
  cmd->add_flag("--json", flags->json, "Print the record as JSON (the export line, indented)");
  return {cmd, [flags] { return RunShow(*flags); }};
}

Command AddReindexCommand(CLI::App& app) {
  auto flags = std::make_shared<ReviewFlags>();
  auto options = std::make_shared<ingest::ReindexOptions>();
  CLI::App* cmd =
      app.add_subcommand("reindex", "Rebuild the index from records/ (no OCR); fields read again");
  cmd->add_option("--archive", flags->archive, "Archive folder ($LUUTRU_ARCHIVE or ./archive)");
  cmd->add_flag(
      "--keep-fields", [options](int64_t) { options->reextract = false; },
      "Index the fields record.json holds instead of reading them again");
  cmd->add_option(
         "--shards", options->shards,
         "Shards of the new index, searched at once one thread each (default: as the index has, "
         "2 for a new one; one per core serves searches best)")
      ->check(CLI::Range(1, 64));
  cmd->add_flag(
      "--no-compact", [options](int64_t) { options->compact = false; },
      "Leave the new index as written (compacting it makes searches read less; luutru compact "
      "does it later)");
  return {cmd, [flags, options] {
            ArchiveLayout layout(flags->archive);
            if (Status s = RequireArchive(layout); !s.ok()) return Fail(s);
            Result<ingest::ReindexReport> report = ingest::Reindex(layout, *options);
            if (!report.ok()) return Fail(report.status());
            std::cout << "reindexed " << report->records << " records (" << report->pages
                      << " pages); fields changed in " << report->fields_changed << "\n";
            return static_cast<int>(kExitOk);
          }};
}

}  // namespace luutru::cli
