#include "core/dates.h"

#include <cstdio>
#include <ctime>
#include <vector>

namespace luutru {
namespace {

// The runs of digits of `text` and the one separator between them; false if anything else.
bool SplitNumbers(std::string_view text, std::vector<std::string_view>& parts, char& separator) {
  separator = 0;
  size_t start = 0;
  for (size_t i = 0; i <= text.size(); ++i) {
    if (i < text.size() && text[i] >= '0' && text[i] <= '9') continue;
    if (i == start) return false;  // empty part: "10//2022", "/2022", "2022/"
    parts.push_back(text.substr(start, i - start));
    if (i == text.size()) break;
    const char c = text[i];
    if (c != '/' && c != '-' && c != '.') return false;
    if (separator && c != separator) return false;
    separator = c;
    start = i + 1;
  }
  return parts.size() >= 1 && parts.size() <= 3;
}

int ToInt(std::string_view digits) {
  int n = 0;
  for (char c : digits) n = n * 10 + (c - '0');
  return n;
}

}  // namespace

int DaysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (month < 1 || month > 12) return 0;
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return kDays[month - 1] + (month == 2 && leap ? 1 : 0);
}

ParsedDate ParseDate(std::string_view text) {
  ParsedDate out;
  std::vector<std::string_view> parts;
  char separator = 0;
  if (!SplitNumbers(text, parts, separator)) {
    out.problem = DateProblem::kNotADate;
    return out;
  }
  // Which part is the year decides the order: first (ISO, "2022-10-02") or last (as written
  // in Vietnam, "02/10/2022").
  const bool year_first = parts.front().size() == 4;
  const bool year_last = parts.back().size() == 4;
  std::string_view year, month, day;
  if (parts.size() == 1 && year_first) {
    year = parts[0];
  } else if (parts.size() > 1 && year_first && !year_last) {
    year = parts[0];
    month = parts[1];
    if (parts.size() == 3) day = parts[2];
  } else if (parts.size() > 1 && year_last && !year_first) {
    year = parts.back();
    month = parts[parts.size() - 2];
    if (parts.size() == 3) day = parts[0];
  } else {
    out.problem = DateProblem::kNotADate;
    return out;
  }
  if (month.size() > 2 || day.size() > 2 || ToInt(year) < 1000) {
    out.problem = DateProblem::kNotADate;
    return out;
  }
  out.date.year = ToInt(year);
  if (!month.empty()) {
    out.date.month = ToInt(month);
    if (out.date.month < 1 || out.date.month > 12) {
      out.problem = DateProblem::kNoSuchMonth;
      return out;
    }
  }
  if (!day.empty()) {
    out.date.day = ToInt(day);
    if (out.date.day < 1 || out.date.day > DaysInMonth(out.date.year, out.date.month)) {
      out.problem = DateProblem::kNoSuchDay;
    }
  }
  return out;
}

std::string IsoDate(const CalendarDate& d) {
  char text[16];
  if (d.month == 0) {
    std::snprintf(text, sizeof text, "%04d", d.year);
  } else if (d.day == 0) {
    std::snprintf(text, sizeof text, "%04d-%02d", d.year, d.month);
  } else {
    std::snprintf(text, sizeof text, "%04d-%02d-%02d", d.year, d.month, d.day);
  }
  return text;
}

std::string FirstDayKey(const CalendarDate& d) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d%02d%02d", d.year, d.month ? d.month : 1,
                d.day ? d.day : 1);
  return text;
}

std::string LastDayKey(const CalendarDate& d) {
  const int month = d.month ? d.month : 12;
  char text[16];
  std::snprintf(text, sizeof text, "%04d%02d%02d", d.year, month,
                d.day ? d.day : DaysInMonth(d.year, month));
  return text;
}

std::string WrittenDate(std::string_view iso) {
  const ParsedDate parsed = ParseDate(iso);
  if (!parsed.ok()) return std::string(iso);
  const CalendarDate& d = parsed.date;
  char out[16];
  if (d.day > 0) {
    std::snprintf(out, sizeof out, "%02d/%02d/%04d", d.day, d.month, d.year);
  } else if (d.month > 0) {
    std::snprintf(out, sizeof out, "%02d/%04d", d.month, d.year);
  } else {
    std::snprintf(out, sizeof out, "%04d", d.year);
  }
  return out;
}

long long UtcSeconds(int year, int month, int day, int hour, int minute, int second) {
  std::tm t{};
  t.tm_year = year - 1900;
  t.tm_mon = month - 1;
  t.tm_mday = day;
  t.tm_hour = hour;
  t.tm_min = minute;
  t.tm_sec = second;
  return static_cast<long long>(timegm(&t));
}

}  // namespace luutru
