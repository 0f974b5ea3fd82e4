// Skew estimation and page rotation. Pure functions on in-memory images; thread-safe.
#pragma once

#include "core/raster.h"

namespace luutru::ocr {

struct DeskewOptions {
  // Largest skew searched for, either way. Default: 15°.
  double max_degrees = 15.0;
  // Skews below this are left alone. Tesseract follows lines this close to level by itself,
  // while any rotation resamples the page and blurs the marks stacked on â, ê, ô: on real
  // scans, turning pages by 0.2-0.9° lost 0.3 points of word recall (docs/benchmarks.md).
  // Default: 1°.
  double min_degrees = 1.0;
};

// The angle in degrees (counter-clockwise positive, as the page's lines rise to the right)
// that the page's text lines make with the horizontal, found by maximising the sharpness of
// the horizontal projection profile of the ink. 0 when there is too little ink to tell, when
// turning makes the profile no sharper (a page of a seal or a signature has no lines), or the
// skew is under `min_degrees`. `page`: 8-bit gray, dark ink on light paper.
double EstimateSkewDegrees(const Raster& page, const DeskewOptions& options = {});

// Rotates the page by `degrees` counter-clockwise about its centre, keeping its size and
// filling uncovered corners with white. Quarter turns are exact (no resampling).
Raster RotatePage(const Raster& page, double degrees);

}  // namespace luutru::ocr
