// Every route of the API (server/server.h) answered in-process, without a socket, over a
// temporary archive: what each answers, and that a record the caller may not read is as
// missing everywhere it could show (docs/security.md).
#include "server/api.h"

#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>

#include "core/archive_layout.h"
#include "core/fs_util.h"
#include "core/record_json.h"
#include "fake_engines.h"
#include "hoso/store.h"
#include "ingest/catalog.h"
#include "ingest/pipeline.h"
#include "ingest/record_fields.h"
#include "server/users.h"
#include "test_util.h"

namespace luutru::server {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;

// An archive of two records: a letter with a text layer (open), and a scan read by a fake
// engine ("văn bản quét …") marked MẬT. Users: one with internal clearance, one with mat.
class ApiTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    dir_ = new testing::TempDir();
    const fs::path in = *dir_ / "in";
    fs::create_directories(in);
    fs::copy_file(testing::SamplesDir() / "cv-chuyen-doi-so.pdf", in / "cv-chuyen-doi-so.pdf");
    fs::copy_file(testing::SamplesDir() / "qd-so-hoa-tai-lieu.png", in / "qd-so-hoa-tai-lieu.png");
    ingest::IngestOptions ingest;
    ingest.archive_dir = *dir_ / "archive";
    ingest.jobs = 1;
    ingest.make_engine = []() -> Result<std::unique_ptr<ocr::OcrEngine>> {
      return std::unique_ptr<ocr::OcrEngine>(new testing::FakeOcrEngine("văn bản quét"));
    };
    Result<ingest::IngestReport> report = ingest::RunIngest({in.string()}, ingest);
    ASSERT_TRUE(report.ok()) << report.status().ToString();
    ASSERT_EQ(report->archived, 2);
    for (const ingest::FileOutcome& f : report->files) {
      (fs::path(f.source).extension() == ".pdf" ? letter_ : scan_) = f.record_id;
    }
    const ArchiveLayout layout(ingest.archive_dir);
    ASSERT_TRUE(ingest::SetFields(layout, scan_, {{"confidentiality", "MẬT"}}).ok());
    auto users = UserStore::Open(layout.catalog());
    ASSERT_TRUE(users.ok());
    internal_token_ = (*users)->Add("an", search::Clearance::kInternal).value();
    mat_token_ = (*users)->Add("binh", search::Clearance::kMat).value();
    archivist_token_ = (*users)->Add("chi", search::Clearance::kInternal, true).value();
  }
  static void TearDownTestSuite() { delete dir_; }

  void SetUp() override {
    ServeOptions options;
    options.archive_dir = *dir_ / "archive";
    options.audit_key_file = *dir_ / "audit.key";
    options.max_upload_bytes = 1 << 20;
    Result<std::unique_ptr<Api>> api = Api::Open(options);
    ASSERT_TRUE(api.ok()) << api.status().ToString();
    api_ = std::move(api).value();
  }

  HttpResponse Get(const std::string& path, const std::string& token = "",
                   std::map<std::string, std::string> params = {}) {
    HttpRequest req;
    req.method = "GET";
    req.path = path;
    req.params = std::move(params);
    if (!token.empty()) req.headers["authorization"] = "Bearer " + token;
    return api_->Handle(req);
  }

  HttpResponse Post(const std::string& path, const std::string& token, const std::string& body) {
    HttpRequest req;
    req.method = "POST";
    req.path = path;
    req.body = body;
    if (!token.empty()) req.headers["authorization"] = "Bearer " + token;
    return api_->Handle(req);
  }

  static json Body(const HttpResponse& res) { return json::parse(res.body); }
  static long long Found(const HttpResponse& res) { return Body(res).value("total", -1LL); }

  static testing::TempDir* dir_;
  static std::string letter_, scan_, internal_token_, mat_token_, archivist_token_;
  std::unique_ptr<Api> api_;
};

testing::TempDir* ApiTest::dir_ = nullptr;
std::string ApiTest::letter_, ApiTest::scan_, ApiTest::internal_token_, ApiTest::mat_token_,
    ApiTest::archivist_token_;

