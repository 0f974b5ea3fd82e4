#include "ocr/engine.h"

namespace luutru::ocr {

RasterView ViewOf(const Raster& raster, const Box& region) {
  const size_t stride = static_cast<size_t>(raster.width) * static_cast<size_t>(raster.channels);
  return RasterView{raster.pixels.data() + static_cast<size_t>(region.y0) * stride +
                        static_cast<size_t>(region.x0) * static_cast<size_t>(raster.channels),
                    region.x1 - region.x0,
                    region.y1 - region.y0,
                    raster.channels,
                    stride,
                    raster.dpi};
}

}  // namespace luutru::ocr
