#include "index/abbreviations.h"

#include <algorithm>
#include <cstdio>
#include <sstream>

#include "core/fs_util.h"
#include "core/strings.h"
#include "core/vietnamese.h"
#include "extract/patterns.h"
#include "index/schema.h"

namespace luutru::index {
namespace {

// Names of bodies and of places as offices abbreviate them in headers, numbers and text.
constexpr std::pair<const char*, const char*> kBodies[] = {
    {"UBND", "Ủy ban nhân dân"},
    {"HĐND", "Hội đồng nhân dân"},
    {"MTTQ", "Mặt trận Tổ quốc"},
    {"TU", "Tỉnh ủy"},
    {"HU", "Huyện ủy"},
    {"TƯ", "Trung ương"},
    {"ĐU", "Đảng ủy"},
    {"BCH", "Ban Chấp hành"},
    {"BTV", "Ban Thường vụ"},
    {"UBKT", "Ủy ban Kiểm tra"},
    {"BTG", "Ban Tuyên giáo"},
    {"VP", "Văn phòng"},
    {"CP", "Chính phủ"},
    {"TTg", "Thủ tướng"},
    {"QH", "Quốc hội"},
    {"BNV", "Bộ Nội vụ"},
    {"TP", "Thành phố"},
    {"TX", "Thị xã"},
    {"THPT", "Trung học phổ thông"},
    {"THCS", "Trung học cơ sở"},
    {"LĐLĐ", "Liên đoàn Lao động"},
    {"CHXHCN", "Cộng hòa xã hội chủ nghĩa"},
};

// Words of `text` as the folded side of the index compares them.
std::vector<std::string> Keys(const std::string& text) {
  std::vector<std::string> keys;
  for (const vi::Token& t : vi::Tokenize(vi::Nfc(text))) keys.push_back(vi::SearchKey(t.word));
  return keys;
}

// Whether a folded lower-case word can be a Vietnamese syllable by its shape: an initial
// consonant (or none), vowels, a final consonant or glide (or none). "tu", "da", "hoa" can;
// "ubnd", "qd", "vp", "mttq" cannot (Debian's word list holds some abbreviations, so it cannot
// tell).
bool SyllableShape(const std::string& w) {
  static const char* kInitials[] = {"ngh", "ch", "gh", "gi", "kh", "ng", "nh", "ph", "qu",
                                    "th",  "tr", "b",  "c",  "d",  "g",  "h",  "k",  "l",
                                    "m",   "n",  "p",  "r",  "s",  "t",  "v",  "x"};
  static const char* kFinals[] = {"ch", "ng", "nh", "c", "m", "n", "p", "t", "i", "y", "o", "u"};
  size_t at = 0;
  for (const char* initial : kInitials) {
    if (w.rfind(initial, 0) == 0) {
      at = std::string_view(initial).size();
      break;
    }
  }
  const size_t vowels_end = w.find_first_not_of("aeiouy", at);
  if (vowels_end == at) return false;  // no vowel where one must be
  if (vowels_end == std::string::npos) return true;
  const std::string_view final(w.data() + vowels_end, w.size() - vowels_end);
  return std::any_of(std::begin(kFinals), std::end(kFinals),
                     [&](const char* f) { return final == f; });
}

bool AllCapitals(const std::string& word) {
  const std::string nfc = vi::Nfc(word);
  return vi::Upper(nfc) == nfc && vi::Lower(nfc) != nfc;
}

std::string Quoted(const std::string& words) {
  if (words.find(' ') == std::string::npos) return words;
  std::string quoted = "\"";
  quoted += words;
  return quoted += "\"";
}

// A chunk of the typed query that is a plain word (no filter, operator, sign, quote, wildcard
// or parenthesis).
bool Plain(const std::string& chunk) {
  return chunk.find_first_of(":\"()*") == std::string::npos && chunk.front() != '-' &&
         chunk.front() != '+' && chunk != "AND" && chunk != "OR" && chunk != "NOT";
}

}  // namespace

Abbreviations::Abbreviations(std::vector<Abbreviation> list, size_t built_in)
    : list_(std::move(list)), built_in_(built_in) {
  for (size_t n = 0; n < list_.size(); ++n) {
    const Abbreviation& a = list_[n];
    long_keys_.push_back(Keys(a.long_form));
    short_keys_.push_back(Keys(a.short_form));
    short_lower_.push_back(vi::Lower(vi::Nfc(a.short_form)));
    if (!Indexed(n)) continue;
    if (long_keys_[n].size() >= 2) by_key_[long_keys_[n][0]].long_starts.push_back(n);
    if (short_keys_[n].size() == 1) by_key_[short_keys_[n][0]].shorts.push_back(n);
  }
}

std::string Abbreviations::BuiltInDigest() {
  // FNV-1a over the entries: any change of the list changes it.
  uint32_t hash = 2166136261u;
  auto mix = [&](const std::string& text) {
    for (unsigned char c : text) hash = (hash ^ c) * 16777619u;
    hash = (hash ^ 0xffu) * 16777619u;
  };
  for (const Abbreviation& a : BuiltIn().list()) {
    mix(a.short_form);
    mix(a.long_form);
  }
  char hex[9];
  std::snprintf(hex, sizeof hex, "%08x", hash);
  return hex;
}

std::string Abbreviations::TermOf(size_t n) const {
  std::string term(kPrefixAbbreviation);
  return term += short_lower_[n];
}

void Abbreviations::AddTermsOf(const std::vector<std::string_view>& words,
                               const std::vector<std::string>& keys,
                               std::vector<std::string>& terms) const {
  for (size_t i = 0; i < keys.size(); ++i) {
    const auto entries = by_key_.find(keys[i]);
    if (entries == by_key_.end()) continue;
    for (size_t n : entries->second.long_starts) {
      const std::vector<std::string>& long_form = long_keys_[n];
      if (i + long_form.size() > keys.size()) continue;
      if (std::equal(long_form.begin() + 1, long_form.end(), keys.begin() + i + 1))
        terms.push_back(TermOf(n));
    }
    if (entries->second.shorts.empty()) continue;
    const std::string word(words[i]);
    // As offices write it: as listed, in capitals, or no syllable ("ubnd"); "Tu" is a name.
    const bool written_short = AllCapitals(word) || !SyllableShape(keys[i]);
    for (size_t n : entries->second.shorts) {
      if (word == list_[n].short_form || (written_short && vi::Lower(word) == short_lower_[n]))
        terms.push_back(TermOf(n));
    }
  }
}

const Abbreviations& Abbreviations::BuiltIn() {
  static const Abbreviations built_in = [] {
    std::vector<Abbreviation> list;
    for (const auto& [code, name] : extract::DocTypeAbbreviations()) {
      list.push_back({std::string(code), vi::CapitalizeFirst(vi::Lower(name))});
    }
    for (const auto& [code, name] : kBodies) list.push_back({code, name});
    const size_t built_in = list.size();
    return Abbreviations(std::move(list), built_in);
  }();
  return built_in;
}

Result<Abbreviations> Abbreviations::WithArchiveFile(const std::filesystem::path& archive_file) {
  std::vector<Abbreviation> list = BuiltIn().list();
  const size_t built_in = list.size();
  std::error_code ec;
  if (!std::filesystem::exists(archive_file, ec)) return Abbreviations(std::move(list), built_in);
  Result<std::string> text = ReadFile(archive_file);
  if (!text.ok()) return text.status();
  std::istringstream lines(*text);
  std::string line;
  for (int n = 1; std::getline(lines, line); ++n) {
    const size_t hash = line.find('#');
    if (hash != std::string::npos) line.erase(hash);
    const std::string trimmed(Trim(line));
    if (trimmed.empty()) continue;
    const size_t eq = trimmed.find('=');
    const std::string short_form =
        eq == std::string::npos ? "" : std::string(Trim(trimmed.substr(0, eq)));
    const std::string long_form =
        eq == std::string::npos ? "" : std::string(Trim(trimmed.substr(eq + 1)));
    if (short_form.empty() || long_form.empty() || short_form.find(' ') != std::string::npos) {
      return InvalidArgument(archive_file.string() + " dòng " + std::to_string(n) +
                             ": ghi \"VIẾT TẮT = tên đầy đủ\" (ví dụ \"UBND = Ủy ban nhân "
                             "dân\"), chữ viết tắt không có dấu cách");
    }
    list.push_back({vi::Nfc(short_form), vi::Nfc(long_form)});
  }
  return Abbreviations(std::move(list), built_in);
}

std::string Abbreviations::Expand(const std::string& typed, std::string_view indexed_field) const {
  // The alternative that finds entry n written: its term, when the index holds it.
  auto indexed = [&](size_t n) {
    std::string field(indexed_field);
    field += ':';
    return field += std::to_string(n);
  };
  const std::vector<std::string> chunks = SplitSpaces(typed);
  // Each chunk's words as the folded side compares them, once.
  std::vector<std::vector<std::string>> chunk_keys;
  chunk_keys.reserve(chunks.size());
  for (const std::string& c : chunks) chunk_keys.push_back(Keys(c));
  std::vector<std::string> out;
  bool changed = false, quoted = false;
  for (size_t i = 0; i < chunks.size();) {
    const std::string& chunk = chunks[i];
    const size_t quotes = std::count(chunk.begin(), chunk.end(), '"');
    if (quoted || !Plain(chunk)) {
      if (quotes % 2 == 1) quoted = !quoted;
      out.push_back(chunk);
      ++i;
      continue;
    }
    // The longest long form the words from here spell.
    size_t best_words = 0;
    std::vector<std::string> alternatives;
    for (size_t n = 0; n < list_.size(); ++n) {
      const std::vector<std::string>& words = long_keys_[n];
      if (words.size() < 2 || words.size() < best_words || i + words.size() > chunks.size())
        continue;
      bool same = true;
      for (size_t k = 0; k < words.size() && same; ++k) {
        same = chunk_keys[i + k].size() == 1 && chunk_keys[i + k][0] == words[k] &&
               Plain(chunks[i + k]);
      }
      if (!same) continue;
      if (words.size() > best_words) alternatives.clear();
      best_words = words.size();
      alternatives.push_back(!indexed_field.empty() && Indexed(n) ? indexed(n)
                                                                  : list_[n].short_form);
    }
    if (best_words > 0) {
      std::string words = chunks[i];
      for (size_t k = 1; k < best_words; ++k) words += " " + chunks[i + k];
      // The words as typed stay words (anywhere, as without the expansion); the abbreviation
      // is the alternative.
      std::string group = "(";
      group += "(";
      group += words;
      group += ")";
      for (const std::string& s : alternatives) group += " OR " + s;
      out.push_back(group + ")");
      i += best_words;
      changed = true;
      continue;
    }
    // An abbreviation typed.
    const std::vector<std::string>& key = chunk_keys[i];
    const bool marked = vi::HasDiacritics(chunk);
    const bool taken = key.size() == 1 && (AllCapitals(chunk) || !SyllableShape(key[0]));
    std::vector<std::string> long_forms;
    if (taken) {
      const std::string typed_lower = vi::Lower(vi::Nfc(chunk));
      for (size_t n = 0; n < list_.size(); ++n) {
        const Abbreviation& a = list_[n];
        const bool same = marked ? short_lower_[n] == typed_lower : short_keys_[n] == key;
        if (!same) continue;
        const std::string alternative =
            !indexed_field.empty() && Indexed(n) ? indexed(n) : Quoted(vi::Lower(a.long_form));
        if (std::find(long_forms.begin(), long_forms.end(), alternative) == long_forms.end())
          long_forms.push_back(alternative);
      }
    }
    if (long_forms.empty()) {
      out.push_back(chunk);
    } else {
      std::string group = "(";
      group += chunk;
      for (const std::string& l : long_forms) group += " OR " + l;
      out.push_back(group + ")");
      changed = true;
    }
    ++i;
  }
  if (!changed) return typed;
  std::string joined;
  for (const std::string& c : out) joined += (joined.empty() ? "" : " ") + c;
  return joined;
}

}  // namespace luutru::index
