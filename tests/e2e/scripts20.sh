#!/bin/sh
# scripts20.sh: issue 14's acceptance roster (tests/fixtures/scripts20:
# names and comments in 25 Unicode scripts, and mixed-direction strings).
# For each person's scorecard: pdftotext gives back the name and the
# manager's comment exactly, in NFC and in logical order (plain
# pdftotext, and -layout, whose columns may pad a line but keep its
# text; the U+202B/U+202C marks pdftotext puts around a right-to-left
# line are dropped); the name is drawn with exactly the glyphs hbshape
# (a stand-in for hb-shape) gives for the font of the chain that covers
# it, right-to-left runs in visual order; and a name with right-to-left
# letters has its words in visual order too. Manager m1's team summary
# lists every name, extractable. The template is the shipped default
# with its fonts as files, plus the installed Noto fonts of the scripts
# the default chain lacks (all from fonts-noto-core), before DejaVu Sans.
# Run by tests/run.sh ($REVPACK, $TOP, $TMPDIR, $O set).
. "$TOP/tests/e2e/report.inc"
. "$TOP/tests/e2e/shaping.inc"
W=$TMPDIR/scripts20
F=$TOP/tests/fixtures/scripts20
HB=$TOP/${O:-build}/tools/hbshape
rm -rf "$W"
mkdir -p "$W"
cd "$W" || exit 1
cp "$F/roster.csv" "$F/ratings.csv" .
sed "s#^template: .*#template: template.yaml#; \
    s#^rubric: .*#rubric: $TOP/rubrics/csm-scorecard.yaml#" \
    "$F/cycle.yaml" > cycle.yaml

# the default template's families as files, the extra scripts' fonts
# inserted before DejaVu Sans (which has Armenian, Georgian and Lao
# letters of its own, but not their shaping)
python3 - "$TOP/templates/default.yaml" <<'PY' > families
import sys, yaml
fonts = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))['fonts']
extra = ['Noto Sans %s' % s for s in (
    'Armenian', 'Georgian', 'Telugu', 'Kannada', 'Malayalam', 'Gujarati',
    'Gurmukhi', 'Sinhala', 'Lao', 'Khmer', 'Myanmar', 'Ethiopic')]
extra.append('Noto Serif Tibetan')
chain = [fonts['regular']] + list(fonts.get('fallback', []))
at = chain.index('DejaVu Sans') if 'DejaVu Sans' in chain else len(chain)
print('\n'.join(chain[:at] + extra + chain[at:]))
PY
while read -r fam; do
	fc-match -f '%{file}\n' "$fam"
done < families > chain
chain_template "$W"

$REVPACK build cycle.yaml --out out --docs scorecard,team --quiet 2> build.err
check scripts20_builds $? "$(head -3 build.err)"
n=$(grep -c 'no configured font' build.err)
check scripts20_all_covered "$n" "$(grep 'no configured font' build.err | head -3)"

# people.tsv: id, script, NFC name, NFC comment, and the name as a line
# draws it (its characters left to right, as pdfglyphs.py --lines gives
# them) when it holds right-to-left letters, of each person (the
# fixture's CSV read as CSV: a comment may hold a quoted comma)
python3 - > people.tsv <<'PY'
import csv, unicodedata
nfc = lambda s: unicodedata.normalize('NFC', s)
com = {}
for r in csv.DictReader(open('ratings.csv', encoding='utf-8')):
    if r['comment']:
        com[r['subject_id']] = nfc(r['comment'])
# "محمد (Mo) Ali 3" is a right-to-left paragraph (UAX #9 P2: its first
# strong letter); the 3 follows Ali (W7: a number after a Latin letter
# is left to right) and the brackets, a pair around "Mo" preceded by
# Arabic, take the paragraph's direction (N0), so that from the left it
# reads "Ali 3", the mirrored pair around "Mo", the Arabic (each glyph
# extracts as its logical character: ")" drawn as "(")
mixed = {'محمد (Mo) Ali 3': ['Ali 3 )Mo( دمحم']}
for r in csv.DictReader(open('roster.csv', encoding='utf-8')):
    if r['id'] not in com:
        continue
    name = nfc(r['name'])
    vis = ''
    if any(unicodedata.bidirectional(c) in ('R', 'AL') for c in name):
        vis = '|'.join(mixed.get(name, [name[::-1]]))
    print('\t'.join((r['id'], r['department'], name, com[r['id']], vis)))
