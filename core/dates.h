// Dates as people write them in Vietnam: on documents and in search boxes the day comes first
// ("02/10/2022", "2/10/2022", "02-10-2022", "02.10.2022"); a month is "10/2022"; ISO forms
// ("2022-10-02", "2022-10") and a bare year ("2022") are taken too. Pure.
#pragma once

#include <string>
#include <string_view>

namespace luutru {

// A date to the precision it was written: month and day are 0 when not given.
struct CalendarDate {
  int year = 0, month = 0, day = 0;
  bool operator==(const CalendarDate&) const = default;
};

enum class DateProblem {
  kNone,
  kNotADate,     // not one of the shapes above
  kNoSuchMonth,  // month 0 or over 12
  kNoSuchDay,    // day 0 or past the month's last (31/02, 29/02 of a common year)
};

struct ParsedDate {
  CalendarDate date;
  DateProblem problem = DateProblem::kNone;
  bool ok() const { return problem == DateProblem::kNone; }
};

// Years are four digits (1000-9999); text around the date is not taken.
ParsedDate ParseDate(std::string_view text);

int DaysInMonth(int year, int month);

// Seconds since 1970-01-01T00:00:00Z of a moment given by its UTC calendar fields.
long long UtcSeconds(int year, int month, int day, int hour, int minute, int second);

// "2022-10-02", "2022-10" or "2022", as precise as the date is.
std::string IsoDate(const CalendarDate& date);
// As Vietnamese forms write a date, day first: "02/10/2022", "10/2022", "2022". Text that is
// no date is given back as it is.
std::string WrittenDate(std::string_view iso);

// The first and the last day a date of any precision covers, as YYYYMMDD (the index's date
// key): 2022-10 -> 20221001, 20221031.
std::string FirstDayKey(const CalendarDate& date);
std::string LastDayKey(const CalendarDate& date);

}  // namespace luutru
