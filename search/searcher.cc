#include "search/searcher.h"

#include <xapian.h>

#include <algorithm>
#include <array>
#include <future>
#include <map>
#include <system_error>
#include <tuple>

#include "core/strings.h"
#include "core/vietnamese.h"
#include "index/layout.h"
#include "index/record_data.h"
#include "index/schema.h"
#include "search/page_hits.h"
#include "search/suggest.h"

namespace luutru::search {
namespace {

namespace schema = luutru::index;

// BM25 as textbook (Robertson; Lucene's defaults), not Xapian's k1 = 1, b = 0.5: a record is
// one document, from a one-page letter to a decree of hundreds of pages, and the longer ones
// hold every common word somewhere. Measured on the query set (docs/benchmarks.md): b = 0.5
// let long records outrank short ones about the query (MRR 0.965 / 0.920 with / without
// diacritics); b = 0.75, 0.952 / 0.951.
constexpr double kBm25K1 = 1.2;
constexpr double kBm25B = 0.75;

// Counts are exact up to this many matching records per shard; past it Xapian estimates.
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

// The facet values of the matching records, by facet. A record is one document, so the
// matcher shows each matching record once.
using FacetTally = std::array<std::map<std::string, long long>, schema::kFacets.size()>;

class FacetSpy : public Xapian::MatchSpy {
 public:
  explicit FacetSpy(FacetTally& tally) : tally_(tally) {}
  void operator()(const Xapian::Document& doc, double) override {
    for (size_t f = 0; f < schema::kFacets.size(); ++f) {
      std::string value = doc.get_value(schema::kFacets[f].slot);
      if (!value.empty()) ++tally_[f][value];
    }
  }

