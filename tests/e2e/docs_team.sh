#!/bin/sh
# docs_team.sh: the team and rollout documents of the sample cycle rendered
# for real (built once, reused): every file of the output layout, qpdf
# --check, no poppler warning, modes; each team summary names all of its
# manager's direct reports and no one else (whole names from the roster),
# each department summary its members only; the handout and deck carry
# every competency title and level label; each manager packet has a
# bookmark per rated direct report, contents links that land on the page
# where that person's scorecard starts (found from the pages' text), and
# no one outside the team; the same bytes with --jobs 1.
W=$TMPDIR/docs_team
DOCS=team,org,packet,handout,deck
rm -rf "$W"
mkdir -p "$W"

. "$TOP/tests/e2e/report.inc"

if ! command -v python3 > /dev/null; then
	fail docs_team_python "python3 is needed for these checks"
	exit 0
fi

cd "$TOP" || exit 1
$REVPACK build samples/2026-H1/cycle.yaml --out "$W/a" --docs "$DOCS" \
    --quiet 2> "$W/a.err"
st=$?
check docs_team_build_samples $st "exit $st: $(tail -3 "$W/a.err")"
[ $st = 0 ] || exit 0

# The text of every PDF of interest, and poppler's complaints.
: > "$W/poppler.err"
for f in $(cd "$W/a" && find . -name '*.pdf' ! -path './people/*' | sort); do
	mkdir -p "$W/txt/$(dirname "$f")"
	pdftotext -enc UTF-8 "$W/a/$f" "$W/txt/$f.txt" 2>> "$W/poppler.err"
	pdfinfo "$W/a/$f" > /dev/null 2>> "$W/poppler.err"
done
check docs_team_no_poppler_warnings "$([ ! -s "$W/poppler.err" ]; echo $?)" \
    "$(head -3 "$W/poppler.err")"

cat > "$W/check.py" <<'EOF'
import csv, json, re, subprocess, sys, os

top, out, txt = sys.argv[1], sys.argv[2], sys.argv[3]
roster = list(csv.DictReader(open(os.path.join(top,
    'samples/2026-H1/roster.csv'), encoding='utf-8')))
byid = {p['id']: p for p in roster}
agg = json.load(open(os.path.join(out, 'aggregates.json'), encoding='utf-8'))
rated = {p['id'] for p in agg['people'] if p['overall']['score'] is not None}
managers = sorted({p['manager_id'] for p in roster if p['manager_id']})
reports = {m: [p['id'] for p in roster if p['manager_id'] == m]
           for m in managers}

def norm(s):
    return re.sub(r'\s+', ' ', s)

def names_in(text):
    """ids of roster people whose whole name occurs in text."""
    t = norm(text)
    found = set()
    for p in roster:
        pat = r'(?<!\w)' + r'\s+'.join(map(re.escape, p['name'].split())) \
            + r'(?!\w)'
        if re.search(pat, t):
            found.add(p['id'])
    return found

def read(rel):
    return open(os.path.join(txt, rel + '.txt'), encoding='utf-8').read()

def report(name, bad):
    if bad:
        print('FAIL %s: %s' % (name, '; '.join(bad[:4])))
    else:
        print('ok %s' % name)

# --- layout: every team and rollout file ---
want = ['handout.pdf', 'deck.pdf', 'org.pdf']
want += ['departments/%s.pdf' % d['slug'] for d in agg['departments']]
for m in managers:
    want += ['managers/%s/team.pdf' % m, 'managers/%s/packet.pdf' % m]
missing = [f for f in want if not os.path.isfile(os.path.join(out, f))]
report('docs_team_layout_complete', missing)
bad = []
for f in want:
    if f in missing:
        continue
    r = subprocess.run(['qpdf', '--check', os.path.join(out, f)],
                       capture_output=True)
    if r.returncode != 0:
        bad.append(f)
report('docs_team_qpdf_check', bad)
bad = []
for f in want:
    mode = os.stat(os.path.join(out, f)).st_mode & 0o777
    exp = 0o644 if f in ('handout.pdf', 'deck.pdf') else 0o600
    if mode != exp:
        bad.append('%s is %o' % (f, mode))
report('docs_team_modes', bad)

# --- team summaries: the direct reports and their manager only ---
bad_all, bad_extra = [], []
for m in managers:
    got = names_in(read('managers/%s/team.pdf' % m))
    lost = set(reports[m]) - got
    extra = got - set(reports[m]) - {m}
    if lost:
        bad_all.append('%s lacks %s' % (m, sorted(lost)))
    if extra:
        bad_extra.append('%s names %s' % (m, sorted(extra)))
report('docs_team_names_every_report', bad_all)
report('docs_team_names_no_one_else', bad_extra)

# --- department summaries: their members only ---
bad = []
for d in agg['departments']:
    members = {p['id'] for p in roster if p['department'] == d['department']}
    got = names_in(read('departments/%s.pdf' % d['slug']))
    if got != members:
        bad.append('%s: missing %s, extra %s' % (d['slug'],
                   sorted(members - got), sorted(got - members)))
report('docs_team_departments_members_only', bad)
org = names_in(read('org.pdf'))
report('docs_team_org_names_everyone',
       ['missing %s' % sorted(set(byid) - org)] if set(byid) - org else [])

# --- handout and deck: every competency title and level label ---
import rubric_lite  # noqa: E402 (tests/e2e/rubric_lite.py, on PYTHONPATH)
titles, labels = rubric_lite.titles_labels(os.path.join(top,
    'rubrics/csm-scorecard.yaml'))
