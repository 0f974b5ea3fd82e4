#include "index/writer.h"

#include <xapian.h>

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

Xapian::Document BuildPageDocument(const Record& record, const PageText& page) {
  Xapian::Document doc;
  unsigned last = 0;
  for (const Posting& p : TextPostings(page.text)) {
    // Positions for the folded words only: phrases are matched on them. The exact spelling
    // only adds weight (a quarter less index, a quarter faster to build).
    if (p.term.rfind(kPrefixFolded, 0) == 0) {
      doc.add_posting(p.term, p.position);
    } else {
      doc.add_term(p.term);
    }
    last = p.position;
  }
  // The record's title fields again on every page, after its text, with extra weight: a page
  // of a record whose type, subject, issuing body or signer holds the query's words ranks above
  // a page that only mentions them in passing. Phrases within a field match; a gap keeps
  // phrases from running from the page text into the fields.
  const Metadata& m = record.metadata;
  const std::string title_fields = m.doc_type + "\n" + m.subject + "\n" + m.parent_agency + " " + m.agency +
                                   "\n" + m.signer_title + " " + m.signer;
  for (const Posting& p : TextPostings(title_fields)) {
    doc.add_posting(p.term, last + kFieldPositionGap + p.position, kFieldWdf);
  }
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
  const Metadata& fields = record.metadata;
  if (!fields.doc_type.empty()) doc.add_value(kSlotFacetDocType, fields.doc_type);
  if (!fields.agency.empty()) doc.add_value(kSlotFacetAgency, fields.agency);
  if (fields.date.size() >= 4) doc.add_value(kSlotFacetYear, fields.date.substr(0, 4));
  if (!fields.confidentiality.empty()) doc.add_value(kSlotFacetSecrecy, fields.confidentiality);

  doc.set_data(EncodePageData({record.id, page.number, static_cast<int>(record.pages.size()),
                               record.source, m.doc_type, m.number, m.date, m.agency, m.subject,
                               m.signer, m.confidentiality, m.urgency, page.text}));
  return doc;
}

}  // namespace

struct Writer::Impl {
  Xapian::WritableDatabase db;
};

Writer::Writer(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Writer::~Writer() = default;

Result<std::unique_ptr<Writer>> Writer::Open(const std::filesystem::path& index_dir) {
  try {
    auto impl = std::make_unique<Impl>();
    impl->db = Xapian::WritableDatabase(index_dir.string(), Xapian::DB_CREATE_OR_OPEN);
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
    for (const PageText& page : record.pages) {
      impl_->db.replace_document(std::string(kPrefixPageId) + PageId(record.id, page.number),
                                 BuildPageDocument(record, page));
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
    return IoError("index commit failed: " + e.get_description());
  }
}

}  // namespace luutru::index
