#!/usr/bin/env bash
# `cmake --install` (into a staging folder, DESTDIR) puts in place what an operator needs:
# the binary in bin/, the systemd units of docs/operations.md, hardened and naming the installed
# binary (checked by systemd-analyze verify where systemd is), the account and folder files,
# a man page that renders, and a bash completion that completes.
#
#   install_test.sh path/to/build path/to/installed/bin/luutru
set -uo pipefail
BUILD=$1
BINARY=$2  # where the binary says it is installed (CMAKE_INSTALL_FULL_BINDIR/luutru)
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
failures=0
fail() {
  echo "FAIL: $*"
  failures=$((failures + 1))
}
ok() { echo "ok: $*"; }

DESTDIR="$WORK/stage" cmake --install "$BUILD" >"$WORK/install.log" 2>&1 || { cat "$WORK/install.log"; exit 1; }
ROOT="$WORK/stage"
PREFIX=$(dirname "$(dirname "$BINARY")")

"$ROOT$BINARY" --version | grep -q "^luutru " && ok "bin/luutru runs" || fail "no working $BINARY"

UNITS="$ROOT$PREFIX/lib/systemd/system"
for unit in luutru-ingest.service luutru-ingest.timer luutru-verify.service luutru-verify.timer luutru-serve.service \
            luutru-shard.service; do
  [ -f "$UNITS/$unit" ] || fail "no $unit in $UNITS"
done
for service in "$UNITS"/*.service; do
  name=$(basename "$service")
  for line in "UMask=0027" "ProtectSystem=strict" "ReadWritePaths=" "NoNewPrivileges=yes" "User=luutru" \
              "ExecStart=$BINARY "; do
    grep -q "^$line" "$service" || fail "$name has no $line"
  done
done
grep -q "^SuccessExitStatus=2 8" "$UNITS/luutru-ingest.service" || fail "the ingest unit fails on a partial or stopped run"
grep -q "^RestrictAddressFamilies=AF_UNIX$" "$UNITS/luutru-ingest.service" || fail "the ingest unit may use the network"
[ -f "$ROOT$PREFIX/lib/sysusers.d/luutru.conf" ] || fail "no sysusers.d file for the luutru account"
[ -f "$ROOT$PREFIX/lib/tmpfiles.d/luutru.conf" ] || fail "no tmpfiles.d file for the archive folder"
ok "units, sysusers.d and tmpfiles.d in place"

# systemd's own reading of the units (the binary's path pointed at the staged one: systemd
# checks that it exists). Any complaint fails the test.
if command -v systemd-analyze >/dev/null; then
  mkdir "$WORK/units"
  for f in "$UNITS"/*; do sed "s#$BINARY#$ROOT$BINARY#g" "$f" >"$WORK/units/$(basename "$f")"; done
  (cd "$WORK/units" && systemd-analyze verify --man=no ./*.service ./*.timer) >"$WORK/verify.log" 2>&1
  if [ $? -ne 0 ] || [ -s "$WORK/verify.log" ]; then
    fail "systemd-analyze verify: $(cat "$WORK/verify.log")"
  else
    ok "systemd-analyze verify finds nothing to say"
  fi
else
  echo "note: no systemd-analyze here; the units' syntax was not checked by systemd"
fi

MAN="$ROOT$PREFIX/share/man/man1/luutru.1"
if [ -f "$MAN" ]; then
  MANWIDTH=100 man -l "$MAN" >"$WORK/man.txt" 2>"$WORK/man.err" || fail "the man page does not render: $(cat "$WORK/man.err")"
  for text in "luutru ingest" "luutru serve" "Exit codes:" "LUUTRU_ARCHIVE" "no such record, user, archive or index"; do
    grep -q -- "$text" "$WORK/man.txt" || fail "the man page does not say '$text'"
  done
  ok "the man page renders"
else
  fail "no man page at $MAN (help2man, installed by scripts/setup, writes it)"
fi

COMPLETION="$ROOT$PREFIX/share/bash-completion/completions/luutru"
complete_words() {  # complete_words WORD... : what completing the last word offers
  bash -c 'source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _luutru; echo "${COMPREPLY[*]}"' _ "$COMPLETION" "$@"
}
if [ -f "$COMPLETION" ]; then
  [[ " $(complete_words luutru in) " == *" ingest "* ]] || fail "completion: 'luutru in' does not offer ingest"
  [[ " $(complete_words luutru ingest --ar) " == *" --archive "* ]] || fail "completion: 'luutru ingest --ar' does not offer --archive"
  [ "$(complete_words luutru ingest --progress '')" = "auto bar json none" ] || fail "completion: --progress does not offer its choices"
  [ "$(complete_words luutru user '')" = "add list remove" ] || fail "completion: 'luutru user' does not offer add list remove"
  [[ " $(complete_words luutru serve --archive x --li) " == *" --listen "* ]] || fail "completion: serve's flags after a value"
  ok "the bash completion completes"
else
  fail "no bash completion at $COMPLETION"
fi

[ $failures -eq 0 ] && echo "installed as documented" || echo "FAIL ($failures)"
exit $((failures > 0))
