// The one schema of an archive's catalog.sqlite (DESIGN.md, "The archive on disk"): every
// table its owners keep, ingest's (files, records, runs, corrections) and the server's
// (users, audit), and the archival files (hoso, hoso_documents: hoso/store.h). db::Database::Open
// applies it, and the migrations after it, to a catalog older than kSchemaVersion; an up to date
// catalog is not written to on opening.
#pragma once

namespace luutru::db {

inline constexpr int kSchemaVersion = 7;

inline constexpr const char* kSchema = R"sql(
CREATE TABLE IF NOT EXISTS files (
  key        TEXT PRIMARY KEY,   -- absolute path
  size       INTEGER NOT NULL,
  mtime_ns   INTEGER NOT NULL,
  sha256     TEXT NOT NULL,
  record_id  TEXT NOT NULL,
  state      TEXT NOT NULL,      -- done | failed
  error      TEXT NOT NULL,
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS records (
  id         TEXT PRIMARY KEY,
  sha256     TEXT NOT NULL,      -- of the original; a scan split into documents has several
  part       INTEGER NOT NULL DEFAULT 1,  -- the document's place in its scan: 1, 2, ...
  source     TEXT NOT NULL,
  format     TEXT NOT NULL,
  pages      INTEGER NOT NULL,   -- the record's own: a document of a split scan, its share
  updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS records_by_sha256 ON records (sha256);
CREATE TABLE IF NOT EXISTS runs (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  command     TEXT NOT NULL,
  started_at  TEXT NOT NULL,
  finished_at TEXT,
  report      TEXT
);
CREATE TABLE IF NOT EXISTS corrections (
  record_id  TEXT NOT NULL,
  field      TEXT NOT NULL,      -- a metadata field name (DESIGN.md)
  value      TEXT NOT NULL,
  set_at     TEXT NOT NULL,
  PRIMARY KEY (record_id, field)
);
CREATE TABLE IF NOT EXISTS users (
  name        TEXT PRIMARY KEY,
  clearance   TEXT NOT NULL,      -- public | internal | mat | toi-mat | tuyet-mat
  token_hash  TEXT NOT NULL UNIQUE,
  created_at  TEXT NOT NULL,
  archivist   INTEGER NOT NULL DEFAULT 0  -- may change the archive through the API (a split)
);
CREATE TABLE IF NOT EXISTS audit (
  seq          INTEGER PRIMARY KEY,   -- 1, 2, 3, ... no gaps
  at           TEXT NOT NULL,
  user         TEXT NOT NULL,
  action       TEXT NOT NULL,
  target       TEXT NOT NULL,
  result_count INTEGER NOT NULL,
  status       INTEGER NOT NULL,
  prev_hash    TEXT NOT NULL,
  hash         TEXT NOT NULL,
  key_id       TEXT NOT NULL DEFAULT ''   -- the audit key that signed the entry; '' before keys
);
CREATE TABLE IF NOT EXISTS hoso (
  code       TEXT PRIMARY KEY,   -- số và ký hiệu hồ sơ, as the finding aid writes it
  elements   TEXT NOT NULL,      -- JSON: TT 05 element name -> value (hoso/archival_file.h)
  updated_at TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS hoso_documents (
  hoso       TEXT NOT NULL,      -- hoso.code
  record_id  TEXT NOT NULL,
  ordinal    INTEGER NOT NULL,   -- số thứ tự tài liệu trong hồ sơ: 1, 2, ...
  elements   TEXT NOT NULL DEFAULT '{}',  -- JSON: the document's own (hoso/archival_file.h)
  PRIMARY KEY (hoso, record_id),
  UNIQUE (hoso, ordinal)
);
)sql";

}  // namespace luutru::db
