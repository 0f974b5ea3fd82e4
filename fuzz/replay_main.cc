// A main() for the fuzz targets where libFuzzer is not available (GCC builds): every file
// named on the command line, or found under a folder named there, is given to the target
// once. With AddressSanitizer and UndefinedBehaviorSanitizer this replays real files (CI runs
// it over ../shared/realworld); with clang the targets link libFuzzer instead and fuzz.
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size);

namespace {

void Replay(const std::filesystem::path& path, int& count) {
  std::ifstream in(path, std::ios::binary);
  std::vector<char> bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  LLVMFuzzerTestOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
  ++count;
}

}  // namespace

int main(int argc, char** argv) {
  int count = 0;
  for (int i = 1; i < argc; ++i) {
    const std::filesystem::path arg = argv[i];
    if (!std::filesystem::exists(arg)) {
      // A replay over a folder that is not there would pass having read nothing.
      std::fprintf(stderr, "%s: no such file or folder\n", argv[i]);
      return 2;
    }
    if (std::filesystem::is_directory(arg)) {
      for (const auto& entry : std::filesystem::recursive_directory_iterator(arg)) {
        if (entry.is_regular_file()) Replay(entry.path(), count);
      }
    } else {
      Replay(arg, count);
    }
  }
  std::printf("%d inputs replayed without a crash\n", count);
  if (count == 0) std::fprintf(stderr, "no input to replay\n");
  return count > 0 ? 0 : 1;
}
