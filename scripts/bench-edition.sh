#!/usr/bin/env bash
# Time and peak memory of `cablegram edition` on generated collections, up to the size of
# Cablegate (251,287 cables), for each kind of edition.
#
#   scripts/bench-edition.sh [N...]        (default: 25000 251287; KINDS="html tei markdown")
#
# For each N, `examples/make_collection` writes a `cables.csv` of N distinct cables (about 3 KB
# each, REF lines citing earlier ones) into a temporary directory, removed at the end; then each
# edition is built from it under `/usr/bin/time -v`, whose "Maximum resident set size" is the
# peak memory. The edition holds every cable's metadata (not its text) between its two passes,
# so memory grows with the number of cables, by far less than their texts. Nothing is written
# into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(25000 251287)
KINDS=${KINDS:-html tei markdown}
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 2; }
cargo build --release --quiet --bin cablegram --example make_collection
BIN=$PWD/target/release/cablegram
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cablegram-edition.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%9s %9s %9s %10s %10s %9s %11s %12s\n' cables kind "csv MB" wall cpu files "output MB" "peak RSS"
for n in "${SIZES[@]}"; do
  csv="$WORK/cables-$n.csv"
  target/release/examples/make_collection "$n" "$csv" 2>/dev/null
  bytes=$(stat -c %s "$csv")
  sync
  cat "$csv" >/dev/null
  for kind in $KINDS; do
    out="$WORK/edition-$kind"
    /usr/bin/time -v "$BIN" edition -q --to "$kind" --out-dir "$out" "$csv" 2>"$WORK/time.txt" ||
      { cat "$WORK/time.txt" >&2; exit 1; }
    files=$(find "$out" -type f | wc -l)
    size=$(du -sm "$out" | cut -f1)
    wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/time.txt" |
      awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
    user=$(sed -n 's/.*User time (seconds): //p' "$WORK/time.txt")
    sys=$(sed -n 's/.*System time (seconds): //p' "$WORK/time.txt")
    rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time.txt")
    awk -v n="$n" -v k="$kind" -v b="$bytes" -v w="$wall" -v u="$user" -v s="$sys" -v f="$files" \
      -v o="$size" -v m="$rss" \
      'BEGIN { printf "%9d %9s %9.1f %8.1f s %8.1f s %9d %11d %9.1f MB\n",
                      n, k, b / 1e6, w, u + s, f, o, m / 1024 }'
    rm -rf "$out"
  done
  rm -f "$csv"
done
