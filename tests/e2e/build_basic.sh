#!/bin/sh
# build_basic.sh: revpack build's output tree through the test renderers
# (tests/tools/build_fake.c): layout, modes whatever the umask, the
# manifest against the files on disk, byte-identical reruns and --jobs,
# --only, --docs, and input errors that write nothing.
. "$TOP/tests/e2e/build_fixture.inc"
W=$TMPDIR/build_basic
rm -rf "$W"
make_cycle "$W/c"
cd "$W" || exit 1

$FAKE c/cycle.yaml --out full --quiet 2> full.err
st=$?
check build_fake_runs $st "exit status $st: $(cat full.err)"

# --- layout ---
missing=
for f in aggregates.json aggregates.csv aggregates.xlsx manifest.json handout.pdf deck.pdf \
    blank-form.pdf org.pdf departments/support.pdf departments/sales.pdf \
    people/p1/scorecard.pdf people/p1/coaching.pdf people/p1/form.pdf \
    people/p1/packet.pdf people/u1/form.pdf managers/m1/team.pdf \
    managers/m1/packet.pdf managers/m2/team.pdf managers/m2/packet.pdf; do
	[ -f "full/$f" ] || missing="$missing $f"
done
check build_layout_complete "$([ -z "$missing" ]; echo $?)" "missing:$missing"
extra=
for f in people/u1/scorecard.pdf people/u1/coaching.pdf people/u1/packet.pdf \
    managers/p1 managers/u1 managers/m3; do
	[ -e "full/$f" ] && extra="$extra $f"
done
check build_layout_nothing_extra "$([ -z "$extra" ]; echo $?)" \
    "should not exist:$extra"
n=$(find full -type f | wc -l)
# 4 rubric (deck.pdf and deck.pptx) + org + 2 departments + 12 people
# (11 rated x 4 + u1's form) + 2 managers x 2 + aggregates x 3 (json,
# csv, xlsx) + manifest = 4+1+2+45+4+3+1
check build_layout_count "$([ "$n" = 60 ]; echo $?)" "$n files, expected 60"
grep -aqF 'Rating form of cycle T-2026 for Ana P??rez \(p1\)' full/people/p1/form.pdf
check build_renderer_gets_its_subject $? "people/p1/form.pdf is not p1's"

bad=
for f in $(cd full && find . -name '*.pdf'); do
	qpdf --check "full/$f" > /dev/null 2>&1 || bad="$bad $f"
done
check build_pdfs_pass_qpdf_check "$([ -z "$bad" ]; echo $?)" "qpdf --check fails:$bad"

# --- modes, whatever the umask ---
for u in 000 022 077 0277; do
	rm -rf "m$u"
	(umask $u && $FAKE c/cycle.yaml --out "m$u/out" --quiet 2>/dev/null)
	bad=$(cd "m$u/out" && find . -type f ! -name handout.pdf \
	    ! -name deck.pdf ! -name deck.pptx ! -name blank-form.pdf \
	    ! -perm 600 | head -3)
	bad="$bad$(cd "m$u/out" && find handout.pdf deck.pdf deck.pptx \
	    blank-form.pdf ! -perm 644)"
	bad="$bad$(cd "m$u/out" && find . -type d ! -perm 700 | head -3)"
	check "build_modes_umask_$u" "$([ -z "$bad" ] && [ -f "m$u/out/manifest.json" ]; echo $?)" \
	    "wrong modes: $bad"
done
# Folders the build makes above --out are 0700 too; an --out folder that
# exists keeps its mode (it may be a shared parent), what is made in it
# does not.
mkdir -m 755 exist
(umask 000 && $FAKE c/cycle.yaml --out exist --quiet 2>/dev/null)
check build_made_parents_0700 "$([ "$(stat -c %a m000)" = 700 ]; echo $?)" \
    "m000 is $(stat -c %a m000)"
check build_existing_out_keeps_mode "$([ "$(stat -c %a exist)" = 755 ] && [ "$(stat -c %a exist/people)" = 700 ]; echo $?)" \
    "exist is $(stat -c %a exist), exist/people $(stat -c %a exist/people)"

# --- the manifest against the disk ---
bad=$(py - full <<'PY'
import hashlib, json, os, subprocess, sys
root = sys.argv[1]
m = json.load(open(os.path.join(root, "manifest.json")))
bad = []
if set(m) != {"cycle", "files"} or m["cycle"] != "T-2026":
    bad.append("top keys %s" % sorted(m))
paths = [f["path"] for f in m["files"]]
if paths != sorted(paths, key=lambda p: p.encode()):
    bad.append("not in path order")
ondisk = set()
for d, _, fs in os.walk(root):
    for f in fs:
        ondisk.add(os.path.relpath(os.path.join(d, f), root))
ondisk.discard("manifest.json")
if ondisk != set(paths):
    bad.append("listed vs on disk: %s" % sorted(ondisk ^ set(paths)))
for f in m["files"]:
    data = open(os.path.join(root, f["path"]), "rb").read()
    if hashlib.sha256(data).hexdigest() != f["sha256"] or len(data) != f["bytes"]:
        bad.append(f["path"] + " digest/size")
    if f["path"].endswith(".pdf"):
        out = subprocess.run(["pdfinfo", os.path.join(root, f["path"])],
                             capture_output=True, text=True).stdout
        pages = [l.split()[-1] for l in out.splitlines() if l.startswith("Pages:")]
        if pages != [str(f["pages"])]:
            bad.append("%s pages %s vs %s" % (f["path"], f["pages"], pages))
    elif f["pages"] is not None:
        bad.append(f["path"] + " pages not null")
    p = f["path"].split("/")
    want = p[1] if p[0] in ("people", "managers") else None
    if f["subject"] != want:
        bad.append("%s subject %r" % (f["path"], f["subject"]))
    if f["encrypted"] is not False:
        bad.append(f["path"] + " encrypted")
print("; ".join(bad))
PY
)
check build_manifest_matches_disk "$([ -z "$bad" ]; echo $?)" "$bad"

