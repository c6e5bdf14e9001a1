#!/bin/sh
# fonts_scripts.sh: the shipped templates' font chain covers every script
# of tests/fixtures/scripts (issue 14 item 5): a scorecard per person
# builds with no "is in no configured font" warning on default.yaml and
# branded.yaml, and pdftotext gives back the name and comment of each
# script, Arabic and Hebrew in logical order (poppler marks right-to-left
# spans with U+202B..U+202C, which are taken out before comparing).
# Run by tests/run.sh ($REVPACK, $TOP, $TMPDIR set).
. "$TOP/tests/e2e/report.inc"
W=$TMPDIR/fonts_scripts
F=$TOP/tests/fixtures/scripts
rm -rf "$W"
mkdir -p "$W"
cd "$W" || exit 1

for t in default branded; do
	mkdir -p "$t"
	sed "s#^template: .*#template: $TOP/templates/$t.yaml#; \
	    s#^rubric: .*#rubric: $TOP/rubrics/csm-scorecard.yaml#" \
	    "$F/cycle.yaml" > "$t/cycle.yaml"
	cp "$F/roster.csv" "$F/ratings.csv" "$t/"
	$REVPACK build "$t/cycle.yaml" --out "out-$t" --docs scorecard \
	    --quiet 2> "$t.err"
	st=$?
	n=$(grep -c 'no configured font' "$t.err")
	check "fonts_scripts_covered_$t" "$([ $st = 0 ] && [ "$n" = 0 ]; echo $?)" \
	    "exit $st; $(grep 'no configured font' "$t.err" | head -3)"
done

# name and comment of each person, as pdftotext gives them back
bad=
for p in m1 vi el ru zh ja ko em hi bn ta th ar he; do
	name=$(grep "^$p," "$F/roster.csv" | cut -d, -f2)
	com=$(grep "^$p,m1,manager," "$F/ratings.csv" | head -1 | cut -d, -f6)
	pdftotext "out-default/people/$p/scorecard.pdf" - 2>/dev/null |
	    LC_ALL=C sed 's/\xe2\x80[\xaa-\xae]//g' > "$p.txt"
	grep -qF "$name" "$p.txt" || bad="$bad $p:name"
	[ -z "$com" ] || grep -qF "$com" "$p.txt" || bad="$bad $p:comment"
done
check fonts_scripts_extract "$([ -z "$bad" ]; echo $?)" "not extracted:$bad"

# each script drawn by the face the chain names for it
bad=
for pf in ar:NotoSansArabic he:LiberationSans hi:NotoSansDevanagari \
    bn:NotoSansBengali ta:NotoSansTamil th:NotoSansThai zh:WenQuanYiZenHei \
    ko:WenQuanYiZenHei em:DejaVuSans; do
	p=${pf%%:*}
	pdffonts "out-default/people/$p/scorecard.pdf" 2>/dev/null |
	    grep -q "+${pf#*:}[ -]" || bad="$bad $pf"
done
check fonts_scripts_faces "$([ -z "$bad" ]; echo $?)" "no such face:$bad"
