#!/bin/sh
# fonts_bold_astral.sh: the shipped chain's bold faces for the fallback
# scripts, and characters outside the BMP (issue 14 item 5). A template
# that is default.yaml with the person's name in a bold header: an
# Arabic and a Devanagari name are drawn in bold with the Noto family's
# bold face (pdffonts lists it; the glyphs are HarfBuzz's for that font,
# through tests/tools/hbshape), and extract; emoji print in the first
# face that has them (😀 DejaVu Sans, 👍🏽 Symbola), extract, and need no
# warning; a CJK extension B character no configured font has warns once
# for its field and script and prints as U+FFFD. Run by tests/run.sh
# ($REVPACK, $TOP, $TMPDIR, $O set).
. "$TOP/tests/e2e/report.inc"
. "$TOP/tests/e2e/shaping.inc"
W=$TMPDIR/fonts_bold_astral
HB=$TOP/${O:-build}/tools/hbshape
rm -rf "$W"
mkdir -p "$W"
cd "$W" || exit 1

sed 's/^  header: { size: 8, color: muted }/  header: { size: 11, bold: true, color: text }/
    s/^  left: "{organization}"/  left: "{person.name}"/' \
    "$TOP/templates/default.yaml" > template.yaml
grep -q '^  left: "{person.name}"' template.yaml &&
    grep -q 'header: { size: 11, bold: true' template.yaml
check fonts_bold_template $? "default.yaml's header lines changed; adapt the sed"

printf '%s\n' 'id,name,manager_id,level' 'm1,Ingrid Halvorsen,,CSM II' \
    'ar1,عبدالله,m1,CSM II' 'hi1,क्षत्रिय,m1,CSM II' \
    'em1,Ana 😀 👍🏽,m1,CSM II' 'xb1,Li 𠮷,m1,CSM II' > roster.csv
{
	echo 'subject_id,rater_id,rater_role,competency_id,score,comment'
	for p in ar1 hi1 em1 xb1; do
		echo "$p,m1,manager,complaint-handling,4,"
		echo "$p,m1,manager,follow-up,3,"
	done
} > ratings.csv
scorecard_cycle . T-BOLD "Bold and astral"
$REVPACK build cycle.yaml --out out --docs scorecard --quiet 2> build.err
st=$?
check fonts_bold_builds $st "exit $st: $(head -3 build.err)"
[ $st = 0 ] || exit 0

# text ID: ID's scorecard's text (pdf_text)
text() {
	pdf_text "out/people/$1/scorecard.pdf" 2> /dev/null
}

# bold NAME ID FAMILY PSNAME: ID's name is drawn with FAMILY's bold face,
# as HarfBuzz shapes it with that font, and extracts
bold() {
	t=$1 id=$2 fam=$3 ps=$4
	nm=$(grep "^$id," roster.csv | cut -d, -f2)
	pdf=out/people/$id/scorecard.pdf
	file=$(fc-match -f '%{file}' "$fam:bold")
	case $file in
	*Bold*) ;;
	*)	ok "fonts_bold_${t} (no bold $fam installed: $file)"
		return ;;
	esac
	pdffonts "$pdf" 2> /dev/null | grep -q "+$ps-Bold "
	check "fonts_bold_${t}_embedded" $? "$(pdffonts "$pdf" 2>&1 | tail -n +3)"
	"$HB" --outlines "$file" "$nm" > "$t.want"
	PDFGLYPHS_FONT=$ps-Bold python3 "$TOP/tests/e2e/pdfglyphs.py" "$HB" \
	    "$pdf" "$nm" > "$t.got" 2> "$t.why"
	st=$?
	[ $st = 0 ] && ! cmp -s "$t.want" "$t.got" && st=1
	check "fonts_bold_${t}_glyphs" $st "$(cat "$t.why") $("$HB" "$file" "$nm")"
	text "$id" | grep -qF "$nm"
	check "fonts_bold_${t}_extracts" $? "pdftotext lost \"$nm\""
}
bold arabic ar1 "Noto Sans Arabic" NotoSansArabic
bold devanagari hi1 "Noto Sans Devanagari" NotoSansDevanagari

