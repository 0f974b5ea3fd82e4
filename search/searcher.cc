#include "search/searcher.h"

#include <xapian.h>

#include "core/vietnamese.h"
#include "index/page_data.h"
#include "index/schema.h"

namespace luutru::search {
namespace {

namespace schema = luutru::index;

// Counts are exact up to this many matching pages; past it Xapian estimates.
constexpr Xapian::doccount kExactCountLimit = 10'000;

constexpr unsigned kParseFlags = Xapian::QueryParser::FLAG_PHRASE |
                                 Xapian::QueryParser::FLAG_BOOLEAN |
                                 Xapian::QueryParser::FLAG_LOVEHATE |
                                 Xapian::QueryParser::FLAG_WILDCARD |
                                 Xapian::QueryParser::FLAG_PURE_NOT;

// A field filter's value as typed ("Quyết Định", "12/2023/qd-ubnd", "SỞ NỘI VỤ") becomes the
// term the writer made of the stored value: folded, lower case, spaces collapsed.
class FieldFilterProcessor : public Xapian::FieldProcessor {
 public:
  explicit FieldFilterProcessor(std::string_view prefix) : prefix_(prefix) {}
  Xapian::Query operator()(const std::string& value) override {
    return Xapian::Query(prefix_ + schema::FieldTermValue(value));
  }

 private:
  std::string prefix_;
};

// The query parser for one side of the dual index (exact or folded words); field filters
// match the same folded terms either way.
Xapian::QueryParser MakeParser(const Xapian::Database& db) {
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_default_op(Xapian::Query::OP_AND);
  for (const schema::FieldFilter& f : schema::kFieldFilters) {
    qp.add_boolean_prefix(std::string(f.name), (new FieldFilterProcessor(f.prefix))->release());
  }
  return qp;
}

// A query typed without marks matches the folded words only. A query with marks matches the
// folded words too, and the exact spellings add weight, so they rank first.
Xapian::Query BuildQuery(Xapian::QueryParser& qp, const std::string& typed) {
  std::string nfc = vi::Nfc(typed);
  Xapian::Query folded =
      qp.parse_query(vi::Fold(nfc), kParseFlags, std::string(schema::kPrefixFolded));
  if (!vi::HasDiacritics(nfc)) return folded;
  Xapian::Query exact = qp.parse_query(nfc, kParseFlags, "");
  return Xapian::Query(Xapian::Query::OP_AND_MAYBE, folded, exact);
}

// The plain words of a query, for highlighting: neither operators nor field filters.
std::vector<std::string> QueryWords(const Xapian::Query& query) {
  std::vector<std::string> words;
  const std::string folded(schema::kPrefixFolded);
  for (auto it = query.get_unique_terms_begin(); it != query.get_unique_terms_end(); ++it) {
    const std::string& term = *it;
    if (term.rfind(folded, 0) == 0) {
      words.push_back(term.substr(folded.size()));
    } else if (!term.empty() && !(term[0] >= 'A' && term[0] <= 'Z')) {
      words.push_back(term);
    }
  }
  return words;
}

}  // namespace

struct Searcher::Impl {
  Xapian::Database db;
};

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::filesystem::path& index_dir) {
  std::error_code ec;
  if (!std::filesystem::exists(index_dir, ec)) {
    return NotFound("no index at " + index_dir.string() +
                    "; ingest files first (luutru ingest PATH --archive DIR)");
  }
  try {
    auto impl = std::make_unique<Impl>();
    impl->db = Xapian::Database(index_dir.string());
    return std::unique_ptr<Searcher>(new Searcher(std::move(impl)));
  } catch (const Xapian::Error& e) {
    return IoError("cannot open index " + index_dir.string() + ": " + e.get_description());
  }
}

Result<SearchResults> Searcher::Search(const SearchRequest& request) {
  if (request.limit < 0 || request.offset < 0) {
    return InvalidArgument("offset and limit must not be negative");
  }
  try {
    // See commits made by a writer since this searcher opened.
    impl_->db.reopen();
    Xapian::QueryParser qp = MakeParser(impl_->db);
    Xapian::Query query = BuildQuery(qp, request.query);

    Xapian::Enquire enquire(impl_->db);
    enquire.set_query(query);
    enquire.set_collapse_key(schema::kSlotRecordId);
    Xapian::MSet mset = enquire.get_mset(request.offset, request.limit, kExactCountLimit);

    SearchResults results;
    results.total_records = mset.get_matches_estimated();
    std::vector<std::string> words = QueryWords(query);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Result<index::PageData> data = index::DecodePageData(it.get_document().get_data());
      if (!data.ok()) return data.status();
      SearchHit hit;
      hit.record_id = data->record_id;
      hit.source = data->source;
      hit.best_page = data->page;
      hit.page_count = data->page_count;
      hit.matching_pages = static_cast<int>(it.get_collapse_count()) + 1;
      hit.relevance = it.get_percent();
      hit.doc_type = data->doc_type;
      hit.number = data->number;
      hit.date = data->date;
      hit.agency = data->agency;
      hit.subject = data->subject;
      hit.snippet = MakeSnippet(data->text, words, request.snippet);
      results.hits.push_back(std::move(hit));
    }
    return results;
  } catch (const Xapian::QueryParserError& e) {
    return InvalidArgument("cannot parse the query: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    return IoError("search failed: " + e.get_description());
  }
}

}  // namespace luutru::search
