#!/bin/sh
# docs_person.sh: the person documents (scorecard, coaching summary, rating
# forms, person packet) rendered for real: on the sample cycle every file
# of the output layout, qpdf --check, no poppler warning, names, manager,
# competency titles, overall labels and coaching notes in the text, no
# other person's name in anyone's files, PDF info, packet bookmarks and
# labels, the placeholder warning; byte-identical rebuilds, --only and
# --shard equal to a full build, --passwords; and on a fixture cycle
# (tests/fixtures/docs-person: 30 competencies, a 3-page comment, peer
# figures and comments above and below the anonymity threshold) that
# what the rule hides appears nowhere and nothing runs off a page.
W=$TMPDIR/docs_person
DOCS=scorecard,coaching,form,packet
rm -rf "$W"
mkdir -p "$W"

. "$TOP/tests/e2e/report.inc"

# Relative paths, so that messages name samples/2026-H1/... as users see them.
cd "$TOP" || exit 1
$REVPACK build samples/2026-H1/cycle.yaml --out "$W/a" --docs "$DOCS" \
    --quiet 2> "$W/a.err"
st=$?
check docs_person_build_samples $st "exit $st: $(tail -3 "$W/a.err")"
[ $st = 0 ] || exit 0

# --- the emoji outside the BMP (ratings.csv:180) prints: Symbola's ---
check docs_person_emoji_no_warning "$(! grep -q 'U+1F642' "$W/a.err"; echo $?)" \
    "$(grep 'U+1F642' "$W/a.err")"
pdftotext "$W/a/people/cs-011/scorecard.pdf" - 2>/dev/null |
    grep -q "calls $(printf '\360\237\231\202') Keep"
check docs_person_emoji_printed $? "no U+1F642 in cs-011's scorecard"
pdffonts "$W/a/people/cs-011/scorecard.pdf" 2>/dev/null | grep -q '+Symbola '
check docs_person_emoji_symbola $? "$(pdffonts "$W/a/people/cs-011/scorecard.pdf" 2>&1)"

# --- rebuilds, --only, --shard: the same bytes ---
$REVPACK build samples/2026-H1/cycle.yaml --out "$W/b" --docs "$DOCS" \
    --jobs 1 --quiet 2>/dev/null
d=$(diff -r "$W/a" "$W/b" 2>&1 | head -3)
check docs_person_rebuild_identical "$([ -z "$d" ]; echo $?)" "$d"

$REVPACK build samples/2026-H1/cycle.yaml --out "$W/o" --docs "$DOCS" \
    --only cs-033,cs-041 --quiet 2>/dev/null
d=
for f in $(cd "$W/o" && find people -name '*.pdf'); do
	cmp -s "$W/o/$f" "$W/a/$f" || d="$d $f"
done
n=$(cd "$W/o" && find people -name '*.pdf' | wc -l)
check docs_person_only_same_bytes "$([ -z "$d" ] && [ "$n" = 8 ]; echo $?)" \
    "$n files; differ from the full build:$d"

$REVPACK build samples/2026-H1/cycle.yaml --out "$W/s" --docs "$DOCS" \
    --shard 2/2 --quiet 2>/dev/null &
$REVPACK build samples/2026-H1/cycle.yaml --out "$W/s" --docs "$DOCS" \
    --shard 1/2 --quiet 2>/dev/null
wait
$REVPACK manifest "$W/s" > /dev/null 2>&1
rm -f "$W"/s/manifest.*-of-*.json
d=$(diff -r "$W/a" "$W/s" 2>&1 | head -3)
check docs_person_shards_equal_full_build "$([ -z "$d" ]; echo $?)" "$d"

# --- encryption ---
printf 'id,password\ncs-033,%s\n' 'Horse staple 7' > "$W/pw.csv"
chmod 600 "$W/pw.csv"
$REVPACK build samples/2026-H1/cycle.yaml --out "$W/e" --docs scorecard \
    --only cs-033 --passwords "$W/pw.csv" --quiet 2>/dev/null
f=$W/e/people/cs-033/scorecard.pdf
qpdf --requires-password "$f"
check docs_person_encrypted_needs_password $? "qpdf --requires-password did not exit 0"
pdftotext "$f" - > /dev/null 2>&1
check docs_person_encrypted_refuses_without "$([ $? != 0 ]; echo $?)" \
    "pdftotext read it without the password"
