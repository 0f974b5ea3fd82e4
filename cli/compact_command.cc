// `luutru compact`: the archive's index rewritten compacted (index/merge.h CompactIndex).
#include <iostream>

#include "cli/app.h"
#include "core/archive_layout.h"
#include "index/merge.h"

namespace luutru::cli {

Command AddCompactCommand(CLI::App& app) {
  auto archive = std::make_shared<std::string>(DefaultArchiveDir());
  CLI::App* cmd = app.add_subcommand(
      "compact",
      "Rewrite the index compacted, so that searches read less from disk (after a large ingest "
      "or merge); searches go on meanwhile, ingest waits");
  cmd->add_option("--archive", *archive, "Archive folder ($LUUTRU_ARCHIVE or ./archive)");
  return {cmd, [archive]() -> int {
            const ArchiveLayout layout(*archive);
            if (Status s = RequireArchive(layout); !s.ok()) return Fail(s);
            std::cerr << "compacting the index of " << layout.root().string() << "\n";
            Result<index::CompactionResult> done = index::CompactIndex(layout.index());
            if (!done.ok()) return Fail(done.status());
            std::cout << "index compacted: " << Megabytes(done->bytes_before) << " -> "
                      << Megabytes(done->bytes_after) << " (generation " << done->generation
                      << ")\n";
            return kExitOk;
          }};
}

}  // namespace luutru::cli
