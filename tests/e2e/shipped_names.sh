#!/bin/sh
# shipped_names.sh: shipped rubrics and templates by name (issue 16 item
# 2). tests/fixtures/seed003 with `rubric: csm-scorecard` and
# `template: default` validates and builds the same scorecard, byte for
# byte, as with the paths; without `template` too; `deck_template:
# slides` gives the deck the path gives; a misspelt name is one error at
# its line and column listing where it looked, with the nearest shipped
# name; a file of that very name
# beside the cycle wins over the shipped one. Run by tests/run.sh
# ($REVPACK, $TOP, $TMPDIR set).
. "$TOP/tests/e2e/report.inc"
W=$TMPDIR/shipped_names
F=$TOP/tests/fixtures/seed003
rm -rf "$W"
mkdir -p "$W"
cd "$W" || exit 1
cp "$F/roster.csv" "$F/ratings.csv" .

# mk FILE RUBRIC TEMPLATE [DECK]: a cycle naming them (TEMPLATE "-": none)
mk() {
	sed '/^rubric:/d; /^template:/d' "$F/cycle.yaml" > "$1"
	echo "rubric: $2" >> "$1"
	[ "$3" = - ] || echo "template: $3" >> "$1"
	[ -z "$4" ] || echo "deck_template: $4" >> "$1"
}
mk paths.yaml "$TOP/rubrics/csm-scorecard.yaml" \
    "$TOP/templates/default.yaml" "$TOP/templates/slides.yaml"
mk names.yaml csm-scorecard default slides
mk nodefault.yaml csm-scorecard -
$REVPACK build paths.yaml --out o-paths --docs scorecard,deck --quiet 2>/dev/null
$REVPACK validate names.yaml > v.out 2> v.err
check shipped_names_validate $? "$(cat v.err | head -3)"
$REVPACK build names.yaml --out o-names --docs scorecard,deck --quiet 2>/dev/null
st=$?
same=0
for f in people/jps/scorecard.pdf deck.pdf deck.pptx; do
	cmp -s "o-paths/$f" "o-names/$f" || same=1
done
check shipped_names_same_bytes "$([ $st = 0 ] && [ $same = 0 ]; echo $?)" \
    "exit $st; the files built from names differ from those built from paths"
$REVPACK build nodefault.yaml --out o-nodef --docs scorecard --quiet 2>/dev/null
st=$?
cmp -s o-paths/people/jps/scorecard.pdf o-nodef/people/jps/scorecard.pdf
check shipped_names_template_optional "$(( st + $? ))" \
    "exit $st, or the scorecard differs from the default template's"

mk typo.yaml csm-scorcard defualt
$REVPACK validate typo.yaml > /dev/null 2> typo.err
st=$?
n=$(grep -c 'error:' typo.err)
grep -q '^typo.yaml:[0-9]*:[0-9]*: error: rubric "csm-scorcard" is neither a file beside the cycle nor a shipped rubric (looked for .*rubrics/csm-scorcard.yaml.*(did you mean "csm-scorecard"?)$' typo.err &&
    grep -q '^typo.yaml:[0-9]*:[0-9]*: error: template "defualt" is neither.*(did you mean "default"?)$' typo.err
check shipped_names_typo "$([ $st = 1 ] && [ "$n" = 2 ] && [ $? = 0 ]; echo $?)" \
    "exit $st, $n errors: $(head -2 typo.err)"

# a file named "default" beside the cycle is the template
printf 'page: { size: letter }\n' > default
mk local.yaml csm-scorecard default
$REVPACK build local.yaml --out o-local --docs scorecard --quiet 2>/dev/null
st=$?
pdfinfo o-local/people/jps/scorecard.pdf 2>/dev/null | grep -q 'Page size: *612 x 792'
check shipped_names_local_file_wins "$(( st + $? ))" \
    "exit $st; the local file \"default\" was not used"
