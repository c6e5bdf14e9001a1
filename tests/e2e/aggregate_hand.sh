#!/bin/sh
# tests/e2e/aggregate_hand.sh: figures of `revpack aggregate` on the sample
# cycle against the values computed by hand in
# tests/golden/aggregate/HAND.md (every expected value below is copied
# from there, not from revpack's output). Needs jq (make deps).
# Run by tests/run.sh ($REVPACK, $TOP, $TMPDIR set).
: "${TOP:=$(pwd)}" "${TMPDIR:=/tmp}"
JSON=$TMPDIR/aggregate_hand.json

if ! command -v jq >/dev/null 2>&1; then
	echo "FAIL aggregate_hand: jq is not installed (make deps)"
	exit 0
fi
if ! "$REVPACK" aggregate "$TOP/samples/2026-H1/cycle.yaml" > "$JSON" \
    2> "$TMPDIR/aggregate_hand.err"; then
	echo "FAIL aggregate_hand: revpack aggregate failed: $(head -3 "$TMPDIR/aggregate_hand.err")"
	exit 0
fi

# check NAME JQ-EXPRESSION EXPECTED: jq -c's output must be EXPECTED.
check() {
	got=$(jq -c "$2" "$JSON" 2>&1)
	if [ "$got" = "$3" ]; then
		echo "ok aggregate_hand: $1"
	else
		echo "FAIL aggregate_hand: $1: got $got, expected $3"
	fi
}

P='.people[] | select(.id == "cs-033")'
C="$P | .competencies[]"
# 1. Sean Murphy (cs-033): every figure.
check "cs-033 scores" "[$C | .score]" \
	'[2.78,2,3.33,2.56,3,3.56,2.44,3.33,3.67,2.56,3.56,4,2]'
check "cs-033 levels" "[$C | .level]" '[2,2,3,2,3,3,2,3,3,2,3,4,2]'
check "cs-033 expected" "[$C | .expected] | unique" '[2]'
check "cs-033 status" "[$C | .status] | unique" '["green"]'
check "cs-033 by_role manager" "[$C | .by_role.manager]" \
	'[3,2,4,3,3,4,3,4,4,3,4,4,2]'
check "cs-033 by_role self" "[$C | .by_role.self]" \
	'[2,2,3,2,2,3,2,3,3,2,3,3,1]'
check "cs-033 by_role peer (left-out peers too)" "[$C | .by_role.peer]" \
	'[2.33,1.5,2,1.67,1.5,2.67,1.33,2,3,1.67,2.67,3,null]'
check "cs-033 by_role direct_report" "[$C | .by_role.direct_report] | unique" '[null]'
check "cs-033 raters_by_role peer" "[$C | .raters_by_role.peer]" \
	'[3,2,3,3,2,3,3,3,3,3,3,2,0]'
check "cs-033 raters_by_role manager, self, dr" \
	"[$C | [.raters_by_role.manager, .raters_by_role.self, .raters_by_role.direct_report]] | unique" \
	'[[1,1,0]]'
check "cs-033 raters" "[$C | .raters]" '[5,4,5,5,4,5,5,5,5,5,5,4,2]'
check "cs-033 gaps" "[$C | .gap]" '[-1,0,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1,-1]'
check "cs-033 gap flags" "[$C | .gap_flag] | unique" '[null]'
check "cs-033 categories" "[$P | .categories[] | .score]" '[2.73,3.19,4,2]'
check "cs-033 overall" "$P | .overall" \
	'{"score":2.95,"percent":39,"label":"Developing","coverage":1}'
check "cs-033 strengths (tie at 1.56 keeps rubric order)" "$P | .strengths" \
	'["project-time-management","stakeholder-management","proactiveness"]'
check "cs-033 growth" "$P | .growth" '[]'
check "cs-033 trend overall" "$P | .trend.overall" '0.57'
check "cs-033 trend per competency" "[$P | .trend.competencies[]]" \
	'[0.11,-0.56,1.66,-0.11,0,0.89,-0.34,0.44,0.11,0.89,1,2.22,0]'

# 2. Other kinds of people.
P='.people[] | select(.id == "cs-046")'
check "cs-046 manager N/A: peers only" \
	"[$P | .competencies[] | select(.id == \"upselling\" or .id == \"stakeholder-management\") | [.score, .gap]]" \
	'[[2.33,null],[2.67,null]]'
