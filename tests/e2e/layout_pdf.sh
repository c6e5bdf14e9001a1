#!/bin/sh
# layout_pdf.sh: the layout specimen (every block type, awkward data) on
# every shipped template, as users see it: the PDF passes qpdf --check,
# poppler reads it without a warning, names in every script extract
# exactly, no text runs outside the page margins (from the text device's
# coordinates), a 200-row table repeats its header on every page, and the
# pages render to PNG. Prints ok/FAIL lines.
case $O in /*) B=$O ;; *) B=$TOP/$O ;; esac
LD="$B/tools/laydump"
T=$TMPDIR/layout_pdf
mkdir -p "$T"
cd "$TOP" || exit 1

. "$TOP/tests/e2e/report.inc"

# margins LEFT RIGHT TOP BOTTOM of each template's body, in points
margins() {
	case $1 in
	default) echo "49.89 545.39 62.36 53.86" ;;
	letter) echo "54.00 558.00 61.20 54.00" ;;
	branded) echo "51.02 544.26 73.70 51.02" ;;
	slides) echo "56.00 904.00 62.00 46.00" ;;
	deck) echo "54.00 906.00 58.00 44.00" ;;
	esac
}

# vertical DUMP TOP BOTTOM: every text is in the header band, the footer
# band, or wholly inside the body (no line runs into a margin).
vertical() {
	awk -v t="$2" -v b="$3" '
		$1 == "page" { h = $4 }
		$1 == "text" {
			y = $3; s = $5
			if (y >= h - t + 10 || y <= b - 10) next
			if (y - 0.22 * s < b - 0.5 || y + 0.75 * s > h - t + 0.5) {
				print "y " y " size " s ": " $0; bad = 1; exit }
		}
		END { exit bad }' "$1"
}

# inside DUMP LEFT RIGHT: every text item within [LEFT, RIGHT].
inside() {
	awk -v l="$2" -v r="$3" '
		$1 == "text" && ($2 < l - 0.01 || $2 + $6 > r + 0.01) {
			print "x " $2 " w " $6 ": " $0; bad = 1; exit }
		END { exit bad }' "$1"
}

for t in default letter branded slides; do
	set -- $(margins $t)
	"$LD" -t templates/$t.yaml all > "$T/$t.txt" 2> "$T/$t.err"
	if out=$(inside "$T/$t.txt" "$1" "$2"); then
		ok "layout_$t: text within the side margins"
	else
		fail "layout_$t" "text outside the margins: $out"
	fi
	if out=$(vertical "$T/$t.txt" "$3" "$4"); then
		ok "layout_$t: no text runs into the top or bottom margin"
	else
		fail "layout_$t" "text in a margin: $out"
	fi
	if ! "$LD" -t templates/$t.yaml -o "$T/$t.pdf" all 2> "$T/$t.err"; then
		fail "layout_$t" "laydump -o failed: $(head -3 "$T/$t.err")"
		continue
	fi
	if qpdf --check "$T/$t.pdf" > "$T/qpdf.out" 2>&1; then
		ok "layout_$t: qpdf --check"
	else
		fail "layout_$t" "qpdf --check: $(tail -3 "$T/qpdf.out")"
	fi
	pdftotext -layout "$T/$t.pdf" "$T/$t.pdf.txt" 2> "$T/poppler.err"
	if [ -s "$T/poppler.err" ]; then
		fail "layout_$t" "poppler warns: $(head -2 "$T/poppler.err")"
	else
		ok "layout_$t: poppler prints no warning"
	fi
	missing=
	for name in "Nguyễn Thị Ngọc Ánh" "王芳" "김민준" "Łukasz Żółć" \
	    "Αλέξανδρος Παπαδόπουλος" "Дмитрий Шостакович" "山田太郎" \
	    "Donaudampfschifffahrts"; do
		grep -qF "$name" "$T/$t.pdf.txt" || missing="$missing $name"
	done
	if [ -z "$missing" ]; then
		ok "layout_$t: names in every script extract"
	else
		fail "layout_$t" "not extracted:$missing"
	fi
	rm -f "$T"/png-*.png
	if pdftoppm -png -r 30 "$T/$t.pdf" "$T/png" 2> "$T/ppm.err" &&
	    [ ! -s "$T/ppm.err" ] && ls "$T"/png-*.png > /dev/null 2>&1; then
		ok "layout_$t: pages render"
	else
		fail "layout_$t" "pdftoppm: $(head -2 "$T/ppm.err")"
	fi
done

# The deck of a portrait template: 16:9 slides, nothing overfull.
set -- $(margins deck)
"$LD" -t templates/default.yaml -d deck all > "$T/deck.txt" 2> /dev/null
if out=$(inside "$T/deck.txt" "$1" "$2") &&
    out=$(vertical "$T/deck.txt" "$3" "$4"); then
	ok "layout_deck: slides never overfull"
else
	fail "layout_deck" "$out"
fi

# The 200-row table: the header row on every page, the heading continued.
"$LD" -t templates/default.yaml -o "$T/t200.pdf" table200 2> /dev/null
pages=$(pdfinfo "$T/t200.pdf" 2> /dev/null | awk '/^Pages:/ { print $2 }')
heads=0
cont=0
p=1
while [ -n "$pages" ] && [ "$p" -le "$pages" ]; do
	pdftotext -f $p -l $p "$T/t200.pdf" "$T/p.txt" 2> /dev/null
	grep -q "^Competency" "$T/p.txt" && heads=$((heads + 1))
	grep -q "A table of 200 rows (continued)" "$T/p.txt" && cont=$((cont + 1))
	p=$((p + 1))
done
if [ -n "$pages" ] && [ "$pages" -gt 3 ] && [ "$heads" = "$pages" ] &&
    [ "$cont" = $((pages - 1)) ]; then
	ok "layout_table200: header on all $pages pages, heading continued"
else
	fail "layout_table200" "pages $pages, header on $heads, continued on $cont"
fi

# The same specimen twice gives the same bytes.
"$LD" -t templates/branded.yaml -o "$T/again.pdf" all 2> /dev/null
if cmp -s "$T/branded.pdf" "$T/again.pdf"; then
	ok "layout_deterministic: identical PDFs"
else
	fail "layout_deterministic" "two runs differ"
fi
