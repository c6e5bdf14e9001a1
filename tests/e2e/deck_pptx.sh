#!/bin/sh
# deck_pptx.sh: the rollout deck as PowerPoint (issue 15 item 1). For each
# shipped rubric, `revpack handout R -o deck.pptx`: the archive holds the
# parts PowerPoint needs (one slide part per slide in presentation.xml,
# a master, two layouts, a theme with the template's accent colour, notes
# with each competency's first coaching note), two runs give the same
# bytes, and LibreOffice Impress (headless) converts it to a PDF of one
# page per slide whose text holds every competency title and level label
# of the rubric. `revpack build --docs deck` writes deck.pptx beside
# deck.pdf, mode 0644, listed in manifest.json with its sha256. A
# template with a logo puts it in the file as a picture; -o where a file
# cannot be written exits 3 and leaves nothing. Skipped (reported as such) without
# soffice. Run by tests/run.sh ($REVPACK, $TOP, $TMPDIR set).
. "$TOP/tests/e2e/report.inc"
W=$TMPDIR/deck_pptx
rm -rf "$W"
mkdir -p "$W"
cd "$W" || exit 1

# a template of the shipped slides with an accent of its own and a logo
sed 's/^colors:.*//' "$TOP/templates/slides.yaml" > accent.yaml
printf 'colors: { accent: "#12a4c7" }\nlogo: %s\n' \
    "$TOP/templates/logo.png" >> accent.yaml

for r in "$TOP"/rubrics/*.yaml; do
	n=$(basename "$r" .yaml)
	$REVPACK handout "$r" --template accent.yaml -o "$n.pptx" 2> "$n.err"
	st=$?
	$REVPACK handout "$r" --template accent.yaml -o "$n-2.pptx" 2>/dev/null
	cmp -s "$n.pptx" "$n-2.pptx"
	check "pptx_deterministic_$n" "$(( st + $? ))" \
	    "exit $st; $(head -2 "$n.err"); or two runs differ"
	python3 - "$r" "$n.pptx" > "$n.why" <<'PY'
import re, sys, zipfile, yaml
rub = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
z = zipfile.ZipFile(sys.argv[2])
names = z.namelist()
bad = []
need = ['[Content_Types].xml', '_rels/.rels', 'ppt/presentation.xml',
        'ppt/slideMasters/slideMaster1.xml', 'ppt/slideLayouts/slideLayout1.xml',
        'ppt/slideLayouts/slideLayout2.xml', 'ppt/theme/theme1.xml',
        'ppt/notesMasters/notesMaster1.xml', 'docProps/core.xml',
        'ppt/media/logo.png']
bad += ['missing ' + p for p in need if p not in names]
pres = z.read('ppt/presentation.xml').decode()
ids = re.findall(r'<p:sldId ', pres)
slides = [p for p in names if re.fullmatch(r'ppt/slides/slide\d+\.xml', p)]
if len(ids) != len(slides) or not slides:
    bad.append('%d slide ids, %d slide parts' % (len(ids), len(slides)))
if 'cx="12192000" cy="6858000"' not in pres:
    bad.append('not 16:9')
theme = z.read('ppt/theme/theme1.xml').decode()
if '<a:accent1><a:srgbClr val="12A4C7"/>' not in theme:
    bad.append('theme accent is not the template\'s')
if 'r:embed="rIdLogo"' not in z.read('ppt/slideMasters/slideMaster1.xml').decode():
    bad.append('no logo picture on the master')
notes = ' '.join(z.read(p).decode() for p in names if p.startswith('ppt/notesSlides/notesSlide'))
comps = [c for cat in rub['categories'] for c in cat['competencies']]
for c in comps:
    co = c.get('coaching') or []
    if co and co[0].replace('&', '&amp;').replace('<', '&lt;') not in notes:
        bad.append('notes lack %s\'s coaching' % c['id'])
if any(i.date_time != (1980, 1, 1, 0, 0, 0) for i in z.infolist()):
    bad.append('entries not dated 1980-01-01')
print('; '.join(bad[:5]))
open(sys.argv[2] + '.slides', 'w').write(str(len(slides)))
sys.exit(1 if bad else 0)
PY
	check "pptx_parts_$n" $? "$(cat "$n.why")"
done

# LibreOffice reads each deck: a PDF page per slide, every title and label
if ! command -v soffice >/dev/null 2>&1; then
	ok pptx_libreoffice_skipped_no_soffice
else
	for r in "$TOP"/rubrics/*.yaml; do
		n=$(basename "$r" .yaml)
		timeout 180 soffice -env:UserInstallation="file://$W/lo" \
		    --headless --convert-to pdf --outdir lo-out "$n.pptx" \
		    > "$n.lo" 2>&1
		st=$?
		pages=$(pdfinfo "lo-out/$n.pdf" 2>/dev/null | awk '/^Pages:/ { print $2 }')
		pdftotext "lo-out/$n.pdf" "$n.txt" 2>/dev/null
		why=$(python3 - "$r" "$n.txt" <<'PY'
import sys, yaml
rub = yaml.safe_load(open(sys.argv[1], encoding='utf-8'))
text = ' '.join(open(sys.argv[2], encoding='utf-8').read().split())
want = [c['title'] for cat in rub['categories'] for c in cat['competencies']]
want += [l['label'] for l in rub['scale']['levels']]
print('; '.join('no "%s"' % w for w in want if ' '.join(w.split()) not in text)[:300])
PY
)
		check "pptx_libreoffice_$n" "$([ $st = 0 ] && [ "$pages" = "$(cat "$n.pptx.slides")" ] && [ -z "$why" ]; echo $?)" \
		    "soffice exit $st, $pages pages for $(cat "$n.pptx.slides") slides; $why"
	done
fi

# build: deck.pptx beside deck.pdf, 0644, in the manifest
F=$TOP/tests/fixtures/seed003
shipped_cycle "$F"
cp "$F/roster.csv" "$F/ratings.csv" .
$REVPACK build cycle.yaml --out out --docs deck --quiet 2> build.err
st=$?
mode=$(stat -c %a out/deck.pptx 2>/dev/null)
sum=$(sha256sum out/deck.pptx 2>/dev/null | cut -d' ' -f1)
grep -q "\"path\": \"deck.pptx\", \"sha256\": \"$sum\"" out/manifest.json
check pptx_build "$([ $st = 0 ] && [ "$mode" = 644 ] && [ -f out/deck.pdf ] && [ $? = 0 ]; echo $?)" \
    "exit $st, mode $mode, manifest: $(grep -o '"deck.pptx[^}]*' out/manifest.json | head -1)"

# an unwritable destination (a folder that is a file: even root cannot
# write there): exit 3, nothing left beside it
: > notadir
$REVPACK handout "$TOP/rubrics/csm-scorecard.yaml" -o notadir/deck.pptx \
    2> wf.err
st=$?
left=$(ls -A | grep -c '^\.revpack\|deck\.pptx')
check pptx_write_failure "$([ $st = 3 ] && [ "$left" = 0 ]; echo $?)" \
    "exit $st; $(head -1 wf.err); left: $left"
