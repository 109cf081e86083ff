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
# The Python package (python/, issue 14): built with maturin in a venv, its tests comparing
# cablegram.read with the command line's JSON Lines (target/ci/cablegram, built above).
cargo build --profile ci --quiet --bin cablegram
cargo clippy -p cablegram-python --profile python -- -D warnings
# pip is run as `python -m pip`: a venv's own `bin/pip` names the venv's path in its first
# line, and would install into another venv if the folder was copied or moved.
python3 -m venv target/py-venv
target/py-venv/bin/python -m pip install --quiet maturin pytest pandas mypy networkx
target/py-venv/bin/python -m pip install --quiet ./python
CABLEGRAM_CLI="$PWD/target/ci/cablegram" target/py-venv/bin/python -m pytest -q python/tests
