// The API's routes to archival files (docs/hoso.md): the files the caller may see, and one
// file with its description and the documents of it the caller may see, in order.
#include <nlohmann/json.hpp>

#include "hoso/describe.h"
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
  if (!Audit(caller, "hoso-view", code, static_cast<long long>(d->documents.size()), 200))
    return Error(kAuditDown);
  return JsonAnswer(description.dump(-1, ' ', false, Json::error_handler_t::replace));
}

}  // namespace luutru::server
