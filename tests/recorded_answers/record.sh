#!/usr/bin/env bash
# Record every sql/examples answer of a checkout's own storage on the fixed corpus (see README.md here).
# Usage: tests/recorded_answers/record.sh CHECKOUT OUT.json   (CHECKOUT: a checkout with `make install` done)
set -euo pipefail
checkout=$(cd "$1" && pwd); out=$(realpath -m "$2"); here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
mkdir -p "$work/landing"
cp "$checkout"/sample/landing/* "$work/landing/"
cp "$checkout/tests/fixtures/landing/invented_2025-07-18.txt" "$checkout/tests/fixtures/examples/republished_2025-07-17.txt" "$work/landing/"
cd "$checkout"
REFERENCE_DATE=2025-07-18 LANDING_SETTLE_S=0 PUBLISH_MAX_SHARE=0 DAGSTER_HOME="$work/dagster_home" \
  WAREHOUSE_PATH="$work/news.duckdb" .venv/bin/newswh demo --landing "$work/landing" >/dev/null
.venv/bin/python "$here/answers.py" --warehouse "$work/news.duckdb" --examples "$here/../../sql/examples" --out "$out"
echo "recorded $(grep -c '^ "' "$out") example answers into $out"
