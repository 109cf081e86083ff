#!/usr/bin/env bash
# End-to-end speed of `cablegram convert` on a folder of cables, beside `wc -w` on the same files.
#
#   scripts/bench-corpus.sh [DIR] [RUNS]
#
# DIR defaults to ../shared/corpus/tathagata__reveal (1,979 real cable texts, 16.6 MB); RUNS
# (default 5) runs of each command, after one warm-up run, and the median wall time is kept.
# Prints, for each command: median wall time, CPU time (user + system, so CPU/wall shows how many
# cores were used), MB/s and cables/s of input, and the ratio of its wall time to `wc -w`'s:
#
#   wc -w                 every file of DIR
#   json                  cablegram convert --to json DIR > /dev/null   (JSON Lines)
#   tei --out-dir         cablegram convert --to tei --out-dir OUT DIR  (one file per cable)
#   cp -r (baseline)      copying DIR's files into a new folder: what creating that many files
#                         costs on the same file system, whatever the tool
#
# OUT is a new folder under ${TMPDIR:-/tmp}, and, when /dev/shm is a tmpfs, also under /dev/shm
# (where creating files costs little), both removed at the end. Nothing is written into the
# repository.
set -euo pipefail
cd "$(dirname "$0")/.."
DIR=${1:-../shared/corpus/tathagata__reveal}
RUNS=${2:-5}
[ -d "$DIR" ] || { echo "no folder $DIR" >&2; exit 2; }
cargo build --release --quiet
BIN=$PWD/target/release/cablegram

WORK=$(mktemp -d "${TMPDIR:-/tmp}/cablegram-bench.XXXXXX")
SHM=""
if [ -d /dev/shm ] && [ -w /dev/shm ]; then SHM=$(mktemp -d /dev/shm/cablegram-bench.XXXXXX); fi
trap 'rm -rf "$WORK" ${SHM:+"$SHM"}' EXIT

mapfile -d '' FILES < <(find "$DIR" -type f -print0 | sort -z)
BYTES=$(cat "${FILES[@]}" | wc -c)
CABLES=$("$BIN" convert --to json "$DIR" 2>&1 >/dev/null | sed -n 's/^converted \([0-9]*\) cable.*/\1/p' || true)
CABLES=${CABLES:-${#FILES[@]}}
echo "input: $DIR: ${#FILES[@]} files, $CABLES cables converted, $BYTES bytes"
echo "machine: $(nproc) cores; load average $(cut -d' ' -f1-3 /proc/loadavg)"

# time_runs PREPARE COMMAND: runs PREPARE (untimed) then COMMAND, RUNS+1 times; prints the median
# wall time and the median CPU time of COMMAND, in seconds.
time_runs() {
  local prepare=$1 command=$2 walls=() cpus=() i out
  for ((i = 0; i <= RUNS; i++)); do
    eval "$prepare"
    # (convert exits with 1 when some inputs are not cables, as in `_broken/`: not an error here)
    out=$( { TIMEFORMAT='%R %U %S'; time eval "$command" >/dev/null 2>&1 || true; } 2>&1 | tail -1)
    [ "$i" -eq 0 ] && continue # warm-up
    read -r real user sys <<<"$out"
    walls+=("$real")
    cpus+=("$(echo "$user + $sys" | bc -l)")
  done
  local mid=$((RUNS / 2))
  printf '%s %s\n' \
    "$(printf '%s\n' "${walls[@]}" | sort -g | sed -n "$((mid + 1))p")" \
    "$(printf '%s\n' "${cpus[@]}" | sort -g | sed -n "$((mid + 1))p")"
}

report() {
  local name=$1 wall=$2 cpu=$3
  awk -v n="$name" -v w="$wall" -v c="$cpu" -v b="$BYTES" -v k="$CABLES" -v base="$WC_WALL" \
    'BEGIN { w = (w > 0 ? w : 0.001);
             printf "%-26s %8.3f s %8.3f s %8.1f MB/s %9.0f cables/s %7.2fx\n",
                    n, w, c, b / w / 1e6, k / w, w / base }'
}

printf '%-26s %10s %10s %13s %18s %8s\n' command wall cpu throughput rate "vs wc -w"
read -r WC_WALL WC_CPU < <(time_runs ':' 'printf "%s\0" "${FILES[@]}" | xargs -0 wc -w')
report "wc -w" "$WC_WALL" "$WC_CPU"
read -r W C < <(time_runs ':' "\"$BIN\" convert --to json -q \"$DIR\"")
report "json (JSON Lines)" "$W" "$C"
read -r W C < <(time_runs "rm -rf \"$WORK/tei\"" "\"$BIN\" convert --to tei -q --out-dir \"$WORK/tei\" \"$DIR\"")
report "tei --out-dir (disk)" "$W" "$C"
read -r W C < <(time_runs "rm -rf \"$WORK/copy\"" "cp -r \"$DIR\" \"$WORK/copy\"")
report "cp -r (disk, baseline)" "$W" "$C"
if [ -n "$SHM" ]; then
  read -r W C < <(time_runs "rm -rf \"$SHM/tei\"" "\"$BIN\" convert --to tei -q --out-dir \"$SHM/tei\" \"$DIR\"")
  report "tei --out-dir (tmpfs)" "$W" "$C"
fi