TEST_F(ApiTest, HealthThePageAndMetrics) {
  EXPECT_EQ(Get("/healthz").status, 200);
  const HttpResponse page = Get("/");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.content_type.rfind("text/html", 0), 0u);
  EXPECT_EQ(Get("/web/app.js").status, 200);
  EXPECT_EQ(Get("/web/no-such.js").status, 404);
  Get("/api/v1/search", internal_token_, {{"q", "số"}});
  const HttpResponse metrics = Get("/metrics", internal_token_);
  EXPECT_EQ(metrics.status, 200);
  EXPECT_NE(metrics.body.find("route=\"search\""), std::string::npos) << metrics.body;
}

TEST_F(ApiTest, SearchAnswersAndRefusesWhatItCannotRead) {
  const HttpResponse found = Get("/api/v1/search", internal_token_, {{"q", "chuyển đổi số"}});
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_EQ(Found(found), 1);
  EXPECT_EQ(Body(found)["hits"][0]["record"], letter_);
  const HttpResponse bad = Get("/api/v1/search", internal_token_, {{"q", "ngay:31/02/2022"}});
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(Body(bad)["error"]["code"], "bad_query");
}

TEST_F(ApiTest, AnUnknownTokenIsRefused) {
  const HttpResponse res = Get("/api/v1/search", "not-a-token", {{"q", "số"}});
  EXPECT_EQ(res.status, 401);
  EXPECT_EQ(Body(res)["error"]["code"], "unauthorized");
}

TEST_F(ApiTest, ARecordItsPagesItsFilesAndWhatIsNotThere) {
  const std::string base = "/api/v1/records/" + letter_;
  const HttpResponse record = Get(base, internal_token_);
  ASSERT_EQ(record.status, 200) << record.body;
  EXPECT_EQ(Body(record)["id"], letter_);
  // Its fields as the staff page shows them: titled, in the registry's order, none to check
  // (read from the text layer with full confidence).
  const auto fields = Body(record)["fields"];
  ASSERT_TRUE(fields.is_array() && !fields.empty()) << record.body;
  EXPECT_EQ(fields[0]["field"], "doc_type");
  EXPECT_EQ(fields[0]["label"], "Loại văn bản");
  EXPECT_EQ(fields[0]["value"], "CÔNG VĂN");
  for (const auto& field : fields) EXPECT_FALSE(field["check"].get<bool>()) << field.dump();
  EXPECT_EQ(Get(base + "/pages/1/text", internal_token_).status, 200);
  EXPECT_EQ(Get(base + "/pages/9/text", internal_token_).status, 404);
  const HttpResponse image = Get(base + "/pages/1/image", internal_token_, {{"width", "400"}});
  EXPECT_EQ(image.status, 200);
  EXPECT_EQ(image.content_type, "image/png");
  const HttpResponse original = Get(base + "/original", internal_token_);
  EXPECT_EQ(original.status, 200);
  EXPECT_EQ(original.file_size, fs::file_size(testing::SamplesDir() / "cv-chuyen-doi-so.pdf"));
  // A field read from the text layer has a box to show; one that was not read has none.
  EXPECT_EQ(Get(base + "/fields/number/image", internal_token_).status, 200);
  EXPECT_EQ(Get(base + "/fields/no_such_field/image", internal_token_).status, 404);
  EXPECT_EQ(Get("/api/v1/records/0000000000000000", internal_token_).status, 404);
  EXPECT_EQ(Get("/api/v1/jobs/no-such-job", internal_token_).status, 404);
  EXPECT_EQ(Get("/api/v1/nothing", internal_token_).status, 404);
}

TEST_F(ApiTest, APartialValueIsMarkedToCheckAgainstThePage) {
  const ArchiveLayout layout(*dir_ / "archive");
  Result<Record> record = RecordFromJson(*ReadFile(layout.RecordJson(letter_)));
  ASSERT_TRUE(record.ok());
  record->metadata.date = "2024-08";  // as read from "ngày    tháng 8 năm 2024"
  ASSERT_TRUE(WriteFileAtomically(layout.RecordJson(letter_), RecordToJson(*record)).ok());
  const auto fields = Body(Get("/api/v1/records/" + letter_, internal_token_))["fields"];
  bool date_shown = false;
  for (const auto& field : fields) {
    if (field["field"] != "date") continue;
    date_shown = true;
    EXPECT_EQ(field["value"], "2024-08");
    EXPECT_TRUE(field["check"].get<bool>());
  }
  EXPECT_TRUE(date_shown);
}

