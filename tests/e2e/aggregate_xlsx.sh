#!/bin/sh
# tests/e2e/aggregate_xlsx.sh: aggregates.xlsx. Read back with openpyxl,
# every cell of its data sheets equals aggregates.json's figure (sample
# cycle, and a small fixture with control characters and a literal
# "_x0041_" in names and its own template colours); LibreOffice Calc
# opens it; `revpack build` writes the same bytes as `revpack aggregate
# --format xlsx`, twice alike, mode 0600, listed in the manifest; no
# standard output for a binary; a write failure exits 3 and leaves
# nothing. Run by tests/run.sh ($REVPACK, $TOP, $TMPDIR set).
: "${TOP:=$(pwd)}" "${TMPDIR:=/tmp}"
W=$TMPDIR/aggregate_xlsx
CYCLE=$TOP/samples/2026-H1/cycle.yaml
CHECK=$TOP/tests/e2e/xlsx_check.py
rm -rf "$W"
mkdir -p "$W"
. "$TOP/tests/e2e/build_fixture.inc"
ok() { echo "ok aggregate_xlsx: $1"; }
fail() { echo "FAIL aggregate_xlsx: $1${2:+: $2}"; }
check() { if [ "$2" = 0 ]; then ok "$1"; else fail "$1" "$3"; fi; }

# A python3 with openpyxl (Debian's python3-openpyxl is for /usr/bin's).
PY=
for p in python3 /usr/bin/python3; do
	if command -v "$p" > /dev/null && "$p" -c 'import openpyxl' 2>/dev/null; then
		PY=$p
		break
	fi
done
[ -n "$PY" ] || fail tools "needs python3 with openpyxl (make deps)"

# figures NAME XLSX JSON CSV RED YELLOW GREEN: the openpyxl comparison.
figures() {
	name=$1
	shift
	if [ -z "$PY" ]; then
		fail "$name" "no openpyxl"
		return
	fi
	"$PY" "$CHECK" "$@" > "$W/$name.out" 2>&1
	st=$?
	sed "s/^\(ok\|FAIL\) /\1 aggregate_xlsx: $name: /" "$W/$name.out"
	grep -q '^ok xlsx_figures' "$W/$name.out" && [ "$st" = 0 ] ||
	    grep -q '^FAIL' "$W/$name.out" || fail "$name" "checker exit $st"
}

# 1. The sample cycle, default template colours.
"$REVPACK" aggregate "$CYCLE" --format xlsx -o "$W/s.xlsx" 2> "$W/s.err"
st=$?
"$REVPACK" aggregate "$CYCLE" -o "$W/s.json" 2> /dev/null
"$REVPACK" aggregate "$CYCLE" --format csv -o "$W/s.csv" 2> /dev/null
check sample_written "$([ "$st" = 0 ] && [ -s "$W/s.xlsx" ]; echo $?)" \
    "exit $st: $(grep -v warning "$W/s.err" | head -2)"
mode=$(stat -c %a "$W/s.xlsx" 2>/dev/null)
check sample_mode_0600 "$([ "$mode" = 600 ]; echo $?)" "mode $mode"
figures sample "$W/s.xlsx" "$W/s.json" "$W/s.csv" a61b1b f5cf4f 3b9a57
"$REVPACK" aggregate "$CYCLE" --format xlsx -o "$W/s2.xlsx" 2> /dev/null
cmp -s "$W/s.xlsx" "$W/s2.xlsx"
check sample_same_bytes $? "two runs differ"

# 2. A small fixture: names with a tab, ESC, SOH and a literal _x0041_,
# in Chinese, Arabic and Hebrew; the cycle's template colours.
make_cycle "$W/c"
sed -i 's/^p1,Ana Pérez,/p1,Ana\tPé\x1brez\x01,/; s/^p2,Bo Li,/p2,Bo _x0041_ Li,/;
    s/^p3,Chidi Okafor,/p3,王芳,/; s/^p4,Dana Cohen,/p4,دانا כהן,/' \
    "$W/c/roster.csv"
cat >> "$W/c/template.yaml" <<EOF
colors: { red: "#c00000", yellow: "#ffd966", green: "#00b050" }
EOF
"$REVPACK" aggregate "$W/c/cycle.yaml" --format xlsx -o "$W/f.xlsx" 2> "$W/f.err"
st=$?
"$REVPACK" aggregate "$W/c/cycle.yaml" -o "$W/f.json" 2> /dev/null
"$REVPACK" aggregate "$W/c/cycle.yaml" --format csv -o "$W/f.csv" 2> /dev/null
check fixture_written "$([ "$st" = 0 ] && [ -s "$W/f.xlsx" ]; echo $?)" \
    "exit $st: $(grep -v warning "$W/f.err" | head -2)"
grep -q 'Ana\\u0009Pé\\u001brez\\u0001' "$W/f.json"
check fixture_has_controls $? "the fixture's name lost its control characters"
figures fixture "$W/f.xlsx" "$W/f.json" "$W/f.csv" c00000 ffd966 00b050
# well-formed XML in every part, whatever the names hold
if [ -n "$PY" ]; then
	"$PY" -c '
