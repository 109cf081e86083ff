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
# A converter of a user's own (examples/custom_converter.rs), registered beside the built-ins
# and run on a golden cable: the extension API works from outside the crate.
citation=$(cargo run --profile ci --quiet --example custom_converter)
[ "$citation" = "07VILNIUS874 | 2007-09-11 | VILNIUS | LITHUANIA: PARLIAMENT DELAYS VOTE ON GRID LINK TENDER" ] || {
  echo "examples/custom_converter printed: $citation" >&2
  exit 1
}
