#!/bin/sh
# handout.sh: `revpack handout` on its own: for each shipped rubric and the
# layout fixtures (30 competencies, a 9-level scale), the handout and the
# deck pass qpdf --check without poppler warnings, carry every competency
# title and level label, keep every word of the body inside the page's
# margins (a slide is never overfull), are 0644 and dated only with
# SOURCE_DATE_EPOCH; --template; the errors (exit 1, 2, 3, nothing
# written); and an installed revpack (make install PREFIX=...) that finds
# its shipped templates from another folder.
W=$TMPDIR/handout
rm -rf "$W"
mkdir -p "$W"

. "$TOP/tests/e2e/report.inc"

if ! command -v python3 > /dev/null; then
	fail handout_python "python3 is needed for these checks"
	exit 0
fi

# check.py PDF RUBRIC KIND: titles, labels, margins (prints problems).
cat > "$W/check.py" <<'EOF'
import re, subprocess, sys

from rubric_lite import titles_labels

pdf, rubric, kind = sys.argv[1:4]

def norm(s):
    return re.sub(r'\s+', ' ', s)

bad = []
# -raw: in the order drawn; poppler's reading order mixes the lines of
# labels wrapped side by side (a scale legend of 18 pt on slides).
text = norm(subprocess.run(['pdftotext', '-raw', '-enc', 'UTF-8', pdf, '-'],
                           capture_output=True).stdout.decode('utf-8'))
titles, labels = titles_labels(rubric)
if len(titles) < 6 or len(labels) < 3:
    bad.append('read %d titles and %d labels only' % (len(titles),
               len(labels)))
bad += ['no "%s"' % x for x in titles + labels if norm(x) not in text]

# The body's words stay inside the margins; only the footer (the
# document's name, page numbers) sits in the bottom margin.
margins = {'deck': (62, 46, 56, 56),             # slides.yaml
           'handout': (62.36, 53.86, 49.89, 49.89)}[kind]  # default.yaml
footer = re.compile(r'^(\d+|/|Page|of|Rubric|guide|rollout)$')
bbox = subprocess.run(['pdftotext', '-enc', 'UTF-8', '-bbox', pdf, '-'],
                      capture_output=True).stdout.decode('utf-8')
page = 0
for pg in re.split(r'<page ', bbox)[1:]:
    page += 1
    w, h = map(float, re.match(r'width="([\d.]+)" height="([\d.]+)"',
                               pg).groups())
    want = (960, 540) if kind == 'deck' else (595.28, 841.89)
    if abs(w - want[0]) > 1 or abs(h - want[1]) > 1:
        bad.append('page %d is %gx%g' % (page, w, h))
    top, bottom, left, right = margins
    for x0, y0, x1, y1, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
            r'yMax="([\d.]+)">([^<]*)</word>', pg):
        x0, y0, x1, y1 = map(float, (x0, y0, x1, y1))
        if x0 < left - 1 or x1 > w - right + 1:
            bad.append('page %d: "%s" outside the side margins' % (page, word))
        if y1 > h - bottom + 1 and not footer.match(word):
            bad.append('page %d: "%s" in the bottom margin' % (page, word))
print('\n'.join(bad[:6]))
EOF

# --- every shipped rubric and the fixtures, handout and deck ---
: > "$W/poppler.err"
for r in rubrics/csm-scorecard.yaml rubrics/csm-evaluation-matrix.yaml \
    rubrics/csm-weighted-criteria.yaml tests/fixtures/rubric-30.yaml \
    tests/fixtures/rubric-9levels.yaml; do
	n=$(basename "$r" .yaml)
	for kind in handout deck; do
		out=$W/$n-$kind.pdf
		flag=
		[ $kind = deck ] && flag=--deck
		(cd "$TOP" && $REVPACK handout "$r" $flag -o "$out") 2> "$W/err"
		st=$?
		bad=
		[ $st = 0 ] || bad="exit $st: $(head -2 "$W/err")"
		[ -s "$W/err" ] && bad="$bad stderr: $(head -2 "$W/err")"
		qpdf --check "$out" > /dev/null 2>&1 || bad="$bad qpdf --check fails"
		pdfinfo "$out" > /dev/null 2>> "$W/poppler.err"
		[ "$(stat -c %a "$out" 2>/dev/null)" = 644 ] || \
		    bad="$bad mode $(stat -c %a "$out" 2>/dev/null)"
		if [ -f "$out" ]; then
			p=$(PYTHONPATH=$TOP/tests/e2e PYTHONDONTWRITEBYTECODE=1 \
			    python3 "$W/check.py" "$out" "$TOP/$r" $kind 2>&1)
			[ -n "$p" ] && bad="$bad $p"
		fi
		check "handout_${kind}_$n" "$([ -z "$bad" ]; echo $?)" "$bad"
	done
