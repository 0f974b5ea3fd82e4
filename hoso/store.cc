#include "hoso/store.h"

#include <algorithm>
#include <map>
#include <nlohmann/json.hpp>

#include "core/fs_util.h"
#include "db/database.h"

namespace luutru::hoso {
namespace {

using Json = nlohmann::ordered_json;

// Element values as the catalog keeps them: a JSON object of strings.
std::string ValuesJson(const std::map<std::string, std::string>& values) {
  Json j = Json::object();
  for (const auto& [name, value] : values) j[name] = value;
  return j.dump();
}

std::map<std::string, std::string> ValuesOf(const std::string& json) {
  std::map<std::string, std::string> values;
  const Json j = Json::parse(json, nullptr, false);
  if (j.is_object()) {
    for (const auto& [name, value] : j.items()) {
      if (value.is_string()) values[name] = value.get<std::string>();
    }
  }
  return values;
}

ArchivalFile FileFromRow(const db::Statement& st) {
  ArchivalFile file;
  file.code = st.Text(0);
  file.values = ValuesOf(st.Text(1));
  return file;
}

}  // namespace

Store::Store(std::unique_ptr<db::Database> db) : db_(std::move(db)) {}
Store::~Store() = default;

Result<std::unique_ptr<Store>> Store::Open(const std::filesystem::path& catalog) {
  Result<std::unique_ptr<db::Database>> db = db::Database::Open(catalog);
  if (!db.ok()) return db.status();
  return std::unique_ptr<Store>(new Store(std::move(db).value()));
}

Status Store::PutFiles(const std::vector<ArchivalFile>& files) {
  LUUTRU_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  for (const ArchivalFile& file : files) {
    db::Statement st(*db_,
                     "INSERT INTO hoso (code, elements, updated_at) VALUES (?, ?, ?) "
                     "ON CONFLICT(code) DO UPDATE SET elements = excluded.elements, "
                     "updated_at = excluded.updated_at");
    if (st.ok()) st.Bind(1, file.code).Bind(2, ValuesJson(file.values)).Bind(3, UtcNowIso8601());
    if (!st.ok() || st.Step() != db::StepResult::kDone) {
      Status failed = st.Error("archival files write");
      (void)db_->Exec("ROLLBACK");
      return failed;
    }
  }
  return db_->Exec("COMMIT");
}

Result<std::optional<ArchivalFile>> Store::Find(const std::string& code) {
  db::Statement st(*db_, "SELECT code, elements FROM hoso WHERE code = ?");
  if (!st.ok()) return st.Error("archival files read");
  st.Bind(1, code);
  const db::StepResult rc = st.Step();
  if (rc == db::StepResult::kDone) return std::optional<ArchivalFile>();
  if (rc != db::StepResult::kRow) return st.Error("archival files read");
  return std::optional<ArchivalFile>(FileFromRow(st));
}

Result<std::vector<ArchivalFile>> Store::List() {
  db::Statement st(*db_, "SELECT code, elements FROM hoso ORDER BY code");
  if (!st.ok()) return st.Error("archival files read");
  std::vector<ArchivalFile> files;
  db::StepResult rc;
  while ((rc = st.Step()) == db::StepResult::kRow) files.push_back(FileFromRow(st));
  if (rc != db::StepResult::kDone) return st.Error("archival files read");
  return files;
}

Status Store::Append(const std::string& code, const std::vector<std::string>& record_ids) {
  Result<std::optional<ArchivalFile>> file = Find(code);
  if (!file.ok()) return file.status();
  if (!file->has_value()) {
    return NotFound("no archival file " + code +
                    " in this archive; import the finding aid first (luutru hoso import FILE.csv)");
  }
  LUUTRU_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  auto fail = [&](const db::Statement& st) {
    Status failed = st.Error("archival file documents write");
    (void)db_->Exec("ROLLBACK");
    return failed;
  };
  for (const std::string& id : record_ids) {
    db::Statement st(*db_,
                     "INSERT OR IGNORE INTO hoso_documents (hoso, record_id, ordinal) "
                     "SELECT ?1, ?2, COALESCE(MAX(ordinal), 0) + 1 FROM hoso_documents "
                     "WHERE hoso = ?1");
    if (!st.ok()) return fail(st);
    st.Bind(1, code).Bind(2, id);
    if (st.Step() != db::StepResult::kDone) return fail(st);
  }
  return db_->Exec("COMMIT");
}

Status Store::Replace(const std::string& code, const std::vector<std::string>& before,
                      const std::vector<std::string>& now) {
  LUUTRU_RETURN_IF_ERROR(db_->Exec("BEGIN IMMEDIATE"));
  Result<std::vector<FileDocument>> documents = Documents(code);
  if (!documents.ok()) {
    (void)db_->Exec("ROLLBACK");
    return documents.status();
  }
  std::vector<std::string> order;
  std::map<std::string, std::string> elements;  // a document's own elements stay with it
  bool placed = false;
  for (const FileDocument& d : *documents) {
    elements[d.record_id] = ValuesJson(d.values);
    if (std::find(before.begin(), before.end(), d.record_id) == before.end()) {
      order.push_back(d.record_id);
    } else if (!placed) {
      order.insert(order.end(), now.begin(), now.end());
      placed = true;
    }
  }
  if (!placed) return db_->Exec("COMMIT");
  auto fail = [&](const db::Statement& st) {
    Status failed = st.Error("archival file documents write");
    (void)db_->Exec("ROLLBACK");
    return failed;
  };
  db::Statement clear(*db_, "DELETE FROM hoso_documents WHERE hoso = ?");
  if (!clear.ok() || (clear.Bind(1, code), clear.Step()) != db::StepResult::kDone)
    return fail(clear);
  for (size_t i = 0; i < order.size(); ++i) {
    db::Statement st(*db_,
                     "INSERT INTO hoso_documents (hoso, record_id, ordinal, elements) "
                     "VALUES (?, ?, ?, ?)");
    if (!st.ok()) return fail(st);
    const auto kept = elements.find(order[i]);
    st.Bind(1, code).Bind(2, order[i]).Bind(3, static_cast<long long>(i + 1));
    st.Bind(4, kept == elements.end() ? std::string("{}") : kept->second);
    if (st.Step() != db::StepResult::kDone) return fail(st);
  }
  return db_->Exec("COMMIT");
}

Result<std::vector<FileDocument>> Store::Documents(const std::string& code) {
  db::Statement st(*db_,
                   "SELECT record_id, ordinal, elements FROM hoso_documents WHERE hoso = ? "
                   "ORDER BY ordinal");
  if (!st.ok()) return st.Error("archival file documents read");
  st.Bind(1, code);
  std::vector<FileDocument> documents;
  db::StepResult rc;
  while ((rc = st.Step()) == db::StepResult::kRow)
    documents.push_back({st.Text(0), static_cast<int>(st.Int(1)), ValuesOf(st.Text(2))});
  if (rc != db::StepResult::kDone) return st.Error("archival file documents read");
  return documents;
}

Status Store::PutDocumentValues(const std::string& code, const std::string& record_id,
                                const std::map<std::string, std::string>& values) {
  db::Statement st(*db_, "UPDATE hoso_documents SET elements = ? WHERE hoso = ? AND record_id = ?");
  if (!st.ok()) return st.Error("archival file documents write");
  st.Bind(1, ValuesJson(values)).Bind(2, code).Bind(3, record_id);
  if (st.Step() != db::StepResult::kDone) return st.Error("archival file documents write");
  if (db_->Changes() == 0) return NotFound("no document " + record_id + " in " + code);
  return Status::Ok();
}

Result<std::optional<std::string>> Store::FileOf(const std::string& record_id) {
  db::Statement st(*db_, "SELECT hoso FROM hoso_documents WHERE record_id = ? LIMIT 1");
  if (!st.ok()) return st.Error("archival file documents read");
  st.Bind(1, record_id);
  const db::StepResult rc = st.Step();
  if (rc == db::StepResult::kDone) return std::optional<std::string>();
  if (rc != db::StepResult::kRow) return st.Error("archival file documents read");
  return std::optional<std::string>(st.Text(0));
}

}  // namespace luutru::hoso
