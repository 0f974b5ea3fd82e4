#include "index/writer.h"

#include <xapian.h>

#include "core/fs_util.h"
#include "index/page_data.h"
#include "index/page_terms.h"
#include "index/schema.h"

namespace luutru::index {
namespace {

// How much more a word of the record's fields weighs than a word of the page text.
constexpr Xapian::termcount kFieldWdf = 4;
constexpr unsigned kFieldPositionGap = 100;

// "2023-03-15" -> "20230315"; anything else -> "" (no value: unknown dates do not sort).
std::string DateValue(const std::string& iso) {
  if (iso.size() != 10 || iso[4] != '-' || iso[7] != '-') return "";
  return iso.substr(0, 4) + iso.substr(5, 2) + iso.substr(8, 2);
}

// Positions for the folded words only: phrases are matched on them. The exact spelling only
// adds weight (a quarter less index, a quarter faster to build).
void AddWord(Xapian::Document& doc, const Posting& p, unsigned position, Xapian::termcount wdf) {
  if (p.term.rfind(kPrefixFolded, 0) == 0) {
    doc.add_posting(p.term, position, wdf);
  } else {
    doc.add_term(p.term, wdf);
  }
}

// The record's title fields, indexed again on every page after its text with extra weight: a
// page of a record whose type, subject, issuing body or signer holds the query's words ranks
// above a page that only mentions them in passing.
std::vector<Posting> TitleFieldPostings(const Metadata& m) {
  return TextPostings(m.doc_type + "\n" + m.subject + "\n" + m.parent_agency + " " + m.agency + "\n" +
                      m.signer_title + " " + m.signer);
}

Xapian::Document BuildPageDocument(const Record& record, const PageText& page,
                                   const std::vector<Posting>& title_fields) {
  Xapian::Document doc;
  unsigned last = 0;
  for (const Posting& p : TextPostings(page.text)) {
    AddWord(doc, p, p.position, 1);
    last = p.position;
  }
  // After a gap, so that phrases within a field match and none runs from the text into them.
  for (const Posting& p : title_fields) AddWord(doc, p, last + kFieldPositionGap + p.position, kFieldWdf);
  for (const std::string& term : FieldTerms(record, page)) {
    // A number's terms carry weight: a number typed bare in a query ranks its record first.
    if (term.rfind(kPrefixNumber, 0) == 0) {
      doc.add_term(term, 1);
    } else {
      doc.add_boolean_term(term);
    }
  }
  doc.add_boolean_term(std::string(kPrefixPageId) + PageId(record.id, page.number));
  doc.add_boolean_term(std::string(kPrefixRecord) + record.id);

  doc.add_value(kSlotRecordId, record.id);
  if (std::string date = DateValue(record.metadata.date); !date.empty()) {
    doc.add_value(kSlotDate, date);
  }
  doc.add_value(kSlotPageNumber, Xapian::sortable_serialise(page.number));
  doc.add_value(kSlotPageCount, Xapian::sortable_serialise(static_cast<double>(record.pages.size())));
  const Metadata& m = record.metadata;
  if (!m.doc_type.empty()) doc.add_value(kSlotFacetDocType, m.doc_type);
  if (!m.agency.empty()) doc.add_value(kSlotFacetAgency, m.agency);
  if (m.date.size() >= 4) doc.add_value(kSlotFacetYear, m.date.substr(0, 4));
  if (!m.confidentiality.empty()) doc.add_value(kSlotFacetSecrecy, m.confidentiality);

  doc.set_data(EncodePageData({record.id, page.number, static_cast<int>(record.pages.size()),
                               record.source, m.doc_type, m.number, m.date, m.agency, m.subject,
                               m.signer, m.confidentiality, m.urgency, page.text}));
  return doc;
}

}  // namespace

struct Writer::Impl {
  Xapian::WritableDatabase db;
  std::filesystem::path dir;
};

Writer::Writer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Writer::~Writer() = default;

Result<std::unique_ptr<Writer>> Writer::Open(const std::filesystem::path& index_dir) {
  try {
    auto impl = std::make_unique<Impl>();
    impl->db = Xapian::WritableDatabase(index_dir.string(), Xapian::DB_CREATE_OR_OPEN);
    impl->dir = index_dir;
    return std::unique_ptr<Writer>(new Writer(std::move(impl)));
  } catch (const Xapian::DatabaseLockError& e) {
    return Busy("the index " + index_dir.string() +
                " is being written by another luutru process; wait for it to finish");
  } catch (const Xapian::Error& e) {
    return IoError("cannot open index " + index_dir.string() + ": " + e.get_description());
  }
}

Status Writer::AddRecord(const Record& record) {
  try {
    impl_->db.delete_document(std::string(kPrefixRecord) + record.id);
    const std::vector<Posting> title_fields = TitleFieldPostings(record.metadata);
    for (const PageText& page : record.pages) {
      impl_->db.replace_document(std::string(kPrefixPageId) + PageId(record.id, page.number),
                                 BuildPageDocument(record, page, title_fields));
    }
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    return IoError("indexing record " + record.id + ": " + e.get_description());
  }
}

Status Writer::Commit() {
  try {
    impl_->db.commit();
    return Status::Ok();
  } catch (const Xapian::Error& e) {
    // Xapian keeps the last committed revision; a full disk only stops the run.
    if (FilesystemNearlyFull(impl_->dir, 16ull << 20)) {
      return NoSpace("index commit failed: " + e.get_description() +
                     "; free space on the archive's disk and run the same command again (nothing archived is lost)");
    }
    return IoError("index commit failed: " + e.get_description());
  }
}

}  // namespace luutru::index
