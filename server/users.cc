#include "server/users.h"

#include <openssl/rand.h>

#include "core/fs_util.h"
#include "core/sha256.h"
#include "core/strings.h"
#include "db/database.h"

namespace luutru::server {
namespace {

using db::Statement;

User UserFromRow(const Statement& st) {
  User u;
  u.name = st.Text(0);
  Result<search::Clearance> c = search::ParseClearance(st.Text(1));
  u.clearance = c.ok() ? *c : search::Clearance::kPublic;  // an unreadable level grants nothing
  u.created_at = st.Text(2);
  u.archivist = st.Int(3) != 0;
  return u;
}

}  // namespace

struct UserStore::Impl {
  std::unique_ptr<db::Database> db;
};

UserStore::UserStore(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
UserStore::~UserStore() = default;

Result<std::unique_ptr<UserStore>> UserStore::Open(const std::filesystem::path& catalog) {
  Result<std::unique_ptr<db::Database>> db = db::Database::Open(catalog);
  if (!db.ok()) return db.status();
  auto impl = std::make_unique<Impl>();
  impl->db = std::move(db).value();
  return std::unique_ptr<UserStore>(new UserStore(std::move(impl)));
}

Result<std::string> UserStore::Add(const std::string& name, search::Clearance clearance,
                                   bool archivist) {
  if (name.empty() || name.size() > 64 || name.find_first_of(" \t\r\n") != std::string::npos) {
    return InvalidArgument("a user name is 1-64 characters without spaces");
  }
  unsigned char random[32];
  if (RAND_bytes(random, sizeof random) != 1) return Internal("no random bytes for a token");
  const std::string token = HexLower(random, sizeof random);
  Statement st(*impl_->db,
               "INSERT OR REPLACE INTO users (name, clearance, token_hash, created_at, archivist) "
               "VALUES (?, ?, ?, ?, ?)");
  if (!st.ok()) return st.Error("users");
  st.Bind(1, name).Bind(2, std::string(search::ClearanceName(clearance))).Bind(3, Sha256Hex(token));
  st.Bind(4, UtcNowIso8601()).Bind(5, static_cast<long long>(archivist));
  if (st.Step() != db::StepResult::kDone) return st.Error("users");
  return token;
}

Status UserStore::Remove(const std::string& name) {
  Statement st(*impl_->db, "DELETE FROM users WHERE name = ?");
  if (!st.ok()) return st.Error("users");
  st.Bind(1, name);
  if (st.Step() != db::StepResult::kDone) return st.Error("users");
  if (impl_->db->Changes() == 0) return NotFound("no user named " + name);
  return Status::Ok();
}

Result<std::vector<User>> UserStore::List() {
  Statement st(*impl_->db,
               "SELECT name, clearance, created_at, archivist FROM users ORDER BY name");
  if (!st.ok()) return st.Error("users");
  std::vector<User> users;
  db::StepResult rc;
  while ((rc = st.Step()) == db::StepResult::kRow) users.push_back(UserFromRow(st));
  if (rc != db::StepResult::kDone) return st.Error("users");
  return users;
}

Result<std::optional<User>> UserStore::FindByToken(const std::string& token) {
  Statement st(*impl_->db,
               "SELECT name, clearance, created_at, archivist FROM users WHERE token_hash = ?");
  if (!st.ok()) return st.Error("users");
  st.Bind(1, Sha256Hex(token));
  db::StepResult rc = st.Step();
  if (rc == db::StepResult::kDone) return std::optional<User>();
  if (rc != db::StepResult::kRow) return st.Error("users");
  return std::optional<User>(UserFromRow(st));
}

}  // namespace luutru::server