pdftotext -upw 'Horse staple 7' "$f" - 2>/dev/null | grep -q 'Sean Murphy'
check docs_person_encrypted_opens_with_password $? "not readable with the password"

# --- the fixture: anonymity, 30 competencies, a 3-page comment ---
cd "$TOP/tests/fixtures/docs-person" || exit 1
$REVPACK build cycle.yaml --out "$W/f" --docs "$DOCS" --quiet 2> "$W/f.err"
st=$?
check docs_person_build_fixture $st "exit $st: $(tail -3 "$W/f.err")"
cd "$TOP" || exit 1

# --- the rest reads the PDFs (python3: fails, never passes, without it) ---
if ! command -v python3 > /dev/null || ! python3 -c 'import yaml' 2>/dev/null; then
	fail docs_person_checks "python3 with PyYAML is needed to read the PDFs"
	exit 0
fi
W=$W TOP=$TOP python3 - <<'EOF'
import json, os, re, subprocess, yaml

W, TOP = os.environ["W"], os.environ["TOP"]

def ok(name): print("ok " + name)
def fail(name, why): print("FAIL %s: %s" % (name, why))
def check(name, bad):
    if bad: fail(name, "; ".join(str(b) for b in bad[:5]) + (" (%d in all)" % len(bad) if len(bad) > 5 else ""))
    else: ok(name)

warnings = []
def text(path, *opts):
    r = subprocess.run(["pdftotext", *opts, path, "-"], capture_output=True)
    if r.stderr.strip():
        warnings.append("%s: %s" % (path, r.stderr.decode(errors="replace").strip()[:120]))
    t = r.stdout.decode("utf-8")
    t = re.sub(r"-\n(?=\w)", "-", t)        # a line broken after a hyphen
    return re.sub(r"\s+", " ", t)

# canon: for content checks; poppler joins a word broken after a hyphen
# ("cross-" / "selling" gives "crossselling").
def canon(s):
    return re.sub(r"[\s\-]", "", s)

def has_name(t, name):
    return any(re.search(r"(?<!\w)" + re.escape(n) + r"(?!\w)", t)
               for n in {name, name.replace("-", "")})

def load(out):
    agg = json.load(open(os.path.join(out, "aggregates.json")))
    return agg, {p["id"]: p for p in agg["people"]}

# ---------------- samples ----------------
A = os.path.join(W, "a")
agg, people = load(A)
rubric = yaml.safe_load(open(os.path.join(TOP, "rubrics/csm-scorecard.yaml")))
comps = {c["id"]: c for cat in rubric["categories"] for c in cat["competencies"]}
names = {p["id"]: p["name"] for p in agg["people"]}
files = {}
missing, extra = [], []
for pid, p in people.items():
    rated = p["overall"]["score"] is not None
    for doc in ("scorecard", "coaching", "form", "packet"):
        f = os.path.join(A, "people", pid, doc + ".pdf")
        want = rated or doc == "form"
        if want and not os.path.exists(f): missing.append(f)
        if not want and os.path.exists(f): extra.append(f)
        if os.path.exists(f): files.setdefault(pid, []).append(f)
if not os.path.exists(os.path.join(A, "blank-form.pdf")): missing.append("blank-form.pdf")
check("docs_person_every_file", missing)
check("docs_person_no_documents_for_unrated", extra)
check("docs_person_unrated_exists", [] if any(p["overall"]["score"] is None for p in agg["people"]) else ["no unrated person in the samples"])

allpdf = [f for v in files.values() for f in v] + [os.path.join(A, "blank-form.pdf")]
bad = [f for f in allpdf if subprocess.run(["qpdf", "--check", f], capture_output=True).returncode != 0]
check("docs_person_qpdf_check", bad)

texts = {f: text(f) for f in allpdf}
check("docs_person_no_poppler_warnings", warnings)

bad = []
for pid, p in people.items():
    f = os.path.join(A, "people", pid, "scorecard.pdf")
    if f not in texts: continue
    t = texts[f]
    mgr = names.get(p["manager_id"]) if p["manager_id"] else None
    need = [p["name"], p["overall"]["label"]] + ([mgr] if mgr else [])
    need += [comps[c["id"]]["title"] for c in p["competencies"]]
    bad += ["%s lacks %r" % (pid, s) for s in need if canon(s) not in canon(t)]
