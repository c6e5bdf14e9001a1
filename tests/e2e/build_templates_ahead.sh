#!/bin/sh
# build_templates_ahead.sh: build loads the template, the deck's and their
# fonts on a thread of its own while the roster and ratings load, and
# begins the workbook before the font set-up. What a user sees must not
# change: a template's messages come after the cycle's and only when the
# cycle loaded; a font that cannot be found stops the run (exit 1) with
# its file:line:col before anything is written; no scratch folder is left.
. "$TOP/tests/e2e/report.inc"
W=$TMPDIR/build_templates_ahead
rm -rf "$W"
mkdir -p "$W/scratch"
cd "$W" || exit 1
cp "$TOP"/tests/fixtures/validate-fonts/*.csv "$TOP"/tests/fixtures/validate-fonts/template.yaml .
sed "s#^rubric: .*#rubric: $TOP/tests/fixtures/ingest/rubric.yaml#" \
    "$TOP/tests/fixtures/validate-fonts/cycle.yaml" > cycle.yaml
cp template.yaml template.ok
cp ratings.csv ratings.ok
export TMPDIR="$W/scratch"

# nothing_left OUT: no output folder, no scratch folder.
nothing_left() {
	[ ! -e "$1" ] && [ -z "$(ls scratch)" ]
}

# A font no one has: exit 1, the template's position, nothing written.
sed 's/^  regular: Liberation Sans$/  regular: No Such Family/' template.ok > template.yaml
$REVPACK build cycle.yaml --out o1 --quiet 2> err
st=$?
check build_ahead_missing_font "$([ $st = 1 ] && grep -q '^template.yaml:5:3: error: font "No Such Family": no installed font family' err && nothing_left o1; echo $?)" \
    "status $st: $(cat err) $(ls scratch)"

# The same with --docs that renders nothing needing fonts beyond the
# aggregates is still an error (the template's fonts are part of the run).
$REVPACK build cycle.yaml --out o1b --docs org --quiet 2> err
st=$?
check build_ahead_missing_font_docs "$([ $st = 1 ] && grep -q '^template.yaml:5:3: error: font "No Such Family"' err && nothing_left o1b; echo $?)" \
    "status $st: $(cat err)"

# A template error after the cycle's warning, in that order.
cp roster.csv roster.ok
sed '3s/,Junior,/,Wizard,/' roster.ok > roster.csv
cp template.ok template.yaml
echo "colour: 12" >> template.yaml
$REVPACK build cycle.yaml --out o2 --quiet 2> err
st=$?
cp roster.ok roster.csv
first=$(grep -n '^roster.csv:3: warning: column "level": the rubric has no expectation for "Wizard"' err | cut -d: -f1)
second=$(grep -n '^template.yaml:10:1: error: unknown key "colour"; did you mean "colors"?$' err | cut -d: -f1)
check build_ahead_template_error_after_cycle "$([ $st = 1 ] && [ -n "$first" ] && [ -n "$second" ] && [ "$first" -lt "$second" ] && nothing_left o2; echo $?)" \
    "status $st: $(cat err)"

# A cycle that fails: its errors only, not the template's (as before the
# template was loaded beside it).
echo "a1,m1,manager,teamwork,99," >> ratings.csv
$REVPACK build cycle.yaml --out o3 --quiet 2> err
st=$?
check build_ahead_cycle_error_alone "$([ $st = 1 ] && grep -q '^ratings.csv:6: error: column "score": "99" is above the scale maximum 4$' err && ! grep -q '^template.yaml' err && nothing_left o3; echo $?)" \
    "status $st: $(cat err)"

# And a good run: the workbook, the documents, no scratch left.
cp template.ok template.yaml
cp ratings.ok ratings.csv
$REVPACK build cycle.yaml --out o4 --quiet 2> err
st=$?
check build_ahead_good_run "$([ $st = 0 ] && [ -s o4/aggregates.xlsx ] && [ -s o4/people/a1/scorecard.pdf ] && [ -z "$(ls scratch)" ]; echo $?)" \
    "status $st: $(cat err) $(ls scratch)"
