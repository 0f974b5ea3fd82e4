#include "core/record_json.h"

#include <gtest/gtest.h>

namespace luutru {
namespace {

Record SampleRecord() {
  Record r;
  r.id = "0123456789abcdef";
  r.source = "scans/2023/qd-123.pdf";
  r.sha256 = "0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
  r.format = "pdf";
  r.size = 12345;
  PageText p1;
  p1.number = 1;
  p1.text = "QUYẾT ĐỊNH\nVề việc số hóa";
  p1.method = TextMethod::kOcr;
  p1.confidence = 91.24;
  p1.rotation = 180;
  p1.skew_deg = -2.14;
  p1.width = 2480;
  p1.height = 3508;
  p1.dpi = 300;
  PageText p2;
  p2.number = 2;
  p2.error = "timed_out: OCR took too long";
  r.pages = {p1, p2};
  r.metadata.doc_type = "QUYẾT ĐỊNH";
  r.metadata.number = "123/QĐ-UBND";
  r.metadata.recipients = {"Như Điều 3", "Lưu: VT"};
  r.evidence[Field::kNumber] = Evidence{1, Box{10, 20, 300, 60}, 0.93};
  return r;
}

TEST(RecordJsonTest, RoundTrips) {
  Record r = SampleRecord();
  Result<Record> back = RecordFromJson(RecordToJson(r));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->id, r.id);
  EXPECT_EQ(back->source, r.source);
  ASSERT_EQ(back->pages.size(), 2u);
  EXPECT_EQ(back->pages[0].text, r.pages[0].text);
  EXPECT_EQ(back->pages[0].method, TextMethod::kOcr);
  EXPECT_DOUBLE_EQ(back->pages[0].confidence, 91.2);  // one decimal kept
  EXPECT_EQ(back->pages[0].rotation, 180);
  EXPECT_EQ(back->pages[1].error, r.pages[1].error);
  EXPECT_EQ(back->metadata.number, "123/QĐ-UBND");
  EXPECT_EQ(back->metadata.recipients, r.metadata.recipients);
  EXPECT_EQ(back->evidence[Field::kNumber].box.x1, 300);
  EXPECT_TRUE(back->stamps.empty());
}

// Every row of core's field table is written to record.json and read back, value and
// evidence, under its name: a field added to the table needs nothing here.
TEST(RecordJsonTest, EveryFieldOfTheTableRoundTrips) {
  Record r = SampleRecord();
  for (const FieldName& field : kMetadataFields) {
    if (field.text) r.metadata.*field.text = "giá trị của " + std::string(field.json);
    r.evidence[field.field] = Evidence{2, Box{1, 2, 3, 4}, 0.5, false, "đọc được"};
  }
  auto back = RecordFromJson(RecordToJson(r));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->metadata, r.metadata);
  EXPECT_EQ(back->evidence, r.evidence);
  const std::string json = RecordToJson(r);
  for (const FieldName& field : kMetadataFields) {
    EXPECT_NE(json.find("\"" + std::string(field.json) + "\":"), std::string::npos) << field.json;
  }
}

TEST(RecordJsonTest, AnEvidenceOfAFieldThisBuildDoesNotKnowIsLeftOut) {
  std::string json = RecordToJson(SampleRecord());
  const size_t at = json.find("\"evidence\":{") + 12;
  json.insert(at, R"("retention":{"page":1,"box":[0,0,1,1],"confidence":0.9},)");
  auto back = RecordFromJson(json);
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->evidence, SampleRecord().evidence);
}

TEST(RecordJsonTest, StampsRoundTrip) {
  Record r = SampleRecord();
  r.stamps.push_back(Stamp{Stamp::Kind::kIncoming, 1, Box{6, 647, 596, 856}, "2770", "2018-04-04"});
  r.stamps.push_back(Stamp{Stamp::Kind::kIncoming, 2, Box{1, 2, 3, 4}, "", ""});  // found, not read
  r.evidence[Field::kAgency].read = "SỞ NỘl VỤ";  // repaired by a value people set elsewhere
  Result<Record> back = RecordFromJson(RecordToJson(r));
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  EXPECT_EQ(back->stamps, r.stamps);
  EXPECT_EQ(back->evidence[Field::kAgency].read, "SỞ NỘl VỤ");
  EXPECT_NE(RecordToJson(r).find("\"kind\":\"incoming\""), std::string::npos);
}

TEST(RecordJsonTest, ExportLineFollowsTheContract) {
  std::string line = RecordToJson(SampleRecord());
  EXPECT_EQ(line.find('\n'), std::string::npos) << "one line per record";
  for (const char* key : {"\"id\"", "\"source\"", "\"sha256\"", "\"pages\"", "\"n\"", "\"text\"",
                          "\"method\"", "\"confidence\"", "\"rotation\"", "\"skew_deg\"",
                          "\"metadata\"", "\"doc_type\"", "\"parent_agency\"", "\"signer_title\"",
                          "\"confidentiality\"", "\"urgency\"", "\"recipients\"", "\"evidence\""}) {
    EXPECT_NE(line.find(key), std::string::npos) << key;
  }
  EXPECT_NE(line.find("\"method\":\"ocr\""), std::string::npos);
}

TEST(RecordJsonTest, InvalidUtf8IsReplacedNotThrown) {
  Record r = SampleRecord();
  r.pages[0].text = "bad \xff byte";
  Result<Record> back = RecordFromJson(RecordToJson(r));
  ASSERT_TRUE(back.ok());
  EXPECT_EQ(back->pages[0].text, "bad \xEF\xBF\xBD byte");
}

TEST(RecordJsonTest, GarbageIsCorrupt) {
  EXPECT_EQ(RecordFromJson("{not json").status().code(), StatusCode::kCorrupt);
  EXPECT_EQ(RecordFromJson("{}").status().code(), StatusCode::kCorrupt);  // no id
}

}  // namespace
}  // namespace luutru

namespace luutru {
namespace {

TEST(IsPartialValueTest, DatesWithoutTheirDayAndNumbersWithoutTheirDigits) {
  EXPECT_TRUE(IsPartialValue(Field::kDate, "2025-02"));
  EXPECT_TRUE(IsPartialValue(Field::kDate, "2025"));
  EXPECT_FALSE(IsPartialValue(Field::kDate, "2025-02-07"));
  EXPECT_TRUE(IsPartialValue(Field::kNumber, "…/CT-UBND"));
  EXPECT_FALSE(IsPartialValue(Field::kNumber, "574/UBND-KTTH"));
  EXPECT_FALSE(IsPartialValue(Field::kDate, ""));         // missing, not partial
  EXPECT_FALSE(IsPartialValue(Field::kSubject, "2025"));  // only dates and numbers are partial
}

}  // namespace
}  // namespace luutru
