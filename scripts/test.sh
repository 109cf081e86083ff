#!/usr/bin/env bash
# The whole test suite: install the validators, check formatting and lints, run every test
# (unit, grammar, golden, converters, corpus), optimised (the `ci` profile of Cargo.toml: the
# release build without link-time optimisation, which would make each test binary slow to link).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup-validators.sh
cargo fmt --all -- --check
cargo clippy --profile ci --all-targets -- -D warnings
cargo test --profile ci --all-targets