# the bold face is the family's own, wider than the regular face: the
# regular one still draws the name in the details table
pdffonts out/people/ar1/scorecard.pdf 2> /dev/null | grep -q '+NotoSansArabic-Regular '
check fonts_bold_regular_kept $? "no regular Arabic face in ar1's scorecard"
# a face nothing draws with is not embedded: no Devanagari in ar1's file
check fonts_bold_unused_not_embedded \
    "$(! pdffonts out/people/ar1/scorecard.pdf 2> /dev/null | grep -q Devanagari; echo $?)" \
    "ar1's scorecard embeds a Devanagari face"

# --- emoji outside the BMP ---
pdf=out/people/em1/scorecard.pdf
text em1 | grep -qxF 'Ana 😀 👍🏽'
check fonts_astral_extracts $? "pdftotext: $(text em1 | grep Ana | head -2)"
pdffonts "$pdf" 2> /dev/null | grep -q '+Symbola '
check fonts_astral_symbola $? "$(pdffonts "$pdf" 2>&1 | tail -n +3)"
check fonts_astral_no_warning "$(! grep -q 'roster.csv:5:' build.err; echo $?)" \
    "$(grep 'roster.csv:5:' build.err)"
# the glyphs: HarfBuzz's, in the face the chain picks (the skin-tone
# modifier: Symbola has no glyph for the sequence, so HarfBuzz gives the
# hand and the modifier's own swatch, in one cluster)
sym=$(fc-match -f '%{file}' Symbola)
dvb=$(fc-match -f '%{file}' 'DejaVu Sans:bold')
bad=
"$HB" --outlines "$sym" '👍🏽' > thumb.want
python3 "$TOP/tests/e2e/pdfglyphs.py" "$HB" "$pdf" '👍🏽' > thumb.got 2>&1 &&
    cmp -s thumb.want thumb.got || bad="👍🏽 ($(cat thumb.got | head -2))"
[ "$(wc -l < thumb.want)" = 2 ] || bad="$bad; hbshape gives $(wc -l < thumb.want) glyphs for 👍🏽"
"$HB" --outlines "$dvb" '😀' > grin.want
PDFGLYPHS_FONT=DejaVuSans-Bold python3 "$TOP/tests/e2e/pdfglyphs.py" "$HB" \
    "$pdf" '😀' > grin.got 2>&1 && cmp -s grin.want grin.got ||
    bad="$bad 😀 bold ($(cat grin.got | head -2))"
check fonts_astral_glyphs "$([ -z "$bad" ]; echo $?)" "$bad"
# ToUnicode gives the emoji as a surrogate pair
python3 - "$pdf" <<'PY'
import re, sys, zlib
d = open(sys.argv[1], 'rb').read()
ok = False
for m in re.finditer(rb'stream\r?\n(.*?)endstream', d, re.S):
    try:
        t = zlib.decompress(m.group(1))
    except zlib.error:
        continue
    ok = ok or b'<D83DDC4D>' in t        # U+1F44D
print('ok fonts_astral_tounicode' if ok else
      'FAIL fonts_astral_tounicode: no ToUnicode entry maps to <D83DDC4D>')
PY

# --- CJK extension B: covered by no font of the chain (else printed) ---
pdf=out/people/xb1/scorecard.pdf
covered=
for fam in "Liberation Sans" "WenQuanYi Zen Hei" "NanumGothic" "DejaVu Sans" Symbola; do
	"$HB" --covers "$(fc-match -f '%{file}' "$fam")" '𠮷' && covered=$fam
done
if [ -n "$covered" ]; then
	text xb1 | grep -qxF 'Li 𠮷'
	check fonts_astral_extb_printed $? "$covered has U+20BB7, but it did not print"
else
	n=$(grep -c 'U+20BB7' build.err)
	grep -qxF 'roster.csv:6: warning: column "name": 1 Han character is in no configured font (U+20BB7 "𠮷"); it prints as U+FFFD' build.err
	check fonts_astral_extb_warning "$([ $? = 0 ] && [ "$n" = 1 ]; echo $?)" \
	    "$(grep 'U+20BB7' build.err)"
	text xb1 | grep -qxF "Li $(printf '\357\277\275')"
	check fonts_astral_extb_placeholder $? "$(text xb1 | grep Li | head -2)"
fi
