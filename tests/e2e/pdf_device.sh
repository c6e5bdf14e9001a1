#!/bin/sh
# pdf_device.sh: the PDF device end to end, through tests/tools/pdfspec:
# valid files, names in every script extracted exactly by poppler and by
# mupdf, no warnings, widths that match the drawn glyphs, placeholders,
# embedded subset fonts only, bookmarks, labels, info, images, and
# byte-identical output. Prints "ok NAME" / "FAIL NAME: why".
T=$TMPDIR/pdf_device
mkdir -p "$T"
SPEC=$TOP/$O/tools/pdfspec
[ -x "$SPEC" ] || SPEC=$O/tools/pdfspec

. "$TOP/tests/e2e/report.inc"

if ! "$SPEC" "$T/a.pdf" 2> "$T/a.err"; then
	fail pdf_render "pdfspec failed: $(head -3 "$T/a.err")"
	exit 1
fi
ok pdf_render

# The only message: the emoji, once.
if [ "$(wc -l < "$T/a.err")" = 1 ] && grep -q 'U+1F44D.*placeholder' "$T/a.err"; then
	ok pdf_placeholder_warning
else
	fail pdf_placeholder_warning "stderr: $(cat "$T/a.err")"
fi

if qpdf --check "$T/a.pdf" > "$T/qpdf.out" 2>&1; then
	ok pdf_qpdf_check
else
	fail pdf_qpdf_check "$(tail -3 "$T/qpdf.out")"
fi

pdftotext -enc UTF-8 "$T/a.pdf" "$T/a.txt" 2> "$T/pt.err"
mutool draw -q -F txt -o "$T/a.mu.txt" "$T/a.pdf" 2> "$T/mu.err"
if [ -s "$T/pt.err" ]; then
	fail pdf_pdftotext_quiet "$(head -3 "$T/pt.err")"
else
	ok pdf_pdftotext_quiet
fi
# mupdf as packaged always says it lacks ICC support; nothing else may.
if grep -v 'ICC support is not available' "$T/mu.err" | grep -q .; then
	fail pdf_mutool_quiet "$(head -3 "$T/mu.err")"
else
	ok pdf_mutool_quiet
fi

# Each name twice (regular and bold), in both extractors.
bad=
while IFS= read -r name; do
	for f in a.txt a.mu.txt; do
		n=$(grep -o -F "$name" "$T/$f" | wc -l)
		[ "$n" = 2 ] || bad="$bad [$name in $f: $n]"
	done
done <<'NAMES'
Zoë Ångström
Łukasz Żółć
Nguyễn Thị Ngọc Ánh
Αλέξης Παπαδόπουλος
Мария Иванова
王芳
佐藤健 / かな
김민준
NAMES
[ -z "$bad" ] && ok pdf_names_extract || fail pdf_names_extract "$bad"

# The emoji is a visible U+FFFD, never a space or nothing.
if grep -q -F 'Thumbs � up' "$T/a.txt" && grep -q -F 'Thumbs � up' "$T/a.mu.txt"; then
	ok pdf_placeholder_text
else
	fail pdf_placeholder_text "$(grep Thumbs "$T/a.txt" "$T/a.mu.txt")"
fi

# Widths: the bold copy of each name starts 20 pt after the regular one
# ends, as placed from fontset widths; poppler measures the drawn glyphs.
# Name line i has its baseline 91.89 + 24 i pt from the top of the page.
pdftotext -bbox "$T/a.pdf" - 2>/dev/null | awk -F'"' '/<word / {
	for (i = 0; i < 8; i++) {
		b = 91.89 + 24 * i
		if ($4 < b && b < $8)
			print i, $2, $6
	}
}' | sort -n -k1,1 -k2,2 | awk 'BEGIN { line = -1 }
	$1 != line { if (n >= 2) print line, best; line = $1; n = 0; best = 0 }
	{ if (n > 0 && $2 - last > best) best = $2 - last; last = $3; n++ }
	END { if (n >= 2) print line, best }' > "$T/gaps"
bad=$(awk '$2 < 19.95 || $2 > 20.05' "$T/gaps")
if [ -z "$bad" ] && [ "$(wc -l < "$T/gaps")" = 8 ]; then
	ok pdf_widths_match_glyphs
