// `luutru sign`: the digitizing organisation's signature on a PDF/A (package/sign.h); the same
// flags sign what `luutru pdfa` writes.
#include "cli/sign_command.h"

#include <cstdlib>
#include <iostream>

#include "cli/app.h"

namespace luutru::cli {

CLI::Option* AddSignFlags(CLI::App& cmd, SignFlags& flags, const std::string& key_help) {
  CLI::Option* key = cmd.add_option("--key", flags.key, key_help);
  cmd.add_option("--cert", flags.certificate,
                 "PEM certificate(s) of a PEM key: the signer's first, then its chain");
  cmd.add_option("--password-env", flags.password_env,
                 "Name of the environment variable holding the key's password (never on the "
                 "command line, where ps shows it)");
  cmd.add_option("--organisation", flags.organisation,
                 "Name shown with the signature (default: the certificate's organisation)");
  cmd.add_option("--signed-at", flags.signed_at,
                 "Signing time, ISO 8601 with its zone (default: now, Vietnam time)");
  return key;
}

Result<package::SignOptions> ToSignOptions(const SignFlags& flags) {
  package::SignOptions options;
  options.credentials = flags.key;
  options.certificate = flags.certificate;
  options.organisation = flags.organisation;
  options.signed_at = flags.signed_at;
  if (!flags.password_env.empty()) {
    const char* password = std::getenv(flags.password_env.c_str());
    if (!password) {
      return InvalidArgument("--password-env " + flags.password_env +
                             ": no such environment variable is set");
    }
    options.password = password;
  }
  return options;
}

namespace {

struct SignCommandFlags {
  std::string in;
  std::string out;
  SignFlags sign;
};

}  // namespace

Command AddSignCommand(CLI::App& app) {
  auto flags = std::make_shared<SignCommandFlags>();
  CLI::App* cmd = app.add_subcommand(
      "sign",
      "Sign a PDF/A as the digitizing organisation (PAdES), its name and signing time shown "
      "top right of page 1; check it with pdfsig");
  cmd->add_option("pdf", flags->in, "The PDF/A to sign (luutru pdfa writes it)")->required();
  cmd->add_option("-o,--out", flags->out, "Where to write the signed copy")->required();
  AddSignFlags(*cmd, flags->sign, "The signing key: PKCS#12 (.p12, .pfx) or PEM")->required();
  return {cmd, [flags]() -> int {
            Result<package::SignOptions> options = ToSignOptions(flags->sign);
            if (!options.ok()) return Fail(options.status());
            if (Status s = package::SignPdf(flags->in, flags->out, *options); !s.ok())
              return Fail(s);
            std::cerr << "signed: " << flags->out << "\n";
            return kExitOk;
          }};
}

}  // namespace luutru::cli