 private:
  FacetTally& tally_;
};

std::map<std::string, std::vector<FacetCount>> TopFacetValues(const FacetTally& tally, size_t top) {
  std::map<std::string, std::vector<FacetCount>> out;
  for (size_t f = 0; f < schema::kFacets.size(); ++f) {
    std::vector<FacetCount>& values = out[std::string(schema::kFacets[f].name)];
    for (const auto& [value, n] : tally[f]) values.push_back({value, n});
    std::stable_sort(values.begin(), values.end(),
                     [](const FacetCount& a, const FacetCount& b) { return a.records > b.records; });
    if (values.size() > top) values.resize(top);
  }
  return out;
}

constexpr size_t kFacetValuesShown = 20;
// A query finding fewer records than this is offered a respelling that finds more.
constexpr long long kSuggestBelow = 3;

// "XOR" is searched as a word, never as Xapian's operator: Xapian 1.4.22's matcher crashes
// on OP_XOR over several databases (the shards of a small index are searched as one) when
// fewer results are asked than match (found by fuzz/query_fuzzer.cc, seed 09). The parser
// takes XOR as the operator after any non-word character, and lower-cases every word, so
// lower-casing each "XOR" changes nothing else. The query language is AND, OR and NOT.
std::string XorAsWord(std::string typed) {
  for (size_t at = typed.find("XOR"); at != std::string::npos; at = typed.find("XOR", at + 3)) {
    typed.replace(at, 3, "xor");
  }
  return typed;
}

// A query typed without marks matches the folded words only. A query with marks matches the
// folded words too, and the exact spellings add weight, so they rank first.
Xapian::Query BuildQuery(Xapian::QueryParser& qp, const std::string& typed) {
  std::string nfc = XorAsWord(vi::Nfc(typed));
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

// One search asked of one part of the index (a shard, or every shard as one database).
struct PartQuestion {
  std::string query;
  Access access;
  SortOrder sort = SortOrder::kRelevance;
  Xapian::doccount first_records = 10;  // the first records wanted, by the request's order
  bool facets = false;
};

// A record an index part ranks among its first: enough to merge the parts' rankings.
struct Candidate {
  size_t part = 0;
  Xapian::docid docid = 0;
  double weight = 0;
  int percent = 0;
  std::string date;  // kSlotDate, when sorting by date
};

struct PartAnswer {
  Status status;
  std::vector<Candidate> candidates;
  Xapian::doccount lower_bound = 0;
  Xapian::doccount estimated = 0;
  FacetTally facets;
};

// Runs in a thread of its own for each part: everything Xapian here belongs to this call
// (a Query's reference counts are not thread-safe, so other threads parse the query again;
// `parsed`, the query parsed by the calling thread, is given only to the part it asks).
PartAnswer AskPart(Xapian::Database& db, size_t part, const PartQuestion& question, const Xapian::Query* parsed) {
  PartAnswer answer;
  try {
    Xapian::Query query;
    if (parsed) {
      query = *parsed;
    } else {
      Xapian::QueryParser qp = MakeParser(db);
      query = BuildQuery(qp, question.query);
    }
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Xapian::BM25Weight(kBm25K1, 0, 1, kBm25B, 0.5));
    enquire.set_query(WithAccess(query, question.access));
    Xapian::MultiValueKeyMaker by_date;
    if (question.sort != SortOrder::kRelevance) {
      // Records without a date last either way (their key sorts after every date).
      const bool newest = question.sort == SortOrder::kNewestFirst;
      by_date.add_value(schema::kSlotDate, newest, newest ? "" : "99999999");
      enquire.set_sort_by_key_then_relevance(&by_date, false);
    }
    FacetSpy spy(answer.facets);
    if (question.facets) enquire.add_matchspy(&spy);
    // At least one match is asked for: with none, Xapian answers counts from term statistics,
    // which would count the records the caller may not see.
    Xapian::MSet mset = enquire.get_mset(0, std::max<Xapian::doccount>(1, question.first_records), kExactCountLimit);
    answer.lower_bound = mset.get_matches_lower_bound();
    answer.estimated = mset.get_matches_estimated();
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Candidate c{part, *it, it.get_weight(), it.get_percent(), ""};
      if (question.sort != SortOrder::kRelevance) c.date = it.get_document().get_value(schema::kSlotDate);
      answer.candidates.push_back(std::move(c));
    }
  } catch (const Xapian::QueryParserError& e) {
    answer.status = InvalidArgument("cannot parse the query: " + e.get_msg());
  } catch (const Xapian::Error& e) {
    answer.status = IoError("search failed: " + e.get_description());
  }
  return answer;
}

// The order of a request across parts: by weight, or by date (dateless last) then weight.
bool Before(const Candidate& a, const Candidate& b, SortOrder sort) {
  if (sort != SortOrder::kRelevance && a.date != b.date) {
    if (a.date.empty() || b.date.empty()) return b.date.empty();
    return sort == SortOrder::kNewestFirst ? a.date > b.date : a.date < b.date;
  }
  if (a.weight != b.weight) return a.weight > b.weight;
  return std::tie(a.part, a.docid) < std::tie(b.part, b.docid);
}

}  // namespace

struct Searcher::Impl {
  SearcherOptions options;
  Xapian::Database all;                 // every shard as one database (the stub)
  std::vector<Xapian::Database> shards; // each shard alone, for searching them at once

  // The parts a search asks: the shards at once, or the whole index as one.
  std::vector<Xapian::Database*> Parts() {
    if (shards.size() < 2 || static_cast<long long>(all.get_doccount()) < options.parallel_from_records) {
      return {&all};
    }
    std::vector<Xapian::Database*> parts;
    for (Xapian::Database& shard : shards) parts.push_back(&shard);
    return parts;
  }

