// API users and their tokens. A token is shown once, when the user is added; only its SHA-256
// is stored (in catalog.sqlite, table `users`). Thread-compatible.
#pragma once

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/status.h"
#include "search/access.h"

namespace luutru::server {

struct User {
  std::string name;
  search::Clearance clearance = search::Clearance::kInternal;
  // May change the archive through the API: move the split of a scan into documents (an
  // archivist's work). Default: off (a reader).
  bool archivist = false;
  std::string created_at;
};

class UserStore {
 public:
  static Result<std::unique_ptr<UserStore>> Open(const std::filesystem::path& catalog);
  ~UserStore();

  // Adds a user (or gives an existing one a new token and clearance); returns the token,
  // which is not kept anywhere.
  Result<std::string> Add(const std::string& name, search::Clearance clearance,
                          bool archivist = false);
  Status Remove(const std::string& name);
  Result<std::vector<User>> List();
  // The user a token belongs to; empty for an unknown token.
  Result<std::optional<User>> FindByToken(const std::string& token);

  UserStore(const UserStore&) = delete;
  UserStore& operator=(const UserStore&) = delete;

 private:
  struct Impl;
  explicit UserStore(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace luutru::server
