#!/bin/sh
# tests/bench/bench.sh: `make bench`: revpack against the peers, kept
# outside this repository (BENCH_SHARED; ReportLab, Typst in-process, bare libharu) on
# organisations made by tests/tools/genorg, in alternated repetitions, one
# table of medians and the checks of issue 8's targets. The work is done by
# tests/bench/bench.py (its header lists the knobs: QUICK=1, REPS, SMALL,
# LARGE, PEERS, BENCH_DIR, BENCH_SHARED, TIMEOUT). Prints, never fails on
# timing; not part of `make test`.
#
#   make bench [O=DIR] [QUICK=1]        or    O=DIR sh tests/bench/bench.sh
cd "$(dirname "$0")/../.." || exit 2
export O="${O:-build}"
[ -x "$O/revpack" ] || { echo "bench.sh: no $O/revpack (make O=$O first)" >&2; exit 2; }
[ -x "$O/tools/genorg" ] || { echo "bench.sh: no $O/tools/genorg (make O=$O tools)" >&2; exit 2; }
[ -x /usr/bin/python3 ] || { echo "bench.sh: /usr/bin/python3 is missing (make bench-deps)" >&2; exit 2; }
exec /usr/bin/python3 tests/bench/bench.py "$@"
