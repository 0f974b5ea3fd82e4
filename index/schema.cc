#include "index/schema.h"

#include "core/vietnamese.h"
#include "index/abbreviations.h"

namespace luutru::index {
namespace {

// The fields of the first index format, by their letters.
constexpr std::pair<Field, std::string_view> kFirstFormatPrefixes[] = {
    {Field::kDocType, kPrefixDocType},         {Field::kAgency, kPrefixAgency},
    {Field::kNumber, kPrefixNumber},           {Field::kSigner, kPrefixSigner},
    {Field::kConfidentiality, kPrefixSecrecy}, {Field::kUrgency, kPrefixUrgency},
};

std::vector<FieldTerm> MakeFieldTermPrefixes() {
  std::vector<FieldTerm> terms;
  for (const FieldName& field : kMetadataFields) {
    if (!field.text || field.kind == FieldKind::kDate) continue;
    std::string prefix = "XX" + vi::Upper(field.vietnamese) + ":";
    for (const auto& [first, letters] : kFirstFormatPrefixes) {
      if (first == field.field) prefix = std::string(letters);
    }
    terms.push_back({field.field, std::move(prefix)});
  }
  return terms;
}

}  // namespace

const std::vector<FieldTerm>& FieldTermPrefixes() {
  static const std::vector<FieldTerm> terms = MakeFieldTermPrefixes();
  return terms;
}

const std::vector<FieldFilter>& FieldFilters() {
  static const std::vector<FieldFilter> filters = [] {
    std::vector<FieldFilter> all;
    for (const FieldTerm& term : FieldTermPrefixes()) {
      all.push_back({FieldOf(term.field).vietnamese, FieldOf(term.field).json, term.prefix});
    }
    all.push_back({"nam", "year", std::string(kPrefixYear)});
    all.push_back({"soden", "incoming_number", std::string(kPrefixIncoming)});
    all.push_back({"hoso", "file", std::string(kPrefixFile)});
    all.push_back({"phong", "fonds", std::string(kPrefixFonds)});
    all.push_back({"hop", "box", std::string(kPrefixBox)});
    all.push_back({"thoihan", "retention", std::string(kPrefixRetention)});
    all.push_back({"chedo", "access_regime", std::string(kPrefixAccessRegime)});
    return all;
  }();
  return filters;
}

std::string CurrentIndexFormat() {
  std::string line = "3 ";
  return line += Abbreviations::BuiltInDigest();
}

IndexFormat ReadIndexFormat(std::string_view written) {
  IndexFormat format;
  const size_t end = written.find_first_of(" \n");
  const std::string_view version = written.substr(0, end);
  format.search_keys = version == "2" || version == "3";
  format.written_dates = version == "3";
  if (format.written_dates && end != std::string_view::npos && written[end] == ' ') {
    const std::string_view digest = written.substr(end + 1, written.find('\n', end) - end - 1);
    format.abbreviations = digest == Abbreviations::BuiltInDigest();
  }
  return format;
}

}  // namespace luutru::index
