#!/bin/sh
# tests/e2e/ingest_scale.sh: a generated organisation of 3000 people with
# real exports' quirks (BOM, CRLF, level labels, N/A, multi-line comments)
# validates in long and in wide format; and when every row of a large
# file is wrong, the first 200 errors are listed and the rest counted in
# one line, instead of 150,000 lines. Not a timed test (see tests/bench).
# Run by tests/run.sh ($REVPACK, $TOP, $O, $TMPDIR set).
: "${O:=build}" "${TOP:=$(pwd)}" "${TMPDIR:=/tmp}"
W=$TMPDIR/ingest_scale
GENORG=$TOP/$O/tools/genorg
rm -rf "$W"
mkdir -p "$W"
if [ ! -x "$GENORG" ]; then
	echo "FAIL ingest_scale: $GENORG not built (make tools O=$O)"
	exit 0
fi
"$GENORG" 3000 "$W" --rubric "$TOP/rubrics/csm-scorecard.yaml" --quirks \
	--wide > /dev/null || { echo "FAIL ingest_scale: genorg failed"; exit 0; }
cd "$W" || exit 1
for c in cycle.yaml cycle-wide.yaml; do
	if "$REVPACK" validate "$c" > out 2> err && grep -q ': 3000 people, ' out &&
	    ! grep -q 'error:' err; then
		echo "ok ingest_scale: $c: $(sed 's/.*: 3000 people, \([0-9]*\) ratings.*/\1/' out) ratings"
	else
		echo "FAIL ingest_scale: $c does not validate: $(head -3 err)"
	fi
done

# every subject unknown: X00002 instead of E00002
sed 's/^\(\xEF\xBB\xBF\)\{0,1\}E\([0-9]\)/X\2/' ratings.csv > all-wrong.csv
sed 's/ratings.csv/all-wrong.csv/' cycle.yaml > wrong.yaml
"$REVPACK" validate wrong.yaml > out 2> err
st=$?
# (after a comment that spans lines, a record's row is said too)
listed=$(grep -c '^all-wrong.csv:[0-9]*: error: \(row [0-9]*: \)\{0,1\}column "subject_id": "X' err)
rows=$(grep -c '^X' all-wrong.csv)
if [ $st = 1 ] && [ "$listed" = 200 ] && grep -q "^all-wrong.csv: error: $((rows - 200)) more errors in this file are not listed (only the first 200 are)$" err; then
	echo "ok ingest_scale: $rows wrong rows: 200 listed, the rest counted"
else
	echo "FAIL ingest_scale: $rows wrong rows gave status $st, $listed listed: $(tail -2 err)"
fi