  // Asks every part at once, one thread each (the calling thread asks the first, with
  // `parsed` when given; a part no thread could be started for, too).
  std::vector<PartAnswer> Ask(const std::vector<Xapian::Database*>& parts, const PartQuestion& question,
                              const Xapian::Query* parsed = nullptr) {
    std::vector<std::future<PartAnswer>> others;
    const Xapian::Query* none = nullptr;
    for (size_t p = 1; p < parts.size(); ++p) {
      try {
        others.push_back(std::async(std::launch::async, AskPart, std::ref(*parts[p]), p, std::cref(question), none));
      } catch (const std::system_error&) {
        others.push_back(std::async(std::launch::deferred, AskPart, std::ref(*parts[p]), p, std::cref(question), none));
      }
    }
    std::vector<PartAnswer> answers;
    answers.push_back(AskPart(*parts[0], 0, question, parsed));
    for (auto& other : others) answers.push_back(other.get());
    return answers;
  }
};

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::filesystem::path& index_dir,
                                                 const SearcherOptions& options) {
  switch (index::DetectLayout(index_dir)) {
    case index::IndexLayout::kNone:
      return NotFound("no index at " + index_dir.string() +
                      "; ingest files first (luutru ingest PATH --archive DIR)");
    case index::IndexLayout::kPageDocuments:
      return index::OldLayoutError(index_dir);
    case index::IndexLayout::kShards:
      break;
  }
  Result<std::vector<std::filesystem::path>> paths = index::ShardPaths(index_dir);
  if (!paths.ok()) return paths.status();
  try {
    auto impl = std::make_unique<Impl>();
    impl->options = options;
    impl->all = Xapian::Database(index_dir.string());
    for (const std::filesystem::path& shard : *paths) impl->shards.emplace_back(shard.string());
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
    impl_->all.reopen();
    for (Xapian::Database& shard : impl_->shards) shard.reopen();
    // Parsed here too: a query that does not parse fails before any thread starts, and the
    // words and pages of the hits are found from it.
    Xapian::QueryParser qp = MakeParser(impl_->all);
    const Xapian::Query query = BuildQuery(qp, request.query);

    const std::vector<Xapian::Database*> parts = impl_->Parts();
    PartQuestion question{request.query, request.access, request.sort,
                          static_cast<Xapian::doccount>(request.offset) + static_cast<Xapian::doccount>(request.limit),
                          request.facets};
    std::vector<PartAnswer> answers = impl_->Ask(parts, question, &query);

    SearchResults results;
    // Past kExactCountLimit the count is an estimate from statistics that include hidden
    // records: a restricted caller is told only how many are certain.
    const bool restricted = request.access.clearance != Clearance::kTuyetMat;
    FacetTally facets;
    std::vector<Candidate> ranked;
    for (PartAnswer& answer : answers) {
      if (!answer.status.ok()) return answer.status;
      results.total_records += restricted ? answer.lower_bound : answer.estimated;
      for (size_t f = 0; f < facets.size(); ++f) {
        for (const auto& [value, n] : answer.facets[f]) facets[f][value] += n;
      }
      std::move(answer.candidates.begin(), answer.candidates.end(), std::back_inserter(ranked));
    }
    std::stable_sort(ranked.begin(), ranked.end(),
                     [&](const Candidate& a, const Candidate& b) { return Before(a, b, request.sort); });
    if (request.facets) results.facets = TopFacetValues(facets, kFacetValuesShown);

    if (request.suggest && results.total_records < kSuggestBelow) {
      std::string respelled = SuggestQuery(impl_->all, request.query);
      if (!respelled.empty()) {
        // At least one visible record, by a real match (an estimate of an access-filtered
        // query is not a count).
        long long found = 0;
        for (const PartAnswer& answer : impl_->Ask(parts, {respelled, request.access, SortOrder::kRelevance, 1, false})) {
          if (!answer.status.ok()) return answer.status;
          found += answer.lower_bound;
        }
        if (found > results.total_records) results.suggestion = respelled;
      }
    }

    std::vector<std::string> words = QueryWords(query);
    for (size_t i = static_cast<size_t>(request.offset);
         i < ranked.size() && static_cast<int>(results.hits.size()) < request.limit; ++i) {
      const Candidate& c = ranked[i];
      Xapian::Database& db = *parts[c.part];
      Result<index::RecordData> data = index::DecodeRecordData(db.get_document(c.docid).get_data());
      if (!data.ok()) return data.status();
      const PageHits pages = FindPageHits(db, c.docid, query, *data);
      SearchHit hit;
      hit.record_id = data->record_id;
      hit.source = data->source;
      hit.best_page = pages.best_page;
      hit.page_count = static_cast<int>(data->pages.size());
      hit.matching_pages = pages.matching_pages;
      hit.relevance = c.percent;
      hit.doc_type = data->doc_type;
      hit.number = data->number;
      hit.date = data->date;
      hit.agency = data->agency;
      hit.subject = data->subject;
      hit.signer = data->signer;
      hit.confidentiality = data->confidentiality;
      hit.urgency = data->urgency;
      for (const index::PageSpan& page : data->pages) {
        if (page.number == pages.best_page) hit.snippet = MakeSnippet(page.text, words, request.snippet);
      }
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
