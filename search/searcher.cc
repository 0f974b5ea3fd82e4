#include "search/searcher.h"

#include <spdlog/spdlog.h>
#include <xapian.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <future>
#include <map>
#include <optional>
#include <stdexcept>
#include <system_error>
#include <tuple>

#include "core/archival_codes.h"
#include "core/dates.h"
#include "core/fs_util.h"
#include "core/marks.h"
#include "core/strings.h"
#include "core/vietnamese.h"
#include "index/abbreviations.h"
#include "index/layout.h"
#include "index/page_terms.h"
#include "index/record_data.h"
#include "index/schema.h"
#include "search/page_hits.h"
#include "search/suggest.h"

namespace luutru::search {
namespace {

namespace schema = luutru::index;
using index::Abbreviations;

// BM25 as textbook (Robertson; Lucene's defaults), not Xapian's k1 = 1, b = 0.5: a record is
// one document, from a one-page letter to a decree of hundreds of pages, and the longer ones
// hold every common word somewhere. Measured on the query set (docs/benchmarks.md): b = 0.5
// let long records outrank short ones about the query (MRR 0.965 / 0.920 with / without
// diacritics); b = 0.75, 0.952 / 0.951.
constexpr double kBm25K1 = 1.2;
constexpr double kBm25B = 0.75;
Xapian::BM25Weight Bm25() { return Xapian::BM25Weight(kBm25K1, 0, 1, kBm25B, 0.5); }

// Counts are exact up to this many matching records per shard; past it Xapian estimates
// (SearchResults::total_exact). Counting is most of the cost of a query of common words: at
// 1,000,000 pages, 10,000 made the median query 1.4 times slower (docs/benchmarks.md).
// Facets are counts shown beside each value, so a request for them counts further.
constexpr Xapian::doccount kExactCountLimit = 1'000;
constexpr Xapian::doccount kFacetCountLimit = 10'000;
// What one query may cost: words a wildcard stands for, wildcards in a query, and the time
// after which counting exactly stops (the count becomes the matcher's estimate).
constexpr Xapian::termcount kWildcardTerms = 100;
constexpr int kMaxWildcards = 4;
constexpr double kExactCountSeconds = 1.0;
// A shard on another machine that could not be connected to is asked again after this long;
// meanwhile searches go on without it, marked partial.
constexpr std::chrono::seconds kRemoteRetry{5};

constexpr unsigned kParseFlags =
    Xapian::QueryParser::FLAG_PHRASE | Xapian::QueryParser::FLAG_BOOLEAN |
    Xapian::QueryParser::FLAG_LOVEHATE | Xapian::QueryParser::FLAG_WILDCARD |
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

// A filter value the query language cannot take, with what to write instead, in Vietnamese
// (the staff read it). Thrown by the filters' processors out of Xapian's parser.
class QueryMistake : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

// What a query is built with beside what was typed.
struct QueryContext {
  schema::IndexFormat format;  // what every database asked holds
  const Abbreviations* abbreviations = &Abbreviations::BuiltIn();
};

// A query as built from what was typed: what finds and ranks the records, and the exact
// spellings typed, which add weight to the records that hold them (empty when none was typed).
struct BuiltQuery {
  Xapian::Query match;
  Xapian::Query exact;

  Xapian::Query Whole() const {
    return exact.empty() ? match : Xapian::Query(Xapian::Query::OP_AND_MAYBE, match, exact);
  }
};

// In a query of kExactAfterWords words or more, the exact spellings re-weigh only the first
// kExactWindow records of a shard by `match`, not every record found: weighing them costs a
// second posting list per word typed for each record, which was a quarter of the time of the
// slowest queries at 1,000,000 pages (docs/benchmarks.md; Elasticsearch's rescore window makes
// the same trade). A query of fewer words finds many records, among which the exact spellings
// decide: the first hundred by `số hóa` folded can be records holding "sở" and "Thanh Hóa".
constexpr size_t kExactAfterWords = 5;
constexpr Xapian::doccount kExactWindow = 100;

// The documents of one database given by number, for a query to be asked of them alone.
class DocidList : public Xapian::PostingSource {
 public:
  explicit DocidList(std::vector<Xapian::docid> sorted) : ids_(std::move(sorted)) {}
  Xapian::doccount get_termfreq_min() const override { return ids_.size(); }
  Xapian::doccount get_termfreq_est() const override { return ids_.size(); }
  Xapian::doccount get_termfreq_max() const override { return ids_.size(); }
  void init(const Xapian::Database&) override { at_ = kBefore; }
  void next(double) override { at_ = at_ == kBefore ? 0 : at_ + 1; }
  void skip_to(Xapian::docid did, double) override {
    const auto from = ids_.begin() + (at_ == kBefore ? 0 : static_cast<std::ptrdiff_t>(at_));
    at_ = static_cast<size_t>(std::lower_bound(from, ids_.end(), did) - ids_.begin());
  }
  bool at_end() const override { return at_ != kBefore && at_ >= ids_.size(); }
  Xapian::docid get_docid() const override { return ids_[at_]; }
  DocidList* clone() const override { return new DocidList(ids_); }

 private:
  static constexpr size_t kBefore = static_cast<size_t>(-1);
  std::vector<Xapian::docid> ids_;
  size_t at_ = kBefore;
};

// Past this many record-date terms a date range is asked of the dates' values.
constexpr size_t kMaxDateTerms = 400;

// The records dated from `first` to `last` (YYYYMMDD keys; "" and "99999999" open): by the
// record-date terms that cover the days exactly, on an index of format 3 (posting lists, not
// every record's value); else, or when an end is open, by the dates' values.
Xapian::Query RecordDates(const std::string& first, const std::string& last, bool date_terms) {
  if (date_terms) {
    const std::vector<std::string> cover = schema::RecordDateCover(first, last, kMaxDateTerms);
    if (!cover.empty()) return Xapian::Query(Xapian::Query::OP_OR, cover.begin(), cover.end());
  }
  return Xapian::Query(Xapian::Query::OP_VALUE_RANGE, schema::kSlotDate, first, last);
}

// "a..b" split at its "..": either end may be empty (open). No "..": the value is both ends.
std::pair<std::string, std::string> RangeEnds(const std::string& value, bool& is_range) {
  const size_t dots = value.find("..");
  is_range = dots != std::string::npos;
  if (!is_range) return {value, value};
  return {value.substr(0, dots), value.substr(dots + 2)};
}

// ngay:02/10/2022 (a day), ngay:10/2022 (a month), ngay:2022 (a year), and ranges of them,
// either end open: ngay:2020-01-01..2020-12-31, ngay:01/2020..06/2020, ngay:2019.. . Dates are
// written as people write them (core/dates.h); the document date is stored as YYYYMMDD.
class DateFilterProcessor : public Xapian::FieldProcessor {
 public:
  DateFilterProcessor(std::string name, bool date_terms)
      : name_(std::move(name)), date_terms_(date_terms) {}
  Xapian::Query operator()(const std::string& value) override {
    bool is_range = false;
    const auto [from, to] = RangeEnds(value, is_range);
    if (from.empty() && to.empty())
      throw QueryMistake(name_ + ": cần một ngày, ví dụ " + name_ + ":02/10/2022");
    const std::string first = from.empty() ? "" : FirstDayKey(Parse(from));
    const std::string last = to.empty() ? "99999999" : LastDayKey(Parse(to));
    if (!first.empty() && first > last) {
      throw QueryMistake(name_ + ":" + value + ": ngày đầu (" + from + ") sau ngày cuối (" + to +
                         ")");
    }
    return RecordDates(first, last, date_terms_);
  }