TEST_F(ApiTest, TheArchivalFileOfADocumentIsShownWithIt) {
  const ArchiveLayout layout(*dir_ / "archive");
  Result<Record> record = RecordFromJson(*ReadFile(layout.RecordJson(letter_)));
  ASSERT_TRUE(record.ok());
  record->hoso = ArchivalFileRef{"01.VP", 2, "", "3", "01", "02"};
  ASSERT_TRUE(WriteFileAtomically(layout.RecordJson(letter_), RecordToJson(*record)).ok());
  std::map<std::string, std::string> shown;
  const json body = Body(Get("/api/v1/records/" + letter_, internal_token_));
  for (const auto& field : body["fields"])
    shown[field["label"].get<std::string>()] = field["value"].get<std::string>();
  EXPECT_EQ(shown["Hồ sơ"], "01.VP (văn bản số 2)");
  EXPECT_EQ(shown["Thời hạn bảo quản"], "01 Vĩnh viễn");
  EXPECT_EQ(shown["Chế độ sử dụng"], "02 Sử dụng có điều kiện");
  EXPECT_EQ(shown["Hộp"], "3");
}

// Archival files as far as the caller may see them: a secret file ("03" Mật) is missing below
// MẬT, and a file's hidden document is left out of its list, its numbering and its counts.
TEST_F(ApiTest, ArchivalFilesShowOnlyWhatTheCallerMaySee) {
  auto store = hoso::Store::Open(*dir_ / "archive" / "catalog.sqlite");
  ASSERT_TRUE(store.ok());
  hoso::ArchivalFile open_file, secret_file;
  open_file.code = "01.VP";
  open_file.values = {{"title", "Hồ sơ văn thư"}, {"maintenance", "01"}, {"mode", "01"}};
  secret_file.code = "02.VP";
  secret_file.values = {{"title", "Hồ sơ mật"}, {"maintenance", "01"}, {"mode", "03"}};
  ASSERT_TRUE((*store)->PutFiles({open_file, secret_file}).ok());
  ASSERT_TRUE((*store)->Append("01.VP", {scan_, letter_}).ok());  // the MẬT scan first
  auto codes = [&](const std::string& token) {
    std::vector<std::string> out;
    const json body = Body(Get("/api/v1/hoso", token));
    for (const auto& f : body["files"]) out.push_back(f["code"].get<std::string>());
    return out;
  };
  EXPECT_EQ(codes(internal_token_), std::vector<std::string>{"01.VP"});
  EXPECT_EQ(codes(mat_token_), (std::vector<std::string>{"01.VP", "02.VP"}));

  const json seen = Body(Get("/api/v1/hoso/01.VP", internal_token_));
  ASSERT_EQ(seen["documents"].size(), 1u) << seen.dump();
  EXPECT_EQ(seen["documents"][0]["record"], letter_);
  EXPECT_EQ(seen["documents"][0]["ordinal"], 1) << "no gap where the hidden one is";
  EXPECT_EQ(seen["elements"]["totalDoc"], "1") << "counted from what the caller sees";
  const json all = Body(Get("/api/v1/hoso/01.VP", mat_token_));
  ASSERT_EQ(all["documents"].size(), 2u);
  EXPECT_EQ(all["documents"][1]["ordinal"], 2);
  EXPECT_EQ(all["elements"]["totalDoc"], "2");
  // As the staff page shows them: elements by their names, codes with theirs.
  std::map<std::string, std::string> shown;
  for (const auto& e : all["shown"])
    shown[e["label"].get<std::string>()] = e["value"].get<std::string>();
  EXPECT_EQ(shown["Thời hạn bảo quản"], "01 Vĩnh viễn");
  EXPECT_EQ(shown["Chế độ sử dụng"], "01 Công khai");
  EXPECT_FALSE(all["missing_shown"].empty());
  EXPECT_EQ(Body(Get("/api/v1/hoso", mat_token_))["files"][0]["maintenance_shown"], "01 Vĩnh viễn");

  const HttpResponse secret = Get("/api/v1/hoso/02.VP", internal_token_);
  EXPECT_EQ(secret.status, 404);
  EXPECT_EQ(secret.body, Get("/api/v1/hoso/09.VP", internal_token_).body)
      << "a secret file answers as a missing one";
  EXPECT_EQ(Get("/api/v1/hoso/02.VP", mat_token_).status, 200);
}