check("docs_person_scorecard_content", bad)

bad, ngrowth = [], 0
for pid, p in people.items():
    f = os.path.join(A, "people", pid, "coaching.pdf")
    if f not in texts: continue
    for g in p["growth"]:
        ngrowth += 1
        for note in comps[g].get("coaching", []):
            if canon(note) not in canon(texts[f]):
                bad.append("%s: coaching note of %s missing" % (pid, g))
if ngrowth == 0: bad.append("no growth areas in the samples: nothing checked")
check("docs_person_coaching_notes", bad)

# Confidentiality: no other person's name, whole names only (the
# person's own and their manager's are allowed).
bad = []
for pid, fl in files.items():
    allowed = {names[pid]}
    if people[pid]["manager_id"]: allowed.add(names[people[pid]["manager_id"]])
    for f in fl:
        for qid, q in names.items():
            if q not in allowed and has_name(texts[f], q):
                bad.append("%s names %s (%s)" % (f[len(W) + 1:], qid, q))
check("docs_person_no_other_names", bad)
bad = [q for q in names.values() if has_name(texts[os.path.join(A, "blank-form.pdf")], q)]
check("docs_person_blank_form_names_no_one", bad)

# The PDF info: title, author, creator, the review date.
r = subprocess.run(["pdfinfo", "-isodates", os.path.join(A, "people/cs-033/scorecard.pdf")], capture_output=True, text=True).stdout
info = dict(re.findall(r"^(\w+):\s*(.*)$", r, re.M))
want = {"Title": "Scorecard — Sean Murphy", "Author": "Example Corp", "Subject": "Customer Success review, H1 2026"}
bad = ["%s %r, expected %r" % (k, info.get(k), v) for k, v in want.items() if info.get(k) != v]
if not info.get("Creator", "").startswith("revpack "): bad.append("Creator %r" % info.get("Creator"))
if not info.get("CreationDate", "").startswith("2026-07-15T00:00:00"): bad.append("CreationDate %r" % info.get("CreationDate"))
check("docs_person_pdf_info", bad)

# The packet: scorecard then coaching, bookmarks and page labels per part.
def pdfjson(f):
    return json.loads(subprocess.run(["qpdf", "--json", f], capture_output=True, text=True).stdout)
bad = []
for pid in ("cs-033", "cs-012", "cs-002"):
    d = os.path.join(A, "people", pid)
    n = lambda f: int(re.search(r"Pages:\s+(\d+)", subprocess.run(["pdfinfo", os.path.join(d, f)], capture_output=True, text=True).stdout).group(1))
    ns, nc, np_ = n("scorecard.pdf"), n("coaching.pdf"), n("packet.pdf")
    if np_ != ns + nc: bad.append("%s: packet has %d pages, scorecard %d + coaching %d" % (pid, np_, ns, nc))
    j = pdfjson(os.path.join(d, "packet.pdf"))
    top = [o["title"] for o in j.get("outlines", [])]
    if top[:2] != ["Scorecard", "Coaching summary"]: bad.append("%s: top bookmarks %r" % (pid, top))
    labels = {l["index"]: l["label"] for l in j.get("pagelabels", [])}
    if 0 not in labels or ns not in labels: bad.append("%s: page labels %r" % (pid, labels))
    else:
        if labels[0].get("/P") not in ("S-", "u:S-") or labels[ns].get("/P") not in ("C-", "u:C-"): bad.append("%s: labels %r" % (pid, labels))
    t = text(os.path.join(d, "packet.pdf"))
    if t.find("Scorecard") < 0 or t.find("Coaching summary") < t.find("Scorecard"): bad.append("%s: order" % pid)
check("docs_person_packet_parts", bad)

# ---------------- the fixture ----------------
F = os.path.join(W, "f")
fagg, fpeople = load(F)
fpdf = []
for root, _, fs in os.walk(F):
    fpdf += [os.path.join(root, x) for x in fs if x.endswith(".pdf")]
warnings.clear()
ft = {f: text(f) for f in fpdf}
check("docs_person_fixture_no_poppler_warnings", warnings)
bad = [f for f in fpdf if subprocess.run(["qpdf", "--check", f], capture_output=True).returncode != 0]
check("docs_person_fixture_qpdf_check", bad)