 private:
  CalendarDate Parse(const std::string& text) const {
    const ParsedDate parsed = ParseDate(text);
    switch (parsed.problem) {
      case DateProblem::kNone:
        return parsed.date;
      case DateProblem::kNotADate:
        throw QueryMistake(name_ + ":" + text + " không phải là ngày: viết ngày/tháng/năm (" +
                           name_ + ":02/10/2022), tháng/năm (" + name_ + ":10/2022) hoặc năm (" +
                           name_ + ":2022)");
      case DateProblem::kNoSuchMonth:
        throw QueryMistake(name_ + ":" + text + ": không có tháng " +
                           std::to_string(parsed.date.month) +
                           " (ngày viết trước tháng: ngày/tháng/năm)");
      case DateProblem::kNoSuchDay:
        throw QueryMistake(name_ + ":" + text + ": tháng " + std::to_string(parsed.date.month) +
                           " năm " + std::to_string(parsed.date.year) + " không có ngày " +
                           std::to_string(parsed.date.day));
    }
    return parsed.date;
  }
  std::string name_;
  bool date_terms_;
};

// nam:2022, and a range of years nam:2020..2022 (either end open up to kYearSpan years): the
// records' year terms.
class YearFilterProcessor : public Xapian::FieldProcessor {
 public:
  YearFilterProcessor(std::string name, std::string_view prefix)
      : name_(std::move(name)), prefix_(prefix) {}
  Xapian::Query operator()(const std::string& value) override {
    bool is_range = false;
    const auto [from, to] = RangeEnds(value, is_range);
    if (!is_range) return Xapian::Query(prefix_ + Year(from));
    const int first = from.empty() ? std::stoi(Year(to)) - kYearSpan : std::stoi(Year(from));
    const int last = to.empty() ? std::stoi(Year(from)) + kYearSpan : std::stoi(Year(to));
    if (first > last) throw QueryMistake(name_ + ":" + value + ": năm đầu sau năm cuối");
    if (last - first > kYearSpan) {
      throw QueryMistake(name_ + ":" + value + ": khoảng năm dài quá " + std::to_string(kYearSpan) +
                         " năm; dùng ngay:" + from + ".." + to);
    }
    std::vector<Xapian::Query> years;
    for (int y = first; y <= last; ++y) years.emplace_back(prefix_ + std::to_string(y));
    return Xapian::Query(Xapian::Query::OP_OR, years.begin(), years.end());
  }

 private:
  static constexpr int kYearSpan = 200;
  std::string Year(const std::string& text) const {
    const bool digits = text.size() == 4 && std::all_of(text.begin(), text.end(), [](char c) {
                          return c >= '0' && c <= '9';
                        });
    if (!digits || text[0] == '0') {
      throw QueryMistake(name_ + ":" + text + " không phải là năm: viết bốn chữ số (" + name_ +
                         ":2022) hoặc một khoảng (" + name_ + ":2020..2022)");
    }
    return text;
  }
  std::string name_, prefix_;
};

// The field Abbreviations::Expand writes an abbreviation entry the index holds in: "<field>:n"
// asks list()[n]'s term. Not for staff to type (nothing breaks if they do).
constexpr std::string_view kAbbreviationField = "luutruviettat";

class AbbreviationProcessor : public Xapian::FieldProcessor {
 public:
  explicit AbbreviationProcessor(const Abbreviations& list) : list_(list) {}
  Xapian::Query operator()(const std::string& value) override {
    const bool number = !value.empty() && value.size() < 6 &&
                        value.find_first_not_of("0123456789") == std::string::npos;
    const size_t n = number ? std::stoul(value) : list_.list().size();
    if (n >= list_.list().size()) return Xapian::Query::MatchNothing;
    return Xapian::Query(list_.TermOf(n));
  }