# --- the same inputs give the same bytes, whatever --jobs ---
$FAKE c/cycle.yaml --out again --jobs 1 --quiet 2>/dev/null
$FAKE c/cycle.yaml --out many --jobs 7 --quiet 2>/dev/null
tree full > t.full
tree again > t.again
tree many > t.many
cmp -s t.full t.again && cmp -s t.full t.many
check build_byte_identical_reruns $? "$(diff t.full t.many | head -5)"
# A rerun into the same folder replaces files and leaves no temporaries.
$FAKE c/cycle.yaml --out full --quiet 2>/dev/null
tree full > t.rerun
left=$(find full -name '*.tmp*')
cmp -s t.full t.rerun && [ -z "$left" ]
check build_rerun_in_place $? "differs or left $left"

# --- --only: the named people's files (and a named manager's team
# files), byte for byte as in the full build ---
$FAKE c/cycle.yaml --out only --only p1,m2 --quiet 2>/dev/null
got=$(cd only && find . -type f | LC_ALL=C sort | tr '\n' ' ')
want="./aggregates.csv ./aggregates.json ./aggregates.xlsx ./managers/m2/packet.pdf ./managers/m2/team.pdf ./manifest.json ./people/m2/coaching.pdf ./people/m2/form.pdf ./people/m2/packet.pdf ./people/m2/scorecard.pdf ./people/p1/coaching.pdf ./people/p1/form.pdf ./people/p1/packet.pdf ./people/p1/scorecard.pdf "
check build_only_files "$([ "$got" = "$want" ]; echo $?)" "got $got"
same=0
for f in people/p1/scorecard.pdf managers/m2/team.pdf aggregates.json; do
	cmp -s "only/$f" "full/$f" || same=1
done
check build_only_same_bytes $same "a file differs from the full build"

# --- --docs ---
$FAKE c/cycle.yaml --out docs --docs scorecard,handout --quiet 2>/dev/null
got=$(cd docs && find . -name '*.pdf' | sed 's,.*/,,' | LC_ALL=C sort -u | tr '\n' ' ')
check build_docs_selects "$([ "$got" = "handout.pdf scorecard.pdf " ]; echo $?)" "got $got"
$FAKE c/cycle.yaml --out docs2 --docs scorcard 2> err
st=$?
grep -q 'unknown document "scorcard"; did you mean "scorecard"?' err
check build_docs_unknown_is_usage "$([ $st = 2 ] && grep -q scorecard err && [ ! -e docs2 ]; echo $?)" \
    "status $st: $(cat err)"

# --- input errors: exit 1, nothing written ---
$FAKE c/cycle.yaml --out bad1 --only p1,nobody,p22 2> err
st=$?
check build_only_unknown_id "$([ $st = 1 ] && [ ! -e bad1 ] && grep -q '"nobody" is not in the roster' err && grep -q '"p22" is not in the roster; did you mean "p2"?' err; echo $?)" \
    "status $st: $(cat err)"
sed 's/^roster: .*/roster: nothere.csv/' c/cycle.yaml > c/broken.yaml
$FAKE c/broken.yaml --out bad2 2> err
st=$?
check build_bad_cycle_writes_nothing "$([ $st = 1 ] && [ ! -e bad2 ] && grep -q nothere.csv err; echo $?)" \
    "status $st: $(cat err)"
SOURCE_DATE_EPOCH=yesterday $FAKE c/cycle.yaml --out bad3 2> err
st=$?
check build_bad_source_date_epoch "$([ $st = 1 ] && [ ! -e bad3 ] && grep -q SOURCE_DATE_EPOCH err; echo $?)" \
    "status $st: $(cat err)"

# --- the real binary: no renderer wired yet, or some: it still writes
# the aggregates (as revpack aggregate does) and a manifest ---
$REVPACK build c/cycle.yaml --out real --quiet 2> err
st=$?
check build_real_binary "$([ $st = 0 ] && [ -f real/manifest.json ] && [ -f real/aggregates.csv ]; echo $?)" \
    "status $st: $(cat err)"
$REVPACK aggregate c/cycle.yaml > agg.json 2>/dev/null
cmp -s agg.json real/aggregates.json
check build_aggregates_as_revpack_aggregate $? "differs from revpack aggregate"
