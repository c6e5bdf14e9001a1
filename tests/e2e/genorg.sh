#!/bin/sh
# tests/e2e/genorg.sh: the organisation generator is deterministic by seed,
# writes CSV that parses with the expected numbers of records and fields,
# and its wide export holds exactly the ratings of its long file.
# Run by tests/run.sh ($O, $TOP, $TMPDIR set).
: "${O:=build}" "${TOP:=$(pwd)}" "${TMPDIR:=/tmp}"
GEN=$TOP/$O/tools/genorg
RUBRIC=$TOP/rubrics/csm-scorecard.yaml
W=$TMPDIR/genorg
mkdir -p "$W"

ok() { echo "ok genorg: $1"; }
fail() { echo "FAIL genorg: $1"; }

if [ ! -x "$GEN" ]; then
	fail "$GEN not built (make tools O=$O)"
	exit 0
fi

# records FILE: CSV records (a quoted field may span lines: a record ends
# at a line end outside quotes). fields FILE: the distinct field counts of
# the records, one a line. Both read bytes, so they do not care about
# UTF-8 or a BOM.
csv_awk='
{
	line = $0
	for (i = 1; i <= length(line); i++) {
		c = substr(line, i, 1)
		if (c == "\"")
			inq = !inq
		else if (c == "," && !inq)
			nf++
	}
	if (inq)
		next
	n++
	seen[nf + 1] = 1
	nf = 0
}
END {
	if (mode == "records")
		print n + 0
	else
		for (k in seen)
			print k
}'
records() { LC_ALL=C awk -v mode=records "$csv_awk" "$1"; }
fields() { LC_ALL=C awk -v mode=fields "$csv_awk" "$1"; }

gen() {
	dir=$W/$1
	shift
	rm -rf "$dir"
	"$GEN" "$@" "$dir" --rubric "$RUBRIC" > "$W/gen.out" 2>&1
}

# 1. The same seed gives the same bytes; another seed does not.
N=60
gen a $N --seed 11 --quirks --wide && gen b $N --seed 11 --quirks --wide &&
	gen c $N --seed 12 --quirks --wide
st=$?
if [ $st != 0 ]; then
	fail "genorg exited $st: $(head -3 "$W/gen.out")"
	exit 0
fi
same=yes
for f in roster.csv ratings.csv forms-export.csv cycle.yaml cycle-wide.yaml; do
	cmp -s "$W/a/$f" "$W/b/$f" || same="no ($f differs)"
done
[ "$same" = yes ] && ok "same seed, same bytes" || fail "same seed: $same"
if cmp -s "$W/a/ratings.csv" "$W/c/ratings.csv" ||
    cmp -s "$W/a/roster.csv" "$W/c/roster.csv"; then
	fail "seeds 11 and 12 give the same organisation"
else
	ok "different seeds differ"
fi

# 2. --wide adds files; it does not change the long ones.
gen d $N --seed 11 --quirks
if cmp -s "$W/a/ratings.csv" "$W/d/ratings.csv" &&
    cmp -s "$W/a/roster.csv" "$W/d/roster.csv" &&
    [ ! -e "$W/d/forms-export.csv" ]; then
	ok "--wide leaves roster.csv and ratings.csv as they are"
else
	fail "--wide changes the long output"
fi

# 3. Valid CSV with the expected counts: N people; everyone but the top
# rated on each competency by a manager, self and K peers; quirks on.
ncomp=$(LC_ALL=C awk -F, 'NR > 1 && !($4 in s) && $4 ~ /^[a-z-]+$/ { s[$4]; n++ } END { print n + 0 }' "$W/a/ratings.csv")
check_counts() { # DIR K
	d=$1
	k=$2
	want_r=$((N + 1))
	want_l=$(((N - 1) * ncomp * (2 + k) + 1))
	want_w=$(((N - 1) * (2 + k) + 1))
	got="$(records "$d/roster.csv") $(fields "$d/roster.csv") $(records "$d/ratings.csv") $(fields "$d/ratings.csv") $(records "$d/forms-export.csv") $(fields "$d/forms-export.csv")"
	want="$want_r 10 $want_l 6 $want_w $((ncomp + 5))"
	if [ "$got" = "$want" ]; then
		ok "CSV records and fields ($(basename "$d"), $k peers)"
	else
		fail "CSV counts ($(basename "$d")): records/fields roster, long, wide: got $got, expected $want"
	fi
}
[ "$ncomp" = 13 ] || fail "ratings.csv names $ncomp competencies, the rubric has 13"
check_counts "$W/a" 2
gen e $N --seed 5 --peers 4 --wide --quirks
check_counts "$W/e" 4

