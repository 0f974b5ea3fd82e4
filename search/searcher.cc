#include "search/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <map>
#include <unordered_set>

#include "core/strings.h"
#include "core/vietnamese.h"
#include "index/page_data.h"
#include "index/schema.h"
#include "search/suggest.h"

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

// ngay:2020-01-01..2020-12-31 (also ngay:2019..2021, ngay:2020-03..): the document date,
// stored as YYYYMMDD, between two dates, either end open.
class DateRangeProcessor : public Xapian::RangeProcessor {
 public:
  DateRangeProcessor() : Xapian::RangeProcessor(schema::kSlotDate, std::string(schema::kDateRangePrefix)) {}

  Xapian::Query operator()(const std::string& begin, const std::string& end) override {
    return Xapian::RangeProcessor::operator()(Key(begin, false), Key(end, true));
  }

 private:
  // "2020" -> 20200101 (or 20201231 as an end), "2020-03" -> 20200301 (20200331), "2020-03-05"
  // -> 20200305.
  static std::string Key(const std::string& date, bool is_end) {
    if (date.empty()) return date;
    std::string digits;
    for (char c : date) {
      if (c >= '0' && c <= '9') {
        digits += c;
      } else if (c != '-' && c != '/' && c != '.') {
        throw Xapian::QueryParserError("ngay: takes dates written YYYY-MM-DD, YYYY-MM or YYYY, not '" + date + "'");
      }
    }
    if (digits.size() == 4) return digits + (is_end ? "1231" : "0101");
    if (digits.size() == 6) return digits + (is_end ? "31" : "01");
    if (digits.size() == 8) return digits;
    throw Xapian::QueryParserError("ngay: takes dates written YYYY-MM-DD, YYYY-MM or YYYY, not '" + date + "'");
  }
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
  qp.add_rangeprocessor((new DateRangeProcessor)->release());
  return qp;
}

// Words of the typed query that are document numbers ("12/2023/QĐ-UBND", "123-QĐ/TU"): a
// digit and a '/', not a filter. Each becomes a weighted match on the records' numbers, so the
// record with that number comes first even when its text was read with damage.
Xapian::Query NumberBoost(const std::string& typed) {
  std::vector<Xapian::Query> numbers;
  for (std::string token : SplitSpaces(typed)) {
    while (!token.empty() && (token.front() == '"' || token.front() == '(')) token.erase(0, 1);
    while (!token.empty() && (token.back() == '"' || token.back() == ')' || token.back() == ',')) token.pop_back();
    bool digit = token.find_first_of("0123456789") != std::string::npos;
    if (!digit || token.find('/') == std::string::npos || token.find(':') != std::string::npos) continue;
    numbers.emplace_back(std::string(schema::kPrefixNumber) + schema::FieldTermValue(token));
  }
  if (numbers.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_OR, numbers.begin(), numbers.end()), 20.0);
}

// Counts the facet values of the matching records, each record once however many of its
// pages match. The matcher shows it every matching page it considers.
class RecordFacetSpy : public Xapian::MatchSpy {
 public:
  void operator()(const Xapian::Document& doc, double) override {
    if (!records_.insert(doc.get_value(schema::kSlotRecordId)).second) return;
    for (size_t f = 0; f < schema::kFacets.size(); ++f) {
      std::string value = doc.get_value(schema::kFacets[f].slot);
      if (!value.empty()) ++counts_[f][value];
    }
  }

  std::map<std::string, std::vector<FacetCount>> Result(size_t top) const {
    std::map<std::string, std::vector<FacetCount>> out;
    for (size_t f = 0; f < schema::kFacets.size(); ++f) {
      std::vector<FacetCount>& values = out[std::string(schema::kFacets[f].name)];
      for (const auto& [value, n] : counts_[f]) values.push_back({value, n});
      std::stable_sort(values.begin(), values.end(),
                       [](const FacetCount& a, const FacetCount& b) { return a.records > b.records; });
      if (values.size() > top) values.resize(top);
    }
    return out;
  }

 private:
  std::unordered_set<std::string> records_;
  std::array<std::map<std::string, long long>, schema::kFacets.size()> counts_;
};

constexpr size_t kFacetValuesShown = 20;
// A query finding fewer records than this is offered a respelling that finds more.
constexpr long long kSuggestBelow = 3;

