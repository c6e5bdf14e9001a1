#!/bin/sh
# forms_deck.sh: the rating forms and the deck against the seeds (issue
# 13 item 7). For generated organisations with each shipped rubric and
# every shipped template: the forms group competencies under their
# category's heading in rubric order (seed 003), the weighted-criteria
# form is one page with Weight, Score and Comments columns (seed 002),
# the csm-scorecard form at most 4 pages (5 with branded's larger type),
# no page holds only signature lines, nothing is set below 7 pt. For the
# deck of each shipped rubric: one slide per competency (no
# "(continued)" slide of one), text of 18 pt or more (the running header
# and footer aside), no slide under a third full.
# Run by tests/run.sh ($REVPACK, $O, $TOP, $TMPDIR set).
W=$TMPDIR/forms_deck
rm -rf "$W"
mkdir -p "$W"

. "$TOP/tests/e2e/report.inc"

GEN=$TOP/$O/tools/genorg
if [ ! -x "$GEN" ] || ! command -v python3 > /dev/null ||
    ! python3 -c 'import yaml' 2> /dev/null; then
	fail forms_deck_tools "needs $GEN (make tools), python3 and PyYAML"
	exit 0
fi

# check.py KIND PDF RUBRIC [MAXPAGES TOP]: prints the problems found
# (TOP: the form template's top margin, where its running header ends).
cat > "$W/check.py" <<'EOF'
import html, re, subprocess, sys
import yaml

kind, pdf, rubric = sys.argv[1:4]
maxpages = int(sys.argv[4]) if len(sys.argv) > 4 else 0
formtop = float(sys.argv[5]) if len(sys.argv) > 5 else 62
r = yaml.safe_load(open(rubric, encoding='utf-8'))
bad = []

def run(*a):
    return subprocess.run(a, capture_output=True).stdout.decode('utf-8')

def norm(s):
    return re.sub(r'\s+', ' ', s).strip()

# Per page: its size and the lines of text (y top, y bottom, size, text),
# from mutool's structured text.
pages = []
for pg in re.split(r'<page ', run('mutool', 'draw', '-F', 'stext', '-o',
                                  '-', pdf))[1:]:
    w, h = map(float, re.match(r'id="[^"]*" width="([\d.]+)" '
                               r'height="([\d.]+)"', pg).groups())
    lines = []
    for m in re.finditer(r'<line bbox="([\d. -]+)"[^>]*>(.*?)</line>', pg,
                         re.S):
        y0, y1 = float(m.group(1).split()[1]), float(m.group(1).split()[3])
        sizes = [float(s) for s in re.findall(r'size="([\d.]+)"', m.group(2))]
        text = html.unescape(''.join(re.findall(r' c="([^"]*)"',
                                                m.group(2))))
        lines.append((y0, y1, min(sizes) if sizes else 0, text))
    pages.append((w, h, lines))

def body(page, top, bottom):
    """the lines of a page between its running header and footer"""
    w, h, lines = page
    return [l for l in lines if l[0] >= top - 2 and l[1] <= h - bottom + 2]

cats = [c['title'] for c in r['categories']]
comps = [k['title'] for c in r['categories'] for k in c['competencies']]

