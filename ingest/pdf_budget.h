// What drawing one PDF page may ask of the renderer, checked before Poppler reads the page at
// all (its text too): a few kilobytes of a hostile file can ask for gigabytes (a content
// stream of 600,000 nested `q`, each a saved graphics state; a deflate bomb). The check streams
// the decoded content through a small lexer and keeps none of it.
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "core/status.h"

namespace luutru::ingest {

struct ContentLimits {
  // Decoded bytes of the page's content streams and of the forms it draws. Default: 64 MB (a
  // dense engineering drawing holds a few).
  long long max_bytes = 64ll << 20;
  // Graphics states saved (`q`) and not yet restored (`Q`) at once. The PDF reference calls
  // 28 an implementation limit; Poppler keeps each state (~5 KB), so 600,000 cost 3 GB.
  // Default: 10,000.
  int max_nesting = 10'000;
  // Form XObjects a page draws, counted once each. Default: 10,000.
  int max_forms = 10'000;
};

// The content-stream lexer on its own (pure, for tests and the fuzzer): feed decoded bytes,
// read the deepest nesting seen.
class ContentScanner {
 public:
  void Feed(const char* data, size_t size);
  // The end of a stream, which ends a token too.
  void Finish();
  int deepest() const { return deepest_; }
  long long bytes() const { return bytes_; }

 private:
  void Token();
  enum class State { kNormal, kComment, kString, kHexString, kInlineImage };
  State state_ = State::kNormal;
  int paren_depth_ = 0;
  bool escaped_ = false;
  std::string token_;
  std::string inline_tail_;  // the last bytes of inline image data, to find its end ("EI")
  int depth_ = 0;
  int deepest_ = 0;
  long long bytes_ = 0;
};

// A PDF's pages, opened with qpdf for the check (and the same password Poppler is given).
class ContentChecker {
 public:
  // nullptr when qpdf cannot read the file: Poppler then decides alone.
  static std::unique_ptr<ContentChecker> Open(const std::filesystem::path& path,
                                              const std::string& password);
  ~ContentChecker();

  // kTooLarge naming what is over a limit; OK otherwise, or when the page cannot be examined.
  Status CheckPage(int index, const ContentLimits& limits);

  // The resolution a scanned page was scanned at: for a page that is one image covering it
  // (the image's shape is the page's), the image's pixels per inch of the page; 0 for any
  // other page, or one that cannot be examined. A scan is best read at this resolution:
  // rendering it finer only interpolates, and blurs the marks stacked on â, ê and ô.
  int ScanDpi(int index);

 private:
  struct Impl;
  explicit ContentChecker(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace luutru::ingest
