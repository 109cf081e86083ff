#!/usr/bin/env bash
# The whole test suite: install the validators, check formatting and lints, run every test
# (unit, grammar, golden, converters, corpus) in release mode.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-validators.sh
cargo fmt --all -- --check
cargo clippy --release --all-targets -- -D warnings
cargo test --release --all-targets