else
	fail pdf_widths_match_glyphs "$(cat "$T/gaps")"
fi

pdffonts "$T/a.pdf" > "$T/fonts" 2> "$T/pf.err"
if [ -s "$T/pf.err" ]; then
	fail pdf_pdffonts_quiet "$(head -3 "$T/pf.err")"
else
	ok pdf_pdffonts_quiet
fi
# Every font an embedded subset (tag+Name) with a ToUnicode map; the
# default chain shows up (WenQuanYi draws CJK and Hangul, DejaVu U+FFFD).
bad=$(tail -n +3 "$T/fonts" | awk '$1 !~ /^[A-Z][A-Z][A-Z][A-Z][A-Z][A-Z]\+/ ||
	$(NF-4) != "yes" || $(NF-3) != "yes" || $(NF-2) != "yes"')
nfonts=$(tail -n +3 "$T/fonts" | wc -l)
if [ -z "$bad" ] && [ "$nfonts" -ge 4 ] && grep -q 'LiberationSans-Bold' "$T/fonts" &&
    grep -q 'WenQuanYiZenHei' "$T/fonts" && grep -q 'DejaVuSans' "$T/fonts"; then
	ok pdf_fonts_embedded_subsets
else
	fail pdf_fonts_embedded_subsets "$(cat "$T/fonts")"
fi

# Fonts: up to 255 characters a face is a simple TrueType font (1-byte
# codes); more, here 300 ideographs, a Type0 font with 2-byte CIDs. Both
# kinds in one document draw and extract, in poppler and mupdf.
grep -q ' TrueType  *WinAnsi ' "$T/fonts" && ok_simple=1 || ok_simple=
if "$SPEC" "$T/cjk.pdf" --cjk-block 300 2>/dev/null &&
    qpdf --check "$T/cjk.pdf" > /dev/null 2>&1; then
	pdffonts "$T/cjk.pdf" > "$T/cjk.fonts" 2>&1
	pdftotext -enc UTF-8 "$T/cjk.pdf" "$T/cjk.txt" 2> "$T/cjk.err"
	mutool draw -q -F txt -o "$T/cjk.mu.txt" "$T/cjk.pdf" 2>&1 |
	    grep -v 'ICC support is not available' >> "$T/cjk.err"
	python3 -c 'print("\n".join("".join(chr(0x4E00 + i) for i in range(k, min(k + 40, 300))) for k in range(0, 300, 40)))' > "$T/cjk.want"
	bad=
	while IFS= read -r line; do
		grep -q -F "$line" "$T/cjk.txt" || bad="$bad [poppler: $line]"
		grep -q -F "$line" "$T/cjk.mu.txt" || bad="$bad [mupdf: $line]"
	done < "$T/cjk.want"
	[ "$(grep -o -F 'Zoë Ångström' "$T/cjk.mu.txt" | wc -l)" = 2 ] || bad="$bad [names]"
	if [ -n "$ok_simple" ] && [ -z "$bad" ] && [ ! -s "$T/cjk.err" ] &&
	    grep -q 'WenQuanYiZenHei  *CID TrueType  *Identity-H' "$T/cjk.fonts" &&
	    grep -q 'LiberationSans  *TrueType  *WinAnsi' "$T/cjk.fonts"; then
		ok pdf_simple_and_type0_fonts
	else
		fail pdf_simple_and_type0_fonts "$bad $(cat "$T/cjk.err" "$T/cjk.fonts")"
	fi
else
	fail pdf_simple_and_type0_fonts "pdfspec --cjk-block 300 or qpdf failed"
fi

# Same input, same bytes.
"$SPEC" "$T/b.pdf" 2>/dev/null
if cmp -s "$T/a.pdf" "$T/b.pdf"; then
	ok pdf_deterministic
else
	fail pdf_deterministic "two renders differ"
fi

# Bookmarks (nested, UTF-8) and page labels read back.
qpdf --json --json-key=outlines --json-key=pagelabels "$T/a.pdf" > "$T/json" 2>&1
if grep -q -F '"title": "Section 1 — Żółć 王"' "$T/json" &&
    grep -q -F '"title": "Sub 1.1 Ελληνικά"' "$T/json" &&
    grep -q -F '"title": "Contents"' "$T/json"; then
	ok pdf_outlines
else
	fail pdf_outlines "$(grep title "$T/json")"
fi
if grep -q -F '"/S": "/r"' "$T/json" && grep -q -F '"/P": "u:S-"' "$T/json" &&
    grep -q -F '"/S": "/D"' "$T/json"; then
	ok pdf_page_labels
else
	fail pdf_page_labels "$(grep -A8 pagelabels "$T/json" | head -20)"
fi

pdfinfo "$T/a.pdf" > "$T/info" 2>&1
if grep -q -F 'Title:           Scorecard — Zoë Ångström' "$T/info" &&
    grep -q -F 'Author:          Łukasz Żółć' "$T/info" &&
    grep -q 'CreationDate: *Thu Jan  1 00:00:00 2026 UTC' "$T/info" &&
    grep -q 'Pages: *2' "$T/info"; then
	ok pdf_info
else
	fail pdf_info "$(cat "$T/info")"
fi
"$SPEC" --no-date "$T/nodate.pdf" 2>/dev/null
if pdfinfo "$T/nodate.pdf" 2>&1 | grep -q 'Date'; then
	fail pdf_no_date "a date without has_date"
else
	ok pdf_no_date
fi

# Images: a JPEG, an opaque PNG and a PNG with alpha made from page 1.
pdftoppm -jpeg -r 12 -singlefile "$T/a.pdf" "$T/img" 2>/dev/null
pdftoppm -png -r 12 -singlefile "$T/a.pdf" "$T/img" 2>/dev/null
pdftocairo -png -transp -r 12 -singlefile "$T/a.pdf" "$T/imga" 2>/dev/null
if "$SPEC" "$T/i.pdf" --image "$T/img.jpg" --image "$T/img.png" \
    --image "$T/imga.png" 2>/dev/null && qpdf --check "$T/i.pdf" >/dev/null 2>&1 &&
    [ "$(pdfimages -list "$T/i.pdf" 2>/dev/null | awk '$3 == "image"' | wc -l)" = 3 ] &&
    [ "$(pdfimages -list "$T/i.pdf" 2>/dev/null | awk '$3 == "smask"' | wc -l)" = 1 ]; then
	ok pdf_images
else
	fail pdf_images "$(pdfimages -list "$T/i.pdf" 2>&1 | head)"
fi
# Every image stream compressed, the PNG's soft mask too (libharu writes
# it raw: 43 KB for the branded template's logo).
unfiltered=$(qpdf --json=2 "$T/i.pdf" 2>/dev/null | python3 -c '
import json, sys
for k, v in json.load(sys.stdin)["qpdf"][1].items():
    d = v.get("stream", {}).get("dict", {})
    if d.get("/Subtype") == "/Image" and "/Filter" not in d:
        print(k, d.get("/ColorSpace"))')
if [ -z "$unfiltered" ] && [ -s "$T/i.pdf" ]; then
	ok pdf_images_compressed
else
	fail pdf_images_compressed "no /Filter: $unfiltered"
fi
if "$SPEC" "$T/bad.pdf" --image /etc/hostname 2> "$T/bad.err" ||
    [ -e "$T/bad.pdf" ] || ! grep -q 'expected a PNG or JPEG' "$T/bad.err"; then
	fail pdf_bad_image "$(cat "$T/bad.err")"
else
	ok pdf_bad_image
fi

# Two threads, each with its own device, make the same bytes; each file
# carries only its own glyphs, so varied names keep files small.
if "$SPEC" --bench 40 --threads 2 > "$T/bench.out" 2>&1 &&
    grep -q 'identical outputs' "$T/bench.out" &&
    awk '{ for (i = 1; i < NF; i++) if ($(i + 1) ~ /^KB\/doc/) { kb = $i; exit } }
	END { exit !(kb > 0 && kb < 20) }' "$T/bench.out"; then
	ok pdf_threads_identical
else
	fail pdf_threads_identical "$(cat "$T/bench.out")"
fi
