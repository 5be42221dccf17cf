#!/bin/sh
# The GDV import's reader-to-database rate: the largest sample file of
# ../shared/data/gdv repeated to 1,000,000 records, imported into SQLite
# (crates/app/examples/gdv-import-bench.rs). Results: docs/benchmarks.md.
# Usage: bench/gdv-import.sh [RECORDS]
set -eu
cd "$(dirname "$0")/.."
exec cargo run --release -p kp-app --example gdv-import-bench -- "${1:-1000000}"
