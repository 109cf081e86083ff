#!/usr/bin/env bash
# Speed and peak memory of `cablegram convert --to json` on a synthetic `cables.csv`, at several
# sizes, to show that memory stays flat as the input grows (the CSV is streamed through bounded
# queues).
#
#   scripts/bench-csv.sh [SIZE_MB...]        (default: 100 350)
#
# For each size, `examples/make_csv` builds a CSV of about that many megabytes from the cables of
# ${CORPUS:-../shared/corpus} (the 8 columns of the unofficial `cables.csv`, backslash-escaped),
# in a temporary directory that is removed at the end; then the conversion to JSON Lines
# (written to /dev/null) runs under `/usr/bin/time -v`, whose "Maximum resident set size" is the
# peak memory. Nothing is written into the repository.
set -euo pipefail
cd "$(dirname "$0")/.."
CORPUS=${CORPUS:-../shared/corpus}
SIZES=("$@")
[ ${#SIZES[@]} -gt 0 ] || SIZES=(100 350)
[ -x /usr/bin/time ] || { echo "needs GNU time: apt-get install -y time" >&2; exit 2; }
cargo build --release --quiet --bin cablegram --example make_csv
BIN=$PWD/target/release/cablegram
WORK=$(mktemp -d "${TMPDIR:-/tmp}/cablegram-csv.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"
printf '%10s %9s %9s %9s %11s %13s %12s\n' "csv MB" rows wall cpu MB/s cables/s "peak RSS"
for size in "${SIZES[@]}"; do
  csv="$WORK/cables-$size.csv"
  target/release/examples/make_csv "$CORPUS" "$csv" "$size" 2>/dev/null
  bytes=$(stat -c %s "$csv")
  # Let the new file reach the disk first, so that its write-back does not share the cores with
  # the run; then read it once, so that every size starts from the page cache.
  sync
  cat "$csv" >/dev/null
  /usr/bin/time -v "$BIN" convert --to json "$csv" >/dev/null 2>"$WORK/time.txt" || true
  rows=$(sed -n 's/^converted \([0-9]*\) cable.*/\1/p' "$WORK/time.txt")
  wall=$(sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$WORK/time.txt" |
    awk -F: '{ s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s }')
  user=$(sed -n 's/.*User time (seconds): //p' "$WORK/time.txt")
  sys=$(sed -n 's/.*System time (seconds): //p' "$WORK/time.txt")
  rss=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$WORK/time.txt")
  awk -v b="$bytes" -v r="$rows" -v w="$wall" -v u="$user" -v s="$sys" -v m="$rss" \
    'BEGIN { printf "%10.1f %9d %7.2f s %7.2f s %11.1f %13.0f %9.1f MB\n",
                    b / 1e6, r, w, u + s, b / w / 1e6, r / w, m / 1024 }'
  rm -f "$csv"
done