def kick(pid):
    return next(c for c in fpeople[pid]["competencies"] if c["id"] == "kickoff")
# b1's kickoff peers: 2 raters, mean 1.37 (the administrator's file has it).
hidden = kick("b1")
pre = [] if hidden["by_role"]["peer"] == 1.37 and hidden["raters_by_role"]["peer"] == 2 else ["the fixture no longer hides 1.37: %r" % hidden]
check("docs_person_fixture_hides_a_mean", pre)
bad = [f for f in fpdf if "1.37" in ft[f]]
check("docs_person_hidden_peer_mean_nowhere", bad)
bad = [f for f in fpdf for s in ("Hidden per-competency peer comment", "Hidden general peer comment") if s in ft[f]]
check("docs_person_hidden_peer_comments_nowhere", bad)
sc = ft[os.path.join(F, "people/a1/scorecard.pdf")]
bad = [s for s in ("4.13", "Visible per-competency peer comment", "Visible general peer comment from the survey.") if s not in sc]
check("docs_person_shown_peer_figures_and_comments", bad)
check("docs_person_direct_report_comment_shown",
      [] if "Direct reports: Direct report view" in ft[os.path.join(F, "people/m1/scorecard.pdf")] else ["m1's scorecard lacks it"])

r30 = yaml.safe_load(open(os.path.join(TOP, "tests/fixtures/rubric-30.yaml")))
titles = [c["title"] for cat in r30["categories"] for c in cat["competencies"]]
bad = ["a1 scorecard lacks %r" % t for t in titles if canon(t) not in canon(sc)]
# The form's competency column is narrow: poppler's reading order mixes
# a title wrapped over three lines with the descriptors beside it, so the
# form is read in the order it was drawn (-raw).
blank = text(os.path.join(F, "blank-form.pdf"), "-raw")
bad += ["blank form lacks %r" % t for t in titles if canon(t) not in canon(blank)]
check("docs_person_thirty_competencies", bad)

# c1's 3-page comment, every paragraph, in the scorecard (read without
# the header and footer bands, which pdftotext would put inside it, and
# without the "(continued)" headings the page breaks repeat).
rows = list(__import__("csv").reader(open(os.path.join(TOP, "tests/fixtures/docs-person/ratings.csv"), encoding="utf-8")))
long = max((r[5] for r in rows if r[0] == "c1"), key=len)
c1 = text(os.path.join(F, "people/c1/scorecard.pdf"), "-x", "0", "-y", "64", "-W", "595", "-H", "722")
c1 = canon(c1.replace("Kick-off and project scoping (continued)", ""))
paras = long.split("\n")
bad = ["paragraph %d" % i for i, p in enumerate(paras) if canon(p) not in c1]
if len(long) < 12000: bad.append("the long comment is only %d bytes" % len(long))
check("docs_person_long_comment_whole", bad)

bad = [x for x in ("scorecard", "coaching", "packet") if os.path.exists(os.path.join(F, "people/d1", x + ".pdf"))]
bad += [] if os.path.exists(os.path.join(F, "people/d1/form.pdf")) else ["no form"]
check("docs_person_fixture_unrated_form_only", bad)

# Nothing runs off a page: every word's box inside the page, with the
# margins the template gives at least 10 pt of room at the sides.
bad = []
for f in fpdf + [os.path.join(A, "people/cs-002/scorecard.pdf")]:
    xml = subprocess.run(["pdftotext", "-bbox", f, "-"], capture_output=True, text=True).stdout
    for pg in re.finditer(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', xml, re.S):
        w, h = float(pg.group(1)), float(pg.group(2))
        for m in re.finditer(r'<word xMin="([\d.-]+)" yMin="([\d.-]+)" xMax="([\d.-]+)" yMax="([\d.-]+)">([^<]*)', pg.group(3)):
            x0, y0, x1, y1 = map(float, m.groups()[:4])
            if x0 < 10 or x1 > w - 10 or y0 < 10 or y1 > h - 10:
                bad.append("%s: %r at %.0f,%.0f-%.0f,%.0f" % (f[len(W) + 1:], m.group(5), x0, y0, x1, y1))
check("docs_person_nothing_off_the_page", bad)
EOF
