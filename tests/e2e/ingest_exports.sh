#!/bin/sh
# ingest_exports.sh: every export of tests/fixtures/exports/<tool>/ (files
# shaped as Google Forms, Microsoft Forms, SurveyMonkey, Qualtrics,
# Typeform, Culture Amp, Lattice, 15Five, Leapsome, Workday, BambooHR and
# Excel's re-saves export them; see SOURCES.md there), read untouched
# through its folder's cycle.yaml, gives figures identical to the
# reference long-format cycle's: people, teams, departments, organisation
# and calibration (the warnings may differ). BambooHR's roster joins
# first and last names, so two people's names print in the roster's
# order there ("芳 王"): its names are left out of the comparison.
# Needs jq (make deps).
: "${O:=build}" "${TOP:=$(pwd)}" "${TMPDIR:=/tmp}"
. "$TOP/tests/e2e/report.inc"
X=$TOP/tests/fixtures/exports
W=$TMPDIR/ingest_exports
mkdir -p "$W"
command -v jq > /dev/null || { fail ingest_exports "jq is missing (make deps)"; exit 0; }

figures() {
	"$REVPACK" aggregate "$1" > "$W/agg.json" 2> "$W/err" || return 1
	jq -S "{people, teams, departments, org, calibration}${2:+ | $2}" \
	    "$W/agg.json"
}
figures "$X/reference/cycle.yaml" > "$W/ref.json" ||
    { fail ingest_exports "the reference cycle failed: $(head -3 "$W/err")"; exit 0; }
figures "$X/reference/cycle.yaml" 'del(.people[].name)' > "$W/ref-noname.json"
n=0
for cy in "$X"/*/cycle*.yaml; do
	tool=$(basename "$(dirname "$cy")")
	[ "$tool" = reference ] && continue
	name=$tool${cy##*/cycle}
	name=${name%.yaml}
	ref=$W/ref.json filter=
	[ "$tool" = bamboohr ] && ref=$W/ref-noname.json filter='del(.people[].name)'
	if figures "$cy" "$filter" > "$W/$name.json"; then
		d=$(diff "$ref" "$W/$name.json" | head -6)
		check "ingest_exports_$name" "$([ -z "$d" ]; echo $?)" "figures differ from the reference's: $d"
	else
		fail "ingest_exports_$name" "revpack aggregate failed: $(head -5 "$W/err")"
	fi
	n=$((n + 1))
done
check ingest_exports_count "$([ $n -ge 8 ]; echo $?)" "only $n exports have a cycle.yaml"
