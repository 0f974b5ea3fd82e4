// Page orientation (0/90/180/270) detection. Thread-compatible: one detector per thread.
#pragma once

#include <memory>

#include "core/raster.h"
#include "core/status.h"
#include "ocr/engine.h"

namespace luutru::ocr {

struct Orientation {
  int clockwise_degrees = 0;  // how far the page image is turned: 0, 90, 180 or 270
  double confidence = 0;      // the detector's own scale (Tesseract OSD: 15 is confident)
};

class OrientationDetector {
 public:
  virtual ~OrientationDetector() = default;
  // `page`: 8-bit gray. kOcrFailed when the page has too little text to tell.
  virtual Result<Orientation> Detect(const Raster& page) = 0;
};

// Tesseract's orientation and script detection with osd.traineddata (tesseract-ocr-osd).
Result<std::unique_ptr<OrientationDetector>> CreateOsdDetector(const OcrOptions& options);

}  // namespace luutru::ocr
