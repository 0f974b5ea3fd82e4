// Image pages through Leptonica: PNG, JPEG and TIFF (every page of a multi-page TIFF),
// honouring the file's resolution.
#include <leptonica/allheaders.h>
#include <tiffio.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <mutex>

#include "ingest/page_source.h"

namespace luutru::ingest {
namespace {

// Leptonica's messages would go to stderr, unstructured; our reasons come back as Status.
void SilenceLeptonicaOnce() {
  static std::once_flag once;
  std::call_once(once, [] {
    setMsgSeverity(L_SEVERITY_NONE);
    // libtiff's warnings about odd tags would go to stderr: the outcome says what matters.
    TIFFSetWarningHandler(nullptr);
    TIFFSetErrorHandler(nullptr);
  });
}

struct PixDeleter {
  void operator()(PIX* pix) const { pixDestroy(&pix); }
};
using PixPtr = std::unique_ptr<PIX, PixDeleter>;

// A resolution to trust: the file's, else (absent, or the 72/96 dpi that many tools write by
// default) one estimated from an A4 page's long side (11.69 in).
int EffectiveDpi(int file_dpi, int width, int height) {
  if (file_dpi >= 100 && file_dpi <= 2400) return file_dpi;
  int estimated = static_cast<int>(std::lround(std::max(width, height) / 11.69));
  return std::clamp(estimated, 72, 600);
}

Raster ToRaster(PIX* source, int dpi) {
  PixPtr pix;
  if (pixGetSpp(source) == 4) {
    pix.reset(pixAlphaBlendUniform(source, 0xffffff00));  // transparent areas become paper
  } else if (pixGetColormap(source)) {
    pix.reset(pixRemoveColormap(source, REMOVE_CMAP_BASED_ON_SRC));
  } else {
    pix.reset(pixClone(source));
  }
  Raster out;
  out.width = pixGetWidth(pix.get());
  out.height = pixGetHeight(pix.get());
  out.dpi = dpi;
  if (pixGetDepth(pix.get()) == 32) {
    out.channels = 3;
    out.pixels.resize(static_cast<size_t>(out.width) * out.height * 3);
    std::uint8_t* dst = out.pixels.data();
    for (int y = 0; y < out.height; ++y) {
      const l_uint32* line = pixGetData(pix.get()) + static_cast<size_t>(y) * pixGetWpl(pix.get());
      for (int x = 0; x < out.width; ++x) {
        l_int32 r, g, b;
        extractRGBValues(line[x], &r, &g, &b);
        *dst++ = static_cast<std::uint8_t>(r);
        *dst++ = static_cast<std::uint8_t>(g);
        *dst++ = static_cast<std::uint8_t>(b);
      }
    }
    return out;
  }
  PixPtr gray(pixConvertTo8(pix.get(), 0));
  out.channels = 1;
  out.pixels.resize(static_cast<size_t>(out.width) * out.height);
  std::uint8_t* dst = out.pixels.data();
  for (int y = 0; y < out.height; ++y) {
    const l_uint32* line = pixGetData(gray.get()) + static_cast<size_t>(y) * pixGetWpl(gray.get());
    for (int x = 0; x < out.width; ++x) *dst++ = static_cast<std::uint8_t>(GET_DATA_BYTE(line, x));
  }
  return out;
}

// The directories of a multi-page TIFF, walked once from the first to the last: page N+1 is
// found from page N, not by walking from the first again (3,000 pages took 55 s that way).
class TiffPages {
 public:
  explicit TiffPages(const std::filesystem::path& path) : tif_(TIFFOpen(path.c_str(), "r")) {}
  ~TiffPages() {
    if (tif_) TIFFClose(tif_);
  }
  TiffPages(const TiffPages&) = delete;
  TiffPages& operator=(const TiffPages&) = delete;

  // The size of page `index` and where its directory is; false when it cannot be read.
  bool Find(int index, l_int32& width, l_int32& height, toff_t& offset) {
    if (!tif_) return false;
    if (index == current_ + 1 ? TIFFReadDirectory(tif_) != 1
                              : (index != current_ && TIFFSetDirectory(tif_, index) != 1)) {
      current_ = -2;  // unknown: the next page is found from the first
      return false;
    }
    current_ = index;
    uint32_t w = 0, h = 0;
    if (TIFFGetField(tif_, TIFFTAG_IMAGEWIDTH, &w) != 1 ||
        TIFFGetField(tif_, TIFFTAG_IMAGELENGTH, &h) != 1)
      return false;
    width = static_cast<l_int32>(std::min<uint32_t>(w, 1u << 30));
    height = static_cast<l_int32>(std::min<uint32_t>(h, 1u << 30));
    offset = TIFFCurrentDirOffset(tif_);
    return true;
  }

 private:
  TIFF* tif_;
  int current_ = 0;  // TIFFOpen reads the first directory
};

class ImageSource final : public PageSource {
 public:
  ImageSource(std::filesystem::path path, FileFormat format, int pages, LoadOptions options)
      : path_(std::move(path)), format_(format), pages_(pages), options_(std::move(options)) {
    if (format_ == FileFormat::kTiff) tiff_ = std::make_unique<TiffPages>(path_);
  }

  int page_count() const override { return pages_; }

  Result<LoadedPage> LoadPage(int index) override {
    const std::string page_name = "page " + std::to_string(index + 1);
    l_int32 w = 0, h = 0, bps = 0, spp = 0, cmap = 0, fmt = 0;
    toff_t offset = 0;
    bool header_ok = format_ == FileFormat::kTiff
                         ? tiff_->Find(index, w, h, offset)
                         : pixReadHeader(path_.c_str(), &fmt, &w, &h, &bps, &spp, &cmap) == 0;
    if (!header_ok || w <= 0 || h <= 0) return Corrupt(page_name + ": unreadable image header");
    if (static_cast<long long>(w) * h > options_.max_page_pixels) {
      return TooLarge(page_name + " is " + std::to_string(w) + "x" + std::to_string(h) +
                      " pixels, over the limit of " + std::to_string(options_.max_page_pixels) +
                      "; raise --max-page-pixels if the image is genuine");
    }
    size_t at = static_cast<size_t>(offset);
    PixPtr pix(format_ == FileFormat::kTiff ? pixReadFromMultipageTiff(path_.c_str(), &at)
                                            : pixRead(path_.c_str()));
    if (!pix)
      return Corrupt(page_name + ": the image data cannot be decoded (damaged or truncated)");
    LoadedPage loaded;
    loaded.number = index + 1;
    loaded.image = ToRaster(pix.get(), EffectiveDpi(pixGetXRes(pix.get()), w, h));
    return loaded;
  }

 private:
  std::filesystem::path path_;
  FileFormat format_;
  int pages_;
  LoadOptions options_;
  std::unique_ptr<TiffPages> tiff_;
};

}  // namespace

Result<std::unique_ptr<PageSource>> OpenImage(const std::filesystem::path& path, FileFormat format,
                                              const LoadOptions& options) {
  SilenceLeptonicaOnce();
  int pages = 1;
  if (format == FileFormat::kTiff) {
    FILE* fp = std::fopen(path.c_str(), "rb");
    if (!fp) return IoError("cannot open the file");
    l_int32 n = 0;
    bool ok = tiffGetCount(fp, &n) == 0;
    std::fclose(fp);
    if (!ok || n <= 0) return Corrupt("not a readable TIFF (damaged or truncated)");
    pages = n;
  }
  return std::unique_ptr<PageSource>(new ImageSource(path, format, pages, options));
}

}  // namespace luutru::ingest