// How a scan was split into documents, page by page, for the one who may open it.
TEST_F(ApiTest, TheSplitOfAScanIsShownToWhoMayOpenIt) {
  const HttpResponse split = Get("/api/v1/records/" + letter_ + "/split", internal_token_);
  ASSERT_EQ(split.status, 200) << split.body;
  const json review = Body(split);
  EXPECT_EQ(review["starts"], json::array({1}));
  ASSERT_EQ(review["documents"].size(), 1u);
  EXPECT_EQ(review["documents"][0]["id"], letter_);
  EXPECT_TRUE(review["pages"][0]["begins"].get<bool>()) << "the letter's header is on its page";
  EXPECT_EQ(review["source"], "cv-chuyen-doi-so.pdf") << "not the server's folders";
  EXPECT_EQ(Get("/api/v1/records/" + scan_ + "/split", internal_token_).status, 404)
      << "a MẬT scan's split is as missing as the scan";
  EXPECT_EQ(Get("/api/v1/records/" + scan_ + "/split", mat_token_).status, 200);
}

// Moving a split changes the archive: an archivist's work, on documents they may open.
TEST_F(ApiTest, OnlyAnArchivistMovesASplit) {
  const std::string path = "/api/v1/records/" + letter_ + "/split";
  const HttpResponse reader = Post(path, internal_token_, R"({"starts": [1]})");
  EXPECT_EQ(reader.status, 403) << reader.body;
  EXPECT_EQ(Body(reader)["error"]["code"], "forbidden");
  EXPECT_EQ(Post(path, "", R"({"starts": [1]})").status, 403) << "nor an anonymous caller";
  const HttpResponse same = Post(path, archivist_token_, R"({"starts": [1]})");
  ASSERT_EQ(same.status, 200) << same.body;
  EXPECT_FALSE(Body(same)["changed"].get<bool>()) << "the split it has: nothing changes";
  EXPECT_EQ(Body(same)["starts"], json::array({1}));
  for (const char* bad : {"", "{}", R"({"starts": []})", R"({"starts": ["1"]})", "[1]"})
    EXPECT_EQ(Post(path, archivist_token_, bad).status, 400) << bad;
  const HttpResponse outside = Post(path, archivist_token_, R"({"starts": [1, 2]})");
  EXPECT_EQ(outside.status, 400) << "the letter has one page: " << outside.body;
  EXPECT_EQ(
      Post("/api/v1/records/" + scan_ + "/split", archivist_token_, R"({"starts": [1]})").status,
      404)
      << "a MẬT scan is not there for an internal archivist";
  EXPECT_EQ(Post(path, archivist_token_, std::string(Api::kMaxJsonBody + 1, ' ')).status, 413);
}

TEST_F(ApiTest, ARecordTheCallerMayNotReadIsMissingEverywhere) {
  // Searched for its own words, by id, its pages, its files, its fields: as if it were not there.
  EXPECT_EQ(Found(Get("/api/v1/search", internal_token_, {{"q", "quét"}})), 0);
  const std::string base = "/api/v1/records/" + scan_;
  for (const std::string& path :
       {base, base + "/pages/1/text", base + "/pages/1/image", base + "/pdf", base + "/original",
        base + "/fields/confidentiality/image", base + "/split"}) {
    const HttpResponse res = Get(path, internal_token_);
    EXPECT_EQ(res.status, 404) << path;
    EXPECT_EQ(
        res.body,
        Get("/api/v1/records/0000000000000000" + path.substr(base.size()), internal_token_).body)
        << path << ": a hidden record answers as a missing one";
  }
  // Its facets do not count it either.
  const HttpResponse all =
      Get("/api/v1/search", internal_token_, {{"q", "văn bản"}, {"facets", "1"}});
  EXPECT_EQ(all.body.find("MẬT"), std::string::npos) << all.body;
  // With clearance to read MẬT, it is there, and counted.
  EXPECT_EQ(Found(Get("/api/v1/search", mat_token_, {{"q", "quét"}})), 1);
  EXPECT_NE(Get("/api/v1/search", mat_token_, {{"q", "văn bản"}, {"facets", "1"}}).body.find("MẬT"),
            std::string::npos);
  EXPECT_EQ(Get(base, mat_token_).status, 200);
  EXPECT_EQ(Get(base + "/pages/1/text", mat_token_).status, 200);
}

