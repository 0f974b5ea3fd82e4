// The staff web page's files (server/web/), built into the binary.
#pragma once

#include <string_view>
#include <vector>

namespace luutru::server {

struct WebAsset {
  std::string_view name;  // "index.html", "app.js", "style.css"
  std::string_view content_type;
  std::string_view content;
};

const std::vector<WebAsset>& WebAssets();

}  // namespace luutru::server