done
check handout_no_poppler_warnings "$([ ! -s "$W/poppler.err" ]; echo $?)" \
    "$(head -3 "$W/poppler.err")"

# --- dates: none without a cycle, SOURCE_DATE_EPOCH when set; same bytes ---
f=$W/csm-scorecard-handout.pdf
pdfinfo "$f" 2>/dev/null | grep -q CreationDate
check handout_no_date_without_cycle "$([ $? != 0 ]; echo $?)" \
    "$(pdfinfo "$f" | grep Date)"
(cd "$TOP" && SOURCE_DATE_EPOCH=1784073600 $REVPACK handout \
    rubrics/csm-scorecard.yaml -o "$W/dated.pdf")
pdfinfo -isodates "$W/dated.pdf" 2>/dev/null | grep -q 'CreationDate: *2026-07-15T00:00:00'
check handout_source_date_epoch $? "$(pdfinfo -isodates "$W/dated.pdf" | grep Date)"
(cd "$TOP" && $REVPACK handout rubrics/csm-scorecard.yaml -o "$W/again.pdf")
cmp -s "$f" "$W/again.pdf"
check handout_same_bytes $? "a second run differs"

# --- --template ---
(cd "$TOP" && $REVPACK handout rubrics/csm-scorecard.yaml \
    --template templates/letter.yaml -o "$W/letter.pdf") 2>/dev/null
pdfinfo "$W/letter.pdf" 2>/dev/null | grep -q 'Page size: *612 x 792'
check handout_template_option $? "$(pdfinfo "$W/letter.pdf" 2>&1 | grep -i 'size\|error')"

# --- errors: nothing written ---
cd "$W" || exit 1
$REVPACK handout nowhere.yaml -o e1.pdf 2> e1.err
st=$?
check handout_missing_rubric "$([ $st = 1 ] && [ ! -e e1.pdf ] && [ -s e1.err ]; echo $?)" \
    "exit $st: $(cat e1.err)"
$REVPACK handout "$TOP/rubrics/csm-scorecard.yaml" 2> e2.err
st=$?
check handout_needs_output "$([ $st = 2 ]; echo $?)" "exit $st: $(cat e2.err)"
SOURCE_DATE_EPOCH=soon $REVPACK handout "$TOP/rubrics/csm-scorecard.yaml" \
    -o e3.pdf 2> e3.err
st=$?
check handout_bad_source_date_epoch "$([ $st = 1 ] && [ ! -e e3.pdf ] && \
    grep -q SOURCE_DATE_EPOCH e3.err; echo $?)" "exit $st: $(cat e3.err)"
$REVPACK handout "$TOP/rubrics/csm-scorecard.yaml" --template nowhere.yaml \
    -o e4.pdf 2> e4.err
st=$?
check handout_missing_template "$([ $st = 1 ] && [ ! -e e4.pdf ]; echo $?)" \
    "exit $st: $(cat e4.err)"
$REVPACK handout "$TOP/rubrics/csm-scorecard.yaml" -o no/such/dir/x.pdf \
    2> e5.err
st=$?
check handout_unwritable_output "$([ $st = 3 ] && grep -q 'no/such/dir' e5.err; echo $?)" \
    "exit $st: $(cat e5.err)"
left=$(ls -A "$W" | grep '\.tmp' | head -3)
check handout_no_temporaries_left "$([ -z "$left" ]; echo $?)" "$left"

# --- installed: the shipped templates are found from another folder ---
inst=$W/inst
env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL make -s -C "$TOP" install \
    PREFIX="$inst" O="$O" > "$W/install.log" 2>&1
st=$?
check handout_make_install "$st" "$(tail -3 "$W/install.log")"
mkdir -p "$W/elsewhere"
cd "$W/elsewhere" || exit 1
cp "$TOP/rubrics/csm-evaluation-matrix.yaml" rubric.yaml
"$inst/bin/revpack" handout rubric.yaml -o h.pdf 2> h.err &&
"$inst/bin/revpack" handout rubric.yaml --deck -o d.pdf 2>> h.err
st=$?
bad=
[ $st = 0 ] || bad="exit $st: $(head -2 h.err)"
pdfinfo h.pdf 2>/dev/null | grep -q 'Page size: *595.2' || bad="$bad handout not A4"
pdfinfo d.pdf 2>/dev/null | grep -q 'Page size: *960 x 540' || bad="$bad deck not 960x540"
check handout_installed_finds_templates "$([ -z "$bad" ]; echo $?)" "$bad"