for f in ('handout.pdf', 'deck.pdf'):
    t = norm(read(f))
    lost = [x for x in titles + labels if norm(x) not in t]
    if len(titles) < 13 or len(labels) < 6:
        lost.append('read only %d titles, %d labels' % (len(titles),
                    len(labels)))
    report('docs_team_%s_carries_rubric' % f[:-4], lost)

# --- manager packets ---
def qjson(path):
    r = subprocess.run(['qpdf', '--json=2', '--json-key=pages',
                        '--json-key=qpdf', '--json-key=outlines', path],
                       capture_output=True)
    return json.loads(r.stdout)

def page_texts(path, n):
    return [subprocess.run(['pdftotext', '-enc', 'UTF-8', '-f', str(i),
                            '-l', str(i), path, '-'], capture_output=True
                           ).stdout.decode('utf-8') for i in range(1, n + 1)]

bad_bm, bad_links, bad_names, bad_unrated = [], [], [], []
for m in managers:
    path = os.path.join(out, 'managers/%s/packet.pdf' % m)
    j = qjson(path)
    objs = j['qpdf'][1]
    pageof = {p['object']: p['pageposfrom1'] for p in j['pages']}
    texts = page_texts(path, len(j['pages']))
    mine = [r for r in reports[m] if r in rated]
    # a top-level bookmark per rated direct report, to their first page
    top_titles = [o['title'] for o in j['outlines']]
    for r in mine:
        if byid[r]['name'] not in top_titles:
            bad_bm.append('%s: no bookmark for %s' % (m, r))
    for r in set(reports[m]) - rated:
        if byid[r]['name'] in top_titles:
            bad_bm.append('%s: a bookmark for unrated %s' % (m, r))
    # where each scorecard starts, from the text: the first page with a
    # line "Scorecard" and the person's name
    def lines(t):
        return [norm(x).strip() for x in t.splitlines()]
    start = {}
    for r in mine:
        start[r] = next((i + 1 for i, t in enumerate(texts)
                         if 'Scorecard' in lines(t) and r in names_in(t)),
                        None)
    team_start = next((i + 1 for i, t in enumerate(texts)
                       if 'Team summary' in lines(t) and
                       'Ratings by person and competency' in norm(t)), None)
    # the contents links: each entry's text line and its destination
    contents = next((i for i, t in enumerate(texts) if 'Contents' in t), None)
    links = []
    if contents is not None:
        pg = j['pages'][contents]
        for a in objs['obj:' + pg['object']]['value'].get('/Annots', []):
            v = objs['obj:' + a]['value']
            dest = v['/Dest']
            if isinstance(dest, str):
                dest = objs['obj:' + dest]['value']
            links.append((v['/Rect'], pageof[dest[0]]))
        bbox = subprocess.run(['pdftotext', '-enc', 'UTF-8', '-bbox', '-f',
                               str(contents + 1), '-l', str(contents + 1),
                               path, '-'], capture_output=True
                              ).stdout.decode('utf-8')
        words = [(float(w[0]), float(w[1]), w[2]) for w in re.findall(
            r'<word xMin="[\d.]+" yMin="([\d.]+)" xMax="[\d.]+" '
            r'yMax="([\d.]+)">([^<]*)</word>', bbox)]
        height = float(re.search(r'<page width="[\d.]+" height="([\d.]+)"',
                                 bbox).group(1))
        for rect, dpage in links:
            y0, y1 = height - rect[3], height - rect[1]
            line = ' '.join(w[2] for w in words
                            if y0 - 1 <= (w[0] + w[1]) / 2 <= y1 + 1)
            who = [r for r in mine if byid[r]['name'] in
                   line.replace('\u00a0', ' ')]
            if who and dpage != start.get(who[0]):
                bad_links.append('%s: "%s" -> page %d, scorecard starts on %s'
                                 % (m, line, dpage, start.get(who[0])))
            if line.startswith('Team summary') and dpage != team_start:
                bad_links.append('%s: team summary -> page %d, starts on %s'
                                 % (m, dpage, team_start))
    linked = set()
    for rect, dpage in links:
        linked |= {r for r in mine if start.get(r) == dpage}
    if set(mine) - linked or len(start) != len(mine) or team_start is None:
        bad_links.append('%s: scorecards %s, linked %s, team page %s' % (
            m, start, sorted(linked), team_start))
    # nobody outside the team
    got = names_in(''.join(texts))
    extra = got - set(reports[m]) - {m}
    if extra:
        bad_names.append('%s: %s' % (m, sorted(extra)))
report('docs_team_packet_bookmark_per_report', bad_bm)
report('docs_team_packet_contents_links', bad_links)
report('docs_team_packet_no_one_outside', bad_names)
EOF
PYTHONPATH=$TOP/tests/e2e PYTHONDONTWRITEBYTECODE=1 \
    python3 "$W/check.py" "$TOP" "$W/a" "$W/txt"

# --- the same bytes from one thread ---
$REVPACK build samples/2026-H1/cycle.yaml --out "$W/b" --docs team,org,handout,deck \
    --jobs 1 --quiet 2>/dev/null
d=
for f in $(cd "$W/b" && find . -name '*.pdf' | sort); do
	cmp -s "$W/a/$f" "$W/b/$f" || d="$d $f"
done
check docs_team_same_bytes_jobs_1 "$([ -z "$d" ]; echo $?)" "differ:$d"