PY

# has_text FILE TEXT: FILE (pdftotext's) has TEXT, whole: a line equal to
# it, or to a comment's "• ROLE: TEXT", in plain output; in -layout
# output, the same between column gaps. A TEXT that mixes directions
# (right-to-left letters and Latin letters or digits) is looked for word
# by word on one line, brackets aside: pdftotext puts a line in order by
# a rule of its own (it reverses each run of right-to-left letters with
# the spaces and punctuation after it), not by UAX #9, so across words
# it cannot give back the typed order of such a line, however it is
# drawn (revpack-template(5), "Right to left"); each word still comes back whole and
# in logical order.
has_text() {
	python3 - "$1" "$2" <<'PY'
import re, sys, unicodedata
want = sys.argv[2]
dirs = {unicodedata.bidirectional(c) for c in want}
mixed = dirs & {'R', 'AL'} and dirs & {'L', 'EN', 'AN'}
words = re.sub(r'[()]', ' ', want).split()
for line in open(sys.argv[1], encoding='utf-8'):
    for cell in [line.rstrip('\n')] + re.split(r' {2,}', line.strip()):
        if cell == want or re.fullmatch(r'• [^:]+: ' + re.escape(want), cell):
            sys.exit(0)
    if mixed and all(w in line.replace(' ', '') for w in words):
        sys.exit(0)
sys.exit(1)
PY
}

# got FILE TEXT: for a message, the line of FILE most like TEXT (sharing
# the most characters with it, and having few others)
got() {
	python3 - "$1" "$2" <<'PY'
import sys
want = set(sys.argv[2]) - {' '}
best, line = 0, None
for l in open(sys.argv[1], encoding='utf-8'):
    l = l.strip()
    score = len(want & set(l)) - 0.2 * len(set(l) - want - {' '})
    if score > best:
        best, line = score, l
print('pdftotext gives %r' % line if line else 'pdftotext gives no line like it')
PY
}

tab=$(printf '\t')
while IFS=$tab read -r id script name comment vis; do
	pdf=out/people/$id/scorecard.pdf
	pdf_text "$pdf" > "$id.txt"
	pdf_text "$pdf" -layout > "$id.layout.txt"
	for mode in plain layout; do
		txt=$id.txt
		[ $mode = layout ] && txt=$id.layout.txt
		has_text "$txt" "$name"
		check "scripts20_${id}_name_${mode}" $? \
		    "$script name \"$name\": $(got "$txt" "$name")"
		has_text "$txt" "$comment"
		check "scripts20_${id}_comment_${mode}" $? \
		    "$script comment \"$comment\": $(got "$txt" "$comment")"
	done
	# a mixed-direction name: its words (bidi may mirror a parenthesis
	# and split it from its word; the visual-order check sees to those)
	gname=$name
	[ -n "$vis" ] && gname=$(echo "$name" | tr -d '()')
	bad=$(drawn_as_hb "$pdf" "$gname")
	check "scripts20_${id}_glyphs" $? "$script: $bad"
	[ -n "$vis" ] || continue
	# right to left: the words in visual order too, not only each
	# word's glyphs
	python3 "$TOP/tests/e2e/pdfglyphs.py" --lines "$pdf" > "$id.lines"
	python3 - "$id.lines" "$vis" <<'PY'
import sys
lines = open(sys.argv[1], encoding='utf-8').read().split('\n')
sys.exit(0 if set(sys.argv[2].split('|')) & set(lines) else 1)
PY
	check "scripts20_${id}_visual_order" $? \
	    "$script name drawn as \"$(sed -n 3p "$id.lines")\", want (left to right) \"$(echo "$vis" | sed 's/|/" or "/g')\""
done < people.tsv

# the team summary of manager m1 names every person, extractable
pdf_text out/managers/m1/team.pdf > team.txt
bad=
while IFS=$tab read -r id script name comment vis; do
	grep -qF "$name" team.txt || has_text team.txt "$name" ||
	    bad="$bad${bad:+, }$id"
done < people.tsv
check scripts20_team_names "$([ -z "$bad" ]; echo $?)" "not extracted: $bad"
