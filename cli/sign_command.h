// The signing flags, shared by `luutru sign` and `luutru pdfa --key`.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

#include "core/status.h"
#include "package/sign.h"

namespace luutru::cli {

struct SignFlags {
  std::string key;  // PKCS#12 or PEM; empty: do not sign
  std::string certificate;
  std::string password_env;
  std::string organisation;
  std::string signed_at;
};

// Adds --key (described by `key_help`), --cert, --password-env, --organisation, --signed-at;
// returns the --key option.
CLI::Option* AddSignFlags(CLI::App& cmd, SignFlags& flags, const std::string& key_help);

// The options the flags give, the password read from the environment variable named.
Result<package::SignOptions> ToSignOptions(const SignFlags& flags);

}  // namespace luutru::cli
