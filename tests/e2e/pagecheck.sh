#!/bin/sh
# pagecheck.sh: page breaks as a reader sees them. tests/pagecheck.py
# reads every PDF of both samples built with every shipped template, and
# of a small generated organisation per shipped rubric (each on one of
# the templates, in turn), and must find no orphaned heading, no
# continuation of one row or line, no split small block, no page under
# 15% full other than a document's last, and no text under 7 pt.
# Prints ok/FAIL lines (one per kind of finding and set of PDFs).
: "${O:=build}" "${TOP:=$(pwd)}" "${TMPDIR:=/tmp}"
W=$TMPDIR/pagecheck
GEN=$TOP/$O/tools/genorg
CHECK=$TOP/tests/pagecheck.py
rm -rf "$W"
mkdir -p "$W"

. "$TOP/tests/e2e/report.inc"

if ! command -v python3 > /dev/null || ! command -v mutool > /dev/null; then
	fail pagecheck_tools "python3 and mutool (mupdf-tools) are needed"
	exit 0
fi

# The samples and what their cycles point at (../../rubrics,
# ../../templates, ../2025-H2), copied so that a cycle's `template:` can
# be changed.
cp -R "$TOP/samples" "$TOP/rubrics" "$TOP/templates" "$W/"

# build NAME CYCLE: builds every document of CYCLE into $W/out/NAME.
build() {
	$REVPACK build "$2" --out "$W/out/$1" --quiet 2> "$W/$1.err"
	st=$?
	[ $st = 0 ] || fail "pagecheck_build_$1" "exit $st: $(tail -2 "$W/$1.err")"
	return $st
}

# check NAME: the checker over every PDF of $W/out/NAME; one ok/FAIL line
# per kind of finding.
pcheck() {
	find "$W/out/$1" -name '*.pdf' | sort > "$W/$1.list"
	n=$(wc -l < "$W/$1.list")
	if [ "$n" = 0 ]; then
		fail "pagecheck_$1" "no PDF built"
		return
	fi
	xargs -n 30 -P 2 python3 "$CHECK" < "$W/$1.list" > "$W/$1.found" 2>&1
	if grep -q '^error' "$W/$1.found"; then
		fail "pagecheck_$1_read" "$(grep -m2 '^error' "$W/$1.found")"
		return
	fi
	for k in orphan widow split sparse small; do
		c=$(grep -c "^$k: " "$W/$1.found")
		check "pagecheck_$1_$k" "$c" "$c in $n PDFs, e.g. $(grep -m2 "^$k: " "$W/$1.found" | sed "s|$W/out/||" | tr '\n' ' ')"
	done
}

# The checker can fail: a template whose scorecard puts its title alone
# on page 1 and a heading alone on page 2 (page breaks asked for, which
# the engine obeys) must give an orphaned heading and sparse pages.
sed -e '/^documents:/,$d' "$W/templates/default.yaml" > "$W/templates/bad.yaml"
cat >> "$W/templates/bad.yaml" <<'EOT'
documents:
  scorecard:
    blocks:
      - title: "{words.scorecard}"
      - page_break
      - heading: "Alone at the foot"
      - page_break
      - kv_grid: { data: person, fields: [name, overall], columns: 2 }
EOT
sed "s|^template: .*|template: ../../templates/bad.yaml|" \
    "$W/samples/2025-H2/cycle.yaml" > "$W/samples/2025-H2/cycle-bad.yaml"
if $REVPACK build "$W/samples/2025-H2/cycle-bad.yaml" --out "$W/out/bad" \
    --docs scorecard --only cs-002 --quiet 2> "$W/bad.err"; then
	python3 "$CHECK" "$W/out/bad/people/cs-002/scorecard.pdf" > "$W/bad.found"
	st=$?
	if [ $st = 1 ] && grep -q '^orphan: .* page 2: heading "Alone' "$W/bad.found" &&
	    grep -q '^sparse: .* page 1:' "$W/bad.found"; then
		ok pagecheck_finds_faults
	else
		fail pagecheck_finds_faults "exit $st: $(head -3 "$W/bad.found" | tr '\n' ' ')"
	fi
else
	fail pagecheck_finds_faults "build: $(tail -2 "$W/bad.err")"
fi

for s in 2025-H2 2026-H1; do
	for t in default letter branded; do
		c=$W/samples/$s/cycle-$t.yaml
		sed "s|^template: .*|template: ../../templates/$t.yaml|" \
		    "$W/samples/$s/cycle.yaml" > "$c"
		build "$s-$t" "$c" && pcheck "$s-$t"
	done
done

if [ ! -x "$GEN" ]; then
	fail pagecheck_genorg "$GEN not built (make tools O=$O)"
	exit 0
fi
set -- default letter branded
for r in "$TOP"/rubrics/*.yaml; do
	name=gen-$(basename "$r" .yaml)-$1
	"$GEN" 40 "$W/$name" --rubric "$r" --seed 13 \
	    --template "$W/templates/$1.yaml" > "$W/$name.gen" 2>&1 ||
	    { fail "pagecheck_$name" "genorg: $(tail -1 "$W/$name.gen")"; continue; }
	build "$name" "$W/$name/cycle.yaml" && pcheck "$name"
	# the next rubric on the next template
	t=$1
	shift
	set -- "$@" "$t"
done
