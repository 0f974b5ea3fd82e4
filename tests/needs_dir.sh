#!/usr/bin/env bash
# Runs a test that reads files from outside the project (../shared beside the checkout), or
# skips it (exit 77, ctest's SKIP_RETURN_CODE) saying why, when the folder is not there. A
# user's clone has no ../shared; the development checkout and CI do.
#
#   needs_dir.sh DIR COMMAND [ARG...]
set -uo pipefail
dir=$1
shift
if [ ! -d "$dir" ]; then
  echo "SKIPPED: $dir is not there; this test reads real-world files from ../shared beside the checkout"
  exit 77
fi
if [ -z "$(find "$dir" -type f -print -quit)" ]; then
  echo "FAIL: $dir holds no file; a test over an empty folder proves nothing"
  exit 1
fi
exec "$@"