# Quirks are there: BOM, CRLF, labels, N/A, a quoted comment with a line end.
q=$W/a/ratings.csv
if head -c 3 "$q" | od -An -tx1 | grep -q 'ef bb bf' &&
    head -1 "$q" | grep -q "$(printf '\r')\$" &&
    grep -qi 'proficiency' "$q" && grep -q ',N/A,' "$q" &&
    grep -q '"Said ""we will fix it"", then did."' "$q"; then
	ok "--quirks writes BOM, CRLF, labels, N/A, quoted comments"
else
	fail "--quirks output lacks one of BOM, CRLF, labels, N/A, quoting"
fi
if head -c 3 "$W/d/cycle.yaml" | od -An -tx1 | grep -q 'ef bb bf' ||
    grep -q "$(printf '\r')" "$W/d/cycle.yaml"; then
	fail "cycle.yaml carries a BOM or CRLF"
else
	ok "cycle.yaml stays plain"
fi

# 4. The wide export holds the long file's ratings, cell for cell. Without
# quirks no field is quoted, so awk can split on commas.
gen f $N --seed 3 --wide --peers 3
long_cells() {
	LC_ALL=C awk -F, 'NR > 1 { print $1 "," $2 "," $3 "," $4 "," $5 }' "$1/ratings.csv" | sort
}
wide_cells() {
	LC_ALL=C awk -F, -v comps="$(LC_ALL=C awk -F, 'NR == 2 { who = $1 } NR > 1 && $1 == who && !($4 in s) { s[$4]; printf "%s%s", sep, $4; sep = " " }' "$1/ratings.csv")" '
	BEGIN { n = split(comps, c, " ")
		role["Manager"] = "manager"; role["Self review"] = "self"
		role["Peer"] = "peer"; role["Direct report"] = "direct_report" }
	NR > 1 { for (i = 1; i <= n; i++)
		print $2 "," $3 "," role[$4] "," c[i] "," $(4 + i) }' "$1/forms-export.csv" | sort
}
long_cells "$W/f" > "$W/long.txt"
wide_cells "$W/f" > "$W/wide.txt"
if [ -s "$W/long.txt" ] && cmp -s "$W/long.txt" "$W/wide.txt"; then
	ok "the wide export holds the long file's ratings"
else
	fail "long and wide ratings differ: $(diff "$W/long.txt" "$W/wide.txt" | head -3 | tr '\n' ' ')"
fi
# Each question column of the wide file is mapped in cycle-wide.yaml.
missing=0
for col in $(head -1 "$W/f/forms-export.csv" | tr ',' '\n' | grep '\[' | tr ' ' '_'); do
	grep -qF "\"$(echo "$col" | tr '_' ' ')\":" "$W/f/cycle-wide.yaml" || missing=$((missing + 1))
done
[ $missing = 0 ] && ok "cycle-wide.yaml maps every question column" ||
	fail "$missing question columns are not mapped in cycle-wide.yaml"

# 5. revpack reads what genorg writes: both cycles validate, and the long
# and the wide cycle give byte-identical aggregates (people, teams,
# departments, organisation, calibration), quirks included.
if [ -x "$REVPACK" ]; then
	for d in a f; do
		st=ok
		for c in cycle cycle-wide; do
			"$REVPACK" validate "$W/$d/$c.yaml" > /dev/null 2> "$W/$d/$c.err" || st="$c.yaml: $(grep error "$W/$d/$c.err" | head -2)"
			"$REVPACK" aggregate "$W/$d/$c.yaml" -o "$W/$d/$c.json" 2> /dev/null || st="aggregate $c.yaml failed"
		done
		if [ "$st" != ok ]; then
			fail "revpack on genorg's $d: $st"
		elif cmp -s "$W/$d/cycle.json" "$W/$d/cycle-wide.json" &&
		    grep -q '"calibration"' "$W/$d/cycle.json"; then
			ok "long and wide cycles give the same aggregates ($d)"
		else
			fail "long and wide aggregates differ ($d): $(diff "$W/$d/cycle.json" "$W/$d/cycle-wide.json" | head -4 | tr '\n' ' ')"
		fi
	done
else
	fail "\$REVPACK is not set or not executable"
fi

# 6. Bad command lines: exit 2 with the usage, nothing written.
rm -rf "$W/bad"
"$GEN" 10 "$W/bad" > /dev/null 2>&1
st1=$?
"$GEN" 10 "$W/bad" --rubric "$RUBRIC" --peers x > /dev/null 2>&1
st2=$?
if [ $st1 = 2 ] && [ $st2 = 2 ] && [ ! -e "$W/bad" ]; then
	ok "bad command lines exit 2"
else
	fail "bad command lines: exit $st1 and $st2, expected 2"
fi
