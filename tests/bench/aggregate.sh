#!/bin/sh
# tests/bench/aggregate.sh: how fast `revpack aggregate` scores a large
# organisation: 10,000 people, 13 competencies, 4 raters each (manager,
# self, 2 peers: 520,000 rating rows). Median wall time of 3 runs and the
# largest peak RSS, from /usr/bin/time -v. Targets (issue 4): under 1.5 s
# and under 250 MB. Not part of `make test`: it prints, never fails on
# timing.
#
#   sh tests/bench/aggregate.sh [N]
#   REVPACK_BIN=path/to/revpack (default: $O/revpack, else
#   ./build-score/revpack, else ./build/revpack: a build without
#   sanitizers). FORMAT=csv measures --format csv.
cd "$(dirname "$0")/../.." || exit 2
TOP=$(pwd)
N=${1:-10000}
FORMAT=${FORMAT:-json}
RUBRIC=$TOP/tests/bench/bench-rubric.yaml
[ -f "$RUBRIC" ] || RUBRIC=/work/shared/bench/bench-rubric.yaml

if [ -n "$REVPACK_BIN" ]; then BIN=$REVPACK_BIN
elif [ -n "$O" ] && [ -x "$O/revpack" ]; then BIN=$O/revpack
elif [ -x build-score/revpack ]; then BIN=build-score/revpack
else BIN=build/revpack
fi
[ -x "$BIN" ] || { echo "aggregate.sh: no revpack at $BIN (make first)" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "aggregate.sh: /usr/bin/time is missing (apt-get install time)" >&2; exit 2; }
GENORG=${GENORG:-$(dirname "$BIN")/tools/genorg}

WORK=$(mktemp -d "${TMPDIR:-/tmp}/revpack-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT INT TERM
ORG=$WORK/org

# The organisation: the project's generator when built, else the shared
# Python one (the same shape) with a cycle.yaml written here.
if [ -x "$GENORG" ]; then
	"$GENORG" "$N" "$ORG" --rubric "$RUBRIC" --seed 7 \
		--template "$TOP/templates/default.yaml" >/dev/null || exit 2
	CYCLE=$ORG/cycle.yaml
else
	python3 /work/shared/bench/gen_org.py "$N" "$ORG" complaints follow-up \
		milestones onboarding upsell proactiveness teamwork learning \
		stakeholders communication feedback time leadership --seed 7 || exit 2
	cp "$RUBRIC" "$ORG/rubric.yaml"
	cat > "$ORG/cycle.yaml" <<EOF
cycle: bench
title: Benchmark organisation
organization: Bench Corp
period: { start: 2026-01-01, end: 2026-06-30 }
review_date: 2026-07-15
rubric: rubric.yaml
template: $TOP/templates/default.yaml
roster: roster.csv
ratings:
  - file: ratings.csv
EOF
	CYCLE=$ORG/cycle.yaml
fi
rows=$(($(wc -l < "$ORG/ratings.csv") - 1))
echo "aggregate.sh: $N people, $rows rating rows, $BIN aggregate --format $FORMAT"

# Three runs; each: elapsed seconds and max RSS (KB).
: > "$WORK/runs"
for i in 1 2 3; do
	/usr/bin/time -v "$BIN" aggregate "$CYCLE" --format "$FORMAT" \
		-o "$WORK/out.$FORMAT" 2> "$WORK/time.$i" >/dev/null
	st=$?
	if [ "$st" != 0 ]; then
		echo "aggregate.sh: revpack exited $st:" >&2
		grep -v '^	' "$WORK/time.$i" | head -20 >&2
		exit 1
	fi
	awk -F': ' '
		/Elapsed \(wall clock\)/ {
			n = split($2, t, ":"); s = 0
			for (j = 1; j <= n; j++) s = s * 60 + t[j]
			wall = s
		}
		/User time/ { user = $2 }
		/System time/ { sys = $2 }
		/Maximum resident set size/ { rss = $2 }
		END { printf "%.3f %d %.2f %.2f\n", wall, rss, user, sys }
	' "$WORK/time.$i" >> "$WORK/runs"
done
bytes=$(wc -c < "$WORK/out.$FORMAT")
sort -n "$WORK/runs" | awk -v bytes="$bytes" '
	{ wall[NR] = $1; if ($2 > rss) rss = $2; user[NR] = $3; sys[NR] = $4 }
	END {
		printf "runs (s): %s %s %s\n", wall[1], wall[2], wall[3]
		printf "median wall: %.3f s (target < 1.5 s)  user %.2f s  sys %.2f s\n", wall[2], user[2], sys[2]
		printf "max RSS: %.1f MB (target < 250 MB)\n", rss / 1024
		printf "output: %.1f MB\n", bytes / 1048576
	}'
