// Dates as people write them: the shapes taken, the precision kept, impossible dates named.
#include "core/dates.h"

#include <gtest/gtest.h>

#include "core/record.h"

namespace luutru {
namespace {

TEST(ParseDate, TakesTheShapesPeopleWrite) {
  struct Case {
    const char* text;
    CalendarDate date;
  };
  for (const Case& c : {Case{"02/10/2022", {2022, 10, 2}}, Case{"2/10/2022", {2022, 10, 2}},
                        Case{"02-10-2022", {2022, 10, 2}}, Case{"02.10.2022", {2022, 10, 2}},
                        Case{"2022-10-02", {2022, 10, 2}}, Case{"10/2022", {2022, 10, 0}},
                        Case{"2022-10", {2022, 10, 0}}, Case{"2022", {2022, 0, 0}},
                        Case{"29/02/2024", {2024, 2, 29}}}) {
    ParsedDate parsed = ParseDate(c.text);
    EXPECT_TRUE(parsed.ok()) << c.text;
    EXPECT_EQ(parsed.date, c.date) << c.text;
  }
}

TEST(ParseDate, NamesWhatIsWrong) {
  struct Case {
    const char* text;
    DateProblem problem;
  };
  for (const Case& c :
       {Case{"13/2022", DateProblem::kNoSuchMonth}, Case{"02/13/2022", DateProblem::kNoSuchMonth},
        Case{"2022-00-10", DateProblem::kNoSuchMonth}, Case{"31/04/2022", DateProblem::kNoSuchDay},
        Case{"29/02/2023", DateProblem::kNoSuchDay}, Case{"29/02/1900", DateProblem::kNoSuchDay},
        Case{"00/01/2022", DateProblem::kNoSuchDay}, Case{"hôm qua", DateProblem::kNotADate},
        Case{"02/10/22", DateProblem::kNotADate}, Case{"02/10-2022", DateProblem::kNotADate},
        Case{"", DateProblem::kNotADate}, Case{"2022/", DateProblem::kNotADate},
        Case{"1/2/3/2022", DateProblem::kNotADate}, Case{"0999", DateProblem::kNotADate},
        Case{"123/10/2022", DateProblem::kNotADate}}) {
    EXPECT_EQ(ParseDate(c.text).problem, c.problem) << c.text;
  }
}

TEST(ParseDate, KeysCoverTheWholeDayMonthOrYear) {
  EXPECT_EQ(IsoDate({2022, 10, 2}), "2022-10-02");
  EXPECT_EQ(IsoDate({2022, 10, 0}), "2022-10");
  EXPECT_EQ(IsoDate({2022, 0, 0}), "2022");
  EXPECT_EQ(WrittenDate("2022-10-02"), "02/10/2022");
  EXPECT_EQ(WrittenDate("2022-10"), "10/2022");
  EXPECT_EQ(WrittenDate("2022"), "2022");
  EXPECT_EQ(WrittenDate("không rõ"), "không rõ");
  EXPECT_EQ(FirstDayKey({2024, 2, 0}), "20240201");
  EXPECT_EQ(LastDayKey({2024, 2, 0}), "20240229");
  EXPECT_EQ(LastDayKey({2023, 0, 0}), "20231231");
  EXPECT_EQ(LastDayKey({2023, 5, 7}), "20230507");
}

TEST(FieldNames, EitherNameInAnyCaseWithOrWithoutMarks) {
  EXPECT_EQ(CanonicalFieldName("loai"), "doc_type");
  EXPECT_EQ(CanonicalFieldName("Loại"), "doc_type");
  EXPECT_EQ(CanonicalFieldName("doc_type"), "doc_type");
  EXPECT_EQ(CanonicalFieldName("NGÀY"), "date");
  EXPECT_EQ(CanonicalFieldName("người ký"), "") << "names are one word";
  EXPECT_EQ(CanonicalFieldName("nguoiky"), "signer");
  EXPECT_EQ(CanonicalFieldName("chucvu"), "signer_title");
  EXPECT_EQ(CanonicalFieldName("year"), "") << "not a field of the record";
  for (const FieldName& f : kMetadataFields) {
    EXPECT_EQ(CanonicalFieldName(f.json), f.json);
    EXPECT_EQ(CanonicalFieldName(f.vietnamese), f.json);
  }
}

TEST(UtcSeconds, CalendarFieldsInUtc) {
  EXPECT_EQ(UtcSeconds(1970, 1, 1, 0, 0, 0), 0);
  EXPECT_EQ(UtcSeconds(2026, 12, 1, 3, 15, 0), 1796094900);
  EXPECT_EQ(UtcSeconds(2024, 2, 29, 23, 59, 59) + 1, UtcSeconds(2024, 3, 1, 0, 0, 0));
}

}  // namespace
}  // namespace luutru
