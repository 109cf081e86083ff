#!/usr/bin/env bash
# Per-cable overhead at Cablegate scale: `cablegram convert --to json` over a folder of N cable
# files (default 251287, the size of the Cablegate release), beside `wc -w` over the same folder.
#
#   scripts/bench-folder-scale.sh [N] [DIR]
#
# The folder is made of hard links to a copy of the files of DIR (default
# ../shared/corpus/tathagata__reveal, 1,979 real cable texts), taken round-robin under new names,
# so that N files cost little space and every one is a real cable; it is built under /dev/shm
# when that is a writable tmpfs (else under ${TMPDIR:-/tmp}) and removed at the end. Both commands
# read the files from the page cache (one untimed `cat` first). Nothing is written into the
# repository.
set -euo pipefail
cd "$(dirname "$0")/.."
N=${1:-251287}
DIR=${2:-../shared/corpus/tathagata__reveal}
[ -d "$DIR" ] || { echo "no folder $DIR" >&2; exit 2; }
cargo build --release --quiet --bin cablegram
BIN=$PWD/target/release/cablegram
BASE=${TMPDIR:-/tmp}
if [ -d /dev/shm ] && [ -w /dev/shm ]; then BASE=/dev/shm; fi
WORK=$(mktemp -d "$BASE/cablegram-scale.XXXXXX")
trap 'rm -rf "$WORK"' EXIT

# Only the files that hold a cable (the `_broken/` scraper debris is left out).
mapfile -d '' FILES < <(find "$DIR" -path '*/_broken' -prune -o -type f -print0 | sort -z)
COUNT=${#FILES[@]}
mkdir -p "$WORK/in" "$WORK/copy"
for ((i = 0; i < COUNT; i++)); do cp "${FILES[$i]}" "$WORK/copy/$i.txt"; done
# One sub-folder of hard links per pass over the cables (`cp -al`), as a corpus builder would
# shard them, and the remainder in a last one.
for ((k = 0; k < N / COUNT; k++)); do cp -al "$WORK/copy" "$WORK/in/$k"; done
mkdir -p "$WORK/in/rest"
for ((i = 0; i < N % COUNT; i++)); do ln "$WORK/copy/$i.txt" "$WORK/in/rest/$i.txt"; done
BYTES=$(find "$WORK/in" -type f -print0 | du -cb --files0-from=- -l | tail -1 | cut -f1)
echo "folder: $N files (hard links to the $COUNT cables of $DIR), $BYTES bytes"
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
find "$WORK/in" -type f -print0 | xargs -0 cat >/dev/null

run() {
  local name=$1
  shift
  local out
  out=$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1 || true; } 2>&1 | tail -1)
  read -r real user sys <<<"$out"
  awk -v n="$name" -v r="$real" -v u="$user" -v s="$sys" -v b="$BYTES" -v c="$N" \
    'BEGIN { printf "%-28s %8.2f s wall %8.2f s cpu %8.1f MB/s %9.0f cables/s\n",
             n, r, u + s, b / r / 1e6, c / r }'
}
run "wc -w (every file)" sh -c "find '$WORK/in' -type f -print0 | xargs -0 wc -w"
run "convert --to json" "$BIN" convert --to json --quiet "$WORK/in"
