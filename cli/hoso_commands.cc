// `luutru hoso import|list|show|set|split`: the archival files (hồ sơ) of an archive, imported from
// the finding aid, with their documents in order (docs/hoso.md).
#include <algorithm>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/app.h"
#include "cli/hoso_split_command.h"
#include "core/dates.h"
#include "core/fs_util.h"
#include "hoso/describe.h"
#include "hoso/finding_aid.h"
#include "hoso/refresh.h"
#include "hoso/split.h"
#include "hoso/store.h"

namespace luutru::cli {
namespace {

using Json = nlohmann::ordered_json;

struct HosoFlags {
  std::string archive = DefaultArchiveDir();
  std::string csv;                       // import
  std::string code;                      // show, set
  std::vector<std::string> assignments;  // set: element=value
  int doc = 0;                           // set: the document (its ordinal) instead of the file
  bool json = false;
};

Result<std::unique_ptr<hoso::Store>> OpenStore(const ArchiveLayout& layout) {
  LUUTRU_RETURN_IF_ERROR(RequireArchive(layout));
  return hoso::Store::Open(layout.catalog());
}

int RunImport(const HosoFlags& flags) {
  ArchiveLayout layout(flags.archive);
  if (Status s = PrepareArchive(layout); !s.ok()) return Fail(s);
  Result<std::string> csv = ReadFile(flags.csv);
  if (!csv.ok())
    return Fail(InvalidArgument("cannot read " + flags.csv + ": " + csv.status().message()));
  Result<hoso::FindingAid> aid = hoso::ParseFindingAid(*csv);
  if (!aid.ok()) return Fail(aid.status().WithContext(flags.csv));
  if (!aid->errors.empty()) {
    for (const hoso::RowError& e : aid->errors)
      std::cerr << flags.csv << ", dòng " << e.line << ": " << e.message << "\n";
    std::cerr << "Chưa nhập hồ sơ nào: sửa " << aid->errors.size()
              << " dòng trên rồi nhập lại (luutru hoso import " << flags.csv << ").\n";
    return kExitUsage;
  }
  std::error_code ec;
  std::filesystem::create_directories(layout.root(), ec);
  if (ec) return Fail(IoError("cannot create the archive folder " + layout.root().string()));
  Result<std::unique_ptr<hoso::Store>> store = hoso::Store::Open(layout.catalog());
  if (!store.ok()) return Fail(store.status());
  int added = 0;
  for (const hoso::ArchivalFile& file : aid->files) {
    Result<std::optional<hoso::ArchivalFile>> known = (*store)->Find(file.code);
    if (!known.ok()) return Fail(known.status());
    added += known->has_value() ? 0 : 1;
  }
  if (Status s = (*store)->PutFiles(aid->files); !s.ok()) return Fail(s);
  // Their documents carry the new description into the index (a file's box or retention).
  std::vector<std::string> codes;
  for (const hoso::ArchivalFile& file : aid->files) codes.push_back(file.code);
  if (Result<int> refreshed = hoso::RefreshDocuments(layout, **store, codes); !refreshed.ok())
    return Fail(
        refreshed.status().WithContext("the files were imported; their documents' "
                                       "index entries were not updated (import again)"));
  std::cout << "Đã nhập " << aid->files.size() << " hồ sơ (" << added << " mới, "
            << aid->files.size() - added << " cập nhật)";
  if (aid->headings > 0) std::cout << "; " << aid->headings << " dòng đề mục bỏ qua";
  if (!aid->ignored_columns.empty()) {
    std::cout << "; cột không dùng:";
    for (const std::string& c : aid->ignored_columns) std::cout << " \"" << c << "\"";
  }
  std::cout << "\n";
  return kExitOk;
}

int RunList(const HosoFlags& flags) {
  ArchiveLayout layout(flags.archive);
  Result<std::unique_ptr<hoso::Store>> store = OpenStore(layout);
  if (!store.ok()) return Fail(store.status());
  Result<std::vector<hoso::ArchivalFile>> files = (*store)->List();
  if (!files.ok()) return Fail(files.status());
  Json out = Json::array();
  for (const hoso::ArchivalFile& file : *files) {
    Result<hoso::FileDescription> d = hoso::Describe(layout, **store, file.code);
    if (!d.ok()) return Fail(d.status());
    if (flags.json) {
      out.push_back({{"code", file.code},
                     {"title", d->file.Value(hoso::kTitle)},
                     {"maintenance", d->file.Value(hoso::kRetention)},
                     {"mode", d->file.Value(hoso::kAccess)},
                     {"documents", d->documents.size()},
                     {"missing", d->missing}});
      continue;
    }
    std::cout << file.code << "  " << d->file.Value(hoso::kTitle) << "\n    "
              << d->file.Shown(*hoso::ElementNamed(hoso::kRetention)) << " · "
              << d->documents.size() << " văn bản";
    if (!d->missing.empty()) std::cout << " · thiếu " << d->missing.size() << " yếu tố";
    std::cout << "\n";
  }
  if (flags.json) std::cout << out.dump(-1, ' ', false, Json::error_handler_t::replace) << "\n";
  if (!flags.json) std::cout << files->size() << " hồ sơ\n";
  return kExitOk;
}

int RunShow(const HosoFlags& flags) {
  ArchiveLayout layout(flags.archive);
  Result<std::unique_ptr<hoso::Store>> store = OpenStore(layout);
  if (!store.ok()) return Fail(store.status());
  Result<hoso::FileDescription> d = hoso::Describe(layout, **store, flags.code);
  if (!d.ok()) return Fail(d.status());
  auto derived = [&](std::string_view name) {
    return std::find(d->derived.begin(), d->derived.end(), name) != d->derived.end();
  };
  if (flags.json) {
    std::cout << hoso::DescriptionJson(*d).dump(-1, ' ', false, Json::error_handler_t::replace)
              << "\n";
    return kExitOk;
  }
  std::cout << "Hồ sơ " << d->file.code << "\n";
  for (const hoso::Element& e : hoso::Elements()) {
    const std::string shown = d->file.Shown(e);
    if (shown.empty() || e.name == hoso::kCode) continue;
    std::cout << "  " << e.label << ": " << shown << (derived(e.name) ? "  (từ văn bản)" : "")
              << "\n";
  }
  if (!d->missing.empty()) {
    std::string names;
    for (const std::string& m : d->missing)
      names += (names.empty() ? "" : ", ") + std::string(hoso::ElementNamed(m)->label);
    std::cout << "  Còn thiếu: " << names << "\n";
  }
  std::cout << "\n" << d->documents.size() << " văn bản:\n";
  for (const hoso::DescribedDocument& doc : d->documents) {
    std::cout << "  " << doc.ordinal << ". " << doc.metadata.doc_type
              << (doc.metadata.number.empty() ? "" : " " + doc.metadata.number)
              << (doc.metadata.date.empty() ? "" : " · " + WrittenDate(doc.metadata.date)) << " · "
              << doc.pages << " trang  [" << doc.record_id.substr(0, 8) << "]\n";
    if (!doc.metadata.subject.empty()) std::cout << "     " << doc.metadata.subject << "\n";
    for (const hoso::Element& e : hoso::DocumentElements()) {
      const auto value = doc.values.find(std::string(e.name));
      if (value != doc.values.end())
        std::cout << "     " << e.label << ": " << hoso::ShownValue(e, value->second) << "\n";
    }
    if (!doc.document_starts.empty()) {
      std::cout << "     có thể gồm " << doc.document_starts.size()
                << " văn bản (đầu văn bản ở trang " << hoso::PagesText(doc.document_starts)
                << "); tách: luutru hoso split " << doc.record_id.substr(0, 8) << " --review\n";
    }
  }
  return kExitOk;
}

// `hoso set CODE --doc N element=value…`: a document's own elements (bút tích, notes, …),
// checked as the file's are.
int SetDocument(const HosoFlags& flags, hoso::Store& store) {
  Result<std::vector<hoso::FileDocument>> documents = store.Documents(flags.code);
  if (!documents.ok()) return Fail(documents.status());
  auto doc = std::find_if(documents->begin(), documents->end(),
                          [&](const hoso::FileDocument& d) { return d.ordinal == flags.doc; });
  if (doc == documents->end()) {
    return Fail(NotFound("hồ sơ " + flags.code + " has no document " + std::to_string(flags.doc) +
                         " (" + std::to_string(documents->size()) +
                         " documents; luutru hoso show " + flags.code + ")"));
  }
  for (const std::string& assignment : flags.assignments) {
    const size_t eq = assignment.find('=');
    const hoso::Element* element =
        eq == std::string::npos ? nullptr : hoso::DocumentElementTyped(assignment.substr(0, eq));
    if (!element) {
      std::string names;
      for (const hoso::Element& e : hoso::DocumentElements())
        names +=
            (names.empty() ? "" : ", ") + std::string(e.name) + " (" + std::string(e.label) + ")";
      return Fail(InvalidArgument("'" + assignment + "': a document's element is one of " + names));
    }
    if (std::string problem =
            hoso::TakeDocumentValue(*element, assignment.substr(eq + 1), doc->values);
        !problem.empty())
      return Fail(InvalidArgument(problem));
  }
  if (Status s = store.PutDocumentValues(flags.code, doc->record_id, doc->values); !s.ok())
    return Fail(s);
  std::cout << "Đã cập nhật văn bản " << flags.doc << " của hồ sơ " << flags.code << "\n";
  return kExitOk;
}

// `hoso set CODE element=value…`: what the finding aid left out (the sheets, the access
// regime), checked as an import checks it; the file's documents carry the change.
int RunSet(const HosoFlags& flags) {
  ArchiveLayout layout(flags.archive);
  Result<std::unique_ptr<hoso::Store>> store = OpenStore(layout);
  if (!store.ok()) return Fail(store.status());
  Result<std::optional<hoso::ArchivalFile>> found = (*store)->Find(flags.code);
  if (!found.ok()) return Fail(found.status());
  if (!found->has_value())
    return Fail(NotFound("no archival file " + flags.code + " in this archive (luutru hoso list)"));
  hoso::ArchivalFile file = std::move(**found);
  if (flags.doc > 0) return SetDocument(flags, **store);
  for (const std::string& assignment : flags.assignments) {
    const size_t eq = assignment.find('=');
    const hoso::Element* element =
        eq == std::string::npos ? nullptr : hoso::ElementTyped(assignment.substr(0, eq));
    if (!element || element->name == hoso::kCode) {
      std::string names;
      for (const hoso::Element& e : hoso::Elements()) {
        if (e.name != hoso::kCode) names += (names.empty() ? "" : ", ") + std::string(e.name);
      }
      return Fail(InvalidArgument("'" + assignment + "': give element=value, the element one of " +
                                  names + " (or its Vietnamese name)"));
    }
    if (std::string problem = hoso::TakeValue(*element, assignment.substr(eq + 1), file);
        !problem.empty())
      return Fail(InvalidArgument(problem));
  }
  if (Status s = (*store)->PutFiles({file}); !s.ok()) return Fail(s);
  if (Result<int> refreshed = hoso::RefreshDocuments(layout, **store, {file.code}); !refreshed.ok())
    return Fail(refreshed.status());
  std::cout << "Đã cập nhật hồ sơ " << file.code << "\n";
  return kExitOk;
}

}  // namespace

Command AddHosoCommand(CLI::App& app) {
  auto flags = std::make_shared<HosoFlags>();
  CLI::App* cmd = app.add_subcommand(
      "hoso",
      "Archival files (hồ sơ): import the finding aid, list them, show one, set elements, split "
      "scans into documents");
  cmd->require_subcommand(1);
  auto archive = [&](CLI::App* sub) {
    sub->add_option("--archive", flags->archive, "Archive folder ($LUUTRU_ARCHIVE or ./archive)");
  };
  CLI::App* import = cmd->add_subcommand(
      "import", "Import the finding aid (mục lục hồ sơ) saved as CSV: all rows, or none");
  import->add_option("csv", flags->csv, "The finding aid, CSV (UTF-8)")->required();
  archive(import);
  CLI::App* list = cmd->add_subcommand("list", "List the archival files");
  list->add_flag("--json", flags->json, "As JSON");
  archive(list);
  CLI::App* show = cmd->add_subcommand(
      "show", "Show an archival file: its elements, what is missing, its documents in order");
  show->add_option("code", flags->code, "Số và ký hiệu hồ sơ")->required();
  show->add_flag("--json", flags->json, "As JSON");
  archive(show);
  CLI::App* set = cmd->add_subcommand(
      "set", "Set elements of an archival file (element=value; empty clears), checked as import");
  set->add_option("code", flags->code, "Số và ký hiệu hồ sơ")->required();
  set->add_option("--doc", flags->doc,
                  "Set elements of the file's document N instead (bút tích, ghi chú, từ khóa, …)")
      ->check(CLI::PositiveNumber);
  set->add_option("assignments", flags->assignments,
                  "element=value, by TT 05 name or Vietnamese: numberOfPaper=12, \"Chế độ sử "
                  "dụng=Công khai\"")
      ->required();
  archive(set);
  auto split_flags = std::make_shared<HosoSplitFlags>();
  CLI::App* split = cmd->add_subcommand(
      "split",
      "Check how a scan holding several documents was split (page by page), or move the split");
  split
      ->add_option("target", split_flags->target,
                   "A record of the scan (its id or first digits), or a hồ sơ's code: each of "
                   "its scans of several pages")
      ->required();
  split->add_flag("--review", split_flags->review,
                  "Show the split page by page (what it does without --at)");
  split->add_option("--at", split_flags->at,
                    "The pages where documents begin, as 1,4,7: the documents whose pages change "
                    "are read again, values set by hand are kept");
  split->add_flag("--json", split_flags->json, "As JSON");
  split->add_option("--archive", split_flags->archive,
                    "Archive folder ($LUUTRU_ARCHIVE or ./archive)");
  return {cmd, [flags, split_flags, import, list, show, set, split]() {
            if (import->parsed()) return RunImport(*flags);
            if (list->parsed()) return RunList(*flags);
            if (show->parsed()) return RunShow(*flags);
            if (set->parsed()) return RunSet(*flags);
            if (split->parsed()) return RunHosoSplit(*split_flags);
            return static_cast<int>(kExitUsage);
          }};
}

}  // namespace luutru::cli