 private:
  const Abbreviations& list_;
};

// The query parser for one side of the dual index (exact or folded words); field filters
// match the same folded terms either way, by either of their names; abbreviations' entries by
// their terms (kAbbreviationField).
Xapian::QueryParser MakeParser(const Xapian::Database& db, const QueryContext& context) {
  Xapian::QueryParser qp;
  qp.set_database(db);
  qp.set_default_op(Xapian::Query::OP_AND);
  // `a*` over a million pages names tens of thousands of words: each wildcard stands for its
  // most frequent few only.
  qp.set_max_expansion(kWildcardTerms, Xapian::Query::WILDCARD_LIMIT_MOST_FREQUENT,
                       Xapian::QueryParser::FLAG_WILDCARD);
  for (const schema::FieldFilter& f : schema::FieldFilters()) {
    for (std::string_view name : {f.name, f.alias}) {
      Xapian::FieldProcessor* processor =
          f.prefix == schema::kPrefixYear
              ? static_cast<Xapian::FieldProcessor*>(
                    new YearFilterProcessor(std::string(name), f.prefix))
              : new FieldFilterProcessor(f.prefix);
      qp.add_boolean_prefix(std::string(name), processor->release());
    }
  }
  for (std::string_view name : {schema::kDateFilterName, schema::kDateFilterAlias}) {
    qp.add_boolean_prefix(
        std::string(name),
        (new DateFilterProcessor(std::string(name), context.format.written_dates))->release());
  }
  qp.add_prefix(std::string(kAbbreviationField),
                (new AbbreviationProcessor(*context.abbreviations))->release());
  return qp;
}

// A field filter typed with a value of several words and no quotes (loai:quyet dinh, which
// filters on "quyet" and searches "dinh"): the query with the value quoted, or "".
std::string QuoteFilterValues(const std::string& typed) {
  const std::vector<std::string> tokens = SplitSpaces(typed);
  auto is_filter = [](const std::string& token) {
    const size_t colon = token.find(':');
    if (colon == std::string::npos || colon == 0 || colon + 1 == token.size() ||
        token[colon + 1] == '"')
      return false;
    const std::string name = vi::Fold(token.substr(0, colon));
    for (const schema::FieldFilter& f : schema::FieldFilters()) {
      if (f.prefix != schema::kPrefixYear && (name == f.name || name == f.alias)) return true;
    }
    return false;
  };
  auto is_plain_word = [](const std::string& token) {
    return token.find_first_of(":\"()") == std::string::npos && token[0] != '-' &&
           token[0] != '+' && token != "AND" && token != "OR" && token != "NOT";
  };
  std::string fixed;
  bool changed = false;
  for (size_t i = 0; i < tokens.size(); ++i) {
    std::string token = tokens[i];
    if (is_filter(token) && i + 1 < tokens.size() && is_plain_word(tokens[i + 1])) {
      const size_t colon = token.find(':');
      std::string value = token.substr(colon + 1);
      while (i + 1 < tokens.size() && is_plain_word(tokens[i + 1])) value += " " + tokens[++i];
      token = token.substr(0, colon + 1) + "\"" + value + "\"";
      changed = true;
    }
    fixed += (fixed.empty() ? "" : " ") + token;
  }
  return changed ? fixed : "";
}

// Xapian's own parse errors, said in Vietnamese with what to check (Xapian's words kept).
Status ParserError(const Xapian::QueryParserError& e) {
  return InvalidArgument(
      "Không hiểu câu tìm (" + e.get_msg() +
      "): kiểm tra ngoặc kép, ngoặc đơn và các từ AND, OR, NOT; để tìm chính các từ ấy, "
      "đặt chúng trong ngoặc kép");
}

// Words of the typed query that are document numbers ("12/2023/QĐ-UBND", "123-QĐ/TU"): a
// digit and a '/', not a filter. Each becomes a weighted match on the records' numbers, so the
// record with that number comes first even when its text was read with damage.
Xapian::Query NumberBoost(const std::string& typed) {
  std::vector<Xapian::Query> numbers;
  for (std::string token : SplitSpaces(typed)) {
    while (!token.empty() && (token.front() == '"' || token.front() == '(')) token.erase(0, 1);
    while (!token.empty() && (token.back() == '"' || token.back() == ')' || token.back() == ','))
      token.pop_back();
    bool digit = token.find_first_of("0123456789") != std::string::npos;
    if (!digit || token.find('/') == std::string::npos || token.find(':') != std::string::npos)
      continue;
    numbers.emplace_back(std::string(schema::kPrefixNumber) + schema::FieldTermValue(token));
  }
  if (numbers.empty()) return Xapian::Query();
  return Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT,
                       Xapian::Query(Xapian::Query::OP_OR, numbers.begin(), numbers.end()), 20.0);
}

// The facet values of the matching records, by facet. A record is one document, so the
// matcher shows each matching record once.
using FacetTally = std::array<std::map<std::string, long long>, schema::kFacets.size()>;

std::map<std::string, std::vector<FacetCount>> TopFacetValues(const FacetTally& tally, size_t top) {
  std::map<std::string, std::vector<FacetCount>> out;
  for (size_t f = 0; f < schema::kFacets.size(); ++f) {
    std::vector<FacetCount>& values = out[std::string(schema::kFacets[f].name)];
    for (const auto& [value, n] : tally[f]) values.push_back({value, n});
    std::stable_sort(values.begin(), values.end(), [](const FacetCount& a, const FacetCount& b) {
      return a.records > b.records;
    });
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

// The folded word as the index of the current format holds it (vi::SearchKey), given to
// Xapian's query parser as its stemmer: the words of phrases too, never filter values.
class SearchKeyStem : public Xapian::StemImplementation {
 public:
  std::string operator()(const std::string& word) override { return vi::SearchKey(word); }
  std::string get_description() const override { return "luutru SearchKey"; }
};

// A quoted phrase of this many words at most is a word quoted ("số hóa"): its pairs weigh, so
// that a record whose subject holds it ranks first. A longer one's do not: every record it finds
// holds them, and weighing them made a phrase of ten common words twice as slow at 1,000,000
// pages (313 -> 190 ms).
constexpr size_t kWeighedPhraseWords = 3;

// A query's runs of plain words typed together: its unquoted runs and its short phrases
// (kWeighedPhraseWords). A filter, an operator, a negated or wildcard word ends a run; so does a
// quote.
std::vector<std::string> RunsOf(const std::string& nfc) {
  std::vector<std::string> runs;
  std::string run;
  bool quoted = false;
  auto flush = [&] {
    if (!run.empty() && (!quoted || SplitSpaces(run).size() <= kWeighedPhraseWords))
      runs.push_back(std::move(run));
    run.clear();
  };
  for (const std::string& token : SplitSpaces(nfc)) {
    const bool opens = token.front() == '"';
    if (opens && !quoted) {
      flush();
      quoted = true;
    }
    const bool op = token == "OR" || token == "NOT" || token == "AND";
    const bool plain = token.find(':') == std::string::npos &&
                       token.find('(') == std::string::npos &&
                       token.find(')') == std::string::npos && token.front() != '-' &&
                       token.front() != '+' && token.back() != '*' && !op;
    if (plain) {
      run += (run.empty() ? "" : " ") + token;
    } else {
      flush();
    }
    const size_t quotes = std::count(token.begin(), token.end(), '"');
    if (quoted && (quotes >= 2 || (!opens && quotes == 1))) {
      flush();
      quoted = false;
    }
  }
  flush();
  return runs;
}

// The syllable pairs (kPrefixPair terms) of a query's runs of words whose syllables make a word
// of the dictionary (index/page_terms.h PairTerms, as the index holds them).
std::vector<std::string> PairsOf(const std::string& nfc) {
  std::vector<std::string> out;
  for (const std::string& run : RunsOf(nfc)) {
    for (std::string& pair : schema::PairTerms(run)) out.push_back(std::move(pair));
  }
  return out;
}

// How much a query's syllable pair found in a record weighs against its words: enough that a
// record holding "số hóa" outranks one holding "số" and "Hóa" apart (bench/search_bench.py).
constexpr double kPairWeight = 3.0;

// A query of this many words at most is a word or two typed (`so hoa`, `van hoa lam viec`):
// the first kWholeWordWindow records of its ranking are ordered by how many of its adjacent
// typed words they hold one right after the other, anywhere in their text, then by weight
// (`chu ky so`: "chữ ký số" before "chữ ký" and "số" apart).
// The title fields' pairs are terms (kPrefixPair); the pages' are not (they made the index
// 1.17 times larger and its build 0.6 times as fast), so their adjacency is read from the
// positions of the first records only, as a search engine rescores its first results.
constexpr size_t kWholeWordsQueryWords = 4;
constexpr size_t kWholeWordWindow = 50;

// The folded words (kPrefixFolded terms) of each run of a query of two words or more.
std::vector<std::vector<std::string>> TypedRuns(const std::string& nfc) {
  std::vector<std::vector<std::string>> runs;
  for (const std::string& run : RunsOf(nfc)) {
    std::vector<std::string> words;
    for (const vi::Token& token : vi::Tokenize(run)) {
      std::string term(schema::kPrefixFolded);
      words.push_back(term += vi::SearchKeyOfToken(token.word));
    }
    if (words.size() >= 2) runs.push_back(std::move(words));
  }
  return runs;
}

// How whole a record holds a query's runs of words: first the longest stretch of each run it
// holds one word right after the other (summed over the runs), then how many of their adjacent
// pairs it holds anywhere. "chữ ký số" (2, 2) before "chữ ký ... ký số" (1, 2) before "chữ ký"
// with "số" apart (1, 1).
std::pair<int, int> WholeWordsHeld(const Xapian::Database& db, Xapian::docid docid,
                                   const std::vector<std::vector<std::string>>& runs) {
  std::pair<int, int> held{0, 0};
  for (const std::vector<std::string>& run : runs) {
    std::vector<std::vector<unsigned>> at;
    for (const std::string& word : run) at.push_back(PositionsOf(db, docid, word));
    auto holds = [&](size_t word, unsigned p) {
      return std::binary_search(at[word].begin(), at[word].end(), p);
    };
    int longest = 0;
    for (size_t i = 0; i + 1 < run.size(); ++i) {
      bool pair = false;
      for (unsigned p : at[i]) {
        int stretch = 0;
        while (i + stretch + 1 < run.size() && holds(i + stretch + 1, p + stretch + 1)) ++stretch;
        pair |= stretch > 0;
        longest = std::max(longest, stretch);
      }
      held.second += pair;
    }
    held.first += longest;
  }
  return held;
}

// Dates typed among the words, as people write them: "02/10/2022", "2/10/2022", "10/2022",
// "tháng 10/2022", "tháng 10 năm 2022", "ngày 2 tháng 10 năm 2022", and ranges
// "01/2020..06/2021". Each is taken out of the words and asked of the record's date or, for a
// day or a month, of its text where the date is written out ("ngày 02 tháng 10 năm 2022").
// Filters and quoted phrases are left as typed. A bare year stays a word.
struct TypedDates {
  std::string rest;                  // the query without them
  std::vector<Xapian::Query> dates;  // each required
};

bool Digits(const std::string& s) {
  return !s.empty() && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

// "02/10/2022", "10/2022" (slashes, dots or dashes between numbers; the year last).
std::optional<CalendarDate> SlashDate(const std::string& chunk) {
  if (chunk.find_first_of("/.-") == std::string::npos) return std::nullopt;
  for (char c : chunk) {
    if (!(c >= '0' && c <= '9') && c != '/' && c != '.' && c != '-') return std::nullopt;
  }
  const ParsedDate parsed = ParseDate(chunk);
  // Shaped as a day but none: said, not searched as numbers (which would find nothing). Two
  // numbers whose first is no month ("45/2018") may be a document's number: left as words.
  const bool day_shape = std::count_if(chunk.begin(), chunk.end(), [](char c) {
                           return c == '/' || c == '.' || c == '-';
                         }) == 2;
  if (day_shape && parsed.problem == DateProblem::kNoSuchMonth) {
    throw QueryMistake(chunk + ": không có tháng " + std::to_string(parsed.date.month) +
                       " (ngày viết trước tháng: ngày/tháng/năm)");
  }
  if (day_shape && parsed.problem == DateProblem::kNoSuchDay) {
    throw QueryMistake(chunk + ": tháng " + std::to_string(parsed.date.month) + " năm " +
                       std::to_string(parsed.date.year) + " không có ngày " +
                       std::to_string(parsed.date.day));
  }
  if (!parsed.ok() || parsed.date.month == 0) return std::nullopt;
  return parsed.date;
}

// The words of a date as documents write it: "ngày 02 tháng 10 năm 2022" (day and month with
// and without their zero), folded, as a phrase.
Xapian::Query WrittenDateQuery(const CalendarDate& d) {
  const std::string f(schema::kPrefixFolded);
  auto number = [&](int n) {
    std::vector<Xapian::Query> forms{Xapian::Query(f + std::to_string(n))};
    if (n < 10) forms.emplace_back(f + "0" + std::to_string(n));
    return Xapian::Query(Xapian::Query::OP_OR, forms.begin(), forms.end());
  };
  std::vector<Xapian::Query> words;
  if (d.day > 0) words.push_back(number(d.day));
  words.emplace_back(f + "thang");
  words.push_back(number(d.month));
  words.emplace_back(f + "nam");
  words.emplace_back(f + std::to_string(d.year));
  return Xapian::Query(Xapian::Query::OP_PHRASE, words.begin(), words.end());
}

Xapian::Query DateRange(const CalendarDate& first, const CalendarDate& last, bool date_terms) {
  return RecordDates(FirstDayKey(first), LastDayKey(last), date_terms);
}

// The terms of a day or a month typed (kPrefixWrittenDate): the records of that date and those
// whose text writes it out, on an index of format 3; else the record's date and the phrase.
Xapian::Query DateQuery(const CalendarDate& date, bool written_dates) {
  if (written_dates) {
    std::vector<std::string> terms = schema::DateTerms(date);
    return Xapian::Query(terms.front());  // the day's, or the month's
  }
  return Xapian::Query(Xapian::Query::OP_OR, DateRange(date, date, false), WrittenDateQuery(date));
}

TypedDates TakeDates(const std::string& nfc, bool written_dates) {
  const std::vector<std::string> chunks = SplitSpaces(nfc);
  TypedDates out;
  bool quoted = false;
  std::vector<std::string> keys;  // each chunk as typed keys compare it, once
  keys.reserve(chunks.size());
  for (const std::string& c : chunks) keys.push_back(vi::TypedKey(c));
  auto key = [&](size_t i) { return i < keys.size() ? keys[i] : std::string(); };
  for (size_t i = 0; i < chunks.size(); ++i) {
    const std::string& chunk = chunks[i];
    const size_t quotes = std::count(chunk.begin(), chunk.end(), '"');
    if (quoted || quotes > 0 || chunk.find(':') != std::string::npos) {
      if (quotes % 2 == 1) quoted = !quoted;
      out.rest += (out.rest.empty() ? "" : " ") + chunk;
      continue;
    }
    std::optional<CalendarDate> date;
    size_t used = 0;
    // "ngày 2 tháng 10 năm 2022", "tháng 10 năm 2022"
    const bool day_words = key(i) == "ngay" && Digits(key(i + 1)) && key(i + 2) == "thang" &&
                           Digits(key(i + 3)) && key(i + 4) == "nam" && Digits(key(i + 5));
    const bool month_words =
        key(i) == "thang" && Digits(key(i + 1)) && key(i + 2) == "nam" && Digits(key(i + 3));
    if (day_words || month_words) {
      const std::string text = day_words ? key(i + 1) + "/" + key(i + 3) + "/" + key(i + 5)
                                         : key(i + 1) + "/" + key(i + 3);
      date = SlashDate(text);
      used = day_words ? 6 : 4;
    } else if ((key(i) == "ngay" || key(i) == "thang") && SlashDate(key(i + 1))) {
      date = SlashDate(key(i + 1));  // "ngày 02/10/2022", "tháng 10/2022"
      used = 2;
    } else if (const size_t dots = chunk.find(".."); dots != std::string::npos) {
      std::optional<CalendarDate> from = SlashDate(chunk.substr(0, dots));
      std::optional<CalendarDate> to = SlashDate(chunk.substr(dots + 2));
      if (from && to && FirstDayKey(*from) <= LastDayKey(*to)) {
        out.dates.push_back(DateRange(*from, *to, written_dates));
        continue;
      }
    } else if ((date = SlashDate(chunk))) {
      used = 1;
    }
    if (!date) {
      out.rest += (out.rest.empty() ? "" : " ") + chunk;
      continue;
    }
    out.dates.push_back(DateQuery(*date, written_dates));
    i += used - 1;
  }
  return out;
}

// A query typed without marks matches the folded words only. A query with marks matches the
// folded words too, and the exact spellings add weight, so they rank first. Adjacent words
// typed add the weight of their syllable pair where a record's title fields hold it. On an
// index of format 2 on (schema.h kFormatFile) the folded words are searched by their
// vi::SearchKey (kĩ and kỹ one word); of format 3, abbreviations and dates typed by the terms
// the writer gave what the text writes. Dates typed are dates (TakeDates).
BuiltQuery BuildQuery(Xapian::QueryParser& qp, const std::string& typed,
                      const QueryContext& context = {}) {
  const bool current_format = context.format.search_keys;
  std::string nfc = XorAsWord(vi::Nfc(typed));
  int wildcards = 0;
  for (const std::string& token : SplitSpaces(nfc))
    wildcards += !token.empty() && token.back() == '*';
  if (wildcards > kMaxWildcards) {
    throw QueryMistake("Câu tìm có " + std::to_string(wildcards) +
                       " từ viết tắt bằng dấu *; tối đa " + std::to_string(kMaxWildcards) +
                       ": gõ thêm chữ trước dấu * hoặc bớt từ");
  }
  TypedDates dates = TakeDates(nfc, context.format.written_dates);
  nfc = std::move(dates.rest);
  if (current_format) {
    qp.set_stemmer(Xapian::Stem(new SearchKeyStem));
    qp.set_stemming_strategy(Xapian::QueryParser::STEM_ALL);
  }
  // Abbreviations and their long forms as alternatives, on the folded side only (the exact
  // side weighs the words as typed).
  const std::string_view indexed =
      context.format.abbreviations ? kAbbreviationField : std::string_view();
  Xapian::Query query = qp.parse_query(vi::Fold(context.abbreviations->Expand(nfc, indexed)),
                                       kParseFlags, std::string(schema::kPrefixFolded));
  qp.set_stemming_strategy(Xapian::QueryParser::STEM_NONE);
  Xapian::Query exact;
  if (vi::HasDiacritics(nfc)) {
    // Exact words are indexed without positions (index/writer.cc): their side only weighs the
    // words, so a phrase is asked of them as its words.
    std::string words = nfc;
    std::replace(words.begin(), words.end(), '"', ' ');
    exact = qp.parse_query(words, kParseFlags, "");
  }
  const std::vector<std::string> pairs = PairsOf(nfc);
  if (!pairs.empty()) {
    const Xapian::Query any_pair(Xapian::Query::OP_OR, pairs.begin(), pairs.end());
    query = Xapian::Query(Xapian::Query::OP_AND_MAYBE, query,
                          Xapian::Query(Xapian::Query::OP_SCALE_WEIGHT, any_pair, kPairWeight));
  }
  Xapian::Query number = NumberBoost(nfc);
  if (!number.empty()) query = Xapian::Query(Xapian::Query::OP_OR, query, number);
  for (const Xapian::Query& date : dates.dates) {
    query = query.empty() ? date : Xapian::Query(Xapian::Query::OP_AND, query, date);
  }
  return {query, exact};
}

// The term of the documents of files whose access regime is "02" (SeesConditionalFiles).
std::string ConditionalTerm() {
  return std::string(schema::kPrefixAccessRegime) +
         schema::FieldTermValue(std::string(kAccessConditional));
}

// `query` without the records `access` may not see: by their mark (a record's kPrefixSecrecy
// term; a mark other than the three, set by hand, counts as the highest), and by their file's
// access regime.
Xapian::Query WithAccess(const Xapian::Query& query, const Access& access) {
  std::vector<Xapian::Query> allowed;
  bool all_marks = true;
  for (const SecrecyMark& mark : kSecrecyMarks) {
    if (mark.printed.empty()) continue;
    if (MayRead(access, mark.secrecy)) {
      allowed.emplace_back(std::string(schema::kPrefixSecrecy) +
                           schema::FieldTermValue(mark.printed));
    } else {
      all_marks = false;
    }
  }
  const Xapian::Query allowed_marks(Xapian::Query::OP_OR, allowed.begin(), allowed.end());
  Xapian::Query marked;
  if (!MayRead(access, "")) {
    // Only marked records, of the marks allowed.
    marked = allowed.empty() ? Xapian::Query::MatchNothing
                             : Xapian::Query(Xapian::Query::OP_FILTER, query, allowed_marks);
  } else if (all_marks) {
    marked = query;
  } else {
    const Xapian::Query any_mark(Xapian::Query::OP_WILDCARD, std::string(schema::kPrefixSecrecy));
    const Xapian::Query hidden =
        allowed.empty() ? any_mark
                        : Xapian::Query(Xapian::Query::OP_AND_NOT, any_mark, allowed_marks);
    marked = Xapian::Query(Xapian::Query::OP_AND_NOT, query, hidden);
  }
  if (SeesConditionalFiles(access)) return marked;
  return Xapian::Query(Xapian::Query::OP_AND_NOT, marked, Xapian::Query(ConditionalTerm()));
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
  QueryContext context;
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
  bool exact = true;  // lower_bound is the count
  FacetTally facets;
};

// The records of `db` among `first` (in any order) that `query` matches, weighed by it.
Xapian::MSet WeighAgain(Xapian::Database& db, const Xapian::MSet& first, const Xapian::Query& query,
                        Xapian::doccount wanted) {
  std::vector<Xapian::docid> ids(first.begin(), first.end());
  std::sort(ids.begin(), ids.end());
  Xapian::Enquire enquire(db);
  enquire.set_weighting_scheme(Bm25());
  const Xapian::Query those((new DocidList(std::move(ids)))->release());
  enquire.set_query(Xapian::Query(Xapian::Query::OP_FILTER, query, those));
  return enquire.get_mset(0, wanted);
}

// Runs in a thread of its own for each part: everything Xapian here belongs to this call
// (a Query's reference counts are not thread-safe, so other threads parse the query again;
// `parsed`, the query parsed by the calling thread, is given only to the part it asks). A
// shard on another machine gets the whole query `serialised` instead: parsing against it
// would cost a round trip per word looked up.
PartAnswer AskPart(Xapian::Database& db, size_t part, const PartQuestion& question,
                   const BuiltQuery* parsed, const std::string* serialised) {
  PartAnswer answer;
  try {
    BuiltQuery query;
    if (parsed) {
      query = *parsed;
    } else if (serialised) {
      query.match = Xapian::Query::unserialise(*serialised);
    } else {
      Xapian::QueryParser qp = MakeParser(db, question.context);
      query = BuildQuery(qp, question.query, question.context);
    }
    // Asked of one database, a long query's exact spellings weigh its first kExactWindow
    // records after the search (DocidList numbers one database's documents); a part of many
    // databases (a small archive searched as one) is weighed whole.
    const bool weigh_exact_after = !query.exact.empty() && question.sort == SortOrder::kRelevance &&
                                   db.size() == 1 &&
                                   SplitSpaces(question.query).size() >= kExactAfterWords;
    const Xapian::doccount wanted = std::max<Xapian::doccount>(1, question.first_records);
    Xapian::Enquire enquire(db);
    enquire.set_weighting_scheme(Bm25());
    enquire.set_time_limit(kExactCountSeconds);
    enquire.set_query(WithAccess(weigh_exact_after ? query.match : query.Whole(), question.access));
    Xapian::MultiValueKeyMaker by_date;
    if (question.sort != SortOrder::kRelevance) {
      // Records without a date last either way (their key sorts after every date).
      const bool newest = question.sort == SortOrder::kNewestFirst;
      by_date.add_value(schema::kSlotDate, newest, newest ? "" : "99999999");
      enquire.set_sort_by_key_then_relevance(&by_date, false);
    }
    // Xapian's own counter of values, which the remote backend runs where the shard is.
    std::vector<std::unique_ptr<Xapian::ValueCountMatchSpy>> spies;
    if (question.facets) {
      for (const auto& facet : schema::kFacets) {
        spies.push_back(std::make_unique<Xapian::ValueCountMatchSpy>(facet.slot));
        enquire.add_matchspy(spies.back().get());
      }
    }
    // At least one match is asked for: with none, Xapian answers counts from term statistics,
    // which would count the records the caller may not see.
    Xapian::MSet mset =
        enquire.get_mset(0, weigh_exact_after ? std::max(wanted, kExactWindow) : wanted,
                         question.facets ? kFacetCountLimit : kExactCountLimit);
    answer.lower_bound = mset.get_matches_lower_bound();
    answer.estimated = mset.get_matches_estimated();
    answer.exact = answer.lower_bound == mset.get_matches_upper_bound();
    for (size_t f = 0; f < spies.size(); ++f) {
      for (auto v = spies[f]->values_begin(); v != spies[f]->values_end(); ++v)
        answer.facets[f][*v] += v.get_termfreq();
    }
    if (weigh_exact_after && !mset.empty()) mset = WeighAgain(db, mset, query.Whole(), wanted);
    for (auto it = mset.begin(); it != mset.end(); ++it) {
      Candidate c{part, *it, it.get_weight(), it.get_percent(), ""};
      if (question.sort != SortOrder::kRelevance)
        c.date = it.get_document().get_value(schema::kSlotDate);
      answer.candidates.push_back(std::move(c));
    }
  } catch (const QueryMistake& e) {
    answer.status = InvalidArgument(e.what());
  } catch (const Xapian::QueryParserError& e) {
    answer.status = ParserError(e);
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
  Abbreviations abbreviations = Abbreviations::BuiltIn();
  std::filesystem::path index_dir;
  std::string stub;  // the stub as read when the databases were opened
  // Each mark's databases (index/layout.h), by Secrecy: a search opens those its caller may read.
  std::array<std::vector<Xapian::Database>, std::size(kSecrecyMarks)> marks;
  std::array<std::vector<schema::IndexFormat>, std::size(kSecrecyMarks)> formats;
  // The shards on other machines: connected, or when to try again.
  struct Remote {
    index::RemoteShard shard;
    std::optional<Xapian::Database> db;
    std::chrono::steady_clock::time_point retry_at{};
  };
  std::vector<Remote> remotes;

  // Connects to the remote shards not connected, and sees the connected ones' new commits; a
  // shard that does not answer within the deadline is left out until its retry_at.
  // All at once (the calling thread takes the first): shards that do not answer cost one
  // deadline, not one each.
  void RefreshRemotes() {
    std::vector<std::future<void>> refreshing;
    for (size_t r = 1; r < remotes.size(); ++r) {
      try {
        refreshing.push_back(
            std::async(std::launch::async, [this, r] { RefreshRemote(remotes[r]); }));
      } catch (const std::system_error&) {
        RefreshRemote(remotes[r]);
      }
    }
    if (!remotes.empty()) RefreshRemote(remotes[0]);
    for (auto& done : refreshing) done.get();
  }

  void RefreshRemote(Remote& remote) {
    const unsigned deadline = static_cast<unsigned>(options.remote_deadline_ms);
    try {
      if (remote.db) {
        try {
          remote.db->reopen();
        } catch (const Xapian::NetworkTimeoutError&) {
          throw;  // slow: not asked again now
        } catch (const Xapian::NetworkError&) {
          // Its server restarted (a new generation served): connect again at once.
          remote.db =
              Xapian::Remote::open(remote.shard.host, remote.shard.port, deadline, deadline);
        }
      } else if (std::chrono::steady_clock::now() >= remote.retry_at) {
        remote.db = Xapian::Remote::open(remote.shard.host, remote.shard.port, deadline, deadline);
      }
    } catch (const Xapian::Error& e) {
      Disconnect(remote, e);
    }
  }

  // When a shard left out is asked again: one that failed a search is connected again at the
  // next (it may only have been slow on that query, or restarted); one that could not be
  // connected to, after kRemoteRetry.
  enum class Retry { kAtNextSearch, kLater };
  void Disconnect(Remote& remote, const Xapian::Error& e) {
    Disconnect(remote, e.get_description(), Retry::kLater);
  }
  void Disconnect(Remote& remote, const std::string& why, Retry retry) {
    if (remote.db || remote.retry_at == std::chrono::steady_clock::time_point{})
      spdlog::warn("shard {} does not answer: {}", remote.shard.Name(), why);
    remote.db.reset();
    remote.retry_at = std::chrono::steady_clock::now();
    if (retry == Retry::kLater) remote.retry_at += kRemoteRetry;
  }

  Status OpenDatabases() {
    Result<index::IndexDatabases> named = index::ReadIndexDatabases(index_dir);
    if (!named.ok()) return named.status();
    Result<std::string> read = ReadFile(index_dir / "XAPIANDB");
    if (!read.ok()) return read.status();
    try {
      decltype(marks) opened;
      decltype(formats) format;
      for (const index::ShardDb& db : named->databases) {
        opened[static_cast<size_t>(db.secrecy)].emplace_back(db.path.string());
        Result<std::string> written = ReadFile(db.path / schema::kFormatFile);
        format[static_cast<size_t>(db.secrecy)].push_back(
            schema::ReadIndexFormat(written.ok() ? *written : ""));
      }
      marks = std::move(opened);
      formats = std::move(format);
      stub = std::move(read).value();
      std::vector<Remote> listed;
      for (const index::RemoteShard& shard : named->remotes) {
        auto was = std::find_if(remotes.begin(), remotes.end(),
                                [&](const Remote& r) { return r.shard == shard; });
        listed.push_back(was == remotes.end() ? Remote{shard, std::nullopt, {}} : std::move(*was));
      }
      remotes = std::move(listed);
      RefreshRemotes();
      return Status::Ok();
    } catch (const Xapian::Error& e) {
      return IoError("cannot open index " + index_dir.string() + ": " + e.get_description());
    }
  }

  // Sees what writers committed since: new commits, a database of a mark seen for the first
  // time, a rebuilt index switched in (its stub changed).
  Status Refresh() {
    Result<std::string> now = ReadFile(index_dir / "XAPIANDB");
    if (!now.ok()) return now.status();
    if (*now != stub) return OpenDatabases();
    RefreshRemotes();
    try {
      for (auto& dbs : marks) {
        for (Xapian::Database& db : dbs) db.reopen();
      }
      return Status::Ok();
    } catch (const Xapian::Error& e) {
      return IoError("cannot reopen index " + index_dir.string() + ": " + e.get_description());
    }
  }

  // What every database `access` may read holds (schema.h kFormatFile): a query asks only that.
  schema::IndexFormat Format(const Access& access) const {
    schema::IndexFormat all{true, true, true};
    for (const SecrecyMark& mark : kSecrecyMarks) {
      if (!MayRead(access, mark.secrecy)) continue;
      for (const schema::IndexFormat& f : formats[static_cast<size_t>(mark.secrecy)]) {
        all.search_keys &= f.search_keys;
        all.written_dates &= f.written_dates;
        all.abbreviations &= f.abbreviations;
      }
    }
    return all;
  }

  // The databases `access` may read: only their records are counted, ranked and suggested.
  std::vector<Xapian::Database*> Visible(const Access& access) {
    std::vector<Xapian::Database*> visible;
    for (const SecrecyMark& mark : kSecrecyMarks) {
      if (!MayRead(access, mark.secrecy)) continue;
      for (Xapian::Database& db : marks[static_cast<size_t>(mark.secrecy)]) visible.push_back(&db);
    }
    return visible;
  }

  // Asks every part at once, one thread each (the calling thread asks the first, with
  // `parsed` when given; a part no thread could be started for, too).
  // `remote`: by part, whether it is a shard on another machine (given `parsed` serialised).
  std::vector<PartAnswer> Ask(const std::vector<Xapian::Database*>& parts,
                              const PartQuestion& question, const BuiltQuery* parsed = nullptr,
                              const std::vector<bool>& remote = {}) {
    std::vector<std::future<PartAnswer>> others;
    const BuiltQuery* none = nullptr;
    const std::string serialised = parsed ? parsed->Whole().serialise() : "";
    for (size_t p = 1; p < parts.size(); ++p) {
      const std::string* copy = parsed && p < remote.size() && remote[p] ? &serialised : nullptr;
      try {
        others.push_back(std::async(std::launch::async, AskPart, std::ref(*parts[p]), p,
                                    std::cref(question), none, copy));
      } catch (const std::system_error&) {
        others.push_back(std::async(std::launch::deferred, AskPart, std::ref(*parts[p]), p,
                                    std::cref(question), none, copy));
      }
    }
    std::vector<PartAnswer> answers;
    answers.push_back(AskPart(*parts[0], 0, question, parsed, nullptr));
    for (auto& other : others) answers.push_back(other.get());
    return answers;
  }
};

Searcher::Searcher(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Searcher::~Searcher() = default;

std::string_view TotalKindName(TotalKind kind) {
  switch (kind) {
    case TotalKind::kAtLeast:
      return "at_least";
    case TotalKind::kAbout:
      return "about";
    case TotalKind::kExact:
      break;
  }
  return "exact";
}

Result<std::unique_ptr<Searcher>> Searcher::Open(const std::filesystem::path& index_dir,
                                                 const SearcherOptions& options) {
  switch (index::DetectLayout(index_dir)) {
    case index::IndexLayout::kNone:
      return NotFound("no index at " + index_dir.string() +
                      "; ingest files first (luutru ingest PATH --archive DIR)");
    case index::IndexLayout::kPageDocuments:
    case index::IndexLayout::kShards:
      return index::OldLayoutError(index_dir);
    case index::IndexLayout::kMarkShards:
      break;
  }
  auto impl = std::make_unique<Impl>();
  impl->options = options;
  impl->index_dir = index_dir;
  Result<Abbreviations> abbreviations = Abbreviations::WithArchiveFile(
      options.abbreviations_file.empty() ? index_dir.parent_path() / "viet-tat.txt"
                                         : options.abbreviations_file);
  if (!abbreviations.ok()) return abbreviations.status();
  impl->abbreviations = std::move(abbreviations).value();
  LUUTRU_RETURN_IF_ERROR(impl->OpenDatabases());
  return std::unique_ptr<Searcher>(new Searcher(std::move(impl)));
}

Result<bool> Searcher::MayOpen(const std::string& record_id, const Access& access) {
  LUUTRU_RETURN_IF_ERROR(impl_->Refresh());
  try {
    const std::string term = std::string(schema::kPrefixRecord) + record_id;
    for (Xapian::Database* db : impl_->Visible(access)) {
      if (!db->term_exists(term)) continue;
      if (SeesConditionalFiles(access)) return true;
      // Not when its file is of the regime the caller may not see.
      const Xapian::docid id = *db->postlist_begin(term);
      Xapian::PostingIterator conditional = db->postlist_begin(ConditionalTerm());
      if (conditional != db->postlist_end(ConditionalTerm())) conditional.skip_to(id);
      return conditional == db->postlist_end(ConditionalTerm()) || *conditional != id;
    }
    return false;
  } catch (const Xapian::Error& e) {
    return IoError("search failed: " + e.get_description());
  }
}

Result<long long> Searcher::CountRecords(const Access& access) {
  LUUTRU_RETURN_IF_ERROR(impl_->Refresh());
  try {
    long long n = 0;
    for (Xapian::Database* db : impl_->Visible(access)) {
      n += db->get_doccount();
      if (!SeesConditionalFiles(access)) n -= db->get_termfreq(ConditionalTerm());
    }
    return n;
  } catch (const Xapian::Error& e) {
    return IoError("search failed: " + e.get_description());
  }
}

Result<SearchResults> Searcher::Search(const SearchRequest& request) {
  if (request.limit < 0 || request.offset < 0) {
    return InvalidArgument("offset and limit must not be negative");
  }
  LUUTRU_RETURN_IF_ERROR(impl_->Refresh());
  try {
    // What the caller may read here, as one database (whole statistics of those records only),
    // and as its databases one by one (searched at once when there are many records); then
    // each shard on another machine that answered, as a part of its own (the caller's
    // clearance is inside the query, WithAccess).
    const std::vector<Xapian::Database*> visible = impl_->Visible(request.access);
    Xapian::Database local, readable;
    for (Xapian::Database* db : visible) {
      local.add_database(*db);
      readable.add_database(*db);
    }
    SearchResults results;
    std::vector<Impl::Remote*> remotes;
    for (Impl::Remote& remote : impl_->remotes) {
      if (remote.db) {
        remotes.push_back(&remote);
        readable.add_database(*remote.db);
      } else {
        results.missing_shards.push_back(remote.shard.Name());
      }
    }
    if (visible.empty() && remotes.empty()) {
      // Nothing to read; a query that does not parse is refused all the same.
      const QueryContext none{{}, &impl_->abbreviations};
      Xapian::QueryParser empty = MakeParser(readable, none);
      BuildQuery(empty, request.query, none);
      return results;
    }
    const schema::IndexFormat format = impl_->Format(request.access);
    const bool current_format = format.search_keys;
    const QueryContext context{format, &impl_->abbreviations};
    // Parsed here too: a query that does not parse fails before any thread starts, and the
    // words and pages of the hits are found from it.
    Xapian::QueryParser qp = MakeParser(readable, context);
    const BuiltQuery built = BuildQuery(qp, request.query, context);
    const Xapian::Query query = built.Whole();

    std::vector<Xapian::Database*> parts;
    if (!visible.empty()) {
      parts = {&local};
      if (visible.size() > 1 &&
          static_cast<long long>(local.get_doccount()) >= impl_->options.parallel_from_records) {
        parts = visible;
      }
    }
    std::vector<Impl::Remote*> remote_of(parts.size(), nullptr);  // by part: its shard, if remote
    for (Impl::Remote* remote : remotes) {
      parts.push_back(&*remote->db);
      remote_of.push_back(remote);
    }
    // A remote part that failed: left out, the results marked partial.
    auto lost = [&](size_t part, const std::string& why) {
      Impl::Remote* remote = remote_of[part];
      if (!remote) return false;
      if (remote->db) {
        results.missing_shards.push_back(remote->shard.Name());
        impl_->Disconnect(*remote, why, Impl::Retry::kAtNextSearch);
      }
      return true;
    };
    // A word or two typed: the first records are ordered by the words they hold whole.
    std::vector<std::vector<std::string>> whole_words;
    if (const std::string nfc = vi::Nfc(request.query);
        request.sort == SortOrder::kRelevance && current_format &&
        SplitSpaces(nfc).size() <= kWholeWordsQueryWords) {
      whole_words = TypedRuns(nfc);
    }
    const Xapian::doccount wanted = static_cast<Xapian::doccount>(request.offset) +
                                    static_cast<Xapian::doccount>(request.limit);
    PartQuestion question{request.query,
                          request.access,
                          request.sort,
                          whole_words.empty() || !remotes.empty()
                              ? wanted
                              : std::max<Xapian::doccount>(wanted, kWholeWordWindow),
                          request.facets,
                          context};
    std::vector<bool> remote_parts;
    for (Impl::Remote* remote : remote_of) remote_parts.push_back(remote != nullptr);
    std::vector<PartAnswer> answers = impl_->Ask(parts, question, &built, remote_parts);

    // Past kExactCountLimit the count is an estimate from statistics that include hidden
    // records: a restricted caller is told only how many are certain.
    const bool restricted = request.access.clearance != Clearance::kTuyetMat;
    FacetTally facets;
    std::vector<Candidate> ranked;
    for (size_t p = 0; p < answers.size(); ++p) {
      PartAnswer& answer = answers[p];
      if (!answer.status.ok()) {
        if (lost(p, answer.status.message())) continue;
        return answer.status;
      }
      results.total_records += restricted ? answer.lower_bound : answer.estimated;
      if (!answer.exact) results.total_kind = restricted ? TotalKind::kAtLeast : TotalKind::kAbout;
      for (size_t f = 0; f < facets.size(); ++f) {
        for (const auto& [value, n] : answer.facets[f]) facets[f][value] += n;
      }
      std::move(answer.candidates.begin(), answer.candidates.end(), std::back_inserter(ranked));
    }
    std::stable_sort(ranked.begin(), ranked.end(), [&](const Candidate& a, const Candidate& b) {
      return Before(a, b, request.sort);
    });
    // (Not with shards on other machines: each record's positions would be a round trip.)
    if (!whole_words.empty() && remotes.empty()) {
      const size_t window = std::min(ranked.size(), kWholeWordWindow);
      std::vector<std::pair<std::pair<int, int>, Candidate>> held;
      for (size_t i = 0; i < window; ++i) {
        const Candidate& c = ranked[i];
        held.emplace_back(WholeWordsHeld(*parts[c.part], c.docid, whole_words), c);
      }
      std::stable_sort(held.begin(), held.end(),
                       [](const auto& a, const auto& b) { return a.first > b.first; });
      for (size_t i = 0; i < window; ++i) ranked[i] = std::move(held[i].second);
    }
    if (request.facets) results.facets = TopFacetValues(facets, kFacetValuesShown);

    // loai:quyet dinh finds nothing: say that values with spaces go in quotes, and offer the
    // quoted query when it finds what the caller may see.
    if (results.total_records == 0) {
      if (std::string quoted = QuoteFilterValues(request.query); !quoted.empty()) {
        results.hint = "Giá trị có dấu cách phải đặt trong ngoặc kép: " + quoted;
        long long found = 0;
        for (const PartAnswer& answer : impl_->Ask(
                 parts, {quoted, request.access, SortOrder::kRelevance, 1, false, context})) {
          if (answer.status.ok()) found += answer.lower_bound;
        }
        if (found > 0) results.suggestion = quoted;
      }
    }

    if (request.suggest && results.suggestion.empty() &&
        (results.total_records < kSuggestBelow || current_format)) {
      // A word the index does not hold (when little is found), or two words that never stand
      // together where a near spelling does (an index of syllable pairs: asked always).
      // From the databases here: Xapian's remote backend keeps no spelling table.
      std::string respelled =
          results.total_records < kSuggestBelow ? SuggestQuery(local, request.query) : "";
      if (respelled.empty() && current_format) respelled = SuggestByPairs(local, request.query);
      if (!respelled.empty()) {
        // At least one visible record, by a real match (an estimate of an access-filtered
        // query is not a count).
        long long found = 0;
        for (const PartAnswer& answer : impl_->Ask(
                 parts, {respelled, request.access, SortOrder::kRelevance, 1, false, context})) {
          if (answer.status.ok()) found += answer.lower_bound;
        }
        if (found > results.total_records) results.suggestion = respelled;
      }
    }

    std::vector<std::string> words = QueryWords(query);
    std::map<size_t, WordWeights> weights_of;  // by part: asked once (a round trip each, remote)
    for (size_t i = static_cast<size_t>(request.offset);
         i < ranked.size() && static_cast<int>(results.hits.size()) < request.limit; ++i) {
      const Candidate& c = ranked[i];
      Xapian::Database& db = *parts[c.part];
      if (remote_of[c.part] && !remote_of[c.part]->db) continue;  // lost since
      std::optional<Result<index::RecordData>> read;
      std::optional<PageHits> found;
      try {
        read = index::DecodeRecordData(db.get_document(c.docid).get_data());
        if (!read->ok()) return read->status();
        auto [weights, fresh] = weights_of.try_emplace(c.part);
        if (fresh) weights->second = QueryWordWeights(db, query);
        // A remote record's positions from its text: a round trip per word saved.
        found = remote_of[c.part] ? FindPageHitsInText(query, weights->second, **read)
                                  : FindPageHits(db, c.docid, query, weights->second, **read);
      } catch (const Xapian::NetworkError& e) {
        if (!lost(c.part, e.get_description())) throw;
        continue;
      }
      const index::RecordData* data = &**read;
      const PageHits& pages = *found;
      SearchHit hit;
      hit.record_id = data->record_id;
      hit.source = data->source;
      hit.best_page = pages.best_page;
      hit.page_count = static_cast<int>(data->pages.size());
      hit.matching_pages = pages.matching_pages;
      hit.relevance = c.percent;
      hit.summary = data->summary;
      for (const index::PageSpan& page : data->pages) {
        if (page.number == pages.best_page)
          hit.snippet = MakeSnippet(page.text, words, request.snippet);
      }
      results.hits.push_back(std::move(hit));
    }
    return results;
  } catch (const QueryMistake& e) {
    return InvalidArgument(e.what());
  } catch (const Xapian::QueryParserError& e) {
    return ParserError(e);
  } catch (const Xapian::Error& e) {
    return IoError("search failed: " + e.get_description());
  }
}

}  // namespace luutru::search
