#include "index/document.h"

#include <string>
#include <vector>

#include "core/dates.h"
#include "index/page_terms.h"
#include "index/record_data.h"
#include "index/schema.h"

namespace luutru::index {
namespace {

// How much more a word of the record's fields weighs than a word of the page text.
constexpr Xapian::termcount kFieldWdf = 4;
// "2023-03-15" -> "20230315"; anything else -> "" (no value: unknown dates do not sort).
// A partial date ("2025-02", its day not read) sorts and filters as its first day: ngay:02/2025
// and nam:2025 find it.
std::string DateValue(const std::string& iso) {
  const ParsedDate parsed = ParseDate(iso);
  return parsed.ok() ? FirstDayKey(parsed.date) : "";
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

}  // namespace

// The title fields are indexed after the pages with extra weight: a record whose type,
// subject, issuing body or signer holds the query's words ranks above one that only mentions
// them in passing. Their syllable pairs too (schema.h kPrefixPair): a record whose subject holds
// the word typed ranks above one holding its syllables apart. (The pages' pairs as well made a
// 200,000-page index 1.17 times larger, its build 0.59 times as fast and a search 2.6 times
// slower at the median: docs/benchmarks.md.)
std::string TitleFieldText(const Metadata& m) {
  return m.doc_type + "\n" + m.subject + "\n" + m.parent_agency + " " + m.agency + "\n" +
         m.signer_title + " " + m.signer;
}

Xapian::Document BuildRecordDocument(const Record& record) {
  Xapian::Document doc;
  const Metadata& m = record.metadata;
  RecordData data{record.id, record.source, SummaryOf(m), {}, 0};
  unsigned base = 0;                 // the position before the page's first word
  std::vector<std::string> written;  // abbreviations and dates written out (WrittenTerms)
  for (const PageText& page : record.pages) {
    unsigned last = 0;
    for (const Posting& p : TextPostings(page.text, nullptr, &written)) {
      AddWord(doc, p, base + p.position, 1);
      last = p.position;
    }
    data.pages.push_back({page.number, base + 1, base + last, page.text});
    base += last + kPageGap;
  }
  data.title_position = base + 1;
  std::vector<std::string> title_pairs;
  for (const Posting& p : TextPostings(TitleFieldText(m), &title_pairs, &written)) {
    AddWord(doc, p, base + p.position, kFieldWdf);
  }
  for (const std::string& pair : title_pairs) doc.add_term(pair, kFieldWdf);
  // The record's own date is found as the dates its text writes are.
  if (const ParsedDate date = ParseDate(m.date); date.ok()) {
    if (date.date.month > 0) {
      for (std::string& term : DateTerms(date.date)) written.push_back(std::move(term));
    }
    for (const std::string& term : RecordDateTerms(date.date)) doc.add_boolean_term(term);
  }
  for (const std::string& term : written) doc.add_term(term);
  for (const std::string& term : FieldTerms(record)) {
    // A number's terms carry weight: a number typed bare in a query ranks its record first.
    if (term.rfind(kPrefixNumber, 0) == 0) {
      doc.add_term(term, 1);
    } else {
      doc.add_boolean_term(term);
    }
  }
  doc.add_boolean_term(std::string(kPrefixRecord) + record.id);

  doc.add_value(kSlotRecordId, record.id);
  if (std::string date = DateValue(m.date); !date.empty()) doc.add_value(kSlotDate, date);
  doc.add_value(kSlotPageCount,
                Xapian::sortable_serialise(static_cast<double>(record.pages.size())));
  if (!m.doc_type.empty()) doc.add_value(kSlotFacetDocType, m.doc_type);
  if (!m.agency.empty()) doc.add_value(kSlotFacetAgency, m.agency);
  if (m.date.size() >= 4) doc.add_value(kSlotFacetYear, m.date.substr(0, 4));
  if (std::string mark = AccessMark(record); !mark.empty()) doc.add_value(kSlotFacetSecrecy, mark);
  doc.set_data(EncodeRecordData(data));
  return doc;
}

}  // namespace luutru::index
