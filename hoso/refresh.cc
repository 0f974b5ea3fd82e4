#include "hoso/refresh.h"

#include "core/fs_util.h"
#include "core/record_json.h"
#include "index/writer.h"

namespace luutru::hoso {

Result<int> RefreshDocuments(const ArchiveLayout& layout, Store& store,
                             const std::vector<std::string>& codes) {
  std::unique_ptr<index::Writer> writer;  // opened at the first record that changes
  std::vector<Record> raised;             // record.json written after the index's commit
  int changed = 0;
  for (const std::string& code : codes) {
    Result<std::optional<ArchivalFile>> file = store.Find(code);
    if (!file.ok()) return file.status();
    if (!file->has_value()) continue;
    Result<std::vector<FileDocument>> documents = store.Documents(code);
    if (!documents.ok()) return documents.status();
    for (const FileDocument& d : *documents) {
      Result<Record> record = LoadRecord(layout, d.record_id);
      if (!record.ok()) return record.status();
      const ArchivalFile& f = **file;
      const ArchivalFileRef ref{code,          d.ordinal,           f.Value(kFonds),
                                f.Value(kBox), f.Value(kRetention), f.Value(kAccess)};
      if (record->hoso == ref) continue;
      const Secrecy before = AccessSecrecy(*record);
      record->hoso = ref;
      if (!writer) {
        index::WriterOptions options;
        options.create = false;
        Result<std::unique_ptr<index::Writer>> opened =
            index::Writer::Open(layout.index(), options);
        if (!opened.ok()) return opened.status();
        writer = std::move(opened).value();
      }
      LUUTRU_RETURN_IF_ERROR(writer->AddRecord(*record));
      // A file made secret ("03" Mật) raises its documents' mark: the index first, record.json
      // once it is committed, so that a crash leaves them at least as hidden as they are to be
      // (docs/security.md); any other change, record.json first.
      if (MoreRestricted(AccessSecrecy(*record), before)) {
        raised.push_back(*record);
      } else {
        LUUTRU_RETURN_IF_ERROR(
            WriteFileAtomically(layout.RecordJson(d.record_id), RecordToJson(*record)));
      }
      ++changed;
    }
  }
  if (writer) LUUTRU_RETURN_IF_ERROR(writer->Commit());
  for (const Record& record : raised) {
    LUUTRU_RETURN_IF_ERROR(WriteFileAtomically(layout.RecordJson(record.id), RecordToJson(record)));
  }
  return changed;
}

}  // namespace luutru::hoso