import sys, zipfile, xml.dom.minidom
z = zipfile.ZipFile(sys.argv[1])
for n in z.namelist():
    if n.endswith(".xml") or n.endswith(".rels"):
        xml.dom.minidom.parseString(z.read(n))
' "$W/f.xlsx" 2> "$W/xml.err"
	check fixture_xml_well_formed $? "$(tail -1 "$W/xml.err")"
fi

# 3. revpack build: the same bytes, twice, 0600, in the manifest.
"$REVPACK" build "$W/c/cycle.yaml" --out "$W/b1" --docs org --quiet 2> /dev/null
st1=$?
"$REVPACK" build "$W/c/cycle.yaml" --out "$W/b2" --docs org --quiet --jobs 1 2> /dev/null
st2=$?
check build_writes_it "$([ "$st1" = 0 ] && [ "$st2" = 0 ] && [ -f "$W/b1/aggregates.xlsx" ]; echo $?)" \
    "exit $st1/$st2"
cmp -s "$W/b1/aggregates.xlsx" "$W/b2/aggregates.xlsx" &&
    cmp -s "$W/b1/aggregates.xlsx" "$W/f.xlsx"
check build_same_bytes $? "two builds, or build and aggregate, differ"
mode=$(stat -c %a "$W/b1/aggregates.xlsx" 2>/dev/null)
check build_mode_0600 "$([ "$mode" = 600 ]; echo $?)" "mode $mode"
sum=$(sha256sum < "$W/b1/aggregates.xlsx" | cut -c1-64)
grep -q "\"path\": \"aggregates.xlsx\", \"sha256\": \"$sum\", \"bytes\": $(stat -c %s "$W/b1/aggregates.xlsx")," "$W/b1/manifest.json"
check build_manifest_lists_it $? "$(grep aggregates.xlsx "$W/b1/manifest.json")"
# --shard: shard 1 writes it, shard 2 does not.
"$REVPACK" build "$W/c/cycle.yaml" --out "$W/sh" --docs org --shard 2/2 --quiet 2> /dev/null
"$REVPACK" build "$W/c/cycle.yaml" --out "$W/sh" --docs org --shard 1/2 --quiet 2> /dev/null
grep -q aggregates.xlsx "$W/sh/manifest.1-of-2.json" &&
    ! grep -q aggregates.xlsx "$W/sh/manifest.2-of-2.json" &&
    cmp -s "$W/sh/aggregates.xlsx" "$W/f.xlsx"
check shard_1_writes_it $? "in the wrong shard's manifest, or other bytes"

# 4. LibreOffice Calc opens it (a private profile; a time limit).
if command -v soffice > /dev/null; then
	timeout 180 soffice -env:UserInstallation="file://$W/lo-profile" --headless \
	    --convert-to 'csv:Text - txt - csv (StarCalc):44,34,76' \
	    --outdir "$W/lo" "$W/s.xlsx" > "$W/lo.out" 2>&1
	st=$?
	head -1 "$W/lo/s.csv" 2>/dev/null | grep -q '^id,name,level,manager_id,department,overall' &&
	    grep -q 'Zoë Ångström' "$W/lo/s.csv"
	good=$?
	check libreoffice_opens_it "$([ "$st" = 0 ] && [ "$good" = 0 ]; echo $?)" \
	    "exit $st, $(head -c 200 "$W/lo/s.csv" 2>/dev/null) $(tail -2 "$W/lo.out")"
else
	fail libreoffice_opens_it "soffice is missing (make deps)"
fi

# 5. No standard output for a binary workbook: a usage error that says so.
"$REVPACK" aggregate "$CYCLE" --format xlsx > "$W/stdout.bin" 2> "$W/usage.err"
st=$?
check needs_output_file "$([ "$st" = 2 ] && [ ! -s "$W/stdout.bin" ] && grep -q -- '-o FILE' "$W/usage.err"; echo $?)" \
    "exit $st: $(head -1 "$W/usage.err")"

# 6. Write failures: exit 3, no file, no temporary. An unwritable folder
# (root writes anywhere: then a missing one), then no scratch folder.
mkdir -p "$W/ro"
if [ "$(id -u)" = 0 ]; then
	out=$W/ro/missing/x.xlsx
else
	chmod 500 "$W/ro"
	out=$W/ro/x.xlsx
fi
"$REVPACK" aggregate "$CYCLE" --format xlsx -o "$out" 2> "$W/ro.err"
st=$?
chmod 700 "$W/ro"
check unwritable_exit_3 "$([ "$st" = 3 ] && [ -z "$(ls -A "$W/ro")" ] && grep -q 'cannot write' "$W/ro.err"; echo $?)" \
    "exit $st: $(grep -v warning "$W/ro.err" | head -1)"
mkdir "$W/noscratch"
TMPDIR=$W/no/such/folder "$REVPACK" aggregate "$CYCLE" --format xlsx \
    -o "$W/noscratch/x.xlsx" 2> "$W/ns.err"
st=$?
check no_scratch_exit_3 "$([ "$st" = 3 ] && [ -z "$(ls -A "$W/noscratch")" ]; echo $?)" \
    "exit $st: $(grep -v warning "$W/ns.err" | head -1)"
