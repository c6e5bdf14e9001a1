#!/bin/sh
# tests/demo.sh: what `make demo` does: the shipped rubrics and the sample
# cycle validated, then the sample cycle (samples/2026-H1, with trends
# against 2025-H2) rendered into out/2026-H1/: aggregates.json and .csv,
# manifest.json and every document of the output layout (revpack.1).
# The three warnings it prints are the sample's on purpose (see
# samples/README.md): a level without expectation, a person on leave,
# and an emoji in a comment that no font draws (printed as U+FFFD).
REVPACK=${1:-./revpack}
CYCLE=samples/2026-H1/cycle.yaml
OUT=out/2026-H1
set -e
for r in rubrics/*.yaml; do
	[ -f "$r" ] && "$REVPACK" validate "$r"
done
"$REVPACK" validate "$CYCLE"
"$REVPACK" build "$CYCLE" --out "$OUT"