if kind == 'form':
    if maxpages and len(pages) > maxpages:
        bad.append('%d pages, expected at most %d' % (len(pages), maxpages))
    text = norm(run('pdftotext', '-raw', '-enc', 'UTF-8', pdf, '-'))
    # categories in rubric order, each competency after its own
    at, pos = 0, []
    for t in cats:
        i = text.find(norm(t), at)
        if i < 0:
            bad.append('no category heading "%s" in order' % t)
            break
        pos.append(i)
        at = i + 1
    if len(pos) == len(cats):
        pos.append(len(text))
        for ci, c in enumerate(r['categories']):
            for k in c['competencies']:
                i = text.find(norm(k['title']), pos[ci])
                if i < 0 or i > pos[ci + 1]:
                    bad.append('"%s" is not under "%s"' % (k['title'],
                               c['title']))
    for n, pg in enumerate(pages, 1):
        small = [l for l in pg[2] if 0 < l[2] < 6.95]
        if small:
            bad.append('page %d: "%s" at %g pt' % (n, small[0][3][:30],
                       small[0][2]))
        words = set(norm(' '.join(l[3] for l in body(pg, formtop, 50))).split())
        if words and words <= {'Employee', 'Manager', 'Signature', 'Date'}:
            bad.append('page %d holds only signature lines' % n)
    if maxpages == 1:
        for col in ('Weight', 'Score (1–5)', 'Comments'):
            if col not in text:
                bad.append('no "%s" column' % col)
elif kind == 'deck':
    top, bottom = 62, 46                        # slides.yaml's margins
    heads = []
    for n, pg in enumerate(pages, 1):
        b = body(pg, top, bottom)
        small = [l for l in b if l[2] < 17.95]
        if small:
            bad.append('slide %d: "%s" at %g pt' % (n, small[0][3][:30],
                       small[0][2]))
        low = max([l[1] for l in b] or [top])
        if (low - top) / (pg[1] - top - bottom) < 1 / 3:
            bad.append('slide %d is %.0f%% full' % (n, 100 * (low - top) /
                       (pg[1] - top - bottom)))
        if b:
            heads.append(norm(b[0][3]))
    for t in comps:
        k = heads.count(norm(t))
        if k != 1:
            bad.append('"%s" heads %d slides' % (t, k))
        if any(h.startswith(norm(t) + ' (') for h in heads):
            bad.append('"%s" continues on another slide' % t)
print('\n'.join(bad[:6]))
EOF

checkpdf() {
	PYTHONDONTWRITEBYTECODE=1 python3 "$W/check.py" "$@" 2>&1
}

# --- forms: each shipped rubric with each shipped template ---
for r in csm-weighted-criteria csm-scorecard csm-evaluation-matrix; do
	for t in default letter branded; do
		d=$W/$r-$t
		"$GEN" 6 "$d" --rubric "$TOP/rubrics/$r.yaml" \
		    --template "$TOP/templates/$t.yaml" --seed 5 > /dev/null 2>&1
		$REVPACK build "$d/cycle.yaml" --out "$d/out" --docs form \
		    --quiet 2> /dev/null
		max=0 top=62.36                 # default.yaml: 22mm
		[ $t = letter ] && top=61.2     # 0.85in
		[ $t = branded ] && top=73.7    # 26mm
		[ $r = csm-weighted-criteria ] && max=1
		[ $r = csm-scorecard ] && max=4
		[ $r = csm-scorecard ] && [ $t = branded ] && max=5
		bad=
		n=0
		for f in "$d"/out/blank-form.pdf "$d"/out/people/*/form.pdf; do
			[ -f "$f" ] || continue
			n=$((n + 1))
			p=$(checkpdf form "$f" "$TOP/rubrics/$r.yaml" $max $top)
			[ -n "$p" ] && { bad="$bad ${f#$d/out/}: $p"; break; }
		done
		[ $n -ge 7 ] || bad="$bad only $n forms"
		check "forms_deck_form_${r}_$t" "$([ -z "$bad" ]; echo $?)" "$bad"
	done
done

# --- the deck of each shipped rubric ---
for r in csm-scorecard csm-evaluation-matrix csm-weighted-criteria; do
	(cd "$TOP" && $REVPACK handout "rubrics/$r.yaml" --deck \
	    -o "$W/$r-deck.pdf") 2> "$W/err"
	bad=$(checkpdf deck "$W/$r-deck.pdf" "$TOP/rubrics/$r.yaml")
	check "forms_deck_deck_$r" "$([ -z "$bad" ] && [ ! -s "$W/err" ]; echo $?)" \
	    "$bad $(head -2 "$W/err")"
done
