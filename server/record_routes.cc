// The API's routes to records: search, a record, its pages' text and images, a field's crop,
// the searchable PDF and the original.
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/archival_codes.h"
#include "core/fs_util.h"
#include "ingest/page_preview.h"
#include "ingest/record_fields.h"
#include "search/results_json.h"
#include "server/answers.h"
#include "server/api_impl.h"

namespace luutru::server {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

HttpResponse Api::Impl::Search(const HttpRequest& req, const Caller& caller) {
  search::SearchRequest request;
  request.query = req.Param("q");
  if (request.query.empty()) return Error({400, "bad_request", "give a query: ?q=..."});
  if (request.query.size() > options.max_query_bytes) {
    return Error(
        {413, "too_large",
         "the query is longer than " + std::to_string(options.max_query_bytes) + " bytes"});
  }
  try {
    if (req.HasParam("offset")) request.offset = std::stoi(req.Param("offset"));
    if (req.HasParam("limit")) request.limit = std::stoi(req.Param("limit"));
  } catch (const std::exception&) {
    return Error({400, "bad_request", "offset and limit are whole numbers"});
  }
  if (request.offset < 0 || request.limit < 0 || request.limit > options.max_page_size) {
    return Error({400, "bad_request",
                  "limit is 0-" + std::to_string(options.max_page_size) + ", offset 0 or more"});
  }
  const std::string sort = req.Param("sort");
  if (sort == "newest") {
    request.sort = search::SortOrder::kNewestFirst;
  } else if (sort == "oldest") {
    request.sort = search::SortOrder::kOldestFirst;
  } else if (!sort.empty() && sort != "relevance") {
    return Error({400, "bad_request", "sort is relevance, newest or oldest"});
  }
  request.facets = req.Param("facets") == "1" || req.Param("facets") == "true";
  request.access = caller.access;
  SearcherPool::Lease searcher = searchers.Take();
  if (!searcher)
    return Error({503, "no_index", "the archive has no index yet; ingest files first"});
  Result<search::SearchResults> results = searcher->Search(request);
  if (!results.ok()) {
    // A query the parser cannot take is the caller's to fix: the message says how, in
    // Vietnamese (search/searcher.h), under a code of its own.
    const ApiError error = results.status().code() == StatusCode::kInvalidArgument
                               ? ApiError{400, "bad_query", results.status().message()}
                               : FromStatus(results.status());
    (void)Audit(caller, "search", request.query, 0, error.http);
    return Error(error);
  }
  if (!Audit(caller, "search", request.query, static_cast<long long>(results->total_records),
             200)) {
    return Error(kAuditDown);
  }
  // Where the server keeps a file is not the caller's business: the file's name only.
  search::SearchResults shown = std::move(results).value();
  for (search::SearchHit& hit : shown.hits) hit.source = fs::path(hit.source).filename().string();
  return JsonAnswer(search::SearchResultsToJson(request.query, shown));
}

namespace {

// The registry fields as the staff page shows them, in core's table order: each with its
// title, its value (a list joined by "; ") and whether a person should check it against the
// page (a partial value, or one read with less confidence than review's threshold).
Json FieldsToShow(const Record& record) {
  Json fields = Json::array();
  for (const FieldName& field : kMetadataFields) {
    std::string value;
    if (field.text) {
      value = record.metadata.*field.text;
    } else {
      for (const std::string& item : record.metadata.recipients)
        value += (value.empty() ? "" : "; ") + item;
    }
    if (value.empty()) continue;
    const auto e = record.evidence.find(field.field);
    const bool read = e != record.evidence.end() && !e->second.corrected;
    const bool check = read && (IsPartialValue(field.field, value) ||
                                e->second.confidence < ingest::ReviewOptions{}.below);
    fields.push_back(
        {{"field", field.json}, {"label", field.label}, {"value", value}, {"check", check}});
  }
  // The archival file it is a document of (docs/hoso.md): its code and place, its retention
  // and access regime by their names.
  if (const std::optional<ArchivalFileRef>& file = record.hoso) {
    auto coded = [](std::span<const Code> codes, const std::string& code) {
      return code.empty() ? code : code + " " + std::string(NameOf(codes, code));
    };
    struct Row {
      const char* field;
      const char* label;
      std::string value;
    };
    const Row rows[] = {
        {"hoso", "Hồ sơ", file->code + " (văn bản số " + std::to_string(file->ordinal) + ")"},
        {"hoso_maintenance", "Thời hạn bảo quản", coded(kRetentionCodes, file->retention)},
        {"hoso_mode", "Chế độ sử dụng", coded(kAccessCodes, file->access)},
        {"hoso_box", "Hộp", file->box}};
    for (const Row& row : rows) {
      if (row.value.empty()) continue;
      fields.push_back(
          {{"field", row.field}, {"label", row.label}, {"value", row.value}, {"check", false}});
    }
  }
  return fields;
}

}  // namespace

HttpResponse Api::Impl::RecordView(const std::string& id, const Caller& caller) {
  Result<StoredRecord> stored = VisibleRecord(id, caller);
  if (!stored.ok()) {
    (void)Audit(caller, "view", id, 0, 404);
    return Error(stored.status().code() == StatusCode::kNotFound ? kNoSuchRecord
                                                                 : FromStatus(stored.status()));
  }
  // The record as stored, without the bulk of each page (its text and word boxes have their
  // own URLs).
  Json j = Json::parse(stored->json, nullptr, false);
  if (j.is_discarded()) return Error({500, "internal", "the record cannot be shown"});
  for (Json& page : j["pages"]) {
    const int number = page.value("n", 0);
    page["chars"] = page.value("text", std::string()).size();
    page.erase("text");
    page.erase("words");
    page["text_url"] = "/api/v1/records/" + id + "/pages/" + std::to_string(number) + "/text";
  }
  j["fields"] = FieldsToShow(stored->record);
  j["source"] = fs::path(j.value("source", "")).filename().string();  // not the server's folders
  j["pdf_url"] = "/api/v1/records/" + id + "/pdf";
  j["original_url"] = "/api/v1/records/" + id + "/original";
  // A scan of several pages may hold several documents: how it was split, and moving it.
  if (stored->record.part || stored->record.pages.size() > 1)
    j["split_url"] = "/api/v1/records/" + id + "/split";
  if (!Audit(caller, "view", id, 1, 200)) return Error(kAuditDown);
  return JsonAnswer(j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

HttpResponse Api::Impl::PageText(const std::string& id, const std::string& page_number,
                                 const Caller& caller) {
  const std::string target = id + ":" + page_number;
  Result<StoredRecord> stored = VisibleRecord(id, caller);
  const Record* record = stored.ok() ? &stored->record : nullptr;
  int number = 0;
  try {
    number = std::stoi(page_number);
  } catch (const std::exception&) {
  }
  const luutru::PageText* page = nullptr;
  if (record) {
    for (const luutru::PageText& p : record->pages) page = p.number == number ? &p : page;
  }
  if (!page) {
    (void)Audit(caller, "page-text", target, 0, 404);
    return Error({404, "not_found", record ? "no such page" : "no such record"});
  }
  if (!Audit(caller, "page-text", target, 1, 200)) return Error(kAuditDown);
  HttpResponse res;
  res.content_type = "text/plain; charset=utf-8";
  res.body = page->text;
  return res;
}

// Where a field was read, for the staff to check it against the page (review).
HttpResponse Api::Impl::FieldImage(const std::string& id, const std::string& field,
                                   const Caller& caller) {
  const std::string target = id + ":" + field;
  Result<StoredRecord> stored = VisibleRecord(id, caller);
  Result<std::string> png = stored.ok() ? ingest::FieldCropPng(layout, stored->record, field)
                                        : Result<std::string>(stored.status());
  if (!png.ok()) {
    (void)Audit(caller, "field-image", target, 0, 404);
    return Error(stored.ok() ? ApiError{404, "not_found", "no place on a page for this field"}
                             : kNoSuchRecord);
  }
  if (!Audit(caller, "field-image", target, 1, 200)) return Error(kAuditDown);
  HttpResponse res;
  res.content_type = "image/png";
  res.body = std::move(png).value();
  return res;
}

HttpResponse Api::Impl::PageImage(const HttpRequest& req, const std::string& id,
                                  const std::string& page, const Caller& caller) {
  const std::string target = id + ":" + page;
  int number = 0, width = 1000;
  try {
    number = std::stoi(page);
    if (req.HasParam("width")) width = std::stoi(req.Param("width"));
  } catch (const std::exception&) {
    return Error({400, "bad_request", "the page and width are whole numbers"});
  }
  if (width < 100 || width > 2000) return Error({400, "bad_request", "width is 100-2000 pixels"});
  Result<StoredRecord> stored = VisibleRecord(id, caller);
  Result<std::string> png = stored.ok()
                                ? ingest::PagePreviewPng(layout, stored->record, number, width)
                                : Result<std::string>(stored.status());
  if (!png.ok()) {
    (void)Audit(caller, "page-image", target, 0, 404);
    return Error(stored.ok() ? FromStatus(png.status()) : kNoSuchRecord);
  }
  if (!Audit(caller, "page-image", target, 1, 200)) return Error(kAuditDown);
  HttpResponse res;
  res.content_type = "image/png";
  res.body = std::move(png).value();
  return res;
}

HttpResponse Api::Impl::Download(const std::string& id, const Caller& caller, bool original) {
  const char* action = original ? "download-original" : "download-pdf";
  Result<StoredRecord> stored = VisibleRecord(id, caller);
  const Record* record = stored.ok() ? &stored->record : nullptr;
  fs::path path;
  if (record) path = original ? layout.ObjectPath(record->sha256) : layout.SearchablePdf(id);
  std::error_code ec;
  const auto size = record ? fs::file_size(path, ec) : 0;
  if (!record || ec) {
    (void)Audit(caller, action, id, 0, 404);
    return Error(record ? ApiError{404, "not_found", "this record has no such file"}
                        : kNoSuchRecord);
  }
  if (!Audit(caller, action, id, 1, 200)) return Error(kAuditDown);
  HttpResponse res;
  res.content_type = "application/pdf";
  if (original && record->format != "pdf")
    res.content_type = record->format == "tiff" ? "image/tiff" : "image/" + record->format;
  const std::string name = original ? fs::path(record->source).filename().string() : id + ".pdf";
  res.headers.emplace_back("Content-Disposition", AttachmentHeader(name));
  res.file = path;  // sent from disk as it is read: an original may be hundreds of megabytes
  res.file_size = size;
  return res;
}

}  // namespace luutru::server
