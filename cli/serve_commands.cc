// `luutru serve`, `luutru user add|list|remove` and `luutru audit verify`: the HTTP API, its
// users and their clearances, and the check of the audit log.
#include <pthread.h>
#include <signal.h>
#include <spdlog/spdlog.h>

#include <iostream>
#include <thread>

#include "cli/app.h"
#include "core/archive_layout.h"
#include "server/audit.h"
#include "server/server.h"
#include "server/users.h"

namespace luutru::cli {
namespace {

// "127.0.0.1:8080", "[::1]:8080", ":8080" -> host and port.
Status ParseListen(const std::string& text, server::ServeOptions& options) {
  const size_t colon = text.rfind(':');
  if (colon == std::string::npos)
    return InvalidArgument("--listen takes HOST:PORT, e.g. 127.0.0.1:8080");
  std::string host = text.substr(0, colon);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']')
    host = host.substr(1, host.size() - 2);
  try {
    options.port = std::stoi(text.substr(colon + 1));
  } catch (const std::exception&) {
    return InvalidArgument("--listen: '" + text.substr(colon + 1) + "' is not a port");
  }
  if (options.port < 0 || options.port > 65535)
    return InvalidArgument("--listen: the port is 0-65535");
  options.host = host.empty() ? "0.0.0.0" : host;
  return Status::Ok();
}

}  // namespace

