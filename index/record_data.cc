#include "index/record_data.h"

#include <nlohmann/json.hpp>

namespace luutru::index {
namespace {

// Indexes written before the summary followed core's field table kept its fields under short
// keys; they are read as they are until `luutru reindex` writes them again.
std::string LegacyValue(const nlohmann::json& j, Field field) {
  static constexpr std::pair<Field, const char*> kShortKeys[] = {
      {Field::kDocType, "t"},         {Field::kNumber, "no"},  {Field::kDate, "d"},
      {Field::kAgency, "a"},          {Field::kSubject, "su"}, {Field::kSigner, "si"},
      {Field::kConfidentiality, "c"}, {Field::kUrgency, "u"}};
  for (const auto& [f, key] : kShortKeys) {
    if (f == field) return j.value(key, std::string());
  }
  return "";
}

}  // namespace

std::string EncodeRecordData(const RecordData& d) {
  nlohmann::json pages = nlohmann::json::array();
  for (const PageSpan& p : d.pages)
    pages.push_back({p.number, p.first_position, p.last_position, p.text.size()});
  nlohmann::json header{
      {"r", d.record_id}, {"s", d.source}, {"tp", d.title_position}, {"pg", pages}};
  for (Field field : kSummaryFields)
    header[std::string(FieldOf(field).json)] = d.summary.*FieldOf(field).text;
  std::string out = header.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
  out += '\0';
  for (const PageSpan& p : d.pages) out += p.text;
  return out;
}

Result<RecordData> DecodeRecordData(const std::string& bytes) {
  const size_t end = bytes.find('\0');
  if (end == std::string::npos) return Corrupt("record data without its page texts");
  try {
    auto j = nlohmann::json::parse(bytes.begin(), bytes.begin() + static_cast<std::ptrdiff_t>(end));
    RecordData d;
    d.record_id = j.value("r", std::string());
    d.source = j.value("s", std::string());
    for (Field field : kSummaryFields) {
      const FieldName& name = FieldOf(field);
      d.summary.*name.text = j.value(std::string(name.json), LegacyValue(j, field));
    }
    d.title_position = j.value("tp", 0u);
    size_t offset = end + 1;
    for (const auto& p : j.at("pg")) {
      PageSpan span;
      span.number = p.at(0).get<int>();
      span.first_position = p.at(1).get<unsigned>();
      span.last_position = p.at(2).get<unsigned>();
      const size_t size = p.at(3).get<size_t>();
      if (size > bytes.size() - offset)
        return Corrupt("record data: a page text runs past the end");
      span.text = bytes.substr(offset, size);
      offset += size;
      d.pages.push_back(std::move(span));
    }
    return d;
  } catch (const nlohmann::json::exception& e) {
    return Corrupt(std::string("record data: ") + e.what());
  }
}

}  // namespace luutru::index
