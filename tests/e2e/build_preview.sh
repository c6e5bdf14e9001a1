#!/bin/sh
# build_preview.sh: a preview does not damage a build (issue 16 item 5).
# After a full build of tests/fixtures/seed003, a one-person, one-document
# build into the same folder keeps the earlier entries of manifest.json
# whose files are still there unchanged (same size and sha256) and
# replaces the ones it wrote; a file changed since is left out; a
# damaged earlier manifest is warned about and not kept; the closing line
# counts what the progress bar counted, then the manifest. Run by
# tests/run.sh ($REVPACK, $TOP, $TMPDIR set).
. "$TOP/tests/e2e/report.inc"
W=$TMPDIR/build_preview
F=$TOP/tests/fixtures/seed003
rm -rf "$W"
mkdir -p "$W"
cd "$W" || exit 1
shipped_cycle "$F"
cp "$F/roster.csv" "$F/ratings.csv" .

# entries DIR: the manifest's entries, "path sha256" sorted; files DIR:
# the folder's files but the manifest, "path sha256" sorted
entries() {
	python3 -c 'import json, sys
for f in json.load(open(sys.argv[1] + "/manifest.json"))["files"]:
    print(f["path"], f["sha256"])' "$1" | sort
}
files() {
	(cd "$1" && find . -type f ! -name manifest.json | sed 's#^\./##' |
	    sort | while read -r f; do
		echo "$f $(sha256sum "$f" | cut -d' ' -f1)"; done)
}

$REVPACK build cycle.yaml --out o --quiet 2>/dev/null
entries o > full.txt
$REVPACK build cycle.yaml --out o --only jps --docs scorecard 2> e1
st=$?
entries o > after.txt
files o > disk.txt
n=$(wc -l < full.txt)
check build_preview_keeps_entries "$([ $st = 0 ] && cmp -s after.txt disk.txt && [ "$(wc -l < after.txt)" = "$n" ]; echo $?)" \
    "exit $st; $(wc -l < after.txt) entries for $(wc -l < disk.txt) files (full build: $n): $(diff after.txt disk.txt | head -3)"
wrote=$(sed -n 's/^revpack: wrote \([0-9]*\) files\{0,1\} and the manifest .*also lists \([0-9]*\) files\{0,1\} of the earlier build there$/\1 \2/p' e1)
check build_preview_closing_counts "$([ -n "$wrote" ] && [ $(( ${wrote% *} + ${wrote#* } )) = "$n" ]; echo $?)" \
    "closing line: $(tail -1 e1)"

# a file changed since the full build is not vouched for
echo changed >> o/people/jps/coaching.pdf
$REVPACK build cycle.yaml --out o --only jps --docs scorecard --quiet 2>/dev/null
entries o > after2.txt
grep -q '^people/jps/coaching.pdf ' after2.txt
check build_preview_drops_changed "$([ $? != 0 ] && [ "$(wc -l < after2.txt)" = $(( n - 1 )) ]; echo $?)" \
    "$(wc -l < after2.txt) entries; coaching.pdf still listed: $(grep coaching after2.txt)"

# a damaged earlier manifest: warned about, only this build's files
printf '{ "cycle": ' > o/manifest.json
$REVPACK build cycle.yaml --out o --only jps --docs scorecard 2> e3
st=$?
entries o > after3.txt
grep -q 'warning: .*manifest.json: the earlier build.s manifest cannot be read' e3
check build_preview_damaged_manifest "$([ $st = 0 ] && [ $? = 0 ] && [ "$(wc -l < after3.txt)" -lt "$n" ]; echo $?)" \
    "exit $st; $(wc -l < after3.txt) entries; $(grep warning e3 | head -1)"

# a full build replaces the manifest whole
$REVPACK build cycle.yaml --out o --quiet 2>/dev/null
entries o > full2.txt
files o > disk2.txt
check build_preview_full_rebuild "$(cmp -s full2.txt disk2.txt; echo $?)" \
    "$(diff full2.txt disk2.txt | head -3)"
