// `luutru hoso split TARGET [--at PAGES] [--json]`, a subcommand of `luutru hoso`.
#pragma once

#include <string>

#include "core/archive_layout.h"

namespace luutru::cli {

struct HosoSplitFlags {
  std::string archive = DefaultArchiveDir();
  std::string target;  // a record of the scan, or an archival file's code (each of its scans)
  std::string at;      // "1,4,7": the pages where documents begin; empty: review only
  bool review = true;  // shown whatever is asked: the flag says so on the command line
  bool json = false;
};

// Shows the split of the scans named, after moving it when `at` is given. An exit code.
int RunHosoSplit(const HosoSplitFlags& flags);

}  // namespace luutru::cli
