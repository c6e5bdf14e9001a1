#!/bin/sh
# tests/e2e/aggregate_longwide.sh: the same ratings in long format and as a
# wide export give identical figures for people, teams, departments, the
# organisation and calibration:
#   1. the samples: 2025-H2's long ratings.csv (every role) and 2026-H1's
#      long ratings.csv rewritten as wide exports by tests/tools/longwide
#      (2026-H1 keeps its own wide forms-export.csv and its previous
#      cycle, so trends are compared too);
#   2. a generated organisation with quirks (BOM, CRLF, labels, N/A) from
#      genorg --wide, which writes both forms itself.
# Needs jq (make deps). Run by tests/run.sh ($REVPACK, $TOP, $O, $TMPDIR).
: "${O:=build}" "${TOP:=$(pwd)}" "${TMPDIR:=/tmp}"
W=$TMPDIR/aggregate_longwide
LONGWIDE=$TOP/$O/tools/longwide
GENORG=$TOP/$O/tools/genorg
S=$TOP/samples
mkdir -p "$W"

if ! command -v jq >/dev/null 2>&1; then
	echo "FAIL aggregate_longwide: jq is not installed (make deps)"
	exit 0
fi
for t in "$LONGWIDE" "$GENORG"; do
	if [ ! -x "$t" ]; then
		echo "FAIL aggregate_longwide: $t not built (make tools O=$O)"
		exit 0
	fi
done

# figures CYCLE OUT: the figures of CYCLE (everything but the cycle's id,
# title and the warnings, which name files and lines) into OUT.
figures() {
	"$REVPACK" aggregate "$1" > "$W/agg.json" 2> "$W/agg.err" || {
		echo "revpack aggregate $1 failed: $(head -3 "$W/agg.err")" > "$2"
		return 1
	}
	jq '{people, teams, departments, org, calibration}' "$W/agg.json" > "$2"
}

# same NAME LONG-CYCLE WIDE-CYCLE
same() {
	if ! figures "$2" "$W/long.json"; then
		echo "FAIL aggregate_longwide: $1: $(cat "$W/long.json")"
	elif ! figures "$3" "$W/wide.json"; then
		echo "FAIL aggregate_longwide: $1: $(cat "$W/wide.json")"
	elif [ "$(jq '.people | length' "$W/long.json")" -lt 2 ]; then
		echo "FAIL aggregate_longwide: $1: no people scored"
	elif cmp -s "$W/long.json" "$W/wide.json"; then
		echo "ok aggregate_longwide: $1"
	else
		echo "FAIL aggregate_longwide: $1: figures differ:"
		diff "$W/long.json" "$W/wide.json" | head -10 | sed 's/^/    /'
	fi
}

# head_of CYCLE-YAML: its lines up to (not including) `ratings:`, with the
# relative paths made absolute against the sample's folder.
head_of() {
	dir=$(dirname "$1")
	sed -n '/^ratings:/q; p' "$1" |
		sed -E "s#^(rubric|template|deck_template|roster): *([^\"' ]+)#\\1: \"$dir/\\2\"#"
}

# 1a. 2025-H2: one long file with every role.
"$LONGWIDE" "$S/2025-H2/ratings.csv" "$W/h2-wide.csv" > "$W/h2-map.yaml" ||
	echo "FAIL aggregate_longwide: longwide on 2025-H2 failed"
{
	head_of "$S/2025-H2/cycle.yaml"
	echo "ratings:"
	echo "  - file: \"$W/h2-wide.csv\""
	cat "$W/h2-map.yaml"
	echo "rater_weights: { manager: 1, peer: 0.5, direct_report: 0.5 }"
	echo "anonymity: { min_raters: 3 }"
} > "$W/h2-wide.yaml"
same "samples 2025-H2" "$S/2025-H2/cycle.yaml" "$W/h2-wide.yaml"

# 1b. 2026-H1: the long file as a second wide export, beside the sample's
# own wide export; the previous cycle as the sample has it.
"$LONGWIDE" "$S/2026-H1/ratings.csv" "$W/h1-wide.csv" > "$W/h1-map.yaml" ||
	echo "FAIL aggregate_longwide: longwide on 2026-H1 failed"
{
	head_of "$S/2026-H1/cycle.yaml"
	echo "ratings:"
	echo "  - file: \"$W/h1-wide.csv\""
	cat "$W/h1-map.yaml"
	sed -n '/^ratings:/,/^previous:/p' "$S/2026-H1/cycle.yaml" |
		sed -n '/- file: forms-export.csv/,/^previous:/p' |
		sed "s#file: forms-export.csv#file: \"$S/2026-H1/forms-export.csv\"#; /^previous:/d"
	echo "previous: \"$S/2025-H2/cycle.yaml\""
	echo "rater_weights: { manager: 1, peer: 0.5, direct_report: 0.5 }"
	echo "anonymity: { min_raters: 3 }"
} > "$W/h1-wide.yaml"
same "samples 2026-H1 (with trends)" "$S/2026-H1/cycle.yaml" "$W/h1-wide.yaml"

# 2. A generated organisation with quirks, peers weighted so that they
# count.
rm -rf "$W/gen"
if "$GENORG" 150 "$W/gen" --rubric "$TOP/rubrics/csm-scorecard.yaml" \
    --template "$TOP/templates/default.yaml" --seed 11 --quirks --wide \
    --peers 3 > "$W/gen.out" 2>&1; then
	for c in cycle cycle-wide; do
		printf 'rater_weights: { manager: 1, self: 0.25, peer: 0.5 }\n' \
			>> "$W/gen/$c.yaml"
	done
	same "genorg 150 --quirks --wide" "$W/gen/cycle.yaml" "$W/gen/cycle-wide.yaml"
else
	echo "FAIL aggregate_longwide: genorg failed: $(head -3 "$W/gen.out")"
fi