TEST_F(ApiTest, OnlyGetHereAndUploadsWithinTheirLimit) {
  HttpRequest del;
  del.method = "DELETE";
  del.path = "/api/v1/records/" + letter_;
  EXPECT_EQ(api_->Handle(del).status, 405);

  HttpRequest upload;
  upload.method = "POST";
  upload.path = "/api/v1/uploads";
  upload.headers["authorization"] = "Bearer " + internal_token_;
  upload.headers["content-type"] = "multipart/form-data; boundary=x";
  upload.headers["content-length"] = std::to_string(2 << 20);
  ASSERT_TRUE(Api::IsUpload(upload));
  auto too_large = api_->BeginUpload(upload);
  ASSERT_TRUE(std::holds_alternative<HttpResponse>(too_large));
  EXPECT_EQ(std::get<HttpResponse>(too_large).status, 413);

  upload.headers["content-length"] = "100";
  upload.headers["content-type"] = "application/json";
  auto not_files = api_->BeginUpload(upload);
  ASSERT_TRUE(std::holds_alternative<HttpResponse>(not_files));
  EXPECT_EQ(std::get<HttpResponse>(not_files).status, 400);

  upload.headers["authorization"] = "Bearer not-a-token";
  auto stranger = api_->BeginUpload(upload);
  ASSERT_TRUE(std::holds_alternative<HttpResponse>(stranger));
  EXPECT_EQ(std::get<HttpResponse>(stranger).status, 401);
}

// Both files are already archived: nothing is read again. The open letter is a duplicate; the
// MẬT scan, above the uploader's clearance, is told "archived", as a new file would be.
TEST_F(ApiTest, AnUploadBecomesItsUploadersJobAndTellsNothingHidden) {
  HttpRequest upload;
  upload.method = "POST";
  upload.path = "/api/v1/uploads";
  upload.headers["authorization"] = "Bearer " + internal_token_;
  upload.headers["content-type"] = "multipart/form-data; boundary=x";
  auto begun = api_->BeginUpload(upload);
  ASSERT_TRUE(std::holds_alternative<std::unique_ptr<UploadInProgress>>(begun));
  auto& incoming = std::get<std::unique_ptr<UploadInProgress>>(begun);
  for (const char* name : {"cv-chuyen-doi-so.pdf", "qd-so-hoa-tai-lieu.png"}) {
    Result<std::string> bytes = ReadFile(testing::SamplesDir() / name);
    ASSERT_TRUE(bytes.ok());
    ASSERT_TRUE(incoming->BeginFile(name).ok());
    ASSERT_TRUE(incoming->Append(bytes->data(), bytes->size()).ok());
  }
  const HttpResponse taken = api_->FinishUpload(std::move(incoming), Status::Ok());
  ASSERT_EQ(taken.status, 202) << taken.body;
  const std::string job = Body(taken)["job"];
  json state;
  for (int i = 0; i < 600; ++i) {  // the job runs on the API's worker thread
    state = Body(Get("/api/v1/jobs/" + job, internal_token_));
    if (state["state"] == "done" || state["state"] == "failed") break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  ASSERT_EQ(state["state"], "done") << state.dump();
  std::map<std::string, std::string> outcome;
  for (const json& file : state["outcomes"]) outcome[file["file"]] = file["outcome"];
  EXPECT_EQ(outcome["cv-chuyen-doi-so.pdf"], "duplicate");
  EXPECT_EQ(outcome["qd-so-hoa-tai-lieu.png"], "archived");
  EXPECT_EQ(state["files_outcome"]["archived"], 1);
  EXPECT_EQ(Get("/api/v1/jobs/" + job, mat_token_).status, 404) << "another user's job";
}

}  // namespace
}  // namespace luutru::server
