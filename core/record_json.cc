#include "core/record_json.h"

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>

#include "core/fs_util.h"

namespace luutru {
namespace {

using Json = nlohmann::ordered_json;

// One decimal is all a confidence or an angle carries; it keeps export lines short and stable.
double Round1(double v) { return std::round(v * 10.0) / 10.0; }

Json MetadataToJson(const Metadata& m) {
  Json j = Json::object();
  for (const FieldName& field : kMetadataFields) {
    const std::string key(field.json);
    if (field.text) {
      j[key] = m.*field.text;
    } else {
      j[key] = m.recipients;
    }
  }
  return j;
}

Metadata MetadataFromJson(const Json& j) {
  Metadata m;
  for (const FieldName& field : kMetadataFields) {
    const std::string key(field.json);
    if (field.text) {
      m.*field.text = j.value(key, std::string());
    } else if (j.contains(key)) {
      m.recipients = j[key].get<std::vector<std::string>>();
    }
  }
  return m;
}

// Words are many: each is a compact array [text, x0, y0, x1, y1, confidence, line, block].
Json WordsToJson(const std::vector<Word>& words) {
  Json out = Json::array();
  for (const Word& w : words) {
    out.push_back(Json::array({w.text, w.box.x0, w.box.y0, w.box.x1, w.box.y1,
                               static_cast<int>(w.confidence), w.line, w.block}));
  }
  return out;
}

std::vector<Word> WordsFromJson(const Json& j) {
  std::vector<Word> words;
  for (const Json& w : j) {
    if (!w.is_array() || w.size() != 8) continue;
    words.push_back(
        Word{w[0].get<std::string>(), Box{w[1], w[2], w[3], w[4]}, w[5].get<float>(), w[6], w[7]});
  }
  return words;
}

Json PageToJson(const PageText& p, bool include_words) {
  Json j{{"n", p.number},
         {"text", p.text},
         {"method", TextMethodName(p.method)},
         {"confidence", Round1(p.confidence)},
         {"rotation", p.rotation},
         {"skew_deg", Round1(p.skew_deg)}};
  if (p.width > 0) {
    j["width"] = p.width;
    j["height"] = p.height;
    j["dpi"] = p.dpi;
  }
  if (!p.error.empty()) j["error"] = p.error;
  if (include_words && !p.words.empty()) j["words"] = WordsToJson(p.words);
  return j;
}

PageText PageFromJson(const Json& j) {
  PageText p;
  p.number = j.value("n", 1);
  p.text = j.value("text", std::string());
  p.method = TextMethodFromName(j.value("method", std::string("none")));
  p.confidence = j.value("confidence", 0.0);
  p.rotation = j.value("rotation", 0);
  p.skew_deg = j.value("skew_deg", 0.0);
  p.width = j.value("width", 0);
  p.height = j.value("height", 0);
  p.dpi = j.value("dpi", 0);
  p.error = j.value("error", std::string());
  if (j.contains("words")) p.words = WordsFromJson(j["words"]);
  return p;
}

}  // namespace

std::string RecordToJson(const Record& r, const RecordJsonOptions& options) {
  Json pages = Json::array();
  for (const PageText& p : r.pages) pages.push_back(PageToJson(p, options.include_words));
  Json evidence = Json::object();
  std::map<std::string, const Evidence*> by_name;  // record.json keeps them in name order
  for (const auto& [field, e] : r.evidence) by_name[std::string(FieldOf(field).json)] = &e;
  for (const auto& [name, e] : by_name) {
    evidence[name] = Json{{"page", e->page},
                          {"box", {e->box.x0, e->box.y0, e->box.x1, e->box.y1}},
                          {"confidence", e->confidence}};
    if (e->corrected) evidence[name]["corrected"] = true;
    if (!e->read.empty()) evidence[name]["read"] = e->read;
  }
  Json j{{"id", r.id},          {"source", r.source},
         {"sha256", r.sha256},  {"format", r.format},
         {"size", r.size},      {"ingested_at", r.ingested_at},
         {"pages", pages},      {"metadata", MetadataToJson(r.metadata)},
         {"evidence", evidence}};
  if (!r.signatures.empty()) {
    Json signatures = Json::array();
    for (const Signature& sig : r.signatures) {
      signatures.push_back(Json{{"field", sig.field},
                                {"signer", sig.signer},
                                {"organization", sig.organization},
                                {"signed_at", sig.signed_at},
                                {"verdict", SignatureVerdictName(sig.verdict)},
                                {"whole_file", sig.whole_file},
                                {"page", sig.page}});
    }
    j["signatures"] = std::move(signatures);
  }
  if (!r.stamps.empty()) {
    Json stamps = Json::array();
    for (const Stamp& st : r.stamps) {
      stamps.push_back(Json{{"kind", StampKindName(st.kind)},
                            {"page", st.page},
                            {"box", {st.box.x0, st.box.y0, st.box.x1, st.box.y1}},
                            {"number", st.number},
                            {"date", st.date}});
    }
    j["stamps"] = std::move(stamps);
  }
  if (r.hoso) {
    j["hoso"] =
        Json{{"code", r.hoso->code}, {"ordinal", r.hoso->ordinal},       {"fonds", r.hoso->fonds},
             {"box", r.hoso->box},   {"maintenance", r.hoso->retention}, {"mode", r.hoso->access}};
  }
  if (r.part) {
    j["part"] = Json{{"n", r.part->n},
                     {"of", r.part->of},
                     {"scan_pages", r.part->scan_pages},
                     {"checked", r.part->checked}};
  }
  // Replace, never throw, on invalid UTF-8: a text layer may carry anything.
  return j.dump(options.indent, ' ', false, Json::error_handler_t::replace);
}

Result<Record> RecordFromJson(const std::string& text) {
  try {
    Json j = Json::parse(text);
    Record r;
    r.id = j.at("id").get<std::string>();
    r.source = j.value("source", std::string());
    r.sha256 = j.value("sha256", std::string());
    r.format = j.value("format", std::string());
    r.size = j.value("size", 0LL);
    r.ingested_at = j.value("ingested_at", std::string());
    const Json pages = j.value("pages", Json::array());
    for (const Json& p : pages) r.pages.push_back(PageFromJson(p));
    if (j.contains("metadata")) r.metadata = MetadataFromJson(j["metadata"]);
    const Json evidence = j.value("evidence", Json::object());
    for (const auto& [name, e] : evidence.items()) {
      const std::optional<Field> field = FieldNamed(name);
      if (!field) continue;  // no field of this build's
      Evidence ev;
      ev.page = e.value("page", 0);
      ev.confidence = e.value("confidence", 0.0);
      ev.corrected = e.value("corrected", false);
      ev.read = e.value("read", std::string());
      if (e.contains("box") && e["box"].size() == 4) {
        ev.box = {e["box"][0], e["box"][1], e["box"][2], e["box"][3]};
      }
      r.evidence[*field] = ev;
    }
    for (const Json& s : j.value("signatures", Json::array())) {
      Signature sig;
      sig.field = s.value("field", std::string());
      sig.signer = s.value("signer", std::string());
      sig.organization = s.value("organization", std::string());
      sig.signed_at = s.value("signed_at", std::string());
      sig.verdict = SignatureVerdictFromName(s.value("verdict", std::string()));
      sig.whole_file = s.value("whole_file", false);
      sig.page = s.value("page", 0);
      r.signatures.push_back(std::move(sig));
    }
    for (const Json& s : j.value("stamps", Json::array())) {
      Stamp st;
      st.kind = StampKindFromName(s.value("kind", std::string()));
      st.page = s.value("page", 0);
      if (s.contains("box") && s["box"].size() == 4)
        st.box = {s["box"][0], s["box"][1], s["box"][2], s["box"][3]};
      st.number = s.value("number", std::string());
      st.date = s.value("date", std::string());
      r.stamps.push_back(std::move(st));
    }
    if (j.contains("hoso") && j["hoso"].is_object()) {
      const Json& h = j["hoso"];
      r.hoso =
          ArchivalFileRef{h.value("code", std::string()),        h.value("ordinal", 0),
                          h.value("fonds", std::string()),       h.value("box", std::string()),
                          h.value("maintenance", std::string()), h.value("mode", std::string())};
    }
    if (j.contains("part") && j["part"].is_object()) {
      const Json& p = j["part"];
      r.part = ScanPart{p.value("n", 1), p.value("of", 1), p.value("scan_pages", 0),
                        p.value("checked", false)};
    }
    return r;
  } catch (const nlohmann::json::exception& e) {
    return Corrupt(std::string("record.json: ") + e.what());
  }
}

Result<Record> LoadRecord(const ArchiveLayout& layout, const std::string& id) {
  Result<std::string> json = ReadFile(layout.RecordJson(id));
  if (!json.ok()) return json.status().WithContext("record " + id);
  Result<Record> record = RecordFromJson(*json);
  if (!record.ok()) return record.status().WithContext("record " + id);
  return record;
}

}  // namespace luutru
