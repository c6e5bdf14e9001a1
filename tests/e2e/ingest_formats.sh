#!/bin/sh
# tests/e2e/ingest_formats.sh: the same ratings exported in the shapes real
# tools write (comma or semicolon or tab delimiters, a UTF-8 BOM, CRLF or
# old Mac CR line ends, a decimal comma in a semicolon file, comments that
# span lines) load to identical figures: `revpack aggregate` prints the
# same JSON for each. Also: several ratings files merge to the figures of
# one. Run by tests/run.sh ($REVPACK, $TOP, $TMPDIR set).
: "${TOP:=$(pwd)}" "${TMPDIR:=/tmp}"
W=$TMPDIR/ingest_formats
rm -rf "$W"
mkdir -p "$W"
cd "$W" || exit 1

cat > roster.csv <<'CSV'
id,name,level,department,manager_id,supervisory
m1,Margaret O'Brien,Senior,Leadership,,yes
a1,Zoë Ångström,Junior,Customer Success,m1,no
a2,José Müller,Senior,Customer Success,m1,no
a3,Ngọc Nguyễn,Junior,Customer Success,m1,no
CSV
cat > base.csv <<'CSV'
subject_id,rater_id,rater_role,competency_id,score,comment
a1,m1,manager,teamwork,3,"Strong; steady ""work""
over two lines"
a1,m1,manager,communication,Proficient,
a1,a1,self,teamwork,4,
a1,p1,peer,teamwork,2,Fine
a1,p2,peer,teamwork,3,
a1,p3,peer,teamwork,2.5,
a2,m1,manager,follow-up,2.5,
a2,m1,manager,onboarding,N/A,
a2,m1,manager,teamwork,LEADING,
a3,m1,manager,teamwork,1,
a3,m1,manager,communication,,
m1,m1,self,teamwork,4,
CSV
cycle() {   # cycle NAME FILE...: writes NAME.yaml
	name=$1
	shift
	{
		echo "cycle: formats"
		echo "title: Formats"
		echo "rubric: $TOP/tests/fixtures/ingest/rubric.yaml"
		echo "template: $TOP/templates/default.yaml"
		echo "roster: roster.csv"
		echo "rater_weights: { manager: 1, peer: 0.5 }"
		echo "ratings:"
		for f in "$@"; do echo "  - $f"; done
	} > "$name.yaml"
}

# the variants, each from base.csv
cp base.csv comma.csv
{ printf '\357\273\277'; sed 's/$/\r/' base.csv; } > bom-crlf.csv
# ";" with a decimal comma; the comment's ";" is quoted
sed -e 's/,/;/g' -e 's/2\.5/2,5/g' base.csv > semicolon.csv
sed 's/,/\t/g' base.csv > tab.csv
tr '\n' '\r' < base.csv > cr-only.csv
head -7 base.csv > part1.csv
{ head -1 base.csv; tail -n +8 base.csv; } > part2.csv

status=0
cycle comma comma.csv
"$REVPACK" aggregate comma.yaml -o comma.json 2> comma.err
if [ ! -s comma.json ]; then
	echo "FAIL ingest_formats: the comma file does not aggregate: $(head -3 comma.err)"
	exit 0
fi
# a1 on teamwork: the manager, self and three peers
grep -q '"raters": 5' comma.json || status=1
for v in bom-crlf semicolon tab cr-only; do
	cycle "$v" "$v.csv"
	if ! "$REVPACK" aggregate "$v.yaml" -o "$v.json" 2> "$v.err"; then
		echo "FAIL ingest_formats: $v: $(head -3 "$v.err")"
	elif ! cmp -s comma.err "$v.err"; then
		echo "FAIL ingest_formats: $v: other messages: $(head -3 "$v.err")"
	elif ! cmp -s comma.json "$v.json"; then
		echo "FAIL ingest_formats: $v gives other figures than comma.csv"
		diff comma.json "$v.json" | head -10
	else
		echo "ok ingest_formats: $v"
	fi
done
cycle parts part1.csv part2.csv
if "$REVPACK" aggregate parts.yaml -o parts.json 2> parts.err &&
    cmp -s comma.json parts.json; then
	echo "ok ingest_formats: two files merge to the figures of one"
else
	echo "FAIL ingest_formats: two files do not merge to the figures of one: $(head -3 parts.err)"
fi
[ $status = 0 ] && echo "ok ingest_formats: a1 has five raters on teamwork" ||
	echo "FAIL ingest_formats: comma.json lacks the five raters of a1 on teamwork"

# the fixture cycle the golden cases are made from is itself valid
if (cd "$TOP/tests/fixtures/ingest" && "$REVPACK" validate cycle.yaml) \
    > fixture.out 2> fixture.err &&
    grep -q ': 3 people, 2 rated and 1 with nothing rated; 4 ratings (cells with a score; 4 read in all); rubric "ingest-test"' fixture.out &&
    ! grep -v 'has no rated competency' fixture.err | grep -q .; then
	echo "ok ingest_formats: the fixture cycle is valid"
else
	echo "FAIL ingest_formats: the fixture cycle: $(head -3 fixture.err)"
fi
