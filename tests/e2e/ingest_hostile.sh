#!/bin/sh
# ingest_hostile.sh: bad and hostile files given as a cycle's ratings are
# refused cleanly by `revpack build`: a truncated workbook, zip bombs, a
# sheet past Excel's last row or column, an XML DOCTYPE, a zip that is no
# workbook, a PDF and an old .xls where CSV is expected, a CSV mixing
# UTF-8 and Windows-1252: exit 1, a message naming the file (and the row
# or cell where there is one), no flood of CSV errors, nothing written,
# no crash (the suite runs under ASan and UBSan).
: "${O:=build}" "${TOP:=$(pwd)}" "${TMPDIR:=/tmp}"
. "$TOP/tests/e2e/build_fixture.inc"
W=$TMPDIR/ingest_hostile
F=$TOP/tests/fixtures/xlsx
rm -rf "$W"
make_cycle "$W/c"
cd "$W" || exit 1

# refused NAME FILE PATTERN: FILE as the ratings file: exit 1, at most
# two error lines about it (the problem, and its count where one is
# cut short), one matching PATTERN, and no output folder.
refused() {
	cp "$2" "c/bad.${2##*.}"
	sed "s|- file: ratings.csv|- file: bad.${2##*.}|" c/cycle.yaml > c/bad.yaml
	timeout 60 "$REVPACK" build c/bad.yaml --out out --quiet 2> err
	st=$?
	n=$(grep -c "bad\.${2##*.}.*error:" err)
	check "hostile_$1" "$([ $st = 1 ] && [ "$n" -ge 1 ] && [ "$n" -le 2 ] && grep -q "$3" err && [ ! -e out ]; echo $?)" \
	    "status $st, $n lines: $(grep -v 'no rated competency' err | head -4)"
	rm -f "c/bad.${2##*.}" c/bad.yaml
}

for x in truncated bomb-cap bomb-lie bomb-ratio row-limit col-limit doctype \
    not-workbook; do
	[ -f "$F/$x.xlsx" ] && refused "xlsx_$x" "$F/$x.xlsx" "error:"
done
refused xlsx_row_limit_names_cell "$F/row-limit.xlsx" "1048577"
refused xlsx_col_limit_names_cell "$F/col-limit.xlsx" "XFE"

# where CSV is expected
printf '%%PDF-1.4\n%%\342\343\317\323\n1 0 obj\n<<>>\nendobj\n' > fake.csv
refused pdf_as_csv fake.csv "PDF"
printf '\320\317\021\340\241\261\032\341' > old.csv
head -c 4096 /dev/zero >> old.csv
refused xls_as_csv old.csv "xls"
{
	printf 'subject_id,rater_id,rater_role,competency_id,score,comment\n'
	printf 'p1,m1,manager,teamwork,3,Zo\303\253 says hi \342\200\224 good\n'
	printf 'p2,m1,manager,teamwork,3,caf\351 \374ber na\357ve\n'
	printf 'p3,m1,manager,teamwork,3,\303\251l\303\250ve \303\240 Z\303\274rich \303\266\n'
} > mixed.csv
refused mixed_encodings mixed.csv "bad.csv:3:29: error: .*mixes two encodings"
