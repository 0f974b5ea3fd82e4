#!/usr/bin/env bash
# Fuzzes the loaders, text-layer decoding and the query parser with libFuzzer, under
# AddressSanitizer and UndefinedBehaviorSanitizer, for a bounded time each.
#
#   bench/fuzz_bench.sh [SECONDS_PER_TARGET]      (default 60)
#
# Installs clang (Debian 12: clang-14, with libFuzzer) if missing, builds into build-fuzz/,
# seeds each target with real files (samples/, ../shared/realworld, fuzz/seeds/), and keeps
# what it finds under build-fuzz/findings/<target>/ (crash-* files reproduce a failure:
# build-fuzz/fuzz/fuzz_<target> FILE).
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_PER_TARGET=${1:-60}
SHARED=../shared

if ! command -v clang++ >/dev/null; then
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends clang >&2
fi

cmake -S . -B build-fuzz -G Ninja -DCMAKE_CXX_COMPILER=clang++ -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DLUUTRU_SANITIZE=ON -DLUUTRU_FUZZ=ON -DLUUTRU_BUILD_TESTS=OFF >/dev/null
cmake --build build-fuzz -j "$(nproc)" --target fuzz_loader fuzz_content fuzz_text_layer fuzz_query >/dev/null

seed() {  # target, sources...
  local dir=build-fuzz/corpus/$1
  shift
  mkdir -p "$dir"
  for src in "$@"; do
    [ -e "$src" ] || continue
    # Seeds under 2 MB: libFuzzer's default input limit is far smaller, large seeds only slow it.
    find "$src" -type f -size -2M -exec cp -n {} "$dir"/ \; 2>/dev/null || true
  done
}
seed loader samples "$SHARED/realworld/pypdf-sample-files" "$SHARED/realworld/tesseract-test" \
  "$SHARED/realworld/vietocr3-samples"
seed text_layer "$SHARED/realworld/nd30-2020-text" "$SHARED/realworld/tesseract-langdata-vie" fuzz/seeds/query
seed query fuzz/seeds/query
seed content fuzz/seeds/content

export ASAN_OPTIONS=detect_leaks=0:halt_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
printf '| target | seconds | runs | runs/s | seeds | corpus after | crashes |\n|---|---|---|---|---|---|---|\n'
status=0
for target in loader content text_layer query; do
  findings=build-fuzz/findings/$target
  mkdir -p "$findings"
  seeds=$(find "build-fuzz/corpus/$target" -type f | wc -l)
  log=build-fuzz/findings/$target.log
  set +e
  build-fuzz/fuzz/fuzz_$target "build-fuzz/corpus/$target" -max_total_time="$SECONDS_PER_TARGET" \
    -max_len=1048576 -timeout=30 -rss_limit_mb=2048 -artifact_prefix="$findings/" >"$log" 2>&1
  rc=$?
  set -e
  runs=$(grep -Eo 'Done [0-9]+ runs' "$log" | grep -Eo '[0-9]+' || echo 0)
  corpus=$(find "build-fuzz/corpus/$target" -type f | wc -l)
  crashes=$(find "$findings" -name 'crash-*' -o -name 'timeout-*' -o -name 'oom-*' | wc -l)
  printf '| %s | %s | %s | %s | %s | %s | %s |\n' "$target" "$SECONDS_PER_TARGET" "$runs" \
    "$((runs / SECONDS_PER_TARGET))" "$seeds" "$corpus" "$crashes"
  if [ $rc -ne 0 ] || [ "$crashes" -ne 0 ]; then
    status=1
    grep -m3 -E 'ERROR|SUMMARY' "$log" >&2 || true
  fi
done
exit $status
