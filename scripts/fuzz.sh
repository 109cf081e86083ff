#!/usr/bin/env bash
# Run the libFuzzer targets in fuzz/ for a bounded time each, seeded from golden/ and the corpus.
#
#   scripts/fuzz.sh [SECONDS_PER_TARGET] [TARGET...]     (default: 60 s, every target)
#
# Needs cargo-fuzz (`cargo install cargo-fuzz`) and nightly features: on a stable toolchain they
# are enabled with RUSTC_BOOTSTRAP=1. Exits non-zero when a target finds a crash, a hang
# (-timeout) or an out-of-memory input (-rss_limit_mb); the input is left in
# fuzz/artifacts/TARGET/.
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(parse convert_html convert_tei convert_json convert_markdown)
fi
command -v cargo-fuzz >/dev/null 2>&1 || cargo install --locked cargo-fuzz
export RUSTC_BOOTSTRAP=1
corpus_dir="../shared/corpus"
for target in "${targets[@]}"; do
  seeds="fuzz/corpus/$target"
  mkdir -p "$seeds"
  # Seeds: every golden cable, and a spread of real ones (text and site pages). The converter
  # targets read their first byte as the container to use; 0x05 is plain text.
  for f in golden/*.txt golden/*.md; do
    if [ "$target" = parse ]; then cp "$f" "$seeds/"; else
      { printf '\x05'; cat "$f"; } > "$seeds/$(basename "$f")"; fi
  done
  if [ -d "$corpus_dir" ]; then
    find "$corpus_dir" -type f \( -name '*.txt' -o -name '*.html' \) | sort | awk 'NR % 25 == 0' |
      while read -r f; do
        name="real-$(basename "$f")"
        if [ "$target" = parse ]; then cp "$f" "$seeds/$name"; else
          case "$f" in *.html) pick='\x01' ;; *) pick='\x05' ;; esac
          { printf "$pick"; cat "$f"; } > "$seeds/$name"; fi
      done
  fi
  echo "fuzzing $target for ${seconds}s"
  cargo fuzz run --fuzz-dir fuzz "$target" "$seeds" -- \
    -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=262144 \
    -print_final_stats=1
done