check "cs-046 two peers left out" \
	"$P | .competencies[] | select(.id == \"openness-to-feedback\") | .score" '2'
check "cs-046 no expectation: status thresholds" \
	"$P | .competencies[0] | [.score, .expected, .status]" '[2,null,"red"]'
check "cs-046 categories (1.815 rounds up)" "[$P | .categories[] | .score]" '[2.44,1.82,1,2]'
check "cs-046 overall" "$P | .overall" \
	'{"score":1.97,"percent":19.4,"label":"Foundational","coverage":1}'
check "cs-046 growth ties" "$P | [.growth, .strengths]" \
	'[["proactiveness","willingness-to-learn","project-time-management"],[]]'
check "cs-046 new hire: no trend" "$P | .trend" 'null'
P='.people[] | select(.id == "cs-017")'
check "cs-017 nothing rated" "$P | .overall" \
	'{"score":null,"percent":null,"label":null,"coverage":0}'
check "cs-017 all null" "[$P | .categories[].score, .competencies[].score, .trend.overall, .trend.competencies[]] | unique" '[null]'
check "cs-017 warning" '[.warnings[] | select(test("\"cs-017\" \\(Mette Sørensen\\) has no rated competency"))] | length' '1'
P='.people[] | select(.id == "cs-001")'
check "cs-001 direct reports only" "$P | .competencies[0] | [.score, .status, .gap]" '[4.8,"yellow",null]'
check "cs-001 categories and overall" "$P | [[.categories[].score], .overall.score, .overall.percent, .overall.label]" \
	'[[5.72,5.47,5.8,5.8],5.67,93.4,"Expert"]'
P='.people[] | select(.id == "cs-050")'
check "cs-050 single peer left out, strengths tie" "$P | [.overall.score, .strengths, [.competencies[].raters_by_role.peer] == [1,1,1,1,1,1,1,1,1,1,1,1,0]]" \
	'[4.26,["complaint-handling","software-setup","proactiveness"],true]'

# 3. Team cs-006, complaint-handling.
T='.teams[] | select(.manager_id == "cs-006")'
check "team cs-006" "$T | [.members, .labels]" '[2,{"Advanced":1,"Proficient":1}]'
check "team cs-006 complaint-handling" "$T | .competencies[0] | [.n, .mean, .median, .stdev, .min, .max, .distribution, .below_expected, .below_share, .trend]" \
	'[2,4.5,4.5,0.71,4,5,{"1":0,"2":0,"3":0,"4":1,"5":1,"6":0},0,0,1.5]'

# 4. Department Customer Success Americas, complaint-handling.
D='.departments[] | select(.department == "Customer Success Americas")'
check "department Americas" "$D | [.slug, .members]" '["customer-success-americas",11]'
check "department Americas complaint-handling" "$D | .competencies[0] | [.n, .mean, .median, .stdev, .min, .max, .distribution, .below_expected, .below_share, .trend]" \
	'[11,3.99,3.73,1.1,2.67,5.92,{"1":0,"2":2,"3":5,"4":1,"5":3,"6":0},2,0.18,0.22]'

# 5. Organisation, complaint-handling.
check "org complaint-handling" ".org.competencies[0] | [.n, .mean, .median, .min, .max]" \
	'[39,3.67,3.92,1,5.92]'
check "org complaint-handling s per person" '[.people[] | .competencies[0].score]' \
	'[4.8,4.61,4.32,3.13,4.94,3.08,4,3.17,5,2.67,2.89,3,1.87,null,3.11,2.25,4.08,1.93,3,5.11,4.83,2.92,4.67,5.92,4.56,3.67,2.78,3.92,2.67,5.42,3.73,3.92,4.07,1,5,4,2,2,5,4]'

# 6. Calibration.
check "calibration cs-006" '.calibration[] | select(.manager_id == "cs-006")' \
	'{"manager_id":"cs-006","ratings":26,"mean_given":3.92,"delta_vs_org":0.17,"flag":false}'
check "calibration cs-004 flagged" '.calibration[] | select(.manager_id == "cs-004") | [.ratings, .mean_given, .delta_vs_org, .flag]' \
	'[104,4.48,0.73,true]'