// A query typed without marks matches the folded words only. A query with marks matches the
// folded words too, and the exact spellings add weight, so they rank first.
Xapian::Query BuildQuery(Xapian::QueryParser& qp, const std::string& typed) {
  std::string nfc = vi::Nfc(typed);
  Xapian::Query query =
      qp.parse_query(vi::Fold(nfc), kParseFlags, std::string(schema::kPrefixFolded));
  if (vi::HasDiacritics(nfc)) {
    // Exact words are indexed without positions (index/writer.cc): their side only weighs the
    // words, so a phrase is asked of them as its words.
    std::string words = nfc;
    std::replace(words.begin(), words.end(), '"', ' ');
    Xapian::Query exact = qp.parse_query(words, kParseFlags, "");
    query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query, exact);
  }
  Xapian::Query number = NumberBoost(nfc);
  if (!number.empty()) query = Xapian::Query(Xapian::Query::OP_OR, query, number);
  return query;
}

// `query` without the records `access` may not see. A record's mark is its kPrefixSecrecy
// term; a mark other than the three (set by hand) counts as the highest.
Xapian::Query WithAccess(const Xapian::Query& query, const Access& access) {
  std::vector<Xapian::Query> allowed;
  bool all_marks = true;
  for (const char* mark : {"MẬT", "TỐI MẬT", "TUYỆT MẬT"}) {
    if (MayRead(access, mark)) {
      allowed.emplace_back(std::string(schema::kPrefixSecrecy) + schema::FieldTermValue(mark));
    } else {
      all_marks = false;
    }
  }
  const Xapian::Query allowed_marks(Xapian::Query::OP_OR, allowed.begin(), allowed.end());
  if (!MayRead(access, "")) {
    // Only marked records, of the marks allowed.
    return allowed.empty() ? Xapian::Query::MatchNothing
                           : Xapian::Query(Xapian::Query::OP_FILTER, query, allowed_marks);
  }
  if (all_marks) return query;
  const Xapian::Query any_mark(Xapian::Query::OP_WILDCARD, std::string(schema::kPrefixSecrecy));
  const Xapian::Query hidden =
      allowed.empty() ? any_mark : Xapian::Query(Xapian::Query::OP_AND_NOT, any_mark, allowed_marks);
  return Xapian::Query(Xapian::Query::OP_AND_NOT, query, hidden);
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
    enquire.set_query(WithAccess(query, request.access));
    enquire.set_collapse_key(schema::kSlotRecordId);
    // By date: records without one last either way (their key sorts after every date).
    Xapian::MultiValueKeyMaker by_date;
    if (request.sort != SortOrder::kRelevance) {
      const bool newest = request.sort == SortOrder::kNewestFirst;
      by_date.add_value(schema::kSlotDate, newest, newest ? "" : "99999999");
      enquire.set_sort_by_key_then_relevance(&by_date, false);
    }
    RecordFacetSpy spy;
    if (request.facets) enquire.add_matchspy(&spy);
    // At least one match is asked for: with none, Xapian answers counts from term statistics,
    // which would count the records the caller may not see.
    Xapian::MSet mset = enquire.get_mset(request.offset, std::max(1, request.limit), kExactCountLimit);

    SearchResults results;
    // Past kExactCountLimit the count is an estimate from statistics that include hidden
    // records: a restricted caller is told only how many are certain.
    const bool restricted = request.access.clearance != Clearance::kTuyetMat;
    results.total_records = restricted ? mset.get_matches_lower_bound() : mset.get_matches_estimated();
    if (request.facets) results.facets = spy.Result(kFacetValuesShown);
    if (request.suggest && results.total_records < kSuggestBelow) {
      std::string respelled = SuggestQuery(impl_->db, request.query);
      if (!respelled.empty()) {
        Xapian::Enquire count(impl_->db);
        count.set_query(WithAccess(BuildQuery(qp, respelled), request.access));
        count.set_collapse_key(schema::kSlotRecordId);
        // At least one visible record, by a real match (an estimate of an access-filtered query
        // is not a count).
        if (count.get_mset(0, 1, kExactCountLimit).get_matches_lower_bound() > results.total_records) {
          results.suggestion = respelled;
        }
      }
    }
    std::vector<std::string> words = QueryWords(query);
    for (auto it = mset.begin(); it != mset.end() && static_cast<int>(results.hits.size()) < request.limit; ++it) {
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
      hit.signer = data->signer;
      hit.confidentiality = data->confidentiality;
      hit.urgency = data->urgency;
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