Command AddServeCommand(CLI::App& app) {
  struct Flags {
    std::string archive = DefaultArchiveDir();
    std::string listen = "127.0.0.1:8080";
    std::string unmarked = "internal";
    size_t max_upload_mb = 256;
    server::ServeOptions options;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("serve", "Serve the archive's JSON API (docs/api.md)");
  cmd->add_option("--archive", flags->archive, "Archive folder ($LUUTRU_ARCHIVE or ./archive)");
  cmd->add_option("--listen", flags->listen,
                  "HOST:PORT; beyond loopback every request needs a token")
      ->capture_default_str();
  cmd->add_option("--unmarked", flags->unmarked,
                  "The clearance an unmarked record needs: public or internal")
      ->check(CLI::IsMember({"public", "internal"}))
      ->capture_default_str();
  cmd->add_option("--audit-key", flags->options.audit_key_file,
                  "The key the audit log is signed with, outside the archive; made when missing "
                  "($LUUTRU_AUDIT_KEY_FILE)")
      ->capture_default_str();
  cmd->add_option("--max-connections", flags->options.max_connections,
                  "Connections served at once (each has a thread of its own)")
      ->check(CLI::Range(1, 10'000))
      ->capture_default_str();
  cmd->add_option("--max-connections-per-address", flags->options.max_connections_per_address,
                  "Connections served at once from one address")
      ->check(CLI::Range(1, 10'000))
      ->capture_default_str();
  cmd->add_option("--ingest-jobs", flags->options.ingest_jobs, "OCR threads for uploaded files")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  cmd->add_option("--max-upload-mb", flags->max_upload_mb, "Largest upload request, in MB")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  return {cmd, [flags] {
            server::ServeOptions options = flags->options;
            options.archive_dir = flags->archive;
            options.max_upload_bytes = flags->max_upload_mb << 20;
            if (Status s = ParseListen(flags->listen, options); !s.ok()) return Fail(s);
            options.unmarked = *search::ParseClearance(flags->unmarked);
            if (Status s = RequireArchive(ArchiveLayout(options.archive_dir)); !s.ok())
              return Fail(s);
            // SIGINT/SIGTERM are waited for here: blocked before any thread starts, so that
            // none of the server's threads takes them.
            sigset_t signals;
            sigemptyset(&signals);
            sigaddset(&signals, SIGINT);
            sigaddset(&signals, SIGTERM);
            pthread_sigmask(SIG_BLOCK, &signals, nullptr);
            Result<std::unique_ptr<server::Server>> server = server::Server::Start(options);
            if (!server.ok()) return Fail(server.status());
            std::cout << "listening on port " << (*server)->port() << std::endl;
            int signal = 0;
            sigwait(&signals, &signal);
            spdlog::info("stopping (signal {})", signal);
            server->reset();  // requests in flight are answered; the upload being read keeps what
                              // it read whole
            return static_cast<int>(kExitOk);
          }};
}

Command AddUserCommand(CLI::App& app) {
  struct Flags {
    std::string archive = DefaultArchiveDir();
    std::string name, clearance = "internal";
    bool archivist = false;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand("user", "Add, list or remove the users of the HTTP API");
  cmd->require_subcommand(1);
  cmd->add_option("--archive", flags->archive, "Archive folder ($LUUTRU_ARCHIVE or ./archive)");
  CLI::App* add =
      cmd->add_subcommand("add", "Add a user (or renew one's token); prints the token once");
  add->add_option("name", flags->name, "User name")->required();
  add->add_option("--clearance", flags->clearance, "public, internal, mat, toi-mat or tuyet-mat")
      ->capture_default_str();
  add->add_flag("--archivist", flags->archivist,
                "May change the archive through the API: move how a scan is split into "
                "documents (default: reads only)");
  CLI::App* list = cmd->add_subcommand("list", "List the users and their clearances");
  CLI::App* remove = cmd->add_subcommand("remove", "Remove a user (their token stops working)");
  remove->add_option("name", flags->name, "User name")->required();
  return {cmd, [flags, add, list, remove] {
            ArchiveLayout layout(flags->archive);
            if (Status s = RequireArchive(layout); !s.ok()) return Fail(s);
            Result<std::unique_ptr<server::UserStore>> users =
                server::UserStore::Open(layout.catalog());
            if (!users.ok()) return Fail(users.status());
            if (add->parsed()) {
              Result<search::Clearance> clearance = search::ParseClearance(flags->clearance);
              if (!clearance.ok()) return Fail(clearance.status());
              Result<std::string> token = (*users)->Add(flags->name, *clearance, flags->archivist);
              if (!token.ok()) return Fail(token.status());
              std::cout << *token << "\n";
              std::cerr << "token of " << flags->name << " (" << search::ClearanceName(*clearance)
                        << (flags->archivist ? ", archivist" : "")
                        << "): shown this once, only its hash is kept\n";
            } else if (list->parsed()) {
              Result<std::vector<server::User>> all = (*users)->List();
              if (!all.ok()) return Fail(all.status());
              for (const server::User& u : *all) {
                std::cout << u.name << "\t" << search::ClearanceName(u.clearance) << "\t"
                          << (u.archivist ? "archivist" : "reader") << "\t" << u.created_at << "\n";
              }
            } else if (remove->parsed()) {
              if (Status s = (*users)->Remove(flags->name); !s.ok()) return Fail(s);
            }
            return static_cast<int>(kExitOk);
          }};
}

Command AddAuditCommand(CLI::App& app) {
  struct Flags {
    std::string archive = DefaultArchiveDir();
    std::string key_file = server::DefaultAuditKeyFile().string();
    std::string head;
  };
  auto flags = std::make_shared<Flags>();
  CLI::App* cmd = app.add_subcommand(
      "audit", "Check the audit log of the HTTP API, export its head, rotate its key");
  cmd->require_subcommand(1);
  cmd->add_option("--archive", flags->archive, "Archive folder ($LUUTRU_ARCHIVE or ./archive)");
  cmd->add_option("--audit-key", flags->key_file,
                  "The key file the server signs the log with ($LUUTRU_AUDIT_KEY_FILE)")
      ->capture_default_str();
  CLI::App* verify = cmd->add_subcommand(
      "verify", "Check the signed chain; name the first entry altered, missing or moved");
  verify->add_option("--head", flags->head,
                     "SEQ:HASH exported earlier by `luutru audit head` (or the server's log): "
                     "finds newest entries removed");
  CLI::App* head = cmd->add_subcommand(
      "head", "Print SEQ:HASH of the newest entry, to keep outside the archive");
  CLI::App* key = cmd->add_subcommand(
      "new-key", "Add a new key to the key file (the server signs with it from its next start)");
  return {cmd, [flags, verify, head, key] {
            if (key->parsed()) {
              Result<std::string> id = server::AuditKeys::AddKey(flags->key_file);
              if (!id.ok()) return Fail(id.status());
              std::cout << "added key " << *id << " to " << flags->key_file
                        << "; keep the older ones: they verify what they signed\n";
              return static_cast<int>(kExitOk);
            }
            ArchiveLayout layout(flags->archive);
            if (Status s = RequireArchive(layout); !s.ok()) return Fail(s);
            Result<server::AuditKeys> keys = server::AuditKeys::Load(flags->key_file);
            if (!keys.ok()) {
              return Fail(keys.status().WithContext(
                  "the audit key (--audit-key FILE, the one the server used)"));
            }
            Result<std::unique_ptr<server::AuditLog>> audit =
                server::AuditLog::Open(layout.catalog(), *keys);
            if (!audit.ok()) return Fail(audit.status());
            if (head->parsed()) {
              Result<std::string> newest = (*audit)->Head();
              if (!newest.ok()) return Fail(newest.status());
              std::cout << *newest << "\n";
              return static_cast<int>(kExitOk);
            }
            Result<server::AuditVerdict> verdict = (*audit)->Verify(flags->head);
            if (!verdict.ok()) return Fail(verdict.status());
            (void)verify;
            if (verdict->intact) {
              std::cout << verdict->entries << " entries, chain intact; head " << verdict->head
                        << "\n";
              return static_cast<int>(kExitOk);
            }
            std::cout << "audit log broken at entry " << verdict->first_bad_seq << ": "
                      << verdict->problem << "\n";
            return static_cast<int>(kExitProblems);
          }};
}

}  // namespace luutru::cli
