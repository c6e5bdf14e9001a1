#!/bin/sh
# init_exports.sh: `revpack init` on every export of tests/fixtures/exports
# (the tools' layouts, untouched): the draft it writes validates and,
# without any edit, gives figures identical to the reference long-format
# cycle's under the same (default) weights; where it cannot place
# a value (Qualtrics's numbered relationship choices, answer code 7) it
# exits 1 naming each, and the keys it asks for, filled in, make the
# figures identical; it never overwrites a cycle. Needs jq (make deps).
: "${O:=build}" "${TOP:=$(pwd)}" "${TMPDIR:=/tmp}"
. "$TOP/tests/e2e/report.inc"
X=$TOP/tests/fixtures/exports
W=$TMPDIR/init_exports
rm -rf "$W"
mkdir -p "$W"
command -v jq > /dev/null || { fail init_exports "jq is missing (make deps)"; exit 0; }
RB=$TOP/rubrics/csm-scorecard.yaml

figures() {
	"$REVPACK" aggregate "$1" > "$W/agg.json" 2> "$W/agg.err" || return 1
	jq -S "{people, teams, departments, org, calibration}${2:+ | $2}" "$W/agg.json"
}
# the reference under the default weights, as init writes them
sed '/^rater_weights/d' "$X/reference/cycle.yaml" > "$X/reference/.init-ref.yaml"
figures "$X/reference/.init-ref.yaml" > "$W/ref.json"
figures "$X/reference/.init-ref.yaml" 'del(.people[].name)' > "$W/ref-noname.json"
rm -f "$X/reference/.init-ref.yaml"

# drafted NAME STATUS ROSTER EXPORT...: init into $W/NAME exits STATUS.
drafted() {
	name=$1 want=$2 roster=$3
	shift 3
	"$REVPACK" init "$W/$name" --rubric "$RB" --roster "$roster" "$@" \
	    > "$W/$name.out" 2> "$W/$name.err"
	st=$?
	check "init_$name" "$([ $st = "$want" ] && [ -f "$W/$name/cycle.yaml" ]; echo $?)" \
	    "status $st, expected $want: $(grep -v 'no rated competency' "$W/$name.err" | head -5)"
}
# same NAME [FILTER]: the draft's figures are the reference's.
same() {
	ref=$W/ref.json
	[ -n "$2" ] && ref=$W/ref-noname.json
	if figures "$W/$1/cycle.yaml" "$2" > "$W/$1.json"; then
		d=$(diff "$ref" "$W/$1.json" | head -6)
		check "init_${1}_figures" "$([ -z "$d" ]; echo $?)" "figures differ: $d"
	else
		fail "init_${1}_figures" "aggregate failed: $(head -3 "$W/agg.err")"
	fi
}

while read -r name file; do
	drafted "$name" 0 "$X/reference/roster.csv" "$X/$file" && same "$name"
done <<EOT
google-forms google-forms/responses.csv
microsoft-forms microsoft-forms/responses-utf8.csv
microsoft-forms-windows microsoft-forms/responses-windows.csv
microsoft-forms-xlsx microsoft-forms/responses.xlsx
microsoft-forms-two-sheets microsoft-forms/responses-two-sheets.xlsx
workday workday/performance-review-ratings.xlsx
surveymonkey surveymonkey/responses.csv
typeform typeform/responses.csv
culture-amp culture-amp/responses.csv
lattice lattice/review-responses.csv
15five 15five/review-export.csv
leapsome leapsome/answers.csv
excel-utf16 excel-utf16/ratings.txt
mac-roman mac-roman/ratings.csv
excel-european excel-european/ratings.csv
EOT
drafted bamboohr 0 "$X/bamboohr/employees.csv" "$X/bamboohr/ratings-by-email.csv" &&
    same bamboohr 'del(.people[].name)'

# Qualtrics: numbered relationship choices and answer 7 cannot be placed
drafted qualtrics 1 "$X/reference/roster.csv" "$X/qualtrics/responses.csv"
n=$(grep -c ': error: TODO: .*qualtrics/responses.csv: ' "$W/qualtrics.err")
check init_qualtrics_asks "$([ "$n" = 5 ] && grep -q '"7" is not on the scale 1 to 6' "$W/qualtrics.err"; echo $?)" \
    "$n TODO lines: $(cat "$W/qualtrics.err")"
sed -e 's/"1": TODO/"1": manager/' -e 's/"2": TODO/"2": self/' \
    -e 's/"3": TODO/"3": peer/' -e 's/"4": TODO/"4": direct_report/' \
    -e 's/"7": TODO/"7": n\/a/' "$W/qualtrics/cycle.yaml" > "$W/q.yaml"
mv "$W/q.yaml" "$W/qualtrics/cycle.yaml"
same qualtrics

# never overwrites a cycle
cp "$W/lattice/cycle.yaml" "$W/before.yaml"
"$REVPACK" init "$W/lattice" --rubric "$RB" --roster "$X/reference/roster.csv" \
    "$X/lattice/review-responses.csv" > /dev/null 2> "$W/err"
st=$?
check init_never_overwrites "$([ $st = 1 ] && cmp -s "$W/before.yaml" "$W/lattice/cycle.yaml" && grep -q 'exists already' "$W/err"; echo $?)" \
    "status $st: $(cat "$W/err")"

check init_finds_the_data_sheet "$(grep -q 'sheet: "Responses"' "$W/microsoft-forms-two-sheets/cycle.yaml"; echo $?)" \
    "$(sed -n 10,16p "$W/microsoft-forms-two-sheets/cycle.yaml")"

# Variations a reviewer tried: a question header naming no competency is
# asked (TODO), never dropped unsaid; first and last name columns name
# the subject; a "Completed" Yes/No column leaves unfinished responses out.
python3 - "$X/google-forms/responses.csv" "$W" <<'PY'
import csv, sys
src, w = sys.argv[1:3]
rows = list(csv.reader(open(src, encoding="utf-8", newline="")))
h = rows[0]
def write(name, header, body):
    with open(f"{w}/{name}", "w", encoding="utf-8", newline="") as f:
        cw = csv.writer(f)
        cw.writerow(header)
        cw.writerows(body)
q = h.index("Teamwork")
renamed = list(h)
renamed[q] = "Works well with others"
write("renamed.csv", renamed, rows[1:])
s = h.index("Who are you reviewing?")
write("split.csv", h[:s] + ["Employee First Name", "Employee Last Name"] + h[s + 1:],
      [r[:s] + (r[s].split(" ", 1) + [""])[:2] + r[s + 1:] for r in rows[1:]])
extra = list(rows[1])
extra[h.index("Teamwork")] = "Strongly agree"
write("completed.csv", h + ["Completed"], [r + ["Yes"] for r in rows[1:]] + [extra + ["No"]])
PY
drafted renamed 1 "$X/reference/roster.csv" "$W/renamed.csv"
check init_asks_unknown_question "$(grep -q '"Works well with others": TODO' "$W/renamed/cycle.yaml" && grep -q 'no question column rates: teamwork' "$W/renamed.out"; echo $?)" \
    "$(grep -n TODO "$W/renamed/cycle.yaml"; cat "$W/renamed.out")"
drafted split 0 "$X/reference/roster.csv" "$W/split.csv" && same split
drafted completed 0 "$X/reference/roster.csv" "$W/completed.csv" && same completed
