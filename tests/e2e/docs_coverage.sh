#!/bin/sh
# docs_coverage.sh: an overall label given on less than three quarters of
# the rubric's competencies carries its coverage wherever it is printed
# (scorecard header and overall result), and a full one does not.
: "${O:=build}" "${TOP:=$(pwd)}" "${TMPDIR:=/tmp}"
. "$TOP/tests/e2e/report.inc"
X=$TOP/tests/fixtures/exports/reference
W=$TMPDIR/docs_coverage
rm -rf "$W"
mkdir -p "$W"
sed -e "s|\.\./\.\./\.\./\.\./|$TOP/|" -e "s|roster.csv|$X/roster.csv|" \
    -e "s|- file: ratings.csv|- file: $W/ratings.csv|" "$X/cycle.yaml" > "$W/cycle.yaml"
# cs-002 keeps 3 of 13 competencies (23%)
python3 - "$X/ratings.csv" "$W/ratings.csv" <<'PY'
import csv, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
keep = {"complaint-handling", "follow-up", "teamwork"}
with open(sys.argv[2], "w", encoding="utf-8", newline="") as f:
    csv.writer(f).writerows([r for i, r in enumerate(rows)
                             if i == 0 or r[0] != "cs-002" or r[3] in keep])
PY
"$REVPACK" build "$W/cycle.yaml" --out "$W/out" --docs scorecard --only cs-002,cs-004 \
    --quiet 2> "$W/err" || { fail docs_coverage "build failed: $(head -3 "$W/err")"; exit 0; }
t=$(pdftotext "$W/out/people/cs-002/scorecard.pdf" - | tr '\n' ' ')
check docs_coverage_caveat "$(echo "$t" | grep -q '(Coverage 23%)'; echo $?)" "no caveat in: $(echo "$t" | head -c 400)"
t=$(pdftotext "$W/out/people/cs-004/scorecard.pdf" - | tr '\n' ' ')
check docs_coverage_full "$(echo "$t" | grep -q '(Coverage'; [ $? = 1 ]; echo $?)" "a caveat on full coverage"
