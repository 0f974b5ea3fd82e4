#include "hoso/refresh.h"

#include "core/fs_util.h"
#include "core/record_json.h"
#include "index/writer.h"

namespace luutru::hoso {

Result<int> RefreshDocuments(const ArchiveLayout& layout, Store& store,
                             const std::vector<std::string>& codes) {
  std::unique_ptr<index::Writer> writer;  // opened at the first record that changes
  int changed = 0;
  for (const std::string& code : codes) {
    Result<std::optional<ArchivalFile>> file = store.Find(code);
    if (!file.ok()) return file.status();
    if (!file->has_value()) continue;
    Result<std::vector<FileDocument>> documents = store.Documents(code);
    if (!documents.ok()) return documents.status();
    for (const FileDocument& d : *documents) {
      Result<std::string> json = ReadFile(layout.RecordJson(d.record_id));
      if (!json.ok()) return json.status().WithContext("record " + d.record_id);
      Result<Record> record = RecordFromJson(*json);
      if (!record.ok()) return record.status().WithContext("record " + d.record_id);
      const ArchivalFile& f = **file;
      const ArchivalFileRef ref{code,          d.ordinal,           f.Value(kFonds),
                                f.Value(kBox), f.Value(kRetention), f.Value(kAccess)};
      if (record->hoso == ref) continue;
      record->hoso = ref;
      if (!writer) {
        index::WriterOptions options;
        options.create = false;
        Result<std::unique_ptr<index::Writer>> opened =
            index::Writer::Open(layout.index(), options);
        if (!opened.ok()) return opened.status();
        writer = std::move(opened).value();
      }
      LUUTRU_RETURN_IF_ERROR(
          WriteFileAtomically(layout.RecordJson(d.record_id), RecordToJson(*record)));
      LUUTRU_RETURN_IF_ERROR(writer->AddRecord(*record));
      ++changed;
    }
  }
  if (writer) LUUTRU_RETURN_IF_ERROR(writer->Commit());
  return changed;
}

}  // namespace luutru::hoso
