// `luutru completion bash`: a bash completion script made from the command line's own
// definition (every subcommand, flag and choice as CLI11 knows them), so that it never
// drifts from the flags. Installed to share/bash-completion/completions/luutru.
#include <iostream>
#include <sstream>

#include "cli/app.h"

namespace luutru::cli {
namespace {

// The choices of an option checked by CLI::IsMember, from its type name ("TEXT:{a,b,c}").
std::string Choices(const CLI::Option& option) {
  const std::string type = option.get_type_name();
  const size_t open = type.find('{'), close = type.rfind('}');
  if (open == std::string::npos || close == std::string::npos || close < open) return "";
  std::string choices = type.substr(open + 1, close - open - 1);
  for (char& c : choices) c = c == ',' ? ' ' : c;
  return choices;
}

// One `case` arm per command path ("", "ingest", "user add"): its flags, its subcommands, and
// the choices of the flags that have them.
void WriteCases(const CLI::App& app, const std::string& path, std::ostream& flags,
                std::ostream& subs, std::ostream& choices) {
  std::string names, commands;
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_positional()) continue;
    for (const std::string& s : option->get_snames()) names += " -" + s;
    for (const std::string& l : option->get_lnames()) names += " --" + l;
    const std::string values = Choices(*option);
    if (!values.empty()) {
      for (const std::string& l : option->get_lnames()) {
        choices << "    \"" << path << "|--" << l << "\") COMPREPLY=($(compgen -W \"" << values
                << "\" -- \"$cur\")); return ;;\n";
      }
    }
  }
  const std::vector<const CLI::App*> children =
      app.get_subcommands([](const CLI::App* a) { return !a->get_name().empty(); });
  for (const CLI::App* child : children) commands += " " + child->get_name();
  flags << "    \"" << path << "\") flags=\"" << names.substr(names.empty() ? 0 : 1) << "\" ;;\n";
  subs << "    \"" << path << "\") subs=\"" << commands.substr(commands.empty() ? 0 : 1)
       << "\" ;;\n";
  for (const CLI::App* child : children) {
    WriteCases(*child, path.empty() ? child->get_name() : path + " " + child->get_name(), flags,
               subs, choices);
  }
}

std::string BashCompletion(const CLI::App& root) {
  std::ostringstream flags, subs, choices;
  WriteCases(root, "", flags, subs, choices);
  std::ostringstream out;
  out << "# bash completion for luutru, made by `luutru completion bash` from its own flags.\n"
         "_luutru() {\n"
         "  local cur=\"${COMP_WORDS[COMP_CWORD]}\" prev=\"${COMP_WORDS[COMP_CWORD-1]}\"\n"
         "  local path=\"\" flags=\"\" subs=\"\" i\n"
         "  # The command path typed so far: each word that names a subcommand of the path before "
         "it.\n"
         "  for ((i = 1; i < COMP_CWORD; i++)); do\n"
         "    case \"$path\" in\n"
      << subs.str()
      << "    esac\n"
         "    if [[ \" $subs \" == *\" ${COMP_WORDS[i]} \"* ]]; then path=\"${path:+$path "
         "}${COMP_WORDS[i]}\"; fi\n"
         "  done\n"
         "  case \"$path|$prev\" in\n"
      << choices.str()
      << "  esac\n"
         "  case \"$path\" in\n"
      << flags.str()
      << "  esac\n"
         "  case \"$path\" in\n"
      << subs.str()
      << "  esac\n"
         "  if [[ \"$cur\" == -* ]]; then\n"
         "    COMPREPLY=($(compgen -W \"$flags\" -- \"$cur\"))\n"
         "  elif [[ -n \"$subs\" ]]; then\n"
         "    COMPREPLY=($(compgen -W \"$subs\" -- \"$cur\"))\n"
         "  else\n"
         "    COMPREPLY=($(compgen -f -- \"$cur\"))\n"
         "  fi\n"
         "}\n"
         "complete -o filenames -F _luutru luutru\n";
  return out.str();
}

}  // namespace

Command AddCompletionCommand(CLI::App& app) {
  auto shell = std::make_shared<std::string>();
  CLI::App* cmd =
      app.add_subcommand("completion", "Print the bash completion script (installed with luutru)");
  cmd->add_option("shell", *shell, "The shell: bash")->required()->check(CLI::IsMember({"bash"}));
  return {cmd, [&app, shell] {
            std::cout << BashCompletion(app);
            return static_cast<int>(kExitOk);
          }};
}

}  // namespace luutru::cli
