// The API's routes to archival files (docs/hoso.md): the files the caller may see, one file
// with its description and the documents of it the caller may see, in order, and how a scan
// holding several documents was split.
#include <algorithm>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <set>

#include "hoso/describe.h"
#include "hoso/split.h"
#include "ocr/engine.h"
#include "server/answers.h"
#include "server/api_impl.h"

namespace luutru::server {
namespace {

using Json = nlohmann::ordered_json;

// A file's own description needs what its access regime asks: "03" Mật as a MẬT record, any
// other as an unmarked one (its title and notes tell what it holds).
bool MaySee(const search::Access& access, const hoso::ArchivalFile& file) {
  return search::MayRead(access,
                         file.Value(hoso::kAccess) == "03" ? Secrecy::kMat : Secrecy::kNone);
}

}  // namespace

HttpResponse Api::Impl::ArchivalFiles(const Caller& caller) {
  Result<std::vector<hoso::ArchivalFile>> files = [&] {
    std::lock_guard<std::mutex> lock(catalog_mutex);
    return this->files->List();
  }();
  if (!files.ok()) return Error(FromStatus(files.status()));
  Json list = Json::array();
  for (const hoso::ArchivalFile& file : *files) {
    if (!MaySee(caller.access, file)) continue;
    list.push_back({{"code", file.code},
                    {"title", file.Value(hoso::kTitle)},
                    {"maintenance", file.Value(hoso::kRetention)},
                    {"mode", file.Value(hoso::kAccess)},
                    {"maintenance_shown", file.Shown(*hoso::ElementNamed(hoso::kRetention))},
                    {"mode_shown", file.Shown(*hoso::ElementNamed(hoso::kAccess))},
                    {"url", "/api/v1/hoso/" + file.code}});
  }
  if (!Audit(caller, "hoso-list", "", static_cast<long long>(list.size()), 200))
    return Error(kAuditDown);
  return JsonAnswer(Json{{"files", list}}.dump(-1, ' ', false, Json::error_handler_t::replace));
}

HttpResponse Api::Impl::ArchivalFile(const std::string& code, const Caller& caller) {
  // Its documents as far as the caller may open them: a hidden one is left out, of the list,
  // the numbering and what is derived from the documents (dates, counts), as search leaves it.
  SearcherPool::Lease searcher = searchers.Take();
  auto visible = [&](const std::string& record_id) {
    Result<bool> may = searcher ? searcher->MayOpen(record_id, caller.access) : Result<bool>(false);
    return may.ok() && *may;
  };
  Result<hoso::FileDescription> d = [&] {
    std::lock_guard<std::mutex> lock(catalog_mutex);
    return hoso::Describe(layout, *files, code, visible);
  }();
  if (!d.ok() || !MaySee(caller.access, d->file)) {
    (void)Audit(caller, "hoso-view", code, 0, 404);
    return Error({404, "not_found", "no such archival file"});
  }
  Json description = hoso::DescriptionJson(*d);
  for (Json& doc : description["documents"])
    doc["url"] = "/api/v1/records/" + doc["record"].get<std::string>();
  // As the staff page shows the description: each element with its Vietnamese name and its
  // value (codes with their names), and what is missing by name.
  Json shown = Json::array();
  for (const hoso::Element& e : hoso::Elements()) {
    const std::string value = d->file.Shown(e);
    if (value.empty()) continue;
    const bool derived =
        std::find(d->derived.begin(), d->derived.end(), std::string(e.name)) != d->derived.end();
    shown.push_back(
        {{"element", e.name}, {"label", e.label}, {"value", value}, {"derived", derived}});
  }
  Json missing = Json::array();
  for (const std::string& name : d->missing) {
    if (const hoso::Element* e = hoso::ElementNamed(name)) missing.push_back(e->label);
  }
  description["shown"] = std::move(shown);
  description["missing_shown"] = std::move(missing);
  if (!Audit(caller, "hoso-view", code, static_cast<long long>(d->documents.size()), 200))
    return Error(kAuditDown);
  return JsonAnswer(description.dump(-1, ' ', false, Json::error_handler_t::replace));
}

HttpResponse Api::Impl::ScanSplit(const std::string& id, const Caller& caller) {
  if (Result<StoredRecord> stored = VisibleRecord(id, caller); !stored.ok()) {
    (void)Audit(caller, "split-view", id, 0, 404);
    return Error(stored.status().code() == StatusCode::kNotFound ? kNoSuchRecord
                                                                 : FromStatus(stored.status()));
  }
  Result<hoso::Scan> scan = hoso::LoadScan(layout, id);
  if (!scan.ok()) return Error(FromStatus(scan.status()));
  // The scan's other documents as far as the caller may open them: one hidden is left out,
  // and so are the first lines of its pages.
  SearcherPool::Lease searcher = searchers.Take();
  std::set<int> hidden_pages;
  std::vector<Record> shown;
  for (Record& document : scan->documents) {
    Result<bool> may =
        searcher ? searcher->MayOpen(document.id, caller.access) : Result<bool>(false);
    if (may.ok() && *may) {
      shown.push_back(std::move(document));
    } else {
      for (const luutru::PageText& p : document.pages) hidden_pages.insert(p.number);
    }
  }
  scan->documents = std::move(shown);
  Json review = hoso::ScanReviewJson(*scan);
  for (Json& page : review["pages"]) {
    if (hidden_pages.count(page["n"].get<int>())) page["first_line"] = "";
  }
  review["source"] = std::filesystem::path(review["source"].get<std::string>()).filename().string();
  if (!Audit(caller, "split-view", id, static_cast<long long>(review["documents"].size()), 200))
    return Error(kAuditDown);
  return JsonAnswer(review.dump(-1, ' ', false, Json::error_handler_t::replace));
}

HttpResponse Api::Impl::MoveSplit(const std::string& id, const HttpRequest& req,
                                  const Caller& caller) {
  if (!caller.archivist) {
    (void)Audit(caller, "split-move", id, 0, 403);
    return Error({403, "forbidden",
                  "only an archivist may move a split (luutru user add NAME --archivist)"});
  }
  // Every document of the scan must be one the archivist may open: a split rewrites them all.
  Result<hoso::Scan> scan = [&]() -> Result<hoso::Scan> {
    if (Result<StoredRecord> stored = VisibleRecord(id, caller); !stored.ok())
      return stored.status();
    return hoso::LoadScan(layout, id);
  }();
  SearcherPool::Lease searcher = searchers.Take();
  for (const Record& d : scan.ok() ? scan->documents : std::vector<Record>{}) {
    Result<bool> may = searcher ? searcher->MayOpen(d.id, caller.access) : Result<bool>(false);
    if (!may.ok() || !*may) scan = NotFound("no such record");
  }
  if (!scan.ok()) {
    (void)Audit(caller, "split-move", id, 0, 404);
    return Error(kNoSuchRecord);
  }
  const Json body = Json::parse(req.body, nullptr, false);
  std::vector<int> starts;
  if (body.is_object() && body.contains("starts") && body["starts"].is_array()) {
    for (const Json& n : body["starts"]) {
      if (!n.is_number_integer()) break;
      starts.push_back(n.get<int>());
    }
  }
  if (starts.empty() || starts.size() != body["starts"].size()) {
    return Error({400, "bad_request",
                  "send {\"starts\": [1, 4, 7]}: the pages where the scan's documents begin"});
  }
  hoso::SplitOptions options;
  options.checked = true;
  options.glyphless_font =
      std::filesystem::path(ocr::EffectiveTessdataDir(ocr::OcrOptions{})) / "pdf.ttf";
  Result<hoso::SplitOutcome> moved = [&] {
    std::lock_guard<std::mutex> lock(catalog_mutex);
    return hoso::SplitScan(layout, id, starts, options);
  }();
  if (!moved.ok()) {
    (void)Audit(caller, "split-move", id, 0, FromStatus(moved.status()).http);
    return Error(FromStatus(moved.status()));
  }
  Result<hoso::Scan> now = hoso::LoadScan(layout, moved->documents.front());
  if (!now.ok()) return Error(FromStatus(now.status()));
  Json review = hoso::ScanReviewJson(*now);
  review["source"] = std::filesystem::path(review["source"].get<std::string>()).filename().string();
  review["changed"] = moved->changed;
  review["reread"] = moved->reread;
  review["removed"] = moved->removed;
  if (!Audit(caller, "split-move", id + " " + hoso::PagesText(starts),
             static_cast<long long>(moved->documents.size()), 200))
    return Error(kAuditDown);
  return JsonAnswer(review.dump(-1, ' ', false, Json::error_handler_t::replace));
}

}  // namespace luutru::server
